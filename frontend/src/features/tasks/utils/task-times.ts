import { durationBetween } from "@/lib/format";

/** The times a task's wait and run are measured from: the list's, the card's and the page's. */
export interface TaskTimes {
  readonly createdAt: string;
  readonly queuedAt?: string | null;
  readonly startedAt?: string | null;
  readonly finishedAt?: string | null;
}

/**
 * How long the task waited for a worker (ms): from being queued (or created, for a task never
 * queued) to its start, or to its end if it never started (cancelled while queued); still counting
 * at `now` while it waits. Null when the times cannot say.
 */
export function waitedMs(task: TaskTimes, now: number): number | null {
  return durationBetween(task.queuedAt ?? task.createdAt, task.startedAt ?? task.finishedAt ?? null, now);
}

/** How long the task ran (ms): from its start to its end, still counting at `now` while it runs. */
export function ranMs(task: TaskTimes, now: number): number | null {
  return durationBetween(task.startedAt ?? null, task.finishedAt ?? null, now);
}
