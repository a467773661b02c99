import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "@/gql/gql";

export const RegistryCredentialsQuery = graphql(`
  query RegistryCredentials {
    registryCredentials {
      host
      username
      createdAt
    }
  }
`);

export function useRegistryCredentials() {
  const context = useMemo(() => ({ additionalTypenames: ["RegistryCredential"] }), []);
  return useQuery({ query: RegistryCredentialsQuery, context });
}
