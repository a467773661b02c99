import { graphql } from "@/gql/gql";
import { useUpload } from "@/lib/use-upload";

export const CreateDatasetMutation = graphql(`
  mutation CreateDataset($input: CreateDatasetInput!) {
    createDataset(input: $input) {
      __typename
      ... on Dataset {
        id
        name
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

/** Creates a dataset from files in one multipart request, with progress and cancel. */
export function useCreateDatasetUpload() {
  return useUpload(CreateDatasetMutation);
}
