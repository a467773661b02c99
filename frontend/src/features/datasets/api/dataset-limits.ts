import { useQuery } from "urql";
import { graphql } from "@/gql/gql";
import type { DatasetLimitsQuery as DatasetLimitsResult } from "@/gql/graphql";

/** What a dataset may hold on this installation, shown up front and checked before uploading. */
export const DatasetLimitsQuery = graphql(`
  query DatasetLimits {
    installationLimits {
      maxNameLength
      maxUploadBytes
      maxFilesPerDataset
      maxPathLength
    }
  }
`);

export type DatasetLimits = DatasetLimitsResult["installationLimits"];

/** The limits, or null until they are loaded (the server checks them in any case). */
export function useDatasetLimits(): DatasetLimits | null {
  const [result] = useQuery({ query: DatasetLimitsQuery, requestPolicy: "cache-first" });
  return result.data?.installationLimits ?? null;
}
