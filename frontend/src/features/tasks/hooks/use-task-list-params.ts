import { useCallback, useMemo } from "react";
import type { TaskStatus } from "@/gql/graphql";
import type { TaskListFilters } from "@/features/tasks/utils/live-tasks";
import { TASK_STATUSES } from "@/features/tasks/utils/status";
import { TASK_SORTING } from "@/features/tasks/utils/task-sort";
import { useListState } from "@/lib/use-list-state";

const FILTERS = ["status", "algorithm"] as const;

/**
 * The tasks list's filters, search, sort and page, kept in the URL
 * (?status=RUNNING,FAILED&algorithm=...&q=resnet&sort=-status&page=2).
 */
export function useTaskListParams() {
  const list = useListState(TASK_SORTING, FILTERS);
  const { search, setFilter } = list;
  const statusParam = list.filterValues.status ?? "";
  const algorithmId = list.filterValues.algorithm;

  const statuses = useMemo(
    () =>
      statusParam
        .split(",")
        .filter((value): value is TaskStatus => (TASK_STATUSES as readonly string[]).includes(value)),
    [statusParam],
  );
  const filters = useMemo<TaskListFilters>(
    () => ({ statuses, algorithmId, search: search.trim() }),
    [statuses, algorithmId, search],
  );
  const setStatuses = useCallback(
    (value: readonly TaskStatus[]) => {
      setFilter("status", value.join(",") || null);
    },
    [setFilter],
  );
  const setAlgorithmId = useCallback(
    (value: string | null) => {
      setFilter("algorithm", value);
    },
    [setFilter],
  );

  return { ...list, filters, statuses, algorithmId, setStatuses, setAlgorithmId };
}
