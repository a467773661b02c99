import { describe, expect, it } from "vitest";
import { ariaSort } from "@/lib/list-sort";
import { TASK_SORTING } from "./task-sort";

const DEFAULT = TASK_SORTING.fallback;

describe("task sort", () => {
  it("reads and writes the URL form", () => {
    expect(TASK_SORTING.parse(null)).toEqual(DEFAULT);
    expect(TASK_SORTING.parse("status")).toEqual({ key: "status", descending: false });
    expect(TASK_SORTING.parse("-algorithm")).toEqual({ key: "algorithm", descending: true });
    expect(TASK_SORTING.parse("-bogus")).toEqual(DEFAULT);
    expect(TASK_SORTING.param(DEFAULT)).toBeNull();
    expect(TASK_SORTING.param({ key: "input", descending: true })).toBe("-input");
    expect(TASK_SORTING.param({ key: "created", descending: false })).toBe("created");
  });

  it("turns a column round on a second click", () => {
    const byStatus = TASK_SORTING.next(DEFAULT, "status");
    expect(byStatus).toEqual({ key: "status", descending: false });
    expect(TASK_SORTING.next(byStatus, "status")).toEqual({ key: "status", descending: true });
    expect(TASK_SORTING.next(byStatus, "created")).toEqual(DEFAULT);
    expect(ariaSort(byStatus, "status")).toBe("ascending");
    expect(ariaSort(byStatus, "created")).toBe("none");
  });

  it("orders through the API, newest first among equals", () => {
    expect(TASK_SORTING.ordering(DEFAULT)).toEqual([{ createdAt: "DESC" }]);
    expect(TASK_SORTING.ordering({ key: "algorithm", descending: true })).toEqual([
      { algorithm: { name: "DESC" } },
      { createdAt: "DESC" },
    ]);
    expect(TASK_SORTING.ordering({ key: "input", descending: false })[0]).toEqual({
      inputDataset: { name: "ASC" },
    });
  });
});
