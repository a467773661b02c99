import { describe, expect, it } from "vitest";
import { logDownloadHref } from "@/features/logs/api/log-download-url";

describe("logDownloadHref", () => {
  it("adds the server's options", () => {
    expect(logDownloadHref("/api/tasks/1/log", {})).toBe("/api/tasks/1/log");
    expect(logDownloadHref("/api/tasks/1/log", { labels: true, stripAnsi: true })).toBe(
      "/api/tasks/1/log?labels=1&ansi=strip",
    );
    expect(logDownloadHref("/api/tasks/1/log?x=1", { stderrOnly: true })).toBe(
      "/api/tasks/1/log?x=1&streams=stderr",
    );
  });
});
