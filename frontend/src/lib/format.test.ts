import { describe, expect, it } from "vitest";
import { countNoun, shortDigest } from "@/lib/format";

const HEX = "0123456789abcdef".repeat(4);

describe("shortDigest", () => {
  it("keeps 12 hex digits of an image id", () => {
    expect(shortDigest(`sha256:${HEX}`)).toBe("0123456789ab");
  });

  it("keeps the repository's last part of a repo digest", () => {
    expect(shortDigest(`registry.example.org:5000/team/tool@sha256:${HEX}`)).toBe("tool@0123456789ab");
    expect(shortDigest(`busybox@sha256:${HEX}`)).toBe("busybox@0123456789ab");
  });

  it("leaves anything else alone", () => {
    expect(shortDigest("")).toBe("");
    expect(shortDigest("alpine:3.20")).toBe("alpine:3.20");
  });
});

describe("countNoun", () => {
  it("writes one without the plural s", () => {
    expect(countNoun(1, "images")).toBe("1 image");
    expect(countNoun(0, "images")).toBe("0 images");
    expect(countNoun(2500, "tasks")).toBe("2,500 tasks");
  });
});
