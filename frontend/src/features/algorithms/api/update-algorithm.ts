import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const UpdateAlgorithmMutation = graphql(`
  mutation UpdateAlgorithm($id: ID!, $input: AlgorithmInput!) {
    updateAlgorithm(id: $id, input: $input) {
      __typename
      ... on Algorithm {
        ...AlgorithmFields
      }
      ... on OperationInfo {
        messages {
          kind
          message
          field
          code
        }
      }
    }
  }
`);

export function useUpdateAlgorithm() {
  return useMutation(UpdateAlgorithmMutation);
}
