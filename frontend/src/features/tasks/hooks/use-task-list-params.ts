import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { TaskStatus } from "@/gql/graphql";
import type { TaskListFilters } from "@/features/tasks/utils/live-tasks";
import { parseTaskSort, taskSortParam, type TaskSort } from "@/features/tasks/utils/task-sort";
import { TASK_STATUSES } from "@/features/tasks/utils/status";
import type { CursorPager } from "@/lib/use-cursor-pager";

/**
 * The cursor of the item before `offset`, as strawberry's relay connections make them
 * (base64 of "arrayconnection:<offset>", strawberry/relay/types.py PREFIX): a page number in the URL
 * becomes the `after` of that page without walking the pages before it.
 */
export function offsetCursor(offset: number): string {
  return btoa(`arrayconnection:${String(offset)}`);
}

/**
 * The tasks list's filters, search, sort and page, kept in the URL
 * (?status=RUNNING,FAILED&algorithm=...&q=resnet&sort=-status&page=2).
 */
export function useTaskListParams(pageSize: number) {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status") ?? "";
  const algorithmId = params.get("algorithm");
  const search = params.get("q") ?? "";
  const sortValue = params.get("sort");
  const sort = useMemo(() => parseTaskSort(sortValue), [sortValue]);
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);

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

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      });
    },
    [setParams],
  );

  const setStatuses = useCallback(
    (value: readonly TaskStatus[]) => {
      update({ status: value.join(",") || null, page: null });
    },
    [update],
  );
  const setAlgorithmId = useCallback(
    (value: string | null) => {
      update({ algorithm: value, page: null });
    },
    [update],
  );
  const setSearch = useCallback(
    (value: string) => {
      update({ q: value, page: null });
    },
    [update],
  );
  const setSort = useCallback(
    (value: TaskSort) => {
      update({ sort: taskSortParam(value), page: null });
    },
    [update],
  );
  const setPage = useCallback(
    (value: number) => {
      update({ page: value > 1 ? String(value) : null });
    },
    [update],
  );

  const pager = useMemo<CursorPager>(
    () => ({
      after: page > 1 ? offsetCursor((page - 1) * pageSize - 1) : null,
      page,
      next: () => {
        setPage(page + 1);
      },
      previous: () => {
        setPage(page - 1);
      },
      reset: () => {
        setPage(1);
      },
    }),
    [page, pageSize, setPage],
  );

  return {
    filters,
    statuses,
    algorithmId,
    search,
    sort,
    setStatuses,
    setAlgorithmId,
    setSearch,
    setSort,
    pager,
  };
}
