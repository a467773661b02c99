import { Badge, Group, SegmentedControl, Text, TextInput, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { StreamLegend } from "@/features/logs/components/log-search-controls";
import type { LogStreamStatus } from "@/features/logs/hooks/use-log-stream";
import { parseGoToLine } from "@/features/logs/utils/line-anchor";
import classes from "./log-viewer.module.css";

const STATUS_BADGE: Record<LogStreamStatus, { label: string; color: string }> = {
  connecting: { label: "Connecting", color: "gray" },
  live: { label: "Live", color: "teal" },
  reconnecting: { label: "Reconnecting", color: "yellow" },
  done: { label: "Complete", color: "gray" },
  error: { label: "Error", color: "red" },
};

interface LogToolbarProps {
  readonly status: LogStreamStatus;
  /** Lines in the log. */
  readonly count: number;
  /** The controls: search, go-to-line, the filter, wrapping, download. */
  readonly children: ReactNode;
}

/** The log's title, the stream's status and the line count, then the controls. */
export function LogToolbar({ status, count, children }: LogToolbarProps) {
  const badge = STATUS_BADGE[status];
  return (
    <Group className={classes.toolbar} justify="space-between" gap="xs" wrap="wrap">
      <Group gap="xs" wrap="nowrap">
        <Title order={4}>Log</Title>
        <Badge variant="dot" color={badge.color} size="sm" data-testid="log-status" data-status={status}>
          {badge.label}
        </Badge>
        <Text size="xs" c="dimmed" data-testid="log-count">
          {count.toLocaleString()} {count === 1 ? "line" : "lines"}
        </Text>
        <StreamLegend />
      </Group>
      <Group gap="xs" wrap="wrap">
        {children}
      </Group>
    </Group>
  );
}

interface GoToLineInputProps {
  /** Lines in the log (a number past the end goes to the last line). */
  readonly count: number;
  readonly onGoTo: (line: number) => void;
}

/** "123" or "L123", then Enter. */
export function GoToLineInput({ count, onGoTo }: GoToLineInputProps) {
  const [value, setValue] = useState("");
  return (
    <TextInput
      size="xs"
      w={110}
      placeholder="Go to line"
      aria-label="Go to line"
      value={value}
      onChange={(event) => {
        setValue(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key !== "Enter") return;
        event.preventDefault();
        const line = parseGoToLine(value, count);
        if (line !== null) onGoTo(line);
      }}
    />
  );
}

interface StreamFilterControlProps {
  readonly stderrOnly: boolean;
  readonly onChange: (stderrOnly: boolean) => void;
}

/** All streams, or stderr only. */
export function StreamFilterControl({ stderrOnly, onChange }: StreamFilterControlProps) {
  return (
    <SegmentedControl
      size="xs"
      aria-label="Streams shown"
      value={stderrOnly ? "stderr" : "all"}
      onChange={(value) => {
        onChange(value === "stderr");
      }}
      data={[
        { label: "All", value: "all" },
        { label: "stderr", value: "stderr" },
      ]}
    />
  );
}
