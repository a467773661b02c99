import { describe, expect, it } from "vitest";
import { imageReadiness } from "@/features/algorithms/utils/image-readiness";

describe("imageReadiness", () => {
  it("follows the status until the image was first pinned", () => {
    expect(imageReadiness({ status: "PENDING", resolvedAt: null })).toBe("pending");
    expect(imageReadiness({ status: "FAILED", resolvedAt: null })).toBe("failed");
    expect(imageReadiness({ status: "READY", resolvedAt: "2026-01-01T00:00:00Z" })).toBe("ready");
  });

  it("keeps a pinned image runnable while it is pulled again, or after that failed", () => {
    expect(imageReadiness({ status: "PENDING", resolvedAt: "2026-01-01T00:00:00Z" })).toBe("ready");
    expect(imageReadiness({ status: "FAILED", resolvedAt: "2026-01-01T00:00:00Z" })).toBe("ready");
  });
});
