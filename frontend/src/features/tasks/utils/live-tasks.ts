import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";
import { pkFromGlobalId } from "@/lib/relay-id";

export interface TaskListFilters {
  readonly statuses: readonly TaskStatus[];
  readonly algorithmId: string | null;
}

export function matchesFilters(task: TaskFieldsFragment, filters: TaskListFilters): boolean {
  if (filters.statuses.length > 0 && !filters.statuses.includes(task.status)) return false;
  if (filters.algorithmId && task.algorithm?.id !== filters.algorithmId) return false;
  return true;
}

/** The GraphQL filter for the list query. */
export function toTaskFilter(filters: TaskListFilters) {
  const filter: {
    status?: { inList: string[] };
    algorithm?: { pk: string };
  } = {};
  if (filters.statuses.length > 0) filter.status = { inList: [...filters.statuses] };
  if (filters.algorithmId) filter.algorithm = { pk: filters.algorithmId };
  return Object.keys(filter).length > 0 ? filter : null;
}

/**
 * The page of tasks the query returned, with live updates applied: changed tasks replaced, tasks that
 * no longer match the filters dropped, and (on the first page) new matching tasks added on top.
 */
export function mergeLiveTasks(
  page: readonly TaskFieldsFragment[],
  updates: ReadonlyMap<string, TaskFieldsFragment> | undefined,
  filters: TaskListFilters,
  firstPage: boolean,
): { tasks: TaskFieldsFragment[]; added: number; removed: number } {
  if (!updates || updates.size === 0) return { tasks: [...page], added: 0, removed: 0 };
  const onPage = new Set(page.map((task) => task.id));
  const oldest =
    page.length > 0 ? Date.parse(page[page.length - 1]?.createdAt ?? "") : Number.NEGATIVE_INFINITY;
  let removed = 0;
  const merged: TaskFieldsFragment[] = [];
  for (const task of page) {
    const current = updates.get(task.id) ?? task;
    if (matchesFilters(current, filters)) merged.push(current);
    else removed += 1;
  }
  let added = 0;
  if (firstPage) {
    for (const task of updates.values()) {
      if (onPage.has(task.id) || !matchesFilters(task, filters)) continue;
      if (Date.parse(task.createdAt) < oldest) continue; // belongs further down, on a later page
      merged.push(task);
      added += 1;
    }
  }
  merged.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id));
  return { tasks: merged, added, removed };
}

export function taskNumber(id: string): string {
  return `#${pkFromGlobalId(id)}`;
}
