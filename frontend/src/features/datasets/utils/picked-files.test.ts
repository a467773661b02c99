import { describe, expect, it } from "vitest";
import { buildFileTree, filePathsUnder } from "./file-tree";
import { cleanRelativePath, mergePicked, perFileProgress, pickedFromDataTransfer } from "./picked-files";

describe("picked files", () => {
  it("normalises relative paths", () => {
    expect(cleanRelativePath("./photos\\2024//a.jpg")).toBe("photos/2024/a.jpg");
    expect(cleanRelativePath("/abs/b.txt")).toBe("abs/b.txt");
  });

  it("derives per-file progress from the request's progress", () => {
    expect(perFileProgress([60, 40], 0, 200).sent).toEqual([0, 0]);
    expect(perFileProgress([60, 40], 100, 200).sent).toEqual([50, 0]);
    expect(perFileProgress([60, 40], 170, 200).sent).toEqual([60, 25]);
    expect(perFileProgress([60, 40], 200, 200).sent).toEqual([60, 40]);
  });

  it("lets a later pick replace a file at the same path", () => {
    const a1 = { path: "a.txt", file: new File(["1"], "a.txt") };
    const a2 = { path: "a.txt", file: new File(["22"], "a.txt") };
    const b = { path: "b.txt", file: new File(["3"], "b.txt") };
    expect(mergePicked([a1, b], [a2])).toEqual([a2, b]);
  });

  it("walks dropped folders with webkitGetAsEntry, reading entries until none are left", async () => {
    const fileEntry = (name: string, fullPath: string) => ({
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok: (file: File) => void) => {
        ok(new File([name], name));
      },
    });
    const folder = (name: string, batches: unknown[][]) => ({
      isFile: false,
      isDirectory: true,
      name,
      fullPath: `/${name}`,
      createReader: () => {
        const queue = [...batches, []];
        return {
          readEntries: (ok: (entries: unknown[]) => void) => {
            ok(queue.shift() ?? []);
          },
        };
      },
    });
    const inner = folder("sub", [[fileEntry("c.txt", "/photos/sub/c.txt")]]);
    const photos = folder("photos", [[fileEntry("a.txt", "/photos/a.txt")], [inner]]);
    const transfer = {
      items: [
        { kind: "file", webkitGetAsEntry: () => photos, getAsFile: () => null },
        { kind: "file", webkitGetAsEntry: () => fileEntry("top.txt", "/top.txt"), getAsFile: () => null },
        { kind: "string", webkitGetAsEntry: () => null, getAsFile: () => null },
      ],
      files: [],
    } as unknown as DataTransfer;
    const picked = await pickedFromDataTransfer(transfer);
    expect(picked.map((item) => item.path)).toEqual(["photos/a.txt", "photos/sub/c.txt", "top.txt"]);
  });
});

describe("file tree", () => {
  it("nests files in folders, folders first, with sizes and counts", () => {
    const tree = buildFileTree([
      { path: "z.txt", size: 1 },
      { path: "photos/b.jpg", size: 10 },
      { path: "photos/2024/a.jpg", size: 100 },
    ]);
    expect(tree.children.map((node) => node.name)).toEqual(["photos", "z.txt"]);
    const photos = tree.children[0];
    if (photos?.kind !== "folder") throw new Error("expected a folder");
    expect(photos.size).toBe(110);
    expect(photos.fileCount).toBe(2);
    expect(photos.children.map((node) => node.name)).toEqual(["2024", "b.jpg"]);
    expect(filePathsUnder(photos)).toEqual(["photos/2024/a.jpg", "photos/b.jpg"]);
    expect(tree.size).toBe(111);
  });
});
