import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";
import type { ImageOrder } from "@/gql/graphql";

export const ImagesQuery = graphql(`
  query Images($first: Int!, $after: String, $search: String, $ordering: [ImageOrder!]!) {
    images(first: $first, after: $after, filters: { name: { iContains: $search } }, ordering: $ordering) {
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

export function useImages(variables: {
  first: number;
  after: string | null;
  search: string | null;
  ordering: ImageOrder[];
}) {
  const context = useMemo(() => ({ additionalTypenames: ["DockerImage"] }), []);
  return useQuery({ query: ImagesQuery, variables, context });
}
