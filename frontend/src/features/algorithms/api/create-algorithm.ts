import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const CreateAlgorithmMutation = graphql(`
  mutation CreateAlgorithm($input: AlgorithmInput!) {
    createAlgorithm(input: $input) {
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

export function useCreateAlgorithm() {
  return useMutation(CreateAlgorithmMutation);
}
