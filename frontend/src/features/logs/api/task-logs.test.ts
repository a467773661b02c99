import { describe, expect, it } from "vitest";
import { toLogBatch } from "@/features/logs/api/task-logs";

describe("toLogBatch", () => {
  it("numbers the lines of the runs from fromLine, keeping empty lines and streams", () => {
    const batch = toLogBatch({
      taskId: "t",
      fromLine: 7,
      done: false,
      runs: [
        { stream: "STDOUT", text: "a\n\nb" },
        { stream: "STDERR", text: "" },
        { stream: "STDOUT", text: "c" },
      ],
    });
    expect(batch.lines).toEqual([
      { index: 7, stream: "STDOUT", text: "a" },
      { index: 8, stream: "STDOUT", text: "" },
      { index: 9, stream: "STDOUT", text: "b" },
      { index: 10, stream: "STDERR", text: "" },
      { index: 11, stream: "STDOUT", text: "c" },
    ]);
  });

  it("gives no lines for a batch without runs (the end of a log)", () => {
    const batch = toLogBatch({ taskId: "t", fromLine: 3, done: true, runs: [] });
    expect(batch).toEqual({ taskId: "t", fromLine: 3, done: true, lines: [] });
  });
});
