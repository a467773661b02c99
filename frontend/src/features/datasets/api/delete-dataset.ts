import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const DeleteDatasetMutation = graphql(`
  mutation DeleteDataset($id: ID!) {
    deleteDataset(id: $id) {
      __typename
      ... on Deleted {
        id
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

export function useDeleteDataset() {
  return useMutation(DeleteDatasetMutation);
}
