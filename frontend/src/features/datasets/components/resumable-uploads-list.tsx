import { Button, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay, IconTrash } from "@tabler/icons-react";
import { ConfirmAction } from "@/components/confirm-button";
import type { ResumableItem } from "@/features/datasets/hooks/use-resumable-uploads";
import { formatBytes } from "@/lib/format";

interface ResumableUploadsListProps {
  readonly items: readonly ResumableItem[];
  readonly running: boolean;
  readonly paused: boolean;
  readonly onPause: () => void;
  readonly onResume: () => void;
  /** Stop and drop the unfinished uploads (asks first). */
  readonly onDiscard: () => void;
}

const LABEL: Record<ResumableItem["phase"], string> = {
  waiting: "Waiting",
  uploading: "Uploading",
  paused: "Paused",
  verifying: "Finishing…",
  done: "Uploaded",
  failed: "Failed",
};

/** Progress of each large file sent in parts, with pause and resume. */
export function ResumableUploadsList({
  items,
  running,
  paused,
  onPause,
  onResume,
  onDiscard,
}: ResumableUploadsListProps) {
  if (items.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack
        gap="xs"
        component="ul"
        m={0}
        p={0}
        aria-label="Large file uploads"
        style={{ listStyle: "none" }}
      >
        {items.map((item) => {
          const percent = item.size > 0 ? Math.min(100, (item.loaded / item.size) * 100) : 0;
          return (
            <Stack component="li" key={item.path} gap={4}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                  {item.path}
                </Text>
                <Text size="xs" c={item.phase === "failed" ? "red" : "dimmed"}>
                  {LABEL[item.phase]} · {formatBytes(item.loaded)} / {formatBytes(item.size)}
                </Text>
              </Group>
              <Progress
                value={percent}
                size="sm"
                aria-label={`${item.path} upload progress`}
                color={item.phase === "failed" ? "red" : item.phase === "done" ? "teal" : undefined}
              />
              {item.error ? (
                <Text size="xs" c="red">
                  {item.error}
                </Text>
              ) : null}
            </Stack>
          );
        })}
      </Stack>
      <Group justify="flex-end" mt="sm" gap="xs">
        {running || paused ? (
          <ConfirmAction
            label="Discard the upload"
            message="Stop and delete the parts sent so far? Nothing of these files is kept."
            confirmLabel="Discard"
            icon={<IconTrash size={16} />}
            onConfirm={onDiscard}
          />
        ) : null}
        {running ? (
          <Button size="xs" variant="default" leftSection={<IconPlayerPause size={14} />} onClick={onPause}>
            Pause
          </Button>
        ) : paused ? (
          <Button size="xs" leftSection={<IconPlayerPlay size={14} />} onClick={onResume}>
            Resume
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
