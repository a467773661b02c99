import { useMemo } from "react";
import { useImageOptions } from "@/features/algorithms/api/image-options";
import { imageReadiness, type ImageReadiness } from "@/features/algorithms/utils/image-readiness";
import type { AlgorithmFieldsFragment } from "@/gql/graphql";

export interface ImageChoice {
  readonly options: readonly { readonly value: string; readonly label: string }[];
  /** Nothing to show yet: the first load is under way. */
  readonly loading: boolean;
  readonly failed: boolean;
  /** Loaded, and there is no image at all. */
  readonly noImages: boolean;
  /** Of the chosen image; "ready" when none is chosen. */
  readonly readiness: ImageReadiness;
}

/** The images the algorithm form offers, and whether tasks can run the chosen one yet. */
export function useImageChoice(
  algorithm: AlgorithmFieldsFragment | undefined,
  imageId: string | null,
): ImageChoice {
  const [images] = useImageOptions();

  const options = useMemo(() => {
    const options = (images.data?.images.edges ?? []).map(({ node }) => ({
      value: node.id,
      label:
        (node.imageRef && node.imageRef !== node.name ? `${node.name} (${node.imageRef})` : node.name) +
        (imageReadiness(node) === "ready" ? "" : ` · ${node.status.toLowerCase()}`),
    }));
    // The algorithm's image may not be among those listed (e.g. on a later page): keep it choosable.
    if (algorithm && !options.some((option) => option.value === algorithm.image.id)) {
      options.unshift({ value: algorithm.image.id, label: algorithm.image.name });
    }
    return options;
  }, [images.data, algorithm]);

  const savedImage = algorithm?.image;
  const chosenImage =
    images.data?.images.edges.find(({ node }) => node.id === imageId)?.node ??
    (savedImage?.id === imageId ? savedImage : undefined);

  return {
    options,
    loading: images.fetching && !images.data,
    failed: Boolean(images.error),
    noImages: images.data?.images.edges.length === 0,
    readiness: chosenImage ? imageReadiness(chosenImage) : "ready",
  };
}
