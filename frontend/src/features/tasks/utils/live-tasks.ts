import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";
import { pkFromGlobalId } from "@/lib/relay-id";

export interface TaskListFilters {
  readonly statuses: readonly TaskStatus[];
  readonly algorithmId: string | null;
  /** The text search (`TaskFilter.search`), trimmed; empty: none. */
  readonly search?: string;
}

/**
 * Whether a task matches the text search as the server's `TaskFilter.search` does (oasis/tasks/search.py):
 * its number (`12`, `#12`), or the text in the recorded algorithm or image name, the input dataset's
 * name or the failure reason, ignoring case.
 */
export function matchesSearch(task: TaskFieldsFragment, search: string): boolean {
  const text = search.trim().toLowerCase();
  if (!text) return true;
  const number = text.replace(/^#/, "").trim();
  if (/^\d+$/.test(number) && pkFromGlobalId(task.id) === String(Number(number))) return true;
  return [
    task.spec.algorithmName,
    task.spec.imageName,
    task.inputDataset?.name ?? "",
    task.failureReason,
  ].some((value) => value.toLowerCase().includes(text));
}

export function matchesFilters(task: TaskFieldsFragment, filters: TaskListFilters): boolean {
  if (filters.statuses.length > 0 && !filters.statuses.includes(task.status)) return false;
  if (filters.algorithmId && task.algorithm?.id !== filters.algorithmId) return false;
  return matchesSearch(task, filters.search ?? "");
}

/** The GraphQL filter for the list query. */
export function toTaskFilter(filters: TaskListFilters) {
  const filter: {
    status?: { inList: string[] };
    algorithm?: { pk: string };
    search?: string;
  } = {};
  if (filters.statuses.length > 0) filter.status = { inList: [...filters.statuses] };
  if (filters.algorithmId) filter.algorithm = { pk: filters.algorithmId };
  if (filters.search) filter.search = filters.search;
  return Object.keys(filter).length > 0 ? filter : null;
}

/**
 * The page of tasks the query returned, with live updates applied: changed tasks replaced, tasks that
 * no longer match the filters dropped, and (on the first page, newest first) new matching tasks added
 * on top. Sorted by another column (`sortedByServer`) the page keeps the server's order and takes no
 * new tasks: where they belong is the server's to say, on the next fetch.
 */
export function mergeLiveTasks(
  page: readonly TaskFieldsFragment[],
  updates: ReadonlyMap<string, TaskFieldsFragment> | undefined,
  filters: TaskListFilters,
  firstPage: boolean,
  sortedByServer = false,
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
  if (sortedByServer) return { tasks: merged, added, removed };
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
