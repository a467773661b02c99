import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";
import { taskNumber } from "@/features/tasks/utils/live-tasks";
import { isActive, STATUS_META } from "@/features/tasks/utils/status";

export type EndStatus = Extract<TaskStatus, "SUCCEEDED" | "FAILED" | "CANCELLED">;

/** A task of the user's that ended while the dashboard was open. */
export interface TaskEnding {
  readonly id: string;
  readonly status: EndStatus;
  readonly title: string;
  readonly message: string;
}

/**
 * The tasks in `tasks` that ended since they were last seen: the user's own, now finished, seen
 * running before or finished after `since` (so a task that ended before the page opened says
 * nothing). `known` remembers each task's last status across calls and is updated.
 */
export function newEndings(
  tasks: Iterable<TaskFieldsFragment>,
  known: Map<string, TaskStatus>,
  { userId, since }: { readonly userId: string; readonly since: number },
): TaskEnding[] {
  const endings: TaskEnding[] = [];
  for (const task of tasks) {
    const before = known.get(task.id);
    known.set(task.id, task.status);
    if (before === task.status || isActive(task.status) || task.owner.id !== userId) continue;
    const finished = task.finishedAt ? Date.parse(task.finishedAt) : Number.NaN;
    const wasRunning = before !== undefined && isActive(before);
    if (!wasRunning && !(finished >= since)) continue;
    endings.push(describeEnding(task, task.status as EndStatus));
  }
  return endings;
}

export function describeEnding(task: TaskFieldsFragment, status: EndStatus): TaskEnding {
  const name = task.algorithm?.name ?? task.spec.algorithmName;
  const title = `Task ${taskNumber(task.id)} ${STATUS_META[status].label.toLowerCase()}`;
  let message = `${name} on ${task.inputDataset?.name ?? "a deleted dataset"}`;
  if (status === "FAILED" && task.failureReason) message += `: ${task.failureReason}`;
  else if (status === "SUCCEEDED") {
    message += task.outputDataset ? `, output in ${task.outputDataset.name}` : ", no output files";
  }
  return { id: task.id, status, title, message };
}

/** The tab's dot: red while an unseen task failed, else green for an unseen success. */
export function badgeFor(unseen: readonly TaskEnding[]): "failed" | "succeeded" | null {
  if (unseen.some((ending) => ending.status === "FAILED")) return "failed";
  if (unseen.some((ending) => ending.status === "SUCCEEDED")) return "succeeded";
  return null;
}

/** More endings than this at once become one summary notice instead of one notice each. */
export const MAX_SEPARATE_NOTICES = 3;

export type EndingCounts = Readonly<Record<EndStatus, number>>;

export const NO_ENDINGS: EndingCounts = { SUCCEEDED: 0, FAILED: 0, CANCELLED: 0 };

/** `counts` with `endings` added. */
export function countEndings(counts: EndingCounts, endings: readonly TaskEnding[]): EndingCounts {
  const next = { ...counts };
  for (const ending of endings) next[ending.status] += 1;
  return next;
}

/** The summary notice of many endings: "150 tasks ended", "2 failed, 148 cancelled". */
export function describeSummary(counts: EndingCounts): { title: string; message: string } {
  const total = counts.SUCCEEDED + counts.FAILED + counts.CANCELLED;
  const parts = (["FAILED", "SUCCEEDED", "CANCELLED"] as const)
    .filter((status) => counts[status] > 0)
    .map((status) => `${String(counts[status])} ${STATUS_META[status].label.toLowerCase()}`);
  return { title: `${String(total)} tasks ended`, message: parts.join(", ") };
}
