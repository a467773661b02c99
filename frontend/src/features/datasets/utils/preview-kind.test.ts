import { describe, expect, it } from "vitest";
import { decodePreview, previewKind } from "@/features/datasets/utils/preview-kind";

describe("file preview", () => {
  it("previews text and images by their names, nothing else", () => {
    expect(previewKind("logs/run.log")).toBe("text");
    expect(previewKind("README")).toBe("text");
    expect(previewKind("a/b/photo.JPG")).toBe("image");
    expect(previewKind("model.bin")).toBe("none");
  });

  it("decodes UTF-8 and refuses what looks binary", () => {
    expect(decodePreview(new TextEncoder().encode("héllo\n"))).toBe("héllo\n");
    expect(decodePreview(new Uint8Array([104, 0, 105]))).toBeNull();
    expect(decodePreview(new Uint8Array(Array.from({ length: 50 }, () => 0xff)))).toBeNull();
  });
});
