import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const SetRegistryCredentialMutation = graphql(`
  mutation SetRegistryCredential($input: RegistryCredentialInput!) {
    setRegistryCredential(input: $input) {
      __typename
      ... on RegistryCredential {
        host
        username
        createdAt
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

/** Stores the user's login for one registry host (replacing an earlier one for that host). */
export function useSetRegistryCredential() {
  return useMutation(SetRegistryCredentialMutation);
}
