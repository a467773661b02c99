import type { VirtualItem, Virtualizer } from "@tanstack/react-virtual";
import { LogLine } from "@/features/logs/components/log-line";
import { LINE_HEIGHT } from "@/features/logs/hooks/use-log-window";
import type { Highlight } from "@/features/logs/utils/ansi";
import type { LogStore } from "@/features/logs/utils/log-store";
import { isTruncationMarker } from "@/features/logs/utils/search";
import classes from "./log-viewer.module.css";

interface LogRowsProps {
  readonly virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** The rows to render (useLogWindow). */
  readonly items: readonly VirtualItem[];
  /** The line a row shows. */
  readonly lineAt: (row: number) => number;
  readonly store: LogStore;
  /** Lines in the log (sets the gutter's width). */
  readonly count: number;
  readonly wrap: boolean;
  /** The linked line, highlighted. */
  readonly target: number | null;
  readonly highlightsByLine: ReadonlyMap<number, readonly Highlight[]>;
  /** A line number was clicked. */
  readonly onSelect: (index: number) => void;
}

/** The rows of the virtual window, each at its offset (LogLine is memoised: live batches stay cheap). */
export function LogRows({
  virtualizer,
  items,
  lineAt,
  store,
  count,
  wrap,
  target,
  highlightsByLine,
  onSelect,
}: LogRowsProps) {
  const gutterWidth = `calc(${Math.max(4, String(count).length)}ch + 16px)`;
  return (
    <div className={classes.inner} style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const index = lineAt(item.index);
        const line = store.get(index);
        return (
          <div
            key={item.key}
            data-index={item.index}
            data-line={index}
            data-target={index === target ? "true" : undefined}
            ref={wrap ? virtualizer.measureElement : undefined}
            className={classes.row}
            data-stream={line?.stream ?? "PENDING"}
            data-marker={line ? String(isTruncationMarker(line.text)) : "false"}
            style={{ transform: `translateY(${item.start}px)`, height: wrap ? undefined : LINE_HEIGHT }}
          >
            <LogLine
              index={index}
              line={line}
              onSelect={onSelect}
              highlights={highlightsByLine.get(index)}
              gutterWidth={gutterWidth}
            />
          </div>
        );
      })}
    </div>
  );
}
