/** How a dataset file is previewed: text (its first bytes), an image, or only its metadata. */
export type PreviewKind = "text" | "image" | "none";

/** Bytes of a text file shown in the preview (a Range request; the rest is downloaded). */
export const PREVIEW_BYTES = 64 * 1024;

const TEXT = new Set([
  "txt",
  "log",
  "csv",
  "tsv",
  "json",
  "jsonl",
  "ndjson",
  "xml",
  "yaml",
  "yml",
  "toml",
  "ini",
  "cfg",
  "conf",
  "md",
  "rst",
  "py",
  "r",
  "sh",
  "js",
  "ts",
  "c",
  "h",
  "cpp",
  "java",
  "go",
  "rs",
  "sql",
  "html",
  "css",
  "tex",
  "fasta",
  "fa",
  "fastq",
  "vcf",
  "bed",
  "gff",
  "sam",
  "pdb",
]);
const IMAGE = new Set(["png", "jpg", "jpeg", "gif", "webp", "bmp", "svg", "avif"]);

export function previewKind(path: string): PreviewKind {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1) : "";
  if (IMAGE.has(ext)) return "image";
  if (TEXT.has(ext) || ext === "" || ["readme", "license", "makefile", "dockerfile"].includes(name)) {
    return "text";
  }
  return "none";
}

/** The first bytes as text; null when they look binary (a NUL byte, or mostly undecodable). */
export function decodePreview(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  return bad > Math.max(4, text.length / 100) ? null : text;
}
