/**
 * Which rows the log renders. The virtualizer learns the scroll position from the "scroll" event,
 * which the browser sends one frame after the script moved it; while following a fast stream the
 * view jumps to the new bottom in the same commit that adds the lines, so rows chosen from the
 * previous position are all above the viewport and the pane painted blank (issue 14). While
 * following, the rows at the tail are therefore always rendered as well.
 */
import { defaultRangeExtractor, type Range } from "@tanstack/react-virtual";

/** The first and last index the view shows when scrolled to the bottom. */
export function tailRange(count: number, viewportRows: number): [number, number] {
  return [Math.max(0, count - Math.max(1, viewportRows)), Math.max(0, count - 1)];
}

/** The default rows for `range`, plus (while following) the last `viewportRows + overscan` rows. */
export function followingRange(range: Range, following: boolean, viewportRows: number): number[] {
  const indexes = defaultRangeExtractor(range);
  if (!following || range.count === 0) return indexes;
  const tailStart = Math.max(0, range.count - Math.max(1, viewportRows) - range.overscan);
  const rows = indexes.filter((index) => index < tailStart);
  for (let index = tailStart; index < range.count; index += 1) rows.push(index);
  return rows;
}
