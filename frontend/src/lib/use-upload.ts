import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { UploadAbortedError, uploadOperation, type UploadHandle, type UploadResult } from "./upload";

export type UploadPhase = "idle" | "uploading" | "processing" | "done" | "cancelled" | "failed";

export interface UploadState {
  readonly phase: UploadPhase;
  readonly loaded: number;
  readonly total: number;
  readonly error: string | null;
}

/** True while bytes are being sent or the server is still processing them. */
export function isUploadBusy(state: UploadState): boolean {
  return state.phase === "uploading" || state.phase === "processing";
}

const IDLE: UploadState = { phase: "idle", loaded: 0, total: 0, error: null };

export interface Upload<TData, TVariables> {
  readonly state: UploadState;
  /** Sends the operation; resolves with the response, or null when cancelled or the transport failed. */
  readonly start: (variables: TVariables) => Promise<UploadResult<TData> | null>;
  readonly cancel: () => void;
  readonly reset: () => void;
}

/** One multipart GraphQL upload at a time, with progress and cancel; aborted on unmount. */
export function useUpload<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
): Upload<TData, TVariables> {
  const [state, setState] = useState<UploadState>(IDLE);
  const handle = useRef<UploadHandle<TData> | null>(null);

  useEffect(
    () => () => {
      handle.current?.abort();
    },
    [],
  );

  const start = useCallback(
    async (variables: TVariables) => {
      handle.current?.abort();
      setState({ phase: "uploading", loaded: 0, total: 0, error: null });
      const current = uploadOperation(document, variables, {
        onProgress: ({ loaded, total }) => {
          setState({ phase: loaded >= total ? "processing" : "uploading", loaded, total, error: null });
        },
      });
      handle.current = current;
      try {
        const result = await current.result;
        if (handle.current === current) {
          setState((previous) => ({ ...previous, phase: "done", loaded: previous.total, error: null }));
        }
        return result;
      } catch (error) {
        if (handle.current !== current) return null;
        if (error instanceof UploadAbortedError) {
          setState({ ...IDLE, phase: "cancelled" });
        } else {
          const message = error instanceof Error ? error.message : String(error);
          setState((previous) => ({ ...previous, phase: "failed", error: message }));
        }
        return null;
      } finally {
        if (handle.current === current) handle.current = null;
      }
    },
    [document],
  );

  const cancel = useCallback(() => {
    handle.current?.abort();
  }, []);

  const reset = useCallback(() => {
    handle.current?.abort();
    handle.current = null;
    setState(IDLE);
  }, []);

  return { state, start, cancel, reset };
}
