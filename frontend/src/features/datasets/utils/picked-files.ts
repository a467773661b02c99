/** Files chosen for a dataset with the relative paths they will have in it. */
import { LARGE_FILE_BYTES } from "@/features/datasets/utils/resumable-upload";

export interface PickedFile {
  readonly file: File;
  /** Relative path inside the dataset, forward slashes (e.g. `images/a.png`). */
  readonly path: string;
}

export function cleanRelativePath(raw: string): string {
  return raw
    .replace(/\\/g, "/")
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

/** From an <input type="file"> (with or without `webkitdirectory`): keeps the folder structure. */
export function pickedFromFileList(list: FileList | readonly File[]): PickedFile[] {
  return Array.from(list).map((file) => ({
    file,
    path: cleanRelativePath(file.webkitRelativePath || file.name),
  }));
}

/** Small files go in one multipart request, large ones through resumable upload sessions. */
export function splitBySize(
  files: readonly PickedFile[],
  threshold = LARGE_FILE_BYTES,
): { small: PickedFile[]; large: PickedFile[] } {
  return {
    small: files.filter((item) => item.file.size < threshold),
    large: files.filter((item) => item.file.size >= threshold),
  };
}

/** Later picks of the same path replace earlier ones. */
export function mergePicked(current: readonly PickedFile[], added: readonly PickedFile[]): PickedFile[] {
  const byPath = new Map(current.map((item) => [item.path, item]));
  for (const item of added) byPath.set(item.path, item);
  return [...byPath.values()];
}

// A minimal view of the File System Entry API (webkitGetAsEntry), which lib.dom types only in part.
interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
}
interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void;
  };
}

function isFileEntry(entry: EntryLike): entry is FileEntryLike {
  return entry.isFile;
}
function isDirectoryEntry(entry: EntryLike): entry is DirectoryEntryLike {
  return entry.isDirectory;
}

async function readAllEntries(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader();
  const all: EntryLike[] = [];
  // readEntries returns at most ~100 entries per call: call it until it returns none.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => {
      reader.readEntries(resolve, reject);
    });
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walkEntry(entry: EntryLike, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (isFileEntry(entry)) {
    const file = await new Promise<File>((resolve, reject) => {
      entry.file(resolve, reject);
    });
    out.push({ file, path: cleanRelativePath(path) });
  } else if (isDirectoryEntry(entry)) {
    for (const child of await readAllEntries(entry)) await walkEntry(child, path, out);
  }
}

/** Files and whole folders dropped on the page, folders walked with webkitGetAsEntry. */
export async function pickedFromDataTransfer(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries: EntryLike[] = [];
  const plain: File[] = [];
  // Entries must be taken synchronously: the DataTransfer is emptied once the event handler returns.
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== "file") continue;
    const entry = (item.webkitGetAsEntry as (() => EntryLike | null) | undefined)?.call(item) ?? null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plain.push(file);
    }
  }
  if (entries.length === 0 && plain.length === 0) return pickedFromFileList(transfer.files);
  const out: PickedFile[] = [];
  for (const entry of entries) await walkEntry(entry, "", out);
  return [...out, ...pickedFromFileList(plain)];
}

/** Bytes of each file sent so far, from the request's total progress (one multipart request). */
export function perFileProgress(
  sizes: readonly number[],
  loaded: number,
  total: number,
): { readonly sent: number[]; readonly fraction: number } {
  const sum = sizes.reduce((acc, size) => acc + size, 0);
  const fraction = total > 0 ? Math.min(1, loaded / total) : 0;
  let remaining = fraction * sum;
  const sent = sizes.map((size) => {
    const part = Math.max(0, Math.min(size, remaining));
    remaining -= part;
    return part;
  });
  return { sent, fraction };
}
