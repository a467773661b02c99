import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const ImagesQuery = graphql(`
  query Images($first: Int!, $after: String, $search: String) {
    images(
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
          id
          name
          imageRef
          status
          progress
          failureReason
          imageId
          repoDigest
          resolvedAt
          size
          architecture
          isPublic
          createdAt
          source
          owner {
            id
            username
          }
        }
      }
    }
  }
`);

export function useImages(variables: { first: number; after: string | null; search: string | null }) {
  const context = useMemo(() => ({ additionalTypenames: ["DockerImage"] }), []);
  return useQuery({ query: ImagesQuery, variables, context });
}
