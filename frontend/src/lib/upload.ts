/**
 * GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec) over
 * XMLHttpRequest, which, unlike fetch, reports upload progress and can be aborted.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { getCsrfToken } from "./csrf";

export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

export interface UploadResult<TData> {
  readonly data: TData | null;
  readonly errors: readonly { message: string }[];
}

export interface UploadHandle<TData> {
  readonly result: Promise<UploadResult<TData>>;
  readonly abort: () => void;
}

export class UploadAbortedError extends Error {
  constructor() {
    super("The upload was cancelled.");
    this.name = "UploadAbortedError";
  }
}

interface ExtractedFile {
  readonly file: File;
  readonly paths: string[];
}

/** Replaces every File in `value` by null and lists where each was (`variables.input.files.0`). */
export function extractFiles(value: unknown, path = "variables"): { clone: unknown; files: ExtractedFile[] } {
  const files: ExtractedFile[] = [];
  const seen = new Map<File, ExtractedFile>();
  const walk = (node: unknown, at: string): unknown => {
    if (node instanceof File) {
      const known = seen.get(node);
      if (known) known.paths.push(at);
      else {
        const entry = { file: node, paths: [at] };
        seen.set(node, entry);
        files.push(entry);
      }
      return null;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${at}.${index}`));
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node as Record<string, unknown>).map(([key, item]) => [
          key,
          walk(item, `${at}.${key}`),
        ]),
      );
    }
    return node;
  };
  return { clone: walk(value, path), files };
}

export interface UploadOptions {
  readonly url?: string;
  readonly onProgress?: (progress: UploadProgress) => void;
}

export function uploadOperation<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  { url = "/graphql", onProgress }: UploadOptions = {},
): UploadHandle<TData> {
  const xhr = new XMLHttpRequest();
  const state = { aborted: false };

  const result = (async () => {
    const token = await getCsrfToken();
    if (state.aborted) throw new UploadAbortedError();
    const { clone, files } = extractFiles(variables);
    const body = new FormData();
    body.append("operations", JSON.stringify({ query: print(document), variables: clone }));
    body.append("map", JSON.stringify(Object.fromEntries(files.map((entry, index) => [index, entry.paths]))));
    files.forEach((entry, index) => {
      body.append(String(index), entry.file, entry.file.name);
    });

    return new Promise<UploadResult<TData>>((resolve, reject) => {
      xhr.open("POST", url);
      xhr.withCredentials = true;
      xhr.setRequestHeader("X-CSRFToken", token);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
      };
      xhr.onabort = () => {
        reject(new UploadAbortedError());
      };
      xhr.onerror = () => {
        reject(new Error("The upload failed: the connection to the server was lost."));
      };
      xhr.onload = () => {
        resolve(parseResponse<TData>(xhr.status, xhr.responseText));
      };
      xhr.send(body);
    });
  })();

  return {
    result,
    abort: () => {
      state.aborted = true;
      xhr.abort();
    },
  };
}

function parseResponse<TData>(status: number, text: string): UploadResult<TData> {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: a proxy or Django error page; fall through to the status message.
  }
  if (parsed !== null && typeof parsed === "object") {
    const body = parsed as { data?: TData | null; errors?: { message: string }[] };
    if (body.data !== undefined || body.errors !== undefined) {
      return { data: body.data ?? null, errors: body.errors ?? [] };
    }
  }
  const reason =
    status === 413
      ? "The upload is larger than the server accepts."
      : status === 403
        ? "The server refused the upload (are you still signed in?)."
        : `The server answered HTTP ${status}.`;
  return { data: null, errors: [{ message: reason }] };
}
