import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const CompleteUploadMutation = graphql(`
  mutation CompleteUpload($id: ID!) {
    completeUpload(id: $id) {
      __typename
      ... on UploadSession {
        id
        status
        error
        dataset {
          id
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

/** Puts an upload whose parts all arrived into its dataset. */
export function useCompleteUpload() {
  return useMutation(CompleteUploadMutation);
}
