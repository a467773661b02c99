import { ActionIcon, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";

interface CopyTextProps {
  readonly value: string;
  readonly display?: string;
  readonly label: string;
}

/** Monospace text (e.g. a digest) with a copy button. */
export function CopyText({ value, display, label }: CopyTextProps) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text ff="monospace" size="xs" title={value} style={{ whiteSpace: "nowrap" }}>
        {display ?? value}
      </Text>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : `Copy ${label}`} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? "teal" : "gray"}
              size="sm"
              onClick={copy}
              aria-label={`Copy ${label}`}
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
