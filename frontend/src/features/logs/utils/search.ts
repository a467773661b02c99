import { parsedLine } from "./ansi";
import type { LogLineData } from "./log-store";

export interface SearchMatch {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export const MAX_MATCHES = 10_000;

/** Case-insensitive matches of `query` in the lines (ANSI codes ignored), in line order. */
export function findMatches(lines: Iterable<LogLineData>, query: string, limit = MAX_MATCHES): SearchMatch[] {
  const needle = query.toLowerCase();
  if (!needle) return [];
  const matches: SearchMatch[] = [];
  for (const line of lines) {
    const haystack = parsedLine(line).plain.toLowerCase();
    let at = haystack.indexOf(needle);
    while (at !== -1) {
      matches.push({ line: line.index, start: at, end: at + needle.length });
      if (matches.length >= limit) return matches;
      at = haystack.indexOf(needle, at + needle.length);
    }
  }
  return matches;
}

export function isTruncationMarker(text: string): boolean {
  return text.startsWith("[oasis]");
}
