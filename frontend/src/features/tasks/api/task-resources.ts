import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

/** CPU and memory sampled over the run, the peak and the limit (null until there are samples). */
export const TaskResourcesQuery = graphql(`
  query TaskResources($id: ID!) {
    task(id: $id) {
      id
      resources {
        peakMemoryBytes
        memoryLimitBytes
        samples {
          seconds
          cpuPercent
          memoryBytes
        }
      }
    }
  }
`);

export function useTaskResources(id: string) {
  return useQuery({ query: TaskResourcesQuery, variables: { id }, requestPolicy: "cache-and-network" });
}
