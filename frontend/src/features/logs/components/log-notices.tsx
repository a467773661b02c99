import { Button, Text } from "@mantine/core";
import { IconArrowDown } from "@tabler/icons-react";
import type { LogStreamStatus } from "@/features/logs/hooks/use-log-stream";
import classes from "./log-viewer.module.css";

interface LogNoticesProps {
  /** Lines in the log. */
  readonly count: number;
  /** Lines held in memory. */
  readonly held: number;
  readonly stderrOnly: boolean;
  /** The search covers only the lines in memory (the server has not answered it). */
  readonly searchingMemory: boolean;
  readonly streamError: string | null;
  readonly downloadError: string | null;
  readonly searchError: string | null;
}

/** Notes under the toolbar: what the filter and the search cover, and the latest error. */
export function LogNotices({
  count,
  held,
  stderrOnly,
  searchingMemory,
  streamError,
  downloadError,
  searchError,
}: LogNoticesProps) {
  return (
    <>
      {stderrOnly && held < count ? (
        <Text size="xs" c="dimmed" px="sm" py={4} data-testid="log-filter-note">
          Showing stderr among the {held.toLocaleString()} lines in memory.
        </Text>
      ) : null}
      {searchingMemory ? (
        <Text size="xs" c="dimmed" px="sm" py={4}>
          Searching the {held.toLocaleString()} lines in memory; scroll to load others.
        </Text>
      ) : null}
      {streamError || downloadError || searchError ? (
        <Text size="xs" c="red" px="sm" py={4} role="alert">
          {streamError ?? downloadError ?? `Search: ${searchError ?? ""}`}
        </Text>
      ) : null}
    </>
  );
}

interface EmptyLogNoteProps {
  readonly count: number;
  readonly held: number;
  readonly status: LogStreamStatus;
  /** The stderr filter's lines, or null while it is off. */
  readonly stderrLines: readonly number[] | null;
}

/** What the pane says when it has no rows. */
export function EmptyLogNote({ count, held, status, stderrLines }: EmptyLogNoteProps) {
  if (count === 0) {
    return (
      <div className={classes.empty}>
        {status === "done" ? "This task wrote no log." : "Waiting for the first line…"}
      </div>
    );
  }
  if (stderrLines?.length === 0) {
    return <div className={classes.empty}>No stderr lines{held < count ? " in memory" : ""}.</div>;
  }
  return null;
}

/** Shown while the view does not follow the tail: back to it, with how many lines came meanwhile. */
export function JumpToLatestButton({
  unseen,
  onClick,
}: {
  readonly unseen: number;
  readonly onClick: () => void;
}) {
  return (
    <Button
      className={classes.jump}
      size="xs"
      radius="xl"
      leftSection={<IconArrowDown size={14} />}
      onClick={onClick}
      color="cyan"
    >
      Jump to latest{unseen > 0 ? ` (${unseen.toLocaleString()} new)` : ""}
    </Button>
  );
}
