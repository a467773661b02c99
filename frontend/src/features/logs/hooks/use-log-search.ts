import { useThrottledValue } from "@mantine/hooks";
import { useMemo, useState, type KeyboardEvent } from "react";
import { useWholeLogSearch } from "@/features/logs/hooks/use-whole-log-search";
import type { Highlight } from "@/features/logs/utils/ansi";
import { findMatches, type SearchMatch } from "@/features/logs/utils/search";
import type { LogStore } from "@/features/logs/utils/log-store";

interface LogSearchOptions {
  readonly taskId: string;
  /** The lines held in memory, searched until the server answers (or if it cannot). */
  readonly store: LogStore;
  /** Changes whenever the store's content does. */
  readonly version: number;
  /** Brings line `line` into view (and stops following the tail). */
  readonly reveal: (line: number) => void;
}

/**
 * The log viewer's search: the whole stored log on the server (match k of n, jumping to matches not in
 * memory), the lines in memory meanwhile, the highlights per line, and the search box's keys (Enter,
 * Shift+Enter, Escape), like a browser's find.
 */
export function useLogSearch({ taskId, store, version, reveal }: LogSearchOptions) {
  const [query, setQuery] = useState("");
  const searchVersion = useThrottledValue(version, 400);
  const [activeKey, setActiveKey] = useState<string | null>(null);

  // Search in the lines held in memory (recomputed at most every 400 ms while lines stream in).
  const matches = useMemo<SearchMatch[]>(
    () => (query ? findMatches(store.heldLines(), query) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- searchVersion stands for the store's content
    [query, searchVersion, store],
  );
  const activeIndex = useMemo(() => {
    if (matches.length === 0) return -1;
    const found = matches.findIndex((match) => `${match.line}:${match.start}` === activeKey);
    return found >= 0 ? found : 0;
  }, [matches, activeKey]);
  // The server searches the whole stored log; until it answers (or if it cannot), the lines in memory.
  const whole = useWholeLogSearch(taskId, query, reveal);
  const serverSearch = whole.total !== null;
  const matchTotal = whole.total ?? matches.length;
  const matchNumber = serverSearch ? whole.ordinal + 1 : activeIndex + 1;
  const activeLine = serverSearch ? whole.activeLine : null;
  const highlightsByLine = useMemo(() => {
    const byLine = new Map<number, Highlight[]>();
    matches.forEach((match, i) => {
      const list = byLine.get(match.line) ?? [];
      const active = activeLine === null ? i === activeIndex : match.line === activeLine && list.length === 0;
      list.push({ start: match.start, end: match.end, active });
      byLine.set(match.line, list);
    });
    return byLine;
  }, [matches, activeIndex, activeLine]);

  const showMatch = (match: SearchMatch | undefined) => {
    if (!match) return;
    setActiveKey(`${match.line}:${match.start}`);
    reveal(match.line);
  };

  const goToMatch = (index: number) => {
    if (matches.length > 0) showMatch(matches[(index + matches.length) % matches.length]);
  };
  const moveMatch = (delta: 1 | -1) => {
    if (serverSearch) whole.move(delta);
    else goToMatch(activeIndex + delta);
  };

  // Like a browser's find: typing moves to the first match.
  const onSearchChange = (value: string) => {
    setQuery(value);
    setActiveKey(null);
    if (value) showMatch(findMatches(store.heldLines(), value, 1)[0]);
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      moveMatch(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape") {
      onSearchChange("");
    }
  };

  return {
    query,
    whole,
    serverSearch,
    matchTotal,
    matchNumber,
    highlightsByLine,
    moveMatch,
    onSearchChange,
    onSearchKey,
  };
}
