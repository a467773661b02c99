import { describe, expect, it } from "vitest";
import { badgeFor, newEndings } from "@/features/tasks/utils/task-endings";
import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";

const ME = "VXNlcjox";

function task(pk: number, status: TaskStatus, extra: Partial<TaskFieldsFragment> = {}): TaskFieldsFragment {
  return {
    id: btoa(`AlgorithmTask:${String(pk)}`),
    status,
    exitCode: status === "FAILED" ? 2 : null,
    failureReason: status === "FAILED" ? "exit code 2" : "",
    createdAt: "2026-01-01T00:00:00Z",
    queuedAt: null,
    startedAt: null,
    finishedAt: status === "RUNNING" || status === "QUEUED" ? null : "2026-01-01T00:01:00Z",
    logLineCount: 0,
    algorithm: { id: "QWxnb3JpdGhtOjE=", name: "concat" },
    spec: { algorithmName: "concat", imageName: "busybox" },
    inputDataset: { id: "RGF0YXNldDox", name: "inputs", fileCount: 1, size: 1, downloadUrl: "/d" },
    outputDataset: null,
    owner: { id: ME, username: "ada" },
    ...extra,
  };
}

const LATER = Date.parse("2026-01-01T00:00:30Z");

describe("newEndings", () => {
  it("reports a task of mine seen running that ends, once", () => {
    const known = new Map<string, TaskStatus>();
    expect(newEndings([task(1, "RUNNING")], known, { userId: ME, since: LATER })).toEqual([]);
    const [ending] = newEndings([task(1, "FAILED")], known, { userId: ME, since: LATER });
    expect(ending).toEqual({
      id: task(1, "FAILED").id,
      status: "FAILED",
      title: "Task #1 failed",
      message: "concat on inputs: exit code 2",
    });
    expect(newEndings([task(1, "FAILED")], known, { userId: ME, since: LATER })).toEqual([]);
  });

  it("reports a task first seen finished only if it finished after the page opened", () => {
    const known = new Map<string, TaskStatus>();
    const old = task(2, "SUCCEEDED", { finishedAt: "2026-01-01T00:00:10Z" });
    expect(newEndings([old], known, { userId: ME, since: LATER })).toEqual([]);
    const fresh = task(3, "SUCCEEDED", {
      outputDataset: { id: "RGF0YXNldDo5", name: "task 3 output", fileCount: 1, size: 1, downloadUrl: "/x" },
    });
    expect(newEndings([fresh], known, { userId: ME, since: LATER })[0]?.message).toBe(
      "concat on inputs, output in task 3 output",
    );
  });

  it("ignores other people's tasks", () => {
    const known = new Map<string, TaskStatus>([[task(4, "RUNNING").id, "RUNNING"]]);
    const theirs = task(4, "CANCELLED", { owner: { id: "VXNlcjoy", username: "bob" } });
    expect(newEndings([theirs], known, { userId: ME, since: LATER })).toEqual([]);
  });

  it("puts a red dot for any failure, green for successes only", () => {
    const failed = { id: "a", status: "FAILED", title: "", message: "" } as const;
    const ok = { id: "b", status: "SUCCEEDED", title: "", message: "" } as const;
    const cancelled = { id: "c", status: "CANCELLED", title: "", message: "" } as const;
    expect(badgeFor([ok, failed])).toBe("failed");
    expect(badgeFor([ok, cancelled])).toBe("succeeded");
    expect(badgeFor([cancelled])).toBeNull();
    expect(badgeFor([])).toBeNull();
  });
});
