import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const AbortUploadMutation = graphql(`
  mutation AbortUpload($id: ID!) {
    abortUpload(id: $id) {
      __typename
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

/** Drops an unfinished upload and its parts. */
export function useAbortUpload() {
  return useMutation(AbortUploadMutation);
}
