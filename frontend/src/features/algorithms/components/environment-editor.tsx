import { ActionIcon, Button, Group, Input, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { newRow, type EnvRow } from "@/features/algorithms/utils/environment";

interface EnvironmentEditorProps {
  readonly rows: readonly EnvRow[];
  readonly onChange: (rows: EnvRow[]) => void;
  /** Messages per row id (client-side checks). */
  readonly rowErrors?: Readonly<Record<number, string>>;
  /** The server's message for the whole environment. */
  readonly error?: string;
  readonly disabled?: boolean;
}

/** Key/value rows for the container's environment variables. */
export function EnvironmentEditor({
  rows,
  onChange,
  rowErrors = {},
  error,
  disabled,
}: EnvironmentEditorProps) {
  const update = (id: number, patch: Partial<Omit<EnvRow, "id">>) => {
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  };
  return (
    <Input.Wrapper
      label="Environment variables"
      description="Set in the container. OASIS_INPUT_DIR and OASIS_OUTPUT_DIR are set by OASIS."
      error={error}
    >
      <Stack gap="xs" mt={6} role="group" aria-label="Environment variables">
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            No variables.
          </Text>
        ) : null}
        {rows.map((row, index) => (
          <Group key={row.id} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`Variable ${index + 1} name`}
              placeholder="NAME"
              value={row.key}
              onChange={(event) => {
                update(row.id, { key: event.currentTarget.value });
              }}
              error={rowErrors[row.id]}
              disabled={disabled}
              ff="monospace"
              style={{ flex: "1 1 40%", minWidth: 0 }}
            />
            <TextInput
              aria-label={`Variable ${index + 1} value`}
              placeholder="value"
              value={row.value}
              onChange={(event) => {
                update(row.id, { value: event.currentTarget.value });
              }}
              disabled={disabled}
              ff="monospace"
              style={{ flex: "1 1 60%", minWidth: 0 }}
            />
            <Tooltip label="Remove variable" withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={`Remove variable ${row.key || index + 1}`}
                onClick={() => {
                  onChange(rows.filter((other) => other.id !== row.id));
                }}
                disabled={disabled}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
        <div>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              onChange([...rows, newRow()]);
            }}
            disabled={disabled}
          >
            Add variable
          </Button>
        </div>
      </Stack>
    </Input.Wrapper>
  );
}
