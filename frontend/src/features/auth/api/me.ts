import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const MeQuery = graphql(`
  query Me {
    me {
      id
      username
      isStaff
    }
  }
`);

export function useMe() {
  return useQuery({ query: MeQuery, requestPolicy: "network-only" });
}
