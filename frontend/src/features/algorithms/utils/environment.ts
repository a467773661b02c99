/** The environment editor's rows and the JSON object the API takes. */

export interface EnvRow {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(["OASIS_INPUT_DIR", "OASIS_OUTPUT_DIR"]);

let nextId = 1;
export function newRow(key = "", value = ""): EnvRow {
  nextId += 1;
  return { id: nextId, key, value };
}

export function rowsFromEnvironment(environment: unknown): EnvRow[] {
  if (environment === null || typeof environment !== "object" || Array.isArray(environment)) return [];
  return Object.entries(environment as Record<string, unknown>).map(([key, value]) =>
    newRow(key, typeof value === "string" ? value : JSON.stringify(value)),
  );
}

/** Rows with neither a name nor a value are ignored. */
export function environmentFromRows(rows: readonly EnvRow[]): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key || row.value) environment[key] = row.value;
  }
  return environment;
}

/** A message per row id for names the server would refuse. */
export function validateRows(rows: readonly EnvRow[]): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.value) continue;
    if (!key) errors[row.id] = "Give the variable a name.";
    else if (!NAME.test(key)) errors[row.id] = "Letters, digits and _ only; not starting with a digit.";
    else if (RESERVED.has(key)) errors[row.id] = `${key} is set by OASIS.`;
    else if (seen.has(key)) errors[row.id] = `${key} is already set above.`;
    seen.add(key);
  }
  return errors;
}
