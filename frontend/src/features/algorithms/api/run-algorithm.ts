import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const RunAlgorithmMutation = graphql(`
  mutation RunAlgorithm($input: RunAlgorithmInput!) {
    runAlgorithm(input: $input) {
      __typename
      ... on AlgorithmTask {
        id
        status
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

export function useRunAlgorithm() {
  return useMutation(RunAlgorithmMutation);
}
