import { Button, Group, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconFiles, IconFolderOpen, IconUpload } from "@tabler/icons-react";
import { useRef, useState, type DragEvent, type ReactNode } from "react";
import {
  pickedFromDataTransfer,
  pickedFromFileList,
  type PickedFile,
} from "@/features/datasets/utils/picked-files";

interface FilePickerProps {
  readonly onPicked: (files: PickedFile[]) => void;
  readonly disabled?: boolean;
  readonly error?: string;
  /** The installation's limits, shown up front. */
  readonly hint?: string;
}

interface ChooserProps {
  readonly label: string;
  readonly icon: ReactNode;
  /** The hidden input's name (tests upload through it). */
  readonly inputLabel: string;
  readonly testId: string;
  /** Choose a folder (with its sub-folders) rather than files. */
  readonly folder?: boolean;
  readonly disabled?: boolean;
  readonly onPicked: (files: PickedFile[]) => void;
}

/** A button that opens the browser's file (or folder) chooser, through a hidden input. */
function Chooser({ label, icon, inputLabel, testId, folder = false, disabled, onPicked }: ChooserProps) {
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <>
      <Button variant="default" leftSection={icon} onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </Button>
      <input
        ref={(element) => {
          input.current = element;
          // Not a React prop: set by hand so that the chooser takes a folder.
          if (folder) element?.setAttribute("webkitdirectory", "");
        }}
        type="file"
        multiple
        hidden
        aria-label={inputLabel}
        data-testid={testId}
        onChange={(event) => {
          if (event.currentTarget.files) onPicked(pickedFromFileList(event.currentTarget.files));
          // The same files can be chosen again.
          event.currentTarget.value = "";
        }}
      />
    </>
  );
}

/** A drop zone for files and whole folders, plus file and folder choosers for the keyboard. */
export function FilePicker({ onPicked, disabled, error, hint }: FilePickerProps) {
  const [over, setOver] = useState(false);
  const [reading, setReading] = useState(false);

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    setReading(true);
    try {
      const picked = await pickedFromDataTransfer(event.dataTransfer);
      if (picked.length > 0) onPicked(picked);
    } finally {
      setReading(false);
    }
  };

  const borderColor = error
    ? "var(--mantine-color-red-6)"
    : over
      ? "var(--mantine-primary-color-filled)"
      : "var(--mantine-color-default-border)";

  return (
    <Stack gap={4}>
      <Paper
        radius="md"
        p="xl"
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => {
          setOver(false);
        }}
        onDrop={(event) => {
          void onDrop(event);
        }}
        style={{
          border: `2px dashed ${borderColor}`,
          background: over ? "var(--mantine-primary-color-light)" : undefined,
          opacity: disabled ? 0.6 : 1,
          transition: "background 120ms, border-color 120ms",
        }}
        data-testid="dataset-dropzone"
      >
        <Stack align="center" gap="xs">
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconUpload size={26} />
          </ThemeIcon>
          <Text fw={600}>{reading ? "Reading folders…" : "Drop files or folders here"}</Text>
          <Text size="sm" c="dimmed" ta="center">
            Folders keep their structure: <code>photos/2024/a.jpg</code> stays at that path in the dataset.
          </Text>
          {hint ? (
            <Text size="xs" c="dimmed" ta="center" data-testid="dataset-limits">
              {hint}
            </Text>
          ) : null}
          <Group gap="sm" mt="xs" justify="center">
            <Chooser
              label="Choose files"
              icon={<IconFiles size={16} />}
              inputLabel="Files to upload"
              testId="dataset-files-input"
              disabled={disabled}
              onPicked={onPicked}
            />
            <Chooser
              label="Choose a folder"
              icon={<IconFolderOpen size={16} />}
              inputLabel="Folder to upload"
              testId="dataset-folder-input"
              folder
              disabled={disabled}
              onPicked={onPicked}
            />
          </Group>
        </Stack>
      </Paper>
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
