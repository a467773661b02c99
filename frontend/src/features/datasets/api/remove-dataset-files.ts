import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const RemoveDatasetFilesMutation = graphql(`
  mutation RemoveDatasetFiles($input: RemoveDatasetFilesInput!) {
    removeDatasetFiles(input: $input) {
      __typename
      ... on Dataset {
        id
        fileCount
        size
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

export function useRemoveDatasetFiles() {
  return useMutation(RemoveDatasetFilesMutation);
}
