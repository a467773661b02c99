const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit] ?? "B"}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
  return `${seconds}s`;
}

/** Milliseconds between two ISO timestamps; an open end counts up to `now`. */
export function durationBetween(start: string | null, end: string | null, now: number): number | null {
  if (!start) return null;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  return Number.isNaN(from) || Number.isNaN(to) ? null : to - from;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "—";
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return iso;
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(seconds, "second");
  if (abs < 2700) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 79200) return relative.format(Math.round(seconds / 3600), "hour");
  return relative.format(Math.round(seconds / 86400), "day");
}

/**
 * A digest short enough for a table cell: `sha256:<hex>` as its first 12 hex digits,
 * `registry/team/repo@sha256:<hex>` as `repo@<12 hex>`. Anything else is returned as it is.
 */
export function shortDigest(value: string): string {
  const at = value.lastIndexOf("@");
  const repo = at >= 0 ? value.slice(0, at) : "";
  const digest = at >= 0 ? value.slice(at + 1) : value;
  const hex = /^sha256:([a-f0-9]{12,})$/.exec(digest)?.[1];
  if (!hex) return value;
  const short = hex.slice(0, 12);
  return repo ? `${repo.slice(repo.lastIndexOf("/") + 1)}@${short}` : short;
}

/** "1 image", "2 images": `noun` is the plural; one is written without the final "s". */
const numbers = new Intl.NumberFormat();

/** `n` with the user's digit grouping ("12,345"). One formatter for all: `toLocaleString` makes a new
 * one per call, which showed up in profiles of busy live lists. */
export function formatCount(n: number): string {
  return numbers.format(n);
}

export function countNoun(count: number, noun: string): string {
  return `${formatCount(count)} ${count === 1 ? noun.replace(/s$/, "") : noun}`;
}
