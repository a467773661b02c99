import { Button, Group, Progress, Stack, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { formatBytes } from "@/lib/format";
import { isUploadBusy, type UploadState } from "@/lib/use-upload";

interface UploadProgressProps {
  readonly state: UploadState;
  readonly onCancel: () => void;
  readonly label?: string;
}

/** Total progress of an upload, with a cancel button while bytes are still being sent. */
export function UploadProgress({ state, onCancel, label = "Upload" }: UploadProgressProps) {
  if (state.phase === "idle" || state.phase === "done") return null;
  const percent = state.total > 0 ? Math.min(100, Math.round((state.loaded / state.total) * 100)) : 0;
  const busy = isUploadBusy(state);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {state.phase === "processing"
            ? "Processing on the server…"
            : state.phase === "cancelled"
              ? "Upload cancelled"
              : state.phase === "failed"
                ? "Upload failed"
                : `Uploading… ${percent}%`}
        </Text>
        <Text size="xs" c="dimmed">
          {formatBytes(state.loaded)} / {formatBytes(state.total)}
        </Text>
      </Group>
      <Progress
        value={state.phase === "processing" ? 100 : percent}
        animated={busy}
        striped={state.phase === "processing"}
        color={state.phase === "failed" ? "red" : state.phase === "cancelled" ? "gray" : undefined}
        aria-label={`${label} progress`}
        size="lg"
        radius="sm"
      />
      {busy ? (
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconX size={14} />}
            onClick={onCancel}
            disabled={state.phase === "processing"}
          >
            Cancel upload
          </Button>
        </Group>
      ) : null}
      {state.error ? (
        <Text size="sm" c="red" role="alert">
          {state.error}
        </Text>
      ) : null}
    </Stack>
  );
}
