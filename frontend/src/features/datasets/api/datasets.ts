import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";
import type { DatasetOrder } from "@/gql/graphql";

export const DatasetsQuery = graphql(`
  query Datasets($first: Int!, $after: String, $search: String, $ordering: [DatasetOrder!]!) {
    datasets(first: $first, after: $after, ordering: $ordering, filters: { name: { iContains: $search } }) {
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

export function useDatasets(variables: {
  first: number;
  after: string | null;
  search: string | null;
  ordering: DatasetOrder[];
}) {
  const context = useMemo(() => ({ additionalTypenames: ["Dataset"] }), []);
  return useQuery({ query: DatasetsQuery, variables, context });
}
