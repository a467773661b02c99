import type { TaskFieldsFragment } from "@/gql/graphql";

/** Most task states remembered from the live feed (the oldest are forgotten first). */
export const MAX_REMEMBERED = 1000;

export interface Scheduler {
  readonly request: (callback: () => void) => number;
  readonly cancel: (handle: number) => void;
}

const animationFrame: Scheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => {
    cancelAnimationFrame(handle);
  },
};

/**
 * Collects live task states and hands them over at most once per animation frame, newest per task.
 * While hundreds of tasks change state at once, the list then renders once a frame instead of once a
 * message (which made long tasks of 300 ms). A hidden tab runs no frames: the states wait, one per task.
 */
export function createTaskBatcher(
  flush: (tasks: readonly TaskFieldsFragment[]) => void,
  scheduler: Scheduler = animationFrame,
) {
  let pending = new Map<string, TaskFieldsFragment>();
  let handle: number | null = null;
  const run = () => {
    handle = null;
    const tasks = [...pending.values()];
    pending = new Map();
    flush(tasks);
  };
  return {
    push(task: TaskFieldsFragment) {
      pending.delete(task.id); // keep arrival order: the newest state goes last
      pending.set(task.id, task);
      handle ??= scheduler.request(run);
    },
    dispose() {
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      pending = new Map();
    },
  };
}

/** The remembered live states with a batch applied: newest per task id, in arrival order, bounded. */
export function applyTaskBatch(
  previous: ReadonlyMap<string, TaskFieldsFragment> | undefined,
  tasks: readonly TaskFieldsFragment[],
): ReadonlyMap<string, TaskFieldsFragment> {
  const next = new Map(previous);
  for (const task of tasks) {
    next.delete(task.id);
    next.set(task.id, task);
  }
  for (const id of next.keys()) {
    if (next.size <= MAX_REMEMBERED) break;
    next.delete(id);
  }
  return next;
}
