import { Badge, Loader, Stack, Text } from "@mantine/core";
import type { ImageSource, ImageStatus } from "@/gql/graphql";
import { formatRelative } from "@/lib/format";

const META: Readonly<Record<ImageStatus, { label: string; color: string }>> = {
  PENDING: { label: "Pending", color: "yellow" },
  READY: { label: "Ready", color: "teal" },
  FAILED: { label: "Failed", color: "red" },
};

interface ImageStatusProps {
  readonly status: ImageStatus;
  readonly source: ImageSource;
  /** While PENDING: how far the pull is. */
  readonly progress: string;
  /** When FAILED: why. */
  readonly failureReason: string;
  /** When the image was last pinned; a failed or running "pull again" keeps that pin for tasks. */
  readonly resolvedAt: string | null;
}

/** Where an image is: being pulled or verified (with progress), ready to run, or failed (with why). */
export function ImageStatusCell({ status, source, progress, failureReason, resolvedAt }: ImageStatusProps) {
  const meta = META[status];
  const pending = status === "PENDING";
  return (
    <Stack gap={2} maw={280}>
      <div>
        <Badge
          color={meta.color}
          variant="light"
          size="sm"
          radius="sm"
          leftSection={pending ? <Loader size={10} type="oval" color={meta.color} /> : undefined}
          data-image-status={status}
          aria-label={`Image status: ${meta.label}`}
        >
          {meta.label}
        </Badge>
      </div>
      {pending ? (
        <Text size="xs" c="dimmed" style={{ whiteSpace: "normal" }} aria-live="polite">
          {progress || (source === "REFERENCE" ? "Waiting to be pulled…" : "Being verified…")}
        </Text>
      ) : null}
      {status === "FAILED" && failureReason ? (
        <Text size="xs" c="red" style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>
          {failureReason}
        </Text>
      ) : null}
      {status !== "READY" && resolvedAt ? (
        <Text size="xs" c="dimmed" style={{ whiteSpace: "normal" }}>
          Tasks still run the image pinned {formatRelative(resolvedAt)}.
        </Text>
      ) : null}
    </Stack>
  );
}
