import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";
import type { AlgorithmOrder } from "@/gql/graphql";

export const AlgorithmsQuery = graphql(`
  query Algorithms($first: Int!, $after: String, $search: String, $ordering: [AlgorithmOrder!]!) {
    algorithms(first: $first, after: $after, filters: { name: { iContains: $search } }, ordering: $ordering) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AlgorithmFields
        }
      }
    }
  }
`);

export function useAlgorithms(variables: {
  first: number;
  after: string | null;
  search: string | null;
  ordering: AlgorithmOrder[];
}) {
  const context = useMemo(() => ({ additionalTypenames: ["Algorithm"] }), []);
  return useQuery({ query: AlgorithmsQuery, variables, context });
}
