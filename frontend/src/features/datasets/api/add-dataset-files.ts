import { graphql } from "@/gql/gql";
import { useUpload } from "@/lib/use-upload";

export const AddDatasetFilesMutation = graphql(`
  mutation AddDatasetFiles($input: AddDatasetFilesInput!) {
    addDatasetFiles(input: $input) {
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

export function useAddDatasetFilesUpload() {
  return useUpload(AddDatasetFilesMutation);
}
