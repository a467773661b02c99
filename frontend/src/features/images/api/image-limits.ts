import { useQuery } from "urql";
import { graphql } from "@/gql/gql";
import type { ImageLimitsQuery as ImageLimitsResult } from "@/gql/graphql";

/** What images may be on this installation: shown up front and checked before sending. */
export const ImageLimitsQuery = graphql(`
  query ImageLimits {
    installationLimits {
      maxNameLength
      maxImageBytes
      allowedRegistries
    }
  }
`);

export type ImageLimits = ImageLimitsResult["installationLimits"];

export function useImageLimits(): ImageLimits | null {
  const [result] = useQuery({ query: ImageLimitsQuery, requestPolicy: "cache-first" });
  return result.data?.installationLimits ?? null;
}
