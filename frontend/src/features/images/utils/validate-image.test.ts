import { describe, expect, it } from "vitest";
import { registryHost, validateImage, validateLogin } from "@/features/images/utils/validate-image";
import { INSTALLATION_LIMITS } from "@/testing/limits";

describe("image checks", () => {
  it("reports every problem at once, in the server's words", () => {
    expect(
      validateImage(
        { source: "reference", name: " ", imageRef: "sha256:" + "a".repeat(64), file: null },
        null,
      ),
    ).toEqual({
      name: "Give the image a name.",
      imageRef: "Image ids cannot be registered: give a registry reference (e.g. alpine:3.20).",
    });
    expect(
      validateImage({ source: "reference", name: "x", imageRef: "Alpine:3", file: null }, null).imageRef,
    ).toContain("is not a valid image reference");
    expect(
      validateImage({ source: "file", name: "x", imageRef: "", file: new File(["x"], "a.zip") }, null),
    ).toEqual({
      imageFile: "An image file is a `docker save` archive: .tar or .tar.gz.",
    });
  });

  it("keeps to the installation's registries", () => {
    const limits = { ...INSTALLATION_LIMITS, allowedRegistries: ["registry.example.org"] };
    expect(registryHost("alpine:3.20")).toBe("docker.io");
    expect(registryHost("localhost:5000/a/b")).toBe("localhost:5000");
    expect(
      validateImage({ source: "reference", name: "x", imageRef: "alpine:3.20", file: null }, limits).imageRef,
    ).toBe("Images come from registry.example.org on this installation, not docker.io.");
    expect(
      validateImage(
        { source: "reference", name: "x", imageRef: "registry.example.org/a:1", file: null },
        limits,
      ),
    ).toEqual({});
    expect(validateLogin({ host: "https://x", username: "", password: "" }, limits)).toEqual({
      host: "Give a registry host such as registry.example.org:5000 (no scheme, no path).",
      username: "Give a username of at most 255 characters.",
      password: "Give the password or access token (at most 4096 characters).",
    });
  });
});
