import { describe, expect, it } from "vitest";
import { followingRange, tailRange } from "@/features/logs/utils/follow-range";

describe("followingRange", () => {
  it("is the default window when not following", () => {
    expect(followingRange({ startIndex: 10, endIndex: 12, overscan: 2, count: 1000 }, false, 3)).toEqual([
      8, 9, 10, 11, 12, 13, 14,
    ]);
  });

  it("adds the tail while following, even when the window is still where the view was a frame ago", () => {
    const rows = followingRange({ startIndex: 10, endIndex: 12, overscan: 2, count: 1000 }, true, 3);
    expect(rows.slice(0, 7)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(rows.slice(7)).toEqual([995, 996, 997, 998, 999]);
  });

  it("never repeats a row when the window already reaches the tail", () => {
    const rows = followingRange({ startIndex: 990, endIndex: 999, overscan: 5, count: 1000 }, true, 10);
    expect(rows).toEqual(Array.from({ length: 15 }, (_, i) => 985 + i));
    expect(new Set(rows).size).toBe(rows.length);
  });

  it("handles short and empty logs", () => {
    expect(followingRange({ startIndex: 0, endIndex: 2, overscan: 5, count: 3 }, true, 40)).toEqual([
      0, 1, 2,
    ]);
    expect(followingRange({ startIndex: 0, endIndex: -1, overscan: 5, count: 0 }, true, 40)).toEqual([]);
    expect(tailRange(0, 40)).toEqual([0, 0]);
    expect(tailRange(1000, 40)).toEqual([960, 999]);
  });
});
