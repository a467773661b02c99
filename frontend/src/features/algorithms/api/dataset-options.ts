import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

/** Datasets to run an algorithm on. */
export const RunDatasetOptionsQuery = graphql(`
  query RunDatasetOptions($search: String) {
    datasets(first: 100, ordering: [{ createdAt: DESC }], filters: { name: { iContains: $search } }) {
      totalCount
      edges {
        node {
          id
          name
          fileCount
          size
        }
      }
    }
  }
`);

export function useDatasetOptions(search: string | null, pause = false) {
  return useQuery({
    query: RunDatasetOptionsQuery,
    variables: { search },
    pause,
    requestPolicy: "cache-and-network",
  });
}
