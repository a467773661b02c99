import { ActionIcon, Group, Paper, Progress, ScrollArea, Stack, Text, Tooltip } from "@mantine/core";
import { IconCircleCheck, IconFile, IconX } from "@tabler/icons-react";
import { useMemo } from "react";
import { perFileProgress, type PickedFile } from "@/features/datasets/utils/picked-files";
import { formatBytes } from "@/lib/format";
import type { UploadState } from "@/lib/use-upload";

const MAX_ROWS = 300;

interface PickedFilesListProps {
  readonly files: readonly PickedFile[];
  readonly upload: UploadState;
  readonly onRemove?: (path: string) => void;
}

/** The files about to be uploaded, each with its own progress (derived from the request's progress). */
export function PickedFilesList({ files, upload, onRemove }: PickedFilesListProps) {
  const sizes = useMemo(() => files.map((item) => item.file.size), [files]);
  const totalBytes = useMemo(() => sizes.reduce((sum, size) => sum + size, 0), [sizes]);
  const active = upload.phase !== "idle" && upload.phase !== "cancelled";
  const done = upload.phase === "processing" || upload.phase === "done";
  const { sent } = perFileProgress(sizes, done ? 1 : upload.loaded, done ? 1 : upload.total);

  if (files.length === 0) return null;
  const shown = files.slice(0, MAX_ROWS);
  return (
    <Paper withBorder radius="md">
      <Group
        justify="space-between"
        px="md"
        py="xs"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Text size="sm" fw={600}>
          {files.length.toLocaleString()} {files.length === 1 ? "file" : "files"}
        </Text>
        <Text size="sm" c="dimmed">
          {formatBytes(totalBytes)}
        </Text>
      </Group>
      <ScrollArea.Autosize mah={320} type="auto">
        <Stack gap={0} component="ul" m={0} p={0} aria-label="Files to upload" style={{ listStyle: "none" }}>
          {shown.map((item, index) => {
            const size = sizes[index] ?? 0;
            const bytes = sent[index] ?? 0;
            const percent = size > 0 ? (bytes / size) * 100 : done ? 100 : 0;
            const complete = active && (done || (size > 0 && bytes >= size));
            return (
              <Group
                component="li"
                key={item.path}
                gap="sm"
                px="md"
                py={6}
                wrap="nowrap"
                style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
              >
                {complete ? (
                  <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" aria-label="Uploaded" />
                ) : (
                  <IconFile size={16} color="var(--mantine-color-dimmed)" aria-hidden />
                )}
                <Text size="sm" ff="monospace" style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>
                  {item.path}
                </Text>
                {active ? (
                  <Progress
                    value={percent}
                    w={90}
                    size="sm"
                    aria-label={`${item.path} upload progress`}
                    color={complete ? "teal" : undefined}
                  />
                ) : null}
                <Text size="xs" c="dimmed" w={70} ta="right">
                  {formatBytes(size)}
                </Text>
                {onRemove && !active ? (
                  <Tooltip label="Remove from the upload" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={`Remove ${item.path} from the upload`}
                      onClick={() => {
                        onRemove(item.path);
                      }}
                    >
                      <IconX size={14} />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Group>
            );
          })}
        </Stack>
        {files.length > MAX_ROWS ? (
          <Text size="xs" c="dimmed" px="md" py="xs">
            …and {(files.length - MAX_ROWS).toLocaleString()} more files
          </Text>
        ) : null}
      </ScrollArea.Autosize>
    </Paper>
  );
}
