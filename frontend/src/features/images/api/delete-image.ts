import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const DeleteImageMutation = graphql(`
  mutation DeleteImage($id: ID!) {
    deleteImage(id: $id) {
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

export function useDeleteImage() {
  return useMutation(DeleteImageMutation);
}
