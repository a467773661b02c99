import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const CancelTaskMutation = graphql(`
  mutation CancelTask($id: ID!) {
    cancelTask(id: $id) {
      __typename
      ... on AlgorithmTask {
        ...TaskFields
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

export function useCancelTask() {
  return useMutation(CancelTaskMutation);
}
