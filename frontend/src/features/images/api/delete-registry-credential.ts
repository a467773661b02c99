import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const DeleteRegistryCredentialMutation = graphql(`
  mutation DeleteRegistryCredential($host: String!) {
    deleteRegistryCredential(host: $host) {
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

export function useDeleteRegistryCredential() {
  return useMutation(DeleteRegistryCredentialMutation);
}
