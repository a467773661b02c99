import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const AlgorithmQuery = graphql(`
  query Algorithm($id: ID!) {
    algorithm(id: $id) {
      ...AlgorithmFields
    }
  }
`);

export function useAlgorithm(id: string) {
  return useQuery({ query: AlgorithmQuery, variables: { id } });
}
