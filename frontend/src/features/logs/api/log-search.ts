import { useCallback } from "react";
import { useClient } from "urql";
import { graphql } from "@/gql/gql";

/** One page of the lines of the whole stored log that match, and how many match in all. */
export const TaskLogSearchQuery = graphql(`
  query TaskLogSearch($id: ID!, $query: String!, $first: Int!, $after: Int, $before: Int) {
    task(id: $id) {
      id
      logSearch(query: $query, first: $first, after: $after, before: $before) {
        totalCount
        matchesBefore
        nextAfter
        matches {
          index
        }
      }
    }
  }
`);

export interface LogSearchPage {
  readonly query: string;
  readonly total: number;
  /** Matches before `lines[0]`: lines[i] is match number before + i + 1. */
  readonly before: number;
  readonly lines: readonly number[];
}

export const SEARCH_PAGE = 200;

/** Searches the task's whole stored log: the page after line `after`, or before line `before`. */
export function useSearchLog(taskId: string) {
  const client = useClient();
  return useCallback(
    async (query: string, where: { after?: number; before?: number } = {}): Promise<LogSearchPage> => {
      const result = await client
        .query(
          TaskLogSearchQuery,
          { id: taskId, query, first: SEARCH_PAGE, after: where.after ?? null, before: where.before ?? null },
          { requestPolicy: "network-only" },
        )
        .toPromise();
      if (result.error) throw new Error(result.error.graphQLErrors[0]?.message ?? result.error.message);
      const found = result.data?.task?.logSearch;
      if (!found) throw new Error("The task is gone.");
      return {
        query,
        total: found.totalCount,
        before: found.matchesBefore,
        lines: found.matches.map((line) => line.index),
      };
    },
    [client, taskId],
  );
}
