import { describe, expect, it } from "vitest";
import type { PickedFile } from "@/features/datasets/utils/picked-files";
import { datasetNameError, filesError, pathError } from "@/features/datasets/utils/validate-dataset";
import { INSTALLATION_LIMITS } from "@/testing/limits";

function picked(path: string, size = 3): PickedFile {
  const file = new File(["abc"], path.split("/").pop() ?? "f");
  Object.defineProperty(file, "size", { value: size });
  return { file, path };
}

describe("dataset checks", () => {
  it("checks the name like the server", () => {
    expect(datasetNameError("  ", null)).toBe("Give the dataset a name.");
    expect(datasetNameError("x".repeat(201), INSTALLATION_LIMITS)).toBe(
      "A dataset name has at most 200 characters.",
    );
    expect(datasetNameError(" ok ", INSTALLATION_LIMITS)).toBeUndefined();
  });

  it("refuses the paths clean_path refuses", () => {
    expect(pathError("a/b.txt")).toBeNull();
    expect(pathError("a/../b")).toContain("'..' segment");
    expect(pathError("/etc/passwd")).toContain("must be relative");
    expect(pathError("a\u0007b")).toContain("control character");
    expect(pathError("x".repeat(1025))).toContain("longer than 1024 characters");
  });

  it("reports every problem with the files at once, with the installation's limits", () => {
    const limits = { ...INSTALLATION_LIMITS, maxFilesPerDataset: 3, maxUploadBytes: 10 };
    const error = filesError([picked("a"), picked("a/b"), picked("big.bin", 11)], limits, {
      existingCount: 1,
    });
    expect(error).toBe(
      "A dataset holds at most 3 files; there is room for 2 files more, not 3. " +
        "Larger than the 10 B upload limit: big.bin. A file and a folder share a path: a/b.",
    );
    expect(filesError([], limits)).toBe("Add at least one file.");
    expect(filesError([picked("ok.txt")], null)).toBeUndefined();
  });
});
