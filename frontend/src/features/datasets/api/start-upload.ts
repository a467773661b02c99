import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const StartUploadMutation = graphql(`
  mutation StartUpload($input: StartUploadInput!) {
    startUpload(input: $input) {
      __typename
      ... on UploadSession {
        id
        size
        partSize
        partCount
        direct
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

/** Opens a resumable upload session for one large file. */
export function useStartUpload() {
  return useMutation(StartUploadMutation);
}
