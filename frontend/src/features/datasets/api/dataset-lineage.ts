import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

/** Where a dataset came from: the task that made it, the task that made that task's input, ... */
export const DatasetLineageQuery = graphql(`
  query DatasetLineage($id: ID!, $maxDepth: Int!) {
    dataset(id: $id) {
      id
      producedBy {
        id
      }
      lineage(maxDepth: $maxDepth) {
        id
        status
        createdAt
        reusedFrom {
          id
        }
        algorithm {
          id
          name
        }
        spec {
          algorithmName
          imageName
          digest
        }
        inputDataset {
          id
          name
        }
      }
    }
  }
`);

export function useDatasetLineage(id: string, maxDepth = 10) {
  return useQuery({
    query: DatasetLineageQuery,
    variables: { id, maxDepth },
    requestPolicy: "cache-and-network",
  });
}
