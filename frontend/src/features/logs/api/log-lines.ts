import { useCallback } from "react";
import { useClient } from "urql";
import { graphql } from "@/gql/gql";

/** A page of stored log lines (at most 5000), for scrolling back and for the download. */
export const TaskLogLinesQuery = graphql(`
  query TaskLogLines($id: ID!, $fromLine: Int!, $limit: Int!) {
    task(id: $id) {
      id
      logLineCount
      logLines(fromLine: $fromLine, limit: $limit) {
        index
        stream
        text
      }
    }
  }
`);

export const MAX_LOG_PAGE = 5000;

/** Fetches one page of log lines; rejects with the error's message. */
export function useFetchLogLines(taskId: string) {
  const client = useClient();
  return useCallback(
    async (fromLine: number, limit: number) => {
      const result = await client
        .query(
          TaskLogLinesQuery,
          { id: taskId, fromLine, limit: Math.min(limit, MAX_LOG_PAGE) },
          { requestPolicy: "network-only" },
        )
        .toPromise();
      if (result.error) throw new Error(result.error.message);
      if (!result.data?.task) throw new Error("The task is gone.");
      return { lines: result.data.task.logLines, count: result.data.task.logLineCount };
    },
    [client, taskId],
  );
}
