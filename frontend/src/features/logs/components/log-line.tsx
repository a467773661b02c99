import { memo } from "react";
import { parsedLine, splitForHighlights, type Highlight } from "@/features/logs/utils/ansi";
import type { LogLineData } from "@/features/logs/utils/log-store";
import classes from "./log-viewer.module.css";

interface LogLineProps {
  readonly index: number;
  readonly line: LogLineData | undefined;
  readonly highlights: readonly Highlight[] | undefined;
  readonly gutterWidth: string;
}

/** One line: its number, then its text as ANSI-styled spans (never HTML). */
export const LogLine = memo(function LogLine({ index, line, highlights, gutterWidth }: LogLineProps) {
  const number = (
    <span className={classes.gutter} style={{ width: gutterWidth }} aria-hidden>
      {index + 1}
    </span>
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
