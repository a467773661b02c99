import { useVirtualizer, type Range } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, type RefObject } from "react";
import type { LogStream } from "@/features/logs/hooks/use-log-stream";
import { followingRange, tailRange } from "@/features/logs/utils/follow-range";
import { rowOfLine } from "@/features/logs/utils/line-anchor";

export const LINE_HEIGHT = 17;
const OVERSCAN = 24;
/** Rows in view when the pane has no size yet (its tallest is 760 px). */
const FALLBACK_VIEWPORT_ROWS = 45;

function viewportRows(element: HTMLElement | null): number {
  const height = element?.clientHeight ?? 0;
  return height > 0 ? Math.ceil(height / LINE_HEIGHT) : FALLBACK_VIEWPORT_ROWS;
}

interface LogWindowOptions {
  readonly stream: LogStream;
  /** The scroll element the window is over. */
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  /** With the stderr filter, the lines shown (their indexes, ascending); null shows every line. */
  readonly stderrLines: readonly number[] | null;
  readonly following: boolean;
  readonly wrap: boolean;
}

/**
 * The virtual window over the log's rows (every line, or the stderr lines): which rows render, the
 * lines they show, and keeping the lines in view in memory. A row is a line unless the filter is on.
 */
export function useLogWindow({ stream, scrollRef, stderrLines, following, wrap }: LogWindowOptions) {
  const { store, showRange, markView } = stream;
  const count = store.count;
  const rowCount = stderrLines ? stderrLines.length : count;
  const lineAt = (row: number) => (stderrLines ? (stderrLines[row] ?? 0) : row);
  const rowOf = (line: number) => (stderrLines ? rowOfLine(stderrLines, line) : line);
  const rowOfRef = useRef(rowOf);
  rowOfRef.current = rowOf;

  // TanStack Virtual returns a mutable instance the React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: OVERSCAN,
    useFlushSync: false,
    rangeExtractor: useCallback(
      (range: Range) => followingRange(range, following, viewportRows(scrollRef.current)),
      [following, scrollRef],
    ),
    measureElement: wrap ? (element) => element.getBoundingClientRect().height || LINE_HEIGHT : undefined,
  });
  const items = virtualizer.getVirtualItems();
  // While following, the tail is what is in view (the virtualizer's own window may be a frame behind).
  const [rowStart, rowEnd] = following
    ? tailRange(rowCount, viewportRows(scrollRef.current) + OVERSCAN)
    : [items[0]?.index ?? 0, items[items.length - 1]?.index ?? 0];
  const rangeStart = lineAt(rowStart);
  const rangeEnd = lineAt(rowEnd);

  // Keep what is in view in memory at once; fetch what is missing once scrolling settles a little.
  useEffect(() => {
    markView(rangeStart, rangeEnd);
  }, [rangeStart, rangeEnd, markView]);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      showRange(rangeStart, rangeEnd);
    }, 60);
    return () => {
      window.clearTimeout(timer);
    };
  }, [rangeStart, rangeEnd, count, showRange]);

  useEffect(() => {
    virtualizer.measure();
  }, [wrap, virtualizer]);

  // Stable (search keeps it), yet finds the row among the rows of the latest render.
  const scrollToLine = useCallback(
    (line: number) => {
      virtualizer.scrollToIndex(rowOfRef.current(line), { align: "center" });
    },
    [virtualizer],
  );

  return { virtualizer, items, rowCount, lineAt, scrollToLine };
}
