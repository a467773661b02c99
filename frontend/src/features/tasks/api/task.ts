import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const TaskQuery = graphql(`
  query Task($id: ID!) {
    task(id: $id) {
      ...TaskFields
      specDigest
      inputDigest
      spec {
        ...TaskSpecFields
      }
      reusedFrom {
        id
      }
      rerunOf {
        id
      }
    }
  }
`);

export function useTask(id: string) {
  return useQuery({ query: TaskQuery, variables: { id }, requestPolicy: "cache-and-network" });
}
