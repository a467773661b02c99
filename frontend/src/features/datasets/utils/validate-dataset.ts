/**
 * The dataset forms' checks, all at once and before anything is uploaded: the same rules as the
 * server (oasis/errors.clean_name, oasis/datasets/paths.clean_path and services), which stays the
 * authority. Bounds come from `installationLimits`; until they load, only the paths are checked.
 */
import type { DatasetLimits } from "@/features/datasets/api/dataset-limits";
import type { PickedFile } from "@/features/datasets/utils/picked-files";
import { countNoun, formatBytes } from "@/lib/format";

const SHOWN = 3;

export function datasetNameError(name: string, limits: DatasetLimits | null): string | undefined {
  const trimmed = name.trim();
  const max = limits?.maxNameLength ?? 200;
  if (!trimmed) return "Give the dataset a name.";
  if (trimmed.includes("\u0000")) return "A name cannot contain a NUL character.";
  if (trimmed.length > max) return `A dataset name has at most ${String(max)} characters.`;
  return undefined;
}

/** Why the server would refuse a relative path (clean_path), or null. */
export function pathError(path: string, maxLength = 1024): string | null {
  const normal = path.normalize("NFC");
  if (!normal) return "A file path is empty.";
  if (normal.length > maxLength)
    return `${normal.slice(0, 40)}… is longer than ${String(maxLength)} characters.`;
  // Unicode Cc, Cf, Zl, Zp: control and format characters, line and paragraph separators.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(normal))
    return `${JSON.stringify(normal)} contains a control character.`;
  if (normal.includes("\\")) return `${normal} contains a backslash.`;
  if (normal.startsWith("/")) return `${normal} must be relative.`;
  if (normal.split("/").some((segment) => segment === "" || segment === "." || segment === ".."))
    return `${normal} has an empty, '.' or '..' segment.`;
  return null;
}

function listed(items: readonly string[]): string {
  const more = items.length > SHOWN ? ` and ${String(items.length - SHOWN)} more` : "";
  return items.slice(0, SHOWN).join(", ") + more;
}

/** Every problem with the picked files, in one message (undefined when they can be sent). */
export function filesError(
  files: readonly PickedFile[],
  limits: DatasetLimits | null,
  { existingCount = 0 }: { existingCount?: number } = {},
): string | undefined {
  if (files.length === 0) return "Add at least one file.";
  const problems: string[] = [];
  if (limits && existingCount + files.length > limits.maxFilesPerDataset) {
    const room = Math.max(0, limits.maxFilesPerDataset - existingCount);
    problems.push(
      `A dataset holds at most ${countNoun(limits.maxFilesPerDataset, "files")}; there is room for ${countNoun(room, "files")} more, not ${files.length.toLocaleString()}.`,
    );
  }
  if (limits) {
    const large = files.filter((item) => item.file.size > limits.maxUploadBytes).map((item) => item.path);
    if (large.length > 0) {
      problems.push(`Larger than the ${formatBytes(limits.maxUploadBytes)} upload limit: ${listed(large)}.`);
    }
  }
  const bad = files.map((item) => pathError(item.path, limits?.maxPathLength)).filter((e) => e !== null);
  if (bad.length > 0) problems.push(`Paths the server would refuse: ${listed(bad)}`);
  const paths = new Set(files.map((item) => item.path.normalize("NFC")));
  const clashes = [...paths].filter((path) => {
    for (let at = path.indexOf("/"); at >= 0; at = path.indexOf("/", at + 1)) {
      if (paths.has(path.slice(0, at))) return true;
    }
    return false;
  });
  if (clashes.length > 0) problems.push(`A file and a folder share a path: ${listed(clashes)}.`);
  return problems.length > 0 ? problems.join(" ") : undefined;
}

/** "Up to 100,000 files per dataset, each up to 20 GB." */
export function datasetLimitsSentence(limits: DatasetLimits): string {
  return `Up to ${countNoun(limits.maxFilesPerDataset, "files")} per dataset, each up to ${formatBytes(limits.maxUploadBytes)}.`;
}
