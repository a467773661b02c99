import { useCallback, useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { AbortUploadMutation } from "@/features/datasets/api/abort-upload";
import { CompleteUploadMutation } from "@/features/datasets/api/complete-upload";
import { StartUploadMutation } from "@/features/datasets/api/start-upload";
import { useFetchUploadSession } from "@/features/datasets/api/upload-session";
import { useFetchUploadSessions } from "@/features/datasets/api/upload-sessions";
import type { PickedFile } from "@/features/datasets/utils/picked-files";
import {
  createPartSender,
  finishUpload,
  uploadParts,
  type SessionShape,
  type SessionState,
} from "@/features/datasets/utils/resumable-upload";
import { getCsrfToken } from "@/lib/csrf";
import { errorMessage, errorsSentence, formErrorsFromMessages } from "@/lib/operation-info";

export type ResumablePhase = "waiting" | "uploading" | "paused" | "verifying" | "done" | "failed";

export interface ResumableItem {
  readonly path: string;
  readonly size: number;
  readonly loaded: number;
  readonly phase: ResumablePhase;
  readonly error: string | null;
  /** An unfinished session from before (same path and size) that this upload continues. */
  readonly resumes: boolean;
}

export type ResumableTarget = { readonly datasetId: string } | { readonly datasetName: string };

interface Job {
  files: readonly PickedFile[];
  index: number;
  datasetId: string | null;
  datasetName: string | null;
  sessions: Map<string, SessionShape>;
}

const putPart = createPartSender((input, init) => fetch(input, init), getCsrfToken);
const key = (path: string, size: number) => `${size}:${path}`;

/**
 * Large files one after another through resumable upload sessions, with per-file progress, pause and
 * resume, and continuing the unfinished sessions `uploadSessions` lists for the same path and size.
 */
export function useResumableUploads() {
  const [items, setItems] = useState<ResumableItem[]>([]);
  const [running, setRunning] = useState(false);
  const [previous, setPrevious] = useState<Map<string, SessionShape>>(new Map());
  const job = useRef<Job | null>(null);
  const controller = useRef<AbortController | null>(null);
  const [, startUpload] = useMutation(StartUploadMutation);
  const [, completeUpload] = useMutation(CompleteUploadMutation);
  const [, abortUpload] = useMutation(AbortUploadMutation);
  const fetchSession = useFetchUploadSession();
  const fetchSessions = useFetchUploadSessions();

  useEffect(
    () => () => {
      controller.current?.abort();
    },
    [],
  );

  const update = useCallback((path: string, change: Partial<ResumableItem>) => {
    setItems((current) => current.map((item) => (item.path === path ? { ...item, ...change } : item)));
  }, []);

  /** Looks for unfinished sessions matching `files`; those are continued rather than started again. */
  const check = useCallback(
    async (files: readonly PickedFile[]) => {
      if (files.length === 0) return;
      const result = await fetchSessions();
      const found = new Map<string, SessionShape>();
      for (const session of result.data?.uploadSessions ?? []) {
        if (session.status !== "OPEN") continue;
        found.set(key(session.path, session.size), session);
      }
      setPrevious(found);
    },
    [fetchSessions],
  );

  const sessionFor = useCallback(
    async (current: Job, item: PickedFile): Promise<SessionShape> => {
      const known = current.sessions.get(item.path) ?? previous.get(key(item.path, item.file.size));
      if (known) return known;
      const target = current.datasetId
        ? { datasetId: current.datasetId }
        : { datasetName: current.datasetName };
      const result = await startUpload({ input: { path: item.path, size: item.file.size, ...target } });
      const payload = result.data?.startUpload;
      if (result.error) throw new Error(errorMessage(result.error));
      if (!payload) throw new Error("The server sent no upload session.");
      if (payload.__typename === "OperationInfo") {
        throw new Error(errorsSentence(formErrorsFromMessages(payload.messages)));
      }
      current.sessions.set(item.path, payload);
      return payload;
    },
    [previous, startUpload],
  );

  const drive = useCallback(async (): Promise<{ datasetId: string } | null> => {
    const current = job.current;
    if (!current) return null;
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    try {
      for (; current.index < current.files.length; current.index += 1) {
        const item = current.files[current.index];
        if (!item) continue;
        update(item.path, { phase: "uploading", error: null });
        const session = await sessionFor(current, item);
        const state = await fetchSession(session.id);
        if (state.error) throw new Error(errorMessage(state.error));
        const received = (state.data?.uploadSession?.receivedParts ?? []).map((part) => part.number);
        await uploadParts({
          session,
          file: item.file,
          received,
          signal: abort.signal,
          putPart,
          partUrls: async (numbers) => {
            const answer = await fetchSession(session.id, numbers);
            if (answer.error) throw new Error(errorMessage(answer.error));
            return answer.data?.uploadSession?.partUrls ?? [];
          },
          onProgress: (loaded) => {
            update(item.path, { loaded });
          },
        });
        update(item.path, { phase: "verifying" });
        const done = await finishUpload({
          complete: async () => toState(await completeUpload({ id: session.id })),
          poll: async () => {
            const answer = await fetchSession(session.id);
            const polled = answer.data?.uploadSession;
            if (!polled) throw new Error(answer.error ? errorMessage(answer.error) : "The upload is gone.");
            return { status: polled.status, error: polled.error, datasetId: polled.dataset?.id ?? null };
          },
        });
        current.datasetId = done.datasetId;
        update(item.path, { phase: "done", loaded: item.file.size });
      }
      job.current = null;
      return current.datasetId ? { datasetId: current.datasetId } : null;
    } catch (error) {
      const item = current.files[current.index];
      if (item) {
        if (abort.signal.aborted) update(item.path, { phase: "paused" });
        else
          update(item.path, {
            phase: "failed",
            error: error instanceof Error ? error.message : String(error),
          });
      }
      return null;
    } finally {
      if (controller.current === abort) controller.current = null;
      setRunning(false);
    }
  }, [completeUpload, fetchSession, sessionFor, update]);

  /** Uploads `files` (all large) into the target; resolves with the dataset, or null when paused or failed. */
  const run = useCallback(
    (files: readonly PickedFile[], target: ResumableTarget) => {
      // Continued sessions first: the first one may be what makes the dataset.
      const resumes = (item: PickedFile) => previous.has(key(item.path, item.file.size));
      const ordered = [...files].sort((a, b) => Number(resumes(b)) - Number(resumes(a)));
      job.current = {
        files: ordered,
        index: 0,
        datasetId: "datasetId" in target ? target.datasetId : null,
        datasetName: "datasetName" in target ? target.datasetName : null,
        sessions: new Map(),
      };
      setItems(
        ordered.map((item) => ({
          path: item.path,
          size: item.file.size,
          loaded: 0,
          phase: "waiting",
          error: null,
          resumes: resumes(item),
        })),
      );
      return drive();
    },
    [drive, previous],
  );

  const pause = useCallback(() => {
    controller.current?.abort();
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    job.current = null;
    setItems([]);
  }, []);

  /** Stops the upload and drops its unfinished sessions on the server (their parts are deleted). */
  const discard = useCallback(async () => {
    controller.current?.abort();
    const sessions = [...(job.current?.sessions.values() ?? [])];
    job.current = null;
    setItems([]);
    await Promise.all(sessions.map((session) => abortUpload({ id: session.id })));
    setPrevious((current) => {
      const next = new Map(current);
      for (const [name, session] of current) {
        if (sessions.some((dropped) => dropped.id === session.id)) next.delete(name);
      }
      return next;
    });
  }, [abortUpload]);

  const paused = !running && items.some((item) => item.phase === "paused" || item.phase === "failed");
  return { items, running, paused, previous, check, run, resume: drive, pause, reset, discard };
}

function toState(result: {
  data?: {
    completeUpload:
      | {
          __typename: "UploadSession";
          status: SessionState["status"];
          error: string;
          dataset: { id: string } | null;
        }
      | { __typename: "OperationInfo"; messages: { kind: string; message: string; field: string | null }[] };
  };
  error?: Parameters<typeof errorMessage>[0];
}): SessionState {
  if (result.error) throw new Error(errorMessage(result.error));
  const payload = result.data?.completeUpload;
  if (!payload) throw new Error("The server sent no result.");
  if (payload.__typename === "OperationInfo") {
    throw new Error(errorsSentence(formErrorsFromMessages(payload.messages)));
  }
  return { status: payload.status, error: payload.error, datasetId: payload.dataset?.id ?? null };
}
