import { useQuery } from "urql";
import { graphql } from "@/gql/gql";
import type { AlgorithmLimitsQuery as AlgorithmLimitsResult } from "@/gql/graphql";

/** The installation's bounds on what an algorithm asks for, shown up front and checked before sending. */
export const AlgorithmLimitsQuery = graphql(`
  query AlgorithmLimits {
    installationLimits {
      maxNameLength
      minMemoryMb
      maxMemoryMb
      defaultMemoryMb
      minCpus
      maxCpus
      defaultCpus
      minTimeoutS
      maxTimeoutS
      defaultTimeoutS
      allowNetwork
    }
  }
`);

export type AlgorithmLimits = AlgorithmLimitsResult["installationLimits"];

/** The limits, or null until they are loaded (the form then leaves the ranges to the server). */
export function useAlgorithmLimits(): AlgorithmLimits | null {
  const [result] = useQuery({ query: AlgorithmLimitsQuery, requestPolicy: "cache-first" });
  return result.data?.installationLimits ?? null;
}
