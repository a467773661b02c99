import type { TaskOrder } from "@/gql/graphql";
import { direction, nextSort, parseSort, sortParam, type ListSort } from "@/lib/list-sort";

export { ariaSort } from "@/lib/list-sort";

/** The columns the tasks list sorts by, through the API's `ordering`. */
export const TASK_SORT_KEYS = ["created", "status", "algorithm", "input"] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];
export type TaskSort = ListSort<TaskSortKey>;

/** Newest first, as the list has always been; not written to the URL. */
export const DEFAULT_TASK_SORT: TaskSort = { key: "created", descending: true };
const NEWEST_FIRST: readonly TaskSortKey[] = ["created"];

/** `?sort=status` ascending, `?sort=-status` descending; anything else is the default. */
export function parseTaskSort(value: string | null): TaskSort {
  return parseSort(value, TASK_SORT_KEYS, DEFAULT_TASK_SORT);
}

export function taskSortParam(sort: TaskSort): string | null {
  return sortParam(sort, DEFAULT_TASK_SORT);
}

/** A click on a column's header: sort by it ascending (newest first for dates), or turn it round. */
export function nextTaskSort(current: TaskSort, key: TaskSortKey): TaskSort {
  return nextSort(current, key, NEWEST_FIRST);
}

export function isDefaultSort(sort: TaskSort): boolean {
  return taskSortParam(sort) === null;
}

/** The API's ordering: the column, then newest first so equal values keep a stable order. */
export function toTaskOrdering(sort: TaskSort): TaskOrder[] {
  const way = direction(sort);
  const newestFirst: TaskOrder = { createdAt: "DESC" };
  switch (sort.key) {
    case "created":
      return [{ createdAt: way }];
    case "status":
      return [{ status: way }, newestFirst];
    case "algorithm":
      return [{ algorithm: { name: way } }, newestFirst];
    case "input":
      return [{ inputDataset: { name: way } }, newestFirst];
  }
}
