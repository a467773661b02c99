import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const DeleteAlgorithmMutation = graphql(`
  mutation DeleteAlgorithm($id: ID!) {
    deleteAlgorithm(id: $id) {
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

export function useDeleteAlgorithm() {
  return useMutation(DeleteAlgorithmMutation);
}
