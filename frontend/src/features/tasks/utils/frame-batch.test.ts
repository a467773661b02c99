import { describe, expect, it, vi } from "vitest";
import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";
import { applyTaskBatch, createTaskBatcher, MAX_REMEMBERED, type Scheduler } from "./frame-batch";

function task(pk: number, status: TaskStatus = "QUEUED"): TaskFieldsFragment {
  return {
    id: btoa(`AlgorithmTask:${pk}`),
    status,
    exitCode: null,
    failureReason: "",
    createdAt: "2026-01-01T00:00:00Z",
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    logLineCount: 0,
    algorithm: null,
    spec: { algorithmName: "a", imageName: "i" },
    inputDataset: null,
    outputDataset: null,
    owner: { id: "u", username: "ada" },
  };
}

/** Frames run when the test says so. */
function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const scheduler: Scheduler = {
    request: (callback) => {
      callbacks.set(next, callback);
      return next++;
    },
    cancel: (handle) => {
      callbacks.delete(handle);
    },
  };
  const frame = () => {
    const due = [...callbacks.values()];
    callbacks.clear();
    for (const callback of due) callback();
  };
  return { scheduler, frame, pending: () => callbacks.size };
}

describe("createTaskBatcher", () => {
  it("hands over 300 state changes in one flush per frame, newest state per task", () => {
    const frames = manualFrames();
    const flush = vi.fn<(tasks: readonly TaskFieldsFragment[]) => void>();
    const batcher = createTaskBatcher(flush, frames.scheduler);
    for (let pk = 1; pk <= 100; pk += 1) {
      batcher.push(task(pk, "QUEUED"));
      batcher.push(task(pk, "RUNNING"));
      batcher.push(task(pk, "SUCCEEDED"));
    }
    expect(flush).not.toHaveBeenCalled();
    expect(frames.pending()).toBe(1); // one frame asked for, not 300
    frames.frame();
    expect(flush).toHaveBeenCalledTimes(1);
    const [tasks] = flush.mock.calls[0]!;
    expect(tasks).toHaveLength(100);
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(["SUCCEEDED"]));

    batcher.push(task(7, "FAILED"));
    frames.frame();
    expect(flush).toHaveBeenCalledTimes(2);
    expect(flush.mock.calls[1]![0].map((t) => t.status)).toEqual(["FAILED"]);
    frames.frame(); // nothing new: no flush
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it("drops what is pending when disposed", () => {
    const frames = manualFrames();
    const flush = vi.fn();
    const batcher = createTaskBatcher(flush, frames.scheduler);
    batcher.push(task(1));
    batcher.dispose();
    frames.frame();
    expect(flush).not.toHaveBeenCalled();
  });
});

describe("applyTaskBatch", () => {
  it("keeps the newest state per task in arrival order and forgets the oldest past the bound", () => {
    const first = applyTaskBatch(undefined, [task(1), task(2)]);
    const second = applyTaskBatch(first, [task(1, "RUNNING")]);
    expect([...second.keys()]).toEqual([task(2).id, task(1).id]);
    expect(second.get(task(1).id)?.status).toBe("RUNNING");
    expect(first.get(task(1).id)?.status).toBe("QUEUED"); // not changed in place

    const many = applyTaskBatch(
      second,
      Array.from({ length: MAX_REMEMBERED }, (_, i) => task(i + 10)),
    );
    expect(many.size).toBe(MAX_REMEMBERED);
    expect(many.has(task(2).id)).toBe(false);
  });
});
