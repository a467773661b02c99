import { describe, expect, it } from "vitest";
import {
  ariaSort,
  DEFAULT_TASK_SORT,
  nextTaskSort,
  parseTaskSort,
  taskSortParam,
  toTaskOrdering,
} from "./task-sort";

describe("task sort", () => {
  it("reads and writes the URL form", () => {
    expect(parseTaskSort(null)).toEqual(DEFAULT_TASK_SORT);
    expect(parseTaskSort("status")).toEqual({ key: "status", descending: false });
    expect(parseTaskSort("-algorithm")).toEqual({ key: "algorithm", descending: true });
    expect(parseTaskSort("-bogus")).toEqual(DEFAULT_TASK_SORT);
    expect(taskSortParam(DEFAULT_TASK_SORT)).toBeNull();
    expect(taskSortParam({ key: "input", descending: true })).toBe("-input");
    expect(taskSortParam({ key: "created", descending: false })).toBe("created");
  });

  it("turns a column round on a second click", () => {
    const byStatus = nextTaskSort(DEFAULT_TASK_SORT, "status");
    expect(byStatus).toEqual({ key: "status", descending: false });
    expect(nextTaskSort(byStatus, "status")).toEqual({ key: "status", descending: true });
    expect(nextTaskSort(byStatus, "created")).toEqual(DEFAULT_TASK_SORT);
    expect(ariaSort(byStatus, "status")).toBe("ascending");
    expect(ariaSort(byStatus, "created")).toBe("none");
  });

  it("orders through the API, newest first among equals", () => {
    expect(toTaskOrdering(DEFAULT_TASK_SORT)).toEqual([{ createdAt: "DESC" }]);
    expect(toTaskOrdering({ key: "algorithm", descending: true })).toEqual([
      { algorithm: { name: "DESC" } },
      { createdAt: "DESC" },
    ]);
    expect(toTaskOrdering({ key: "input", descending: false })[0]).toEqual({ inputDataset: { name: "ASC" } });
  });
});
