import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const DatasetsQuery = graphql(`
  query Datasets($first: Int!, $after: String, $search: String) {
    datasets(
      first: $first
      after: $after
      ordering: [{ createdAt: DESC }]
      filters: { name: { iContains: $search } }
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          size
          fileCount
          createdAt
          updatedAt
          downloadUrl
          owner {
            id
            username
          }
        }
      }
    }
  }
`);

export function useDatasets(variables: { first: number; after: string | null; search: string | null }) {
  const context = useMemo(() => ({ additionalTypenames: ["Dataset"] }), []);
  return useQuery({ query: DatasetsQuery, variables, context });
}
