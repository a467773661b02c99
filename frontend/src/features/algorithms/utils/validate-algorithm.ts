/**
 * The algorithm form's checks, all at once and before anything is sent: the same rules as the server
 * (backend/oasis/algorithms/services.py), which stays the authority and whose field errors are still
 * shown. The ranges are the installation's (`installationLimits`); until they are loaded only the
 * form of each number is checked.
 */
import type { AlgorithmLimits } from "@/features/algorithms/api/algorithm-limits";

const MAX_ARGV_CHARS = 16 * 1024;
const MAX_INT32 = 2 ** 31 - 1;

/** What the checks need of the installation's limits. */
export type RangeLimits = Pick<
  AlgorithmLimits,
  | "maxNameLength"
  | "minMemoryMb"
  | "maxMemoryMb"
  | "minCpus"
  | "maxCpus"
  | "minTimeoutS"
  | "maxTimeoutS"
  | "allowNetwork"
>;

export interface AlgorithmValues {
  readonly name: string;
  readonly imageId: string | null;
  readonly command: string;
  readonly entrypoint: string;
  readonly memoryMb: number | string;
  readonly cpus: number | string;
  readonly timeoutS: number | string;
  readonly network?: boolean;
}

export type AlgorithmErrors = Partial<Record<keyof AlgorithmValues, string>>;

/** Why a command cannot be split like a POSIX shell (as Python's shlex), or null. */
export function shellSplitError(value: string): string | null {
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (quote === "'") {
      if (char === "'") quote = null;
    } else if (char === "\\") {
      if (i === value.length - 1) return "it ends with a lone backslash";
      i += 1;
    } else if (quote === '"') {
      if (char === '"') quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    }
  }
  return quote ? `the ${quote === "'" ? "single" : "double"} quote is never closed` : null;
}

/** Empty -> null (the server's default); otherwise the number, or NaN for what is not one. */
export function parseNumber(value: number | string): number | null {
  if (typeof value === "number") return value;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A number's problem: not a number, not whole where it must be, or outside `range` (when known). */
function rangeError(
  value: number | string,
  range: readonly [number, number] | null,
  { integer, what, unit }: { integer: boolean; what: string; unit: string },
): string | undefined {
  const number = parseNumber(value);
  if (number === null) return undefined;
  const tail = unit ? ` ${unit}` : "";
  if (Number.isNaN(number)) return `${what} a number.`;
  if (integer && !Number.isInteger(number)) return `${what} a whole number of${tail}.`;
  if (range && (number < range[0] || number > range[1])) {
    return `${what} between ${range[0].toLocaleString()} and ${range[1].toLocaleString()}${tail}.`;
  }
  // GraphQL's Int is 32-bit: a larger value would come back as a protocol error, not a message.
  if (integer && Math.abs(number) > MAX_INT32) return `${what} far too large.`;
  return undefined;
}

function argvError(value: string): string | undefined {
  if (value.includes("\u0000")) return "It cannot contain a NUL character.";
  if (value.length > MAX_ARGV_CHARS) return "At most 16 KB.";
  const split = shellSplitError(value);
  return split ? `Cannot split it like a shell would: ${split}.` : undefined;
}

/** Every problem with the values, by field (empty when they can be sent). */
export function validateAlgorithm(
  values: AlgorithmValues,
  { creating, limits }: { creating: boolean; limits: RangeLimits | null },
): AlgorithmErrors {
  const errors: AlgorithmErrors = {};
  const name = values.name.trim();
  const maxName = limits?.maxNameLength ?? 200;
  if (!name) errors.name = "Give the algorithm a name.";
  else if (name.length > maxName) errors.name = `A name has at most ${String(maxName)} characters.`;
  if (creating && !values.imageId) errors.imageId = "Choose an image.";
  errors.command = argvError(values.command);
  errors.entrypoint = argvError(values.entrypoint);
  errors.memoryMb = rangeError(values.memoryMb, limits && [limits.minMemoryMb, limits.maxMemoryMb], {
    integer: true,
    what: "Memory is",
    unit: "MB",
  });
  errors.cpus = rangeError(values.cpus, limits && [limits.minCpus, limits.maxCpus], {
    integer: false,
    what: "CPUs are",
    unit: "",
  });
  errors.timeoutS = rangeError(values.timeoutS, limits && [limits.minTimeoutS, limits.maxTimeoutS], {
    integer: true,
    what: "The timeout is",
    unit: "seconds",
  });
  if (values.network && limits && !limits.allowNetwork) {
    errors.network = "This installation does not allow network access for algorithms.";
  }
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message));
}
