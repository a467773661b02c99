import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

/** Algorithms to filter the tasks table by. */
export const TaskAlgorithmOptionsQuery = graphql(`
  query TaskAlgorithmOptions {
    algorithms(first: 100, ordering: [{ name: ASC }]) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export function useAlgorithmOptions() {
  return useQuery({ query: TaskAlgorithmOptionsQuery });
}
