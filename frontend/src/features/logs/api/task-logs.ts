import { useCallback } from "react";
import { useClient } from "urql";
import { graphql } from "@/gql/gql";
import type { TaskLogsSubscription as TaskLogsResult } from "@/gql/graphql";

/** Stored lines from `fromLine`, then new ones live; the last batch has `done: true`. */
export const TaskLogsSubscription = graphql(`
  subscription TaskLogs($taskId: ID!, $fromLine: Int!) {
    taskLogs(taskId: $taskId, fromLine: $fromLine) {
      taskId
      fromLine
      done
      lines {
        index
        stream
        text
      }
    }
  }
`);

export type LogBatch = TaskLogsResult["taskLogs"];

export interface LogBatchHandlers {
  readonly onBatch: (batch: LogBatch) => void;
  readonly onError: (message: string) => void;
}

/** A function that subscribes to a task's log from a line and returns how to unsubscribe. */
export function useSubscribeTaskLogs(taskId: string) {
  const client = useClient();
  return useCallback(
    (fromLine: number, { onBatch, onError }: LogBatchHandlers) => {
      const subscription = client
        .subscription(TaskLogsSubscription, { taskId, fromLine })
        .subscribe((result) => {
          if (result.data) onBatch(result.data.taskLogs);
          else if (result.error) onError(result.error.message);
        });
      return () => {
        subscription.unsubscribe();
      };
    },
    [client, taskId],
  );
}
