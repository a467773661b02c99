import { useCallback } from "react";
import { useClient } from "urql";
import { graphql } from "@/gql/gql";
import type { TaskLogsSubscription as TaskLogsResult } from "@/gql/graphql";

/**
 * Stored lines from `fromLine`, then new ones live; the last batch has `done: true`. Lines come as runs
 * of one stream (a few objects per batch rather than one per line: cheaper for the server to send to
 * many viewers and for the browser to parse); `toLogBatch` turns them back into lines.
 */
export const TaskLogsSubscription = graphql(`
  subscription TaskLogs($taskId: ID!, $fromLine: Int!) {
    taskLogs(taskId: $taskId, fromLine: $fromLine) {
      taskId
      fromLine
      done
      runs {
        stream
        text
      }
    }
  }
`);

type RawLogBatch = TaskLogsResult["taskLogs"];
type LogStream = RawLogBatch["runs"][number]["stream"];

export interface LogLine {
  readonly index: number;
  readonly stream: LogStream;
  readonly text: string;
}

export interface LogBatch {
  readonly taskId: string;
  readonly fromLine: number;
  readonly done: boolean;
  readonly lines: readonly LogLine[];
}

/** A batch's runs as lines: line `fromLine + i` is the i-th line of the runs in order. */
export function toLogBatch(raw: RawLogBatch): LogBatch {
  const lines: LogLine[] = [];
  for (const run of raw.runs) {
    for (const text of run.text.split("\n")) {
      lines.push({ index: raw.fromLine + lines.length, stream: run.stream, text });
    }
  }
  return { taskId: raw.taskId, fromLine: raw.fromLine, done: raw.done, lines };
}

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
          if (result.data) onBatch(toLogBatch(result.data.taskLogs));
          else if (result.error) onError(result.error.message);
        });
      return () => {
        subscription.unsubscribe();
      };
    },
    [client, taskId],
  );
}
