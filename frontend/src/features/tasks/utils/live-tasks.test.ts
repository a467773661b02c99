import { describe, expect, it } from "vitest";
import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";
import { matchesSearch, mergeLiveTasks, toTaskFilter } from "./live-tasks";

function task(
  pk: number,
  status: TaskStatus,
  createdAt: string,
  algorithmId = "QWxnb3JpdGhtOjE=",
): TaskFieldsFragment {
  return {
    id: btoa(`AlgorithmTask:${pk}`),
    status,
    exitCode: null,
    failureReason: "",
    createdAt,
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    logLineCount: 0,
    algorithm: { id: algorithmId, name: "a" },
    spec: { algorithmName: "a", imageName: "i" },
    inputDataset: null,
    outputDataset: null,
    owner: { id: "u", username: "ada" },
  };
}

const none = { statuses: [], algorithmId: null };

describe("mergeLiveTasks", () => {
  it("applies status changes and adds new tasks on top of the first page", () => {
    const page = [task(2, "QUEUED", "2026-01-02T00:00:00Z"), task(1, "SUCCEEDED", "2026-01-01T00:00:00Z")];
    const updates = new Map([
      [page[0]!.id, { ...page[0]!, status: "RUNNING" as const }],
      [btoa("AlgorithmTask:3"), task(3, "QUEUED", "2026-01-03T00:00:00Z")],
    ]);
    const merged = mergeLiveTasks(page, updates, none, true);
    expect(merged.tasks.map((t) => [t.id, t.status])).toEqual([
      [btoa("AlgorithmTask:3"), "QUEUED"],
      [page[0]!.id, "RUNNING"],
      [page[1]!.id, "SUCCEEDED"],
    ]);
    expect(merged.added).toBe(1);
    expect(mergeLiveTasks(page, updates, none, false).tasks).toHaveLength(2);
  });

  it("drops tasks that no longer match the status filter", () => {
    const page = [task(1, "RUNNING", "2026-01-01T00:00:00Z")];
    const updates = new Map([[page[0]!.id, { ...page[0]!, status: "SUCCEEDED" as const }]]);
    const merged = mergeLiveTasks(page, updates, { statuses: ["RUNNING"], algorithmId: null }, true);
    expect(merged.tasks).toEqual([]);
    expect(merged.removed).toBe(1);
  });

  it("builds the GraphQL filter from the status and algorithm choices", () => {
    expect(toTaskFilter(none)).toBeNull();
    expect(toTaskFilter({ statuses: ["QUEUED", "RUNNING"], algorithmId: btoa("Algorithm:7") })).toEqual({
      status: { inList: ["QUEUED", "RUNNING"] },
      algorithm: { pk: btoa("Algorithm:7") },
    });
  });

  it("matches the text search as the server does and keeps the server's order when sorted by a column", () => {
    const failed = {
      ...task(12, "FAILED", "2026-01-01T00:00:00Z"),
      failureReason: "Out of memory",
      inputDataset: { id: "d", name: "Scans 2024", fileCount: 1, size: 1, downloadUrl: "" },
    };
    expect(matchesSearch(failed, "#12")).toBe(true);
    expect(matchesSearch(failed, "12")).toBe(true);
    expect(matchesSearch(failed, "1")).toBe(false);
    expect(matchesSearch(failed, "MEMORY")).toBe(true);
    expect(matchesSearch(failed, "scans")).toBe(true);
    expect(matchesSearch(failed, "nothing")).toBe(false);
    expect(toTaskFilter({ ...none, search: "scans" })).toEqual({ search: "scans" });

    const page = [task(1, "QUEUED", "2026-01-01T00:00:00Z"), task(2, "RUNNING", "2026-01-02T00:00:00Z")];
    const updates = new Map([
      [page[0]!.id, { ...page[0]!, status: "RUNNING" as const }],
      [btoa("AlgorithmTask:3"), task(3, "QUEUED", "2026-01-03T00:00:00Z")],
    ]);
    const merged = mergeLiveTasks(page, updates, none, true, true);
    expect(merged.tasks.map((t) => [t.id, t.status])).toEqual([
      [page[0]!.id, "RUNNING"],
      [page[1]!.id, "RUNNING"],
    ]);
    expect(merged.added).toBe(0);
  });
});
