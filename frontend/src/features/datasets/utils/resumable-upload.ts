/**
 * Resumable uploads of large files (README "Large files: resumable uploads"): the part arithmetic, sending
 * the missing parts a few at a time with retries, and completing. Pure logic: the GraphQL calls and
 * `fetch` are passed in, so the hook and the tests drive the same code.
 */

/** Files this large go through a resumable upload session; smaller ones stay in the multipart request. */
export const LARGE_FILE_BYTES = 8 * 1024 * 1024;

export interface SessionShape {
  readonly id: string;
  readonly size: number;
  readonly partSize: number;
  readonly partCount: number;
}

export interface PartUrl {
  readonly number: number;
  readonly url: string;
}

/** Part n (from 1) is bytes [(n-1)*partSize, min(n*partSize, size)). */
export function partRange(number: number, partSize: number, size: number): { start: number; end: number } {
  const start = (number - 1) * partSize;
  return { start, end: Math.min(number * partSize, size) };
}

/** The part numbers not in `received`, in order. */
export function missingParts(partCount: number, received: readonly number[]): number[] {
  const have = new Set(received);
  const missing: number[] = [];
  for (let number = 1; number <= partCount; number += 1) if (!have.has(number)) missing.push(number);
  return missing;
}

export function receivedBytes(session: SessionShape, received: readonly number[]): number {
  return received.reduce((sum, number) => {
    const { start, end } = partRange(number, session.partSize, session.size);
    return sum + Math.max(0, end - start);
  }, 0);
}

/** A part the server refused; `retryable` for lost connections, 5xx, 408 and 429. */
export class PartUploadError extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = "PartUploadError";
    this.retryable = retryable;
  }
}

export type PutPart = (url: string, body: Blob, signal: AbortSignal) => Promise<void>;

/**
 * PUTs a part's bytes as the raw body. OASIS's own relative URLs get the session cookie and the CSRF
 * header; absolute (presigned object-store) URLs get no credentials at all.
 */
export function createPartSender(fetchImpl: typeof fetch, csrfToken: () => Promise<string>): PutPart {
  return async (url, body, signal) => {
    const own = url.startsWith("/");
    const headers = new Headers();
    if (own) headers.set("X-CSRFToken", await csrfToken());
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: "PUT",
        body,
        headers,
        signal,
        credentials: own ? "same-origin" : "omit",
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new PartUploadError("The connection to the server was lost.", true);
    }
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      throw new PartUploadError(`A part was refused (HTTP ${response.status}).`, retryable);
    }
  };
}

export interface UploadPartsOptions {
  readonly session: SessionShape;
  readonly file: Blob;
  /** Part numbers the server already has (`receivedParts`). */
  readonly received: readonly number[];
  readonly partUrls: (numbers: number[]) => Promise<readonly PartUrl[]>;
  readonly putPart: PutPart;
  readonly signal: AbortSignal;
  /** Parts in flight at once. */
  readonly concurrency?: number;
  /** Further attempts for a part after a retryable failure. */
  readonly retries?: number;
  readonly wait?: (ms: number) => Promise<void>;
  /** Bytes the server has (received parts plus the ones sent now), after each part. */
  readonly onProgress?: (bytes: number) => void;
}

const URL_BATCH = 100;
const defaultWait = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** Sends only the missing parts; rejects with the signal's reason when aborted (pause). */
export async function uploadParts({
  session,
  file,
  received,
  partUrls,
  putPart,
  signal,
  concurrency = 3,
  retries = 3,
  wait = defaultWait,
  onProgress,
}: UploadPartsOptions): Promise<void> {
  let bytes = receivedBytes(session, received);
  onProgress?.(bytes);
  const missing = missingParts(session.partCount, received);
  // URLs in batches, asked for just before use, so presigned ones do not expire while waiting.
  for (let offset = 0; offset < missing.length; offset += URL_BATCH) {
    signal.throwIfAborted();
    const urls = await partUrls(missing.slice(offset, offset + URL_BATCH));
    const queue = [...urls];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { start, end } = partRange(next.number, session.partSize, session.size);
        await sendWithRetries(next.url, file.slice(start, end), signal, putPart, retries, wait);
        bytes += end - start;
        onProgress?.(bytes);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  }
}

async function sendWithRetries(
  url: string,
  body: Blob,
  signal: AbortSignal,
  putPart: PutPart,
  retries: number,
  wait: (ms: number) => Promise<void>,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    signal.throwIfAborted();
    try {
      await putPart(url, body, signal);
      return;
    } catch (error) {
      const retryable = error instanceof PartUploadError && error.retryable;
      if (!retryable || attempt >= retries || signal.aborted) throw error;
      await wait(500 * 2 ** attempt);
    }
  }
}

export type UploadStatusName = "OPEN" | "VERIFYING" | "COMPLETE" | "FAILED";

export interface SessionState {
  readonly status: UploadStatusName;
  readonly error: string;
  readonly datasetId: string | null;
}

export interface FinishOptions {
  /** `completeUpload`; throws with the server's message when it refuses (e.g. a part is missing). */
  readonly complete: () => Promise<SessionState>;
  /** `uploadSession(id) { status error dataset { id } }`. */
  readonly poll: () => Promise<SessionState>;
  readonly wait?: (ms: number) => Promise<void>;
  readonly intervalMs?: number;
}

/** Completes the session and, while the server is VERIFYING, polls until COMPLETE or FAILED. */
export async function finishUpload({
  complete,
  poll,
  wait = defaultWait,
  intervalMs = 1500,
}: FinishOptions): Promise<{ datasetId: string }> {
  let state = await complete();
  while (state.status === "VERIFYING") {
    await wait(intervalMs);
    state = await poll();
  }
  if (state.status !== "COMPLETE") throw new Error(state.error || "The upload did not complete.");
  if (!state.datasetId) throw new Error("The upload finished without a dataset.");
  return { datasetId: state.datasetId };
}
