import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const CancelTasksMutation = graphql(`
  mutation CancelTasks($ids: [ID!]!) {
    cancelTasks(ids: $ids) {
      __typename
      ... on CancelTasksResult {
        cancelledCount
        results {
          id
          code
          message
          task {
            ...TaskFields
          }
        }
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

/** Cancels up to 100 tasks at once; each id's outcome comes back (already finished, not found, ...). */
export function useCancelTasks() {
  return useMutation(CancelTasksMutation);
}
