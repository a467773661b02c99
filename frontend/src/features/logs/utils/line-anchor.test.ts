import { describe, expect, it } from "vitest";
import { hashForLine, lineFromHash, parseGoToLine, rowOfLine } from "@/features/logs/utils/line-anchor";

describe("line anchors", () => {
  it("reads and writes #L<n> (1-based in the URL, 0-based inside)", () => {
    expect(lineFromHash("#L123")).toBe(122);
    expect(hashForLine(122)).toBe("#L123");
    expect(lineFromHash("#L0")).toBeNull();
    expect(lineFromHash("#x")).toBeNull();
    expect(lineFromHash("")).toBeNull();
  });

  it("parses go-to-line input and clamps to the log", () => {
    expect(parseGoToLine("10", 100)).toBe(9);
    expect(parseGoToLine(" L10 ", 100)).toBe(9);
    expect(parseGoToLine("1000", 100)).toBe(99);
    expect(parseGoToLine("0", 100)).toBeNull();
    expect(parseGoToLine("-3", 100)).toBeNull();
    expect(parseGoToLine("abc", 100)).toBeNull();
    expect(parseGoToLine("5", 0)).toBeNull();
  });

  it("finds the row of a line in a filtered view", () => {
    expect(rowOfLine([2, 5, 9], 5)).toBe(1);
    expect(rowOfLine([2, 5, 9], 6)).toBe(2);
    expect(rowOfLine([2, 5, 9], 100)).toBe(2);
    expect(rowOfLine([], 3)).toBe(0);
  });
});
