import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

/** Images to pick from in the algorithm form. */
export const AlgorithmImageOptionsQuery = graphql(`
  query AlgorithmImageOptions {
    images(first: 100, ordering: [{ name: ASC }]) {
      totalCount
      edges {
        node {
          id
          name
          imageRef
          source
          status
          resolvedAt
          owner {
            username
          }
        }
      }
    }
  }
`);

export function useImageOptions() {
  return useQuery({ query: AlgorithmImageOptionsQuery });
}
