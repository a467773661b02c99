import { describe, expect, it, vi } from "vitest";
import {
  createPartSender,
  finishUpload,
  missingParts,
  PartUploadError,
  partRange,
  uploadParts,
  type PutPart,
  type SessionState,
} from "@/features/datasets/utils/resumable-upload";

const noWait = () => Promise.resolve();
const urlsFor = (numbers: number[]) =>
  Promise.resolve(numbers.map((number) => ({ number, url: `/api/uploads/s1/parts/${number}` })));

async function bodyText(blob: Blob): Promise<string> {
  return blob.text();
}

describe("part arithmetic", () => {
  it("gives each part its byte range, the last one short", () => {
    expect(partRange(1, 4, 10)).toEqual({ start: 0, end: 4 });
    expect(partRange(2, 4, 10)).toEqual({ start: 4, end: 8 });
    expect(partRange(3, 4, 10)).toEqual({ start: 8, end: 10 });
  });

  it("lists the parts not received", () => {
    expect(missingParts(5, [2, 4])).toEqual([1, 3, 5]);
    expect(missingParts(3, [1, 2, 3])).toEqual([]);
  });
});

describe("uploadParts", () => {
  const session = { id: "s1", size: 10, partSize: 4, partCount: 3 };
  const file = new Blob(["abcdefghij"]);

  it("sends only the missing parts, each with its own bytes", async () => {
    const sent = new Map<string, string>();
    const putPart: PutPart = async (url, body) => {
      sent.set(url, await bodyText(body));
    };
    const partUrls = vi.fn(urlsFor);
    const progress: number[] = [];
    await uploadParts({
      session,
      file,
      received: [2],
      partUrls,
      putPart,
      signal: new AbortController().signal,
      onProgress: (bytes) => progress.push(bytes),
    });
    expect(partUrls).toHaveBeenCalledWith([1, 3]);
    expect(Object.fromEntries(sent)).toEqual({
      "/api/uploads/s1/parts/1": "abcd",
      "/api/uploads/s1/parts/3": "ij",
    });
    expect(progress[0]).toBe(4);
    expect(progress[progress.length - 1]).toBe(10);
  });

  it("keeps at most `concurrency` parts in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const putPart: PutPart = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
    };
    const big = { id: "s1", size: 100, partSize: 10, partCount: 10 };
    await uploadParts({
      session: big,
      file: new Blob(["x".repeat(100)]),
      received: [],
      partUrls: urlsFor,
      putPart,
      signal: new AbortController().signal,
      concurrency: 3,
    });
    expect(most).toBe(3);
  });

  it("retries a part that failed with a lost connection or a 5xx", async () => {
    let calls = 0;
    const putPart: PutPart = () => {
      calls += 1;
      return calls === 1 ? Promise.reject(new PartUploadError("lost", true)) : Promise.resolve();
    };
    await uploadParts({
      session: { id: "s1", size: 4, partSize: 4, partCount: 1 },
      file: new Blob(["abcd"]),
      received: [],
      partUrls: urlsFor,
      putPart,
      signal: new AbortController().signal,
      wait: noWait,
    });
    expect(calls).toBe(2);
  });

  it("gives up at once on a refusal that is not retryable", async () => {
    const putPart = vi.fn<PutPart>(() => Promise.reject(new PartUploadError("HTTP 400", false)));
    await expect(
      uploadParts({
        session: { id: "s1", size: 4, partSize: 4, partCount: 1 },
        file: new Blob(["abcd"]),
        received: [],
        partUrls: urlsFor,
        putPart,
        signal: new AbortController().signal,
        wait: noWait,
      }),
    ).rejects.toThrow("HTTP 400");
    expect(putPart).toHaveBeenCalledTimes(1);
  });

  it("stops sending parts when paused", async () => {
    const controller = new AbortController();
    const putPart = vi.fn<PutPart>(() => {
      controller.abort();
      return Promise.resolve();
    });
    await expect(
      uploadParts({
        session,
        file,
        received: [],
        partUrls: urlsFor,
        putPart,
        signal: controller.signal,
        concurrency: 1,
      }),
    ).rejects.toThrow();
    expect(putPart).toHaveBeenCalledTimes(1);
  });
});

describe("createPartSender", () => {
  it("sends OASIS's own URLs with the CSRF header and the cookie", async () => {
    const fetchImpl = vi.fn<typeof fetch>(() => Promise.resolve(new Response("{}", { status: 200 })));
    const send = createPartSender(fetchImpl, () => Promise.resolve("tok"));
    await send("/api/uploads/s1/parts/1", new Blob(["ab"]), new AbortController().signal);
    const init = fetchImpl.mock.calls[0]?.[1];
    expect(init?.method).toBe("PUT");
    expect(init?.credentials).toBe("same-origin");
    expect(new Headers(init?.headers).get("X-CSRFToken")).toBe("tok");
  });

  it("sends presigned URLs without credentials, and marks 5xx retryable and 4xx not", async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(new Response("", { status: 503 }))
      .mockResolvedValueOnce(new Response("", { status: 400 }));
    const send = createPartSender(fetchImpl, () => Promise.resolve("tok"));
    const signal = new AbortController().signal;
    await expect(send("https://s3.example/b?sig", new Blob(["a"]), signal)).rejects.toMatchObject({
      retryable: true,
    });
    await expect(send("https://s3.example/b?sig", new Blob(["a"]), signal)).rejects.toMatchObject({
      retryable: false,
    });
    const init = fetchImpl.mock.calls[0]?.[1];
    expect(init?.credentials).toBe("omit");
    expect(new Headers(init?.headers).has("X-CSRFToken")).toBe(false);
  });
});

describe("finishUpload", () => {
  it("returns the dataset at once when complete", async () => {
    const poll = vi.fn<() => Promise<SessionState>>();
    const done = await finishUpload({
      complete: () => Promise.resolve({ status: "COMPLETE", error: "", datasetId: "D1" }),
      poll,
      wait: noWait,
    });
    expect(done).toEqual({ datasetId: "D1" });
    expect(poll).not.toHaveBeenCalled();
  });

  it("polls while VERIFYING until COMPLETE", async () => {
    const poll = vi
      .fn<() => Promise<SessionState>>()
      .mockResolvedValueOnce({ status: "VERIFYING", error: "", datasetId: null })
      .mockResolvedValueOnce({ status: "COMPLETE", error: "", datasetId: "D2" });
    const done = await finishUpload({
      complete: () => Promise.resolve({ status: "VERIFYING", error: "", datasetId: null }),
      poll,
      wait: noWait,
    });
    expect(done).toEqual({ datasetId: "D2" });
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it("rejects with the reason when verification FAILED", async () => {
    await expect(
      finishUpload({
        complete: () => Promise.resolve({ status: "VERIFYING", error: "", datasetId: null }),
        poll: () => Promise.resolve({ status: "FAILED", error: "SHA-256 mismatch", datasetId: null }),
        wait: noWait,
      }),
    ).rejects.toThrow("SHA-256 mismatch");
  });
});
