import { describe, expect, it } from "vitest";
import { ranMs, waitedMs } from "@/features/tasks/utils/task-times";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, seconds)).toISOString();
const NOW = Date.parse(at(50));

describe("task times", () => {
  it("a task that ran waited from its queueing to its start and ran to its end", () => {
    const task = { createdAt: at(0), queuedAt: at(1), startedAt: at(4), finishedAt: at(10) };
    expect(waitedMs(task, NOW)).toBe(3000);
    expect(ranMs(task, NOW)).toBe(6000);
  });

  it("a waiting task's wait and a running task's run count to now", () => {
    expect(waitedMs({ createdAt: at(0), queuedAt: at(20) }, NOW)).toBe(30_000);
    expect(ranMs({ createdAt: at(0), queuedAt: at(1), startedAt: at(40) }, NOW)).toBe(10_000);
  });

  it("a task cancelled while queued waited until its end and never ran", () => {
    const task = { createdAt: at(0), queuedAt: at(2), startedAt: null, finishedAt: at(7) };
    expect(waitedMs(task, NOW)).toBe(5000);
    expect(ranMs(task, NOW)).toBeNull();
  });

  it("a task never queued waits from its creation", () => {
    expect(waitedMs({ createdAt: at(10) }, NOW)).toBe(40_000);
  });
});
