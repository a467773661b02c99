import { ActionIcon, Group, Text, TextInput, Tooltip } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconSearch } from "@tabler/icons-react";
import type { useLogSearch } from "@/features/logs/hooks/use-log-search";
import classes from "./log-viewer.module.css";

/** The log's search box ("k/n" matches) with previous and next. */
export function LogSearchControls({ search }: { readonly search: ReturnType<typeof useLogSearch> }) {
  const { query, whole, matchTotal, matchNumber, moveMatch, onSearchChange, onSearchKey } = search;
  return (
    <>
      <TextInput
        size="xs"
        placeholder="Search the log"
        aria-label="Search the log"
        leftSection={<IconSearch size={14} />}
        value={query}
        onChange={(event) => {
          onSearchChange(event.currentTarget.value);
        }}
        onKeyDown={onSearchKey}
        w={{ base: 160, sm: 220 }}
        rightSectionWidth={query ? 74 : undefined}
        rightSection={
          query ? (
            <Text size="xs" c="dimmed" data-testid="log-match-count" aria-live="polite">
              {matchTotal === 0
                ? whole.searching
                  ? "…"
                  : "0/0"
                : `${matchNumber.toLocaleString()}/${matchTotal.toLocaleString()}`}
            </Text>
          ) : null
        }
      />
      <Tooltip label="Previous match (Shift+Enter)" withArrow>
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Previous match"
          onClick={() => {
            moveMatch(-1);
          }}
          disabled={matchTotal === 0}
        >
          <IconChevronUp size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Next match (Enter)" withArrow>
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Next match"
          onClick={() => {
            moveMatch(1);
          }}
          disabled={matchTotal === 0}
        >
          <IconChevronDown size={16} />
        </ActionIcon>
      </Tooltip>
    </>
  );
}

/** What the colour at each line's edge means. */
export function StreamLegend() {
  return (
    <Group gap={8} visibleFrom="sm" ml="xs" aria-hidden>
      <Text size="xs" c="dimmed">
        <span className={classes.legend} style={{ background: "#8b949e" }} />
        stdout
      </Text>
      <Text size="xs" c="dimmed">
        <span className={classes.legend} style={{ background: "#e5534b" }} />
        stderr
      </Text>
      <Text size="xs" c="dimmed">
        <span className={classes.legend} style={{ background: "#4c8dff" }} />
        system
      </Text>
    </Group>
  );
}
