import type { TaskOrder } from "@/gql/graphql";
import { listSorting, type ListSort } from "@/lib/list-sort";

export type TaskSortKey = "created" | "status" | "algorithm" | "input";
export type TaskSort = ListSort<TaskSortKey>;

/** The columns the tasks list sorts by, through the API's `ordering`; newest first by default. */
export const TASK_SORTING = listSorting<TaskSortKey, TaskOrder>({
  columns: {
    created: (way) => ({ createdAt: way }),
    status: (way) => ({ status: way }),
    algorithm: (way) => ({ algorithm: { name: way } }),
    input: (way) => ({ inputDataset: { name: way } }),
  },
  fallback: { key: "created", descending: true },
  newestFirst: ["created"],
  tieBreak: { createdAt: "DESC" },
});

/** The columns' names where a sort is chosen from a list (the phone's sort selector). */
export const TASK_SORT_LABELS: Readonly<Record<TaskSortKey, string>> = {
  created: "Created",
  status: "Status",
  algorithm: "Algorithm",
  input: "Input",
};

export function isDefaultSort(sort: TaskSort): boolean {
  return TASK_SORTING.param(sort) === null;
}
