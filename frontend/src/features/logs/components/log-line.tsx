import { memo } from "react";
import { hashForLine } from "@/features/logs/utils/line-anchor";
import { parsedLine, splitForHighlights, type Highlight } from "@/features/logs/utils/ansi";
import type { LogLineData } from "@/features/logs/utils/log-store";
import classes from "./log-viewer.module.css";

interface LogLineProps {
  readonly index: number;
  readonly line: LogLineData | undefined;
  readonly highlights: readonly Highlight[] | undefined;
  readonly gutterWidth: string;
  /** The line number was clicked (a link to the line). */
  readonly onSelect?: (index: number) => void;
}

/** One line: its number, then its text as ANSI-styled spans (never HTML). */
export const LogLine = memo(function LogLine({
  index,
  line,
  highlights,
  gutterWidth,
  onSelect,
}: LogLineProps) {
  const number = (
    <a
      className={classes.gutter}
      style={{ width: gutterWidth }}
      href={hashForLine(index)}
      aria-label={`Link to line ${index + 1}`}
      tabIndex={-1}
      onClick={(event) => {
        if (!onSelect) return;
        event.preventDefault();
        onSelect(index);
      }}
    >
      {index + 1}
    </a>
  );
  if (!line) {
    return (
      <>
        {number}
        <span className={`${classes.text} ${classes.placeholder}`}>…</span>
      </>
    );
  }
  const pieces = splitForHighlights(parsedLine(line).segments, highlights ?? []);
  return (
    <>
      {number}
      <span className={classes.text}>
        {pieces.map((piece, i) =>
          piece.highlight ? (
            <mark
              key={i}
              className={piece.highlight === "active" ? classes.active : classes.match}
              data-highlight={piece.highlight}
              style={piece.style}
            >
              {piece.text}
            </mark>
          ) : (
            <span key={i} style={piece.style}>
              {piece.text}
            </span>
          ),
        )}
        {pieces.length === 0 ? " " : null}
      </span>
    </>
  );
});
