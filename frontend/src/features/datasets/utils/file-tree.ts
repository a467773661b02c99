/** A folder tree built from the flat paths of a dataset's files. */

export interface TreeFile<T> {
  readonly kind: "file";
  readonly name: string;
  readonly path: string;
  readonly item: T;
}

export interface TreeFolder<T> {
  readonly kind: "folder";
  readonly name: string;
  readonly path: string;
  readonly children: TreeNode<T>[];
  size: number;
  fileCount: number;
}

export type TreeNode<T> = TreeFile<T> | TreeFolder<T>;

export function buildFileTree<T extends { readonly path: string; readonly size: number }>(
  items: readonly T[],
): TreeFolder<T> {
  const root: TreeFolder<T> = { kind: "folder", name: "", path: "", children: [], size: 0, fileCount: 0 };
  const folders = new Map<string, TreeFolder<T>>([["", root]]);
  for (const item of items) {
    const parts = item.path.split("/");
    let parent = root;
    let prefix = "";
    for (const part of parts.slice(0, -1)) {
      prefix = prefix ? `${prefix}/${part}` : part;
      let folder = folders.get(prefix);
      if (!folder) {
        folder = { kind: "folder", name: part, path: prefix, children: [], size: 0, fileCount: 0 };
        folders.set(prefix, folder);
        parent.children.push(folder);
      }
      parent = folder;
    }
    parent.children.push({ kind: "file", name: parts[parts.length - 1] ?? item.path, path: item.path, item });
  }
  const finish = (folder: TreeFolder<T>): void => {
    folder.children.sort((a, b) =>
      a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "folder" ? -1 : 1,
    );
    for (const child of folder.children) {
      if (child.kind === "folder") {
        finish(child);
        folder.size += child.size;
        folder.fileCount += child.fileCount;
      } else {
        folder.size += child.item.size;
        folder.fileCount += 1;
      }
    }
  };
  finish(root);
  return root;
}

/** Every file path under a node. */
export function filePathsUnder<T>(node: TreeNode<T>): string[] {
  if (node.kind === "file") return [node.path];
  return node.children.flatMap(filePathsUnder);
}
