import type { ImageStatus } from "@/gql/graphql";

export type ImageReadiness = "ready" | "pending" | "failed";

/**
 * Whether tasks can run an image: once pinned it stays runnable, even while a "pull again" is under
 * way or after one failed (the earlier pin is kept), as the server's own check does.
 */
export function imageReadiness(image: {
  readonly status: ImageStatus;
  readonly resolvedAt: string | null;
}): ImageReadiness {
  if (image.status === "READY" || image.resolvedAt !== null) return "ready";
  return image.status === "FAILED" ? "failed" : "pending";
}
