import type { CombinedError } from "@urql/core";
import type { Upload } from "@/lib/use-upload";

export interface OperationMessageLike {
  readonly kind: string;
  readonly message: string;
  readonly field?: string | null;
  readonly code?: string | null;
}

/** Form feedback from a mutation: messages per input field (camelCase names) and the rest. */
export interface FormErrors {
  readonly fields: Readonly<Record<string, string>>;
  readonly general: readonly string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

export function hasErrors(errors: FormErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.fields).length > 0;
}

/**
 * A form's own checks, made all at once before sending, as its errors: null when every field passed (a
 * field without a message passed).
 */
export function fieldProblems(
  problems: Readonly<Record<string, string | null | undefined>>,
): FormErrors | null {
  const fields = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return Object.keys(fields).length > 0 ? { fields, general: [] } : null;
}

/** Groups OperationInfo messages by field; messages for unknown fields go to `general`. */
export function formErrorsFromMessages(
  messages: readonly OperationMessageLike[],
  knownFields?: readonly string[],
): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const { field, message } of messages) {
    const key = field ? normaliseField(field) : null;
    if (key && (!knownFields || knownFields.includes(key))) {
      fields[key] = fields[key] ? `${fields[key]} ${message}` : message;
    } else {
      general.push(message);
    }
  }
  return { fields, general };
}

/** `input.imageRef`, `paths.2` and `image_ref` all point at the form field `imageRef` / `paths`. */
function normaliseField(field: string): string {
  const last = field.split(".").filter((part) => !/^\d+$/.test(part) && part !== "input");
  const name = last[last.length - 1] ?? field;
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** All the messages of a failed mutation in one sentence (for a notification). */
export function errorsSentence(errors: FormErrors): string {
  return [...errors.general, ...Object.values(errors.fields)].join(" ");
}

export function formErrorsFromError(error: CombinedError | Error | string): FormErrors {
  const messages =
    typeof error !== "string" && "graphQLErrors" in error && error.graphQLErrors.length > 0
      ? error.graphQLErrors.map((e) => e.message)
      : null;
  if (!messages) return { fields: {}, general: [errorMessage(error)] };
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const message of messages) {
    const bad = badVariable(message);
    if (bad?.field) fields[bad.field] = bad.message;
    else general.push(bad?.message ?? message);
  }
  return { fields, general };
}

/**
 * graphql-core's refusal of a variable ("Variable '$input' got invalid value 99999999999 at
 * 'input.memoryMb'; Int cannot represent non 32-bit signed integer value: ...") in the user's words,
 * with the field it is about; null for other messages.
 */
export function badVariable(message: string): { field: string | null; message: string } | null {
  if (!message.startsWith("Variable '$")) return null;
  const field = /at '(?:[\w]+(?:\[\d+\])?\.)*(\w+)'/.exec(message)?.[1] ?? null;
  let text = "This value is not accepted.";
  if (message.includes("Int cannot represent non 32-bit")) text = "This number is too large.";
  else if (message.includes("Int cannot represent non-integer")) text = "Use a whole number.";
  else if (message.includes("cannot represent")) text = "This is not a valid number.";
  return { field, message: text };
}

/** A readable sentence for a transport or GraphQL error. */
export function errorMessage(error: CombinedError | Error | string): string {
  if (typeof error === "string") return error;
  if ("graphQLErrors" in error && error.graphQLErrors.length > 0) {
    return error.graphQLErrors.map((e) => badVariable(e.message)?.message ?? e.message).join(" ");
  }
  if ("networkError" in error && error.networkError) {
    return `Could not reach the server: ${error.networkError.message}`;
  }
  return error.message;
}

/** The result of a `<Type> | OperationInfo` mutation as a value or form errors. */
export type MutationOutcome<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

interface OperationInfoShape {
  readonly __typename: "OperationInfo";
  readonly messages: readonly OperationMessageLike[];
}

export function outcomeOf<T extends { readonly __typename?: string }>(
  payload: T | OperationInfoShape | null | undefined,
  error: CombinedError | undefined,
  knownFields?: readonly string[],
): MutationOutcome<Exclude<T, OperationInfoShape>> {
  if (error) return { ok: false, errors: formErrorsFromError(error) };
  if (!payload) return { ok: false, errors: { fields: {}, general: ["The server sent no result."] } };
  if (isOperationInfo(payload)) {
    return { ok: false, errors: formErrorsFromMessages(payload.messages, knownFields) };
  }
  return { ok: true, value: payload as Exclude<T, OperationInfoShape> };
}

/**
 * The result of a `<Type> | OperationInfo` mutation sent as a multipart upload: GraphQL errors without
 * data become general form errors.
 */
export function uploadOutcomeOf<TData, T extends { readonly __typename?: string }>(
  result: { readonly data: TData | null; readonly errors: readonly { message: string }[] },
  payload: (data: TData) => T | OperationInfoShape | null | undefined,
  knownFields?: readonly string[],
): MutationOutcome<Exclude<T, OperationInfoShape>> {
  if (!result.data) {
    return { ok: false, errors: formErrorsFromError(result.errors.map((e) => e.message).join(" ")) };
  }
  return outcomeOf(payload(result.data), undefined, knownFields);
}

/**
 * Sends a `<Type> | OperationInfo` mutation as a multipart upload: its value, or null when the upload
 * was cancelled, its transport failed (the upload's state says so) or the server refused it (`onErrors`
 * gets why, and the upload is reset).
 */
export async function sendUpload<TData, TVariables, T extends { readonly __typename?: string }>(
  upload: Upload<TData, TVariables>,
  variables: TVariables,
  payload: (data: TData) => T | OperationInfoShape | null | undefined,
  knownFields: readonly string[],
  onErrors: (errors: FormErrors) => void,
): Promise<Exclude<T, OperationInfoShape> | null> {
  const result = await upload.start(variables);
  if (!result) return null;
  const outcome = uploadOutcomeOf(result, payload, knownFields);
  if (outcome.ok) return outcome.value;
  onErrors(outcome.errors);
  upload.reset();
  return null;
}

function isOperationInfo(value: { readonly __typename?: string }): value is OperationInfoShape {
  return value.__typename === "OperationInfo";
}
