/**
 * The algorithm form's checks, all at once and before anything is sent: the same rules as the server
 * (backend/oasis/algorithms/services.py), which stays the authority and whose field errors are still
 * shown. The limits are the server's defaults; the API does not publish the installation's own yet.
 */
export const LIMITS = {
  maxName: 200,
  minMemoryMb: 6,
  maxMemoryMb: 16 * 1024,
  minCpus: 0.01,
  maxCpus: 4,
  minTimeoutS: 1,
  maxTimeoutS: 24 * 3600,
  maxArgvChars: 16 * 1024,
} as const;

export interface AlgorithmValues {
  readonly name: string;
  readonly imageId: string | null;
  readonly command: string;
  readonly entrypoint: string;
  readonly memoryMb: number | string;
  readonly cpus: number | string;
  readonly timeoutS: number | string;
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

function rangeError(
  value: number | string,
  {
    min,
    max,
    integer,
    what,
    unit,
  }: { min: number; max: number; integer: boolean; what: string; unit: string },
): string | undefined {
  const number = parseNumber(value);
  if (number === null) return undefined;
  const tail = unit ? ` ${unit}` : "";
  if (Number.isNaN(number)) return `${what} a number.`;
  if (integer && !Number.isInteger(number)) return `${what} a whole number of${tail}.`;
  if (number < min || number > max) {
    return `${what} between ${min.toLocaleString()} and ${max.toLocaleString()}${tail}.`;
  }
  return undefined;
}

function argvError(value: string): string | undefined {
  if (value.includes("\u0000")) return "It cannot contain a NUL character.";
  if (value.length > LIMITS.maxArgvChars) return "At most 16 KB.";
  const split = shellSplitError(value);
  return split ? `Cannot split it like a shell would: ${split}.` : undefined;
}

/** Every problem with the values, by field (empty when they can be sent). */
export function validateAlgorithm(
  values: AlgorithmValues,
  { creating }: { creating: boolean },
): AlgorithmErrors {
  const errors: AlgorithmErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = "Give the algorithm a name.";
  else if (name.length > LIMITS.maxName)
    errors.name = `A name has at most ${String(LIMITS.maxName)} characters.`;
  if (creating && !values.imageId) errors.imageId = "Choose an image.";
  errors.command = argvError(values.command);
  errors.entrypoint = argvError(values.entrypoint);
  errors.memoryMb = rangeError(values.memoryMb, {
    min: LIMITS.minMemoryMb,
    max: LIMITS.maxMemoryMb,
    integer: true,
    what: "Memory is",
    unit: "MB",
  });
  errors.cpus = rangeError(values.cpus, {
    min: LIMITS.minCpus,
    max: LIMITS.maxCpus,
    integer: false,
    what: "CPUs are",
    unit: "",
  });
  errors.timeoutS = rangeError(values.timeoutS, {
    min: LIMITS.minTimeoutS,
    max: LIMITS.maxTimeoutS,
    integer: true,
    what: "The timeout is",
    unit: "seconds",
  });
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message));
}
