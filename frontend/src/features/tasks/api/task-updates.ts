import { useSubscription } from "urql";
import { graphql } from "@/gql/gql";
import type { TaskFieldsFragment } from "@/gql/graphql";

export const TaskUpdatesSubscription = graphql(`
  subscription TaskUpdates($taskId: ID) {
    taskUpdates(taskId: $taskId) {
      ...TaskFields
    }
  }
`);

const MAX_REMEMBERED = 1000;

/**
 * Live task states from the websocket, newest per task id. Without `taskId`: every task the user may
 * see (new ones included); with it, that one task (its first message is its current state).
 */
export function useTaskUpdates(taskId: string | null, pause = false) {
  return useSubscription(
    { query: TaskUpdatesSubscription, variables: { taskId }, pause },
    (previous: ReadonlyMap<string, TaskFieldsFragment> | undefined, response) => {
      const next = new Map(previous);
      const task = response.taskUpdates;
      next.delete(task.id); // re-insert so the map stays in arrival order
      next.set(task.id, task);
      if (next.size > MAX_REMEMBERED) {
        const oldest = next.keys().next();
        if (!oldest.done) next.delete(oldest.value);
      }
      return next;
    },
  );
}
