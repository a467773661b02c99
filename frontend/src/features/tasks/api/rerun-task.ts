import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const RerunTaskMutation = graphql(`
  mutation RerunTask($input: RerunTaskInput!) {
    rerunTask(input: $input) {
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

/** Runs a task's recorded spec (or its algorithm's current definition) again on the same input. */
export function useRerunTask() {
  return useMutation(RerunTaskMutation);
}
