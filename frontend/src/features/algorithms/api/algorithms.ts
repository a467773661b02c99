import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const AlgorithmsQuery = graphql(`
  query Algorithms($first: Int!, $after: String, $search: String) {
    algorithms(
      first: $first
      after: $after
      filters: { name: { iContains: $search } }
      ordering: [{ createdAt: DESC }]
    ) {
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

export function useAlgorithms(variables: { first: number; after: string | null; search: string | null }) {
  const context = useMemo(() => ({ additionalTypenames: ["Algorithm"] }), []);
  return useQuery({ query: AlgorithmsQuery, variables, context });
}
