import { describe, expect, it } from "vitest";
import { globalIdFromParam, pkFromGlobalId, shortId } from "@/lib/relay-id";

describe("relay ids in URLs", () => {
  it("takes a number or a relay id", () => {
    expect(globalIdFromParam("AlgorithmTask", "1")).toBe("QWxnb3JpdGhtVGFzazox");
    expect(globalIdFromParam("AlgorithmTask", "QWxnb3JpdGhtVGFzazox")).toBe("QWxnb3JpdGhtVGFzazox");
    expect(pkFromGlobalId(globalIdFromParam("AlgorithmTask", "123"))).toBe("123");
  });

  it("shortens a relay id to its number", () => {
    expect(shortId("QWxnb3JpdGhtVGFzazox")).toBe("1");
    expect(shortId("not-base64!")).toBe("not-base64!");
  });
});
