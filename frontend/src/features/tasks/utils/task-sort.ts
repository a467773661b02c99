import type { Ordering, TaskOrder } from "@/gql/graphql";

/** The columns the tasks list sorts by, through the API's `ordering`. */
export const TASK_SORT_KEYS = ["created", "status", "algorithm", "input"] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];

export interface TaskSort {
  readonly key: TaskSortKey;
  readonly descending: boolean;
}

/** Newest first, as the list has always been; not written to the URL. */
export const DEFAULT_TASK_SORT: TaskSort = { key: "created", descending: true };

/** `?sort=status` ascending, `?sort=-status` descending; anything else is the default. */
export function parseTaskSort(value: string | null): TaskSort {
  const descending = value?.startsWith("-") ?? false;
  const key = descending ? value?.slice(1) : value;
  const known = TASK_SORT_KEYS.find((candidate) => candidate === key);
  return known ? { key: known, descending } : DEFAULT_TASK_SORT;
}

export function sortParam(sort: TaskSort): string | null {
  if (sort.key === DEFAULT_TASK_SORT.key && sort.descending === DEFAULT_TASK_SORT.descending) return null;
  return `${sort.descending ? "-" : ""}${sort.key}`;
}

/** A click on a column's header: sort by it ascending (newest first for dates), or turn it round. */
export function nextTaskSort(current: TaskSort, key: TaskSortKey): TaskSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key === "created" };
}

export function isDefaultSort(sort: TaskSort): boolean {
  return sortParam(sort) === null;
}

/** The API's ordering: the column, then newest first so equal values keep a stable order. */
export function toTaskOrdering(sort: TaskSort): TaskOrder[] {
  const direction: Ordering = sort.descending ? "DESC" : "ASC";
  const newestFirst: TaskOrder = { createdAt: "DESC" };
  switch (sort.key) {
    case "created":
      return [{ createdAt: direction }];
    case "status":
      return [{ status: direction }, newestFirst];
    case "algorithm":
      return [{ algorithm: { name: direction } }, newestFirst];
    case "input":
      return [{ inputDataset: { name: direction } }, newestFirst];
  }
}

/** The `aria-sort` of a column's header. */
export function ariaSort(sort: TaskSort, key: TaskSortKey): "ascending" | "descending" | "none" {
  if (sort.key !== key) return "none";
  return sort.descending ? "descending" : "ascending";
}
