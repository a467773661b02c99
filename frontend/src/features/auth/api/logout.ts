import { useMutation } from "urql";
import { graphql } from "@/gql/gql";

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export function useLogout() {
  return useMutation(LogoutMutation);
}
