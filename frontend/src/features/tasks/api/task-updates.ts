import { useEffect, useState } from "react";
import { useClient, type CombinedError } from "urql";
import { graphql } from "@/gql/gql";
import type { TaskFieldsFragment } from "@/gql/graphql";
import { applyTaskBatch, createTaskBatcher } from "@/features/tasks/utils/frame-batch";

export const TaskUpdatesSubscription = graphql(`
  subscription TaskUpdates($taskId: ID) {
    taskUpdates(taskId: $taskId) {
      ...TaskFields
    }
  }
`);

interface TaskUpdates {
  /** Newest state per task id, in arrival order. */
  readonly data?: ReadonlyMap<string, TaskFieldsFragment>;
  readonly error?: CombinedError;
}

/**
 * Live task states from the websocket, newest per task id. Without `taskId`: every task the user may
 * see (new ones included); with it, that one task (its first message is its current state). Messages
 * are applied once per animation frame, however many arrive (`createTaskBatcher`).
 */
export function useTaskUpdates(taskId: string | null, pause = false) {
  const client = useClient();
  const [state, setState] = useState<TaskUpdates>({});
  useEffect(() => {
    if (pause) return undefined;
    const batcher = createTaskBatcher((tasks) => {
      setState((previous) => ({ data: applyTaskBatch(previous.data, tasks) }));
    });
    const subscription = client.subscription(TaskUpdatesSubscription, { taskId }).subscribe((result) => {
      if (result.data) batcher.push(result.data.taskUpdates);
      else if (result.error) {
        const error = result.error;
        setState((previous) => ({ ...previous, error }));
      }
    });
    return () => {
      subscription.unsubscribe();
      batcher.dispose();
    };
  }, [client, taskId, pause]);
  return [state] as const;
}
