import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";
import type { TaskFilter, TaskOrder } from "@/gql/graphql";

export const TasksQuery = graphql(`
  query Tasks($first: Int!, $after: String, $filters: TaskFilter, $ordering: [TaskOrder!]!) {
    tasks(first: $first, after: $after, filters: $filters, ordering: $ordering) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TaskFields
        }
      }
    }
  }
`);

export function useTasks(variables: {
  first: number;
  after: string | null;
  filters: TaskFilter | null;
  ordering: TaskOrder[];
}) {
  const context = useMemo(() => ({ additionalTypenames: ["AlgorithmTask"] }), []);
  return useQuery({ query: TasksQuery, variables, context });
}
