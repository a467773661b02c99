/** ANSI escape codes to styled text segments (rendered as spans, never as HTML). */
import Anser from "anser";
import type { CSSProperties } from "react";
import { logColor } from "./palette";

export interface AnsiSegment {
  readonly text: string;
  readonly style: CSSProperties | undefined;
}

export interface ParsedLine {
  readonly segments: readonly AnsiSegment[];
  /** The text without escape codes: what search looks at. */
  readonly plain: string;
}

const ESC = "\u001b";

function styleOf(entry: Anser.AnserJsonEntry): CSSProperties | undefined {
  const decorations = new Set(entry.decorations);
  let fg = entry.fg ? logColor(entry.fg) : undefined;
  let bg = entry.bg ? `rgb(${entry.bg})` : undefined;
  if (decorations.has("reverse")) [fg, bg] = [bg ?? "var(--log-bg)", fg ?? "var(--log-fg)"];
  const lines = [
    decorations.has("underline") ? "underline" : "",
    decorations.has("strikethrough") ? "line-through" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const style: CSSProperties = {};
  if (fg) style.color = fg;
  if (bg) style.backgroundColor = bg;
  if (decorations.has("bold")) style.fontWeight = 700;
  if (decorations.has("italic")) style.fontStyle = "italic";
  if (decorations.has("dim")) style.opacity = 0.65;
  if (decorations.has("hidden")) style.visibility = "hidden";
  if (lines) style.textDecoration = lines;
  return Object.keys(style).length > 0 ? style : undefined;
}

const cache = new WeakMap<object, ParsedLine>();

export function parseAnsi(text: string): ParsedLine {
  if (!text.includes(ESC)) return { segments: [{ text, style: undefined }], plain: text };
  const segments = Anser.ansiToJson(text, { json: true, remove_empty: true }).map((entry) => ({
    text: entry.content,
    style: styleOf(entry),
  }));
  return { segments, plain: segments.map((segment) => segment.text).join("") };
}

/** Parses a line once and remembers it for as long as the line object lives. */
export function parsedLine(line: { readonly text: string }): ParsedLine {
  let parsed = cache.get(line);
  if (!parsed) {
    parsed = parseAnsi(line.text);
    cache.set(line, parsed);
  }
  return parsed;
}

export interface Highlight {
  readonly start: number;
  readonly end: number;
  readonly active: boolean;
}

export interface Piece {
  readonly text: string;
  readonly style: CSSProperties | undefined;
  readonly highlight: "match" | "active" | null;
}

/** Cuts segments at highlight boundaries (offsets in the plain text). */
export function splitForHighlights(
  segments: readonly AnsiSegment[],
  highlights: readonly Highlight[],
): Piece[] {
  if (highlights.length === 0)
    return segments.map((s) => ({ text: s.text, style: s.style, highlight: null }));
  const pieces: Piece[] = [];
  let offset = 0;
  for (const segment of segments) {
    const segStart = offset;
    const segEnd = offset + segment.text.length;
    let cursor = segStart;
    for (const h of highlights) {
      if (h.end <= cursor || h.start >= segEnd) continue;
      const from = Math.max(h.start, cursor);
      const to = Math.min(h.end, segEnd);
      if (from > cursor) {
        pieces.push({
          text: segment.text.slice(cursor - segStart, from - segStart),
          style: segment.style,
          highlight: null,
        });
      }
      pieces.push({
        text: segment.text.slice(from - segStart, to - segStart),
        style: segment.style,
        highlight: h.active ? "active" : "match",
      });
      cursor = to;
    }
    if (cursor < segEnd) {
      pieces.push({ text: segment.text.slice(cursor - segStart), style: segment.style, highlight: null });
    }
    offset = segEnd;
  }
  return pieces;
}
