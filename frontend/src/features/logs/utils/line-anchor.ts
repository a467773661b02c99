/** Links to a log line: `#L123` is line 123 as shown in the gutter (index 122). */
export function lineFromHash(hash: string): number | null {
  const match = /^#L(\d{1,9})$/.exec(hash);
  if (!match) return null;
  const number = Number(match[1]);
  return number >= 1 ? number - 1 : null;
}

export function hashForLine(index: number): string {
  return `#L${index + 1}`;
}

/** "123" or "L123" typed in go-to-line, as a line index within [0, count); null if not a line. */
export function parseGoToLine(value: string, count: number): number | null {
  const match = /^\s*L?(\d{1,9})\s*$/i.exec(value);
  if (!match || count === 0) return null;
  const number = Number(match[1]);
  if (number < 1) return null;
  return Math.min(number, count) - 1;
}

/** The row showing line `index` among `lines` (sorted ascending), or the nearest row after it. */
export function rowOfLine(lines: readonly number[], index: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lines[mid] ?? 0) < index) low = mid + 1;
    else high = mid;
  }
  return Math.min(low, Math.max(0, lines.length - 1));
}
