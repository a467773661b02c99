import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      __typename
      ... on User {
        id
        username
        isStaff
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

export function useLogin() {
  return useMutation(LoginMutation);
}
