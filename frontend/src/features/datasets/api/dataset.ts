import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const DatasetQuery = graphql(`
  query Dataset($id: ID!, $first: Int!, $after: String) {
    dataset(id: $id) {
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
      files(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            path
            size
            sha256
            downloadUrl
          }
        }
      }
    }
  }
`);

export function useDataset(variables: { id: string; first: number; after: string | null }) {
  const context = useMemo(() => ({ additionalTypenames: ["DatasetFile"] }), []);
  return useQuery({ query: DatasetQuery, variables, context });
}
