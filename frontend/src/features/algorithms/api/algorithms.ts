import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const AlgorithmsQuery = graphql(`
  query Algorithms($first: Int!, $after: String) {
    algorithms(first: $first, after: $after, ordering: [{ createdAt: DESC }]) {
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

export function useAlgorithms(variables: { first: number; after: string | null }) {
  const context = useMemo(() => ({ additionalTypenames: ["Algorithm"] }), []);
  return useQuery({ query: AlgorithmsQuery, variables, context });
}
