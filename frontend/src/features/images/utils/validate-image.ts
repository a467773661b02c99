/**
 * The image and registry login forms' checks, all at once before sending: the same rules as the
 * server (oasis/images/services.validate_reference, credentials.set_credential), which decides.
 */
import type { ImageLimits } from "@/features/images/api/image-limits";
import { formatBytes } from "@/lib/format";

const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REFERENCE = new RegExp(
  "^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9-]+)*(?::[0-9]+)?/)?" +
    `${COMPONENT}(?:/${COMPONENT})*` +
    "(?::[\\w][\\w.-]{0,127})?" +
    "(?:@sha256:[a-f0-9]{64})?$",
);
const IMAGE_ID_LIKE = /^(sha256:)?[a-f0-9]{12,64}$/;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9-]+)*(?::[0-9]{1,5})?$/;

/** The registry host of a reference, as the engine reads it (docker.io when it names none). */
export function registryHost(ref: string): string {
  const slash = ref.indexOf("/");
  const first = slash >= 0 ? ref.slice(0, slash) : "";
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    return first.toLowerCase();
  }
  return "docker.io";
}

function notAllowed(host: string, limits: ImageLimits | null): string | undefined {
  if (!limits || limits.allowedRegistries.length === 0 || limits.allowedRegistries.includes(host)) {
    return undefined;
  }
  return `Images come from ${limits.allowedRegistries.join(", ")} on this installation, not ${host}.`;
}

export interface ImageValues {
  readonly source: "reference" | "file";
  readonly name: string;
  readonly imageRef: string;
  readonly file: File | null;
}

/** Every problem with the image form's values, by field. */
export function validateImage(values: ImageValues, limits: ImageLimits | null): Record<string, string> {
  const errors: Record<string, string | undefined> = {};
  const name = values.name.trim();
  const maxName = limits?.maxNameLength ?? 200;
  if (!name) errors.name = "Give the image a name.";
  else if (name.length > maxName) errors.name = `An image name has at most ${String(maxName)} characters.`;
  if (values.source === "reference") {
    const ref = values.imageRef.trim();
    if (!ref) errors.imageRef = "Give the image reference, e.g. alpine:3.20.";
    else if (ref.startsWith("sha256:") || IMAGE_ID_LIKE.test(ref))
      errors.imageRef = "Image ids cannot be registered: give a registry reference (e.g. alpine:3.20).";
    else if (ref.length > 512 || !REFERENCE.test(ref))
      errors.imageRef = `${ref} is not a valid image reference (e.g. alpine:3.20 or host:5000/team/algo@sha256:...).`;
    else errors.imageRef = notAllowed(registryHost(ref), limits);
  } else if (!values.file) {
    errors.imageFile = "Choose a tarball made with docker save.";
  } else if (!/\.(tar|tar\.gz|tgz)$/.test(values.file.name)) {
    errors.imageFile = "An image file is a `docker save` archive: .tar or .tar.gz.";
  } else if (limits && values.file.size > limits.maxImageBytes) {
    errors.imageFile = `The file is larger than the ${formatBytes(limits.maxImageBytes)} limit for images.`;
  }
  return defined(errors);
}

export interface LoginValues {
  readonly host: string;
  readonly username: string;
  readonly password: string;
}

/** Every problem with a registry login, by field. */
export function validateLogin(values: LoginValues, limits: ImageLimits | null): Record<string, string> {
  const errors: Record<string, string | undefined> = {};
  const host = values.host.trim().toLowerCase();
  if (!HOST.test(host))
    errors.host = "Give a registry host such as registry.example.org:5000 (no scheme, no path).";
  else errors.host = notAllowed(host, limits);
  const username = values.username.trim();
  if (!username || username.length > 255 || username.includes("\u0000"))
    errors.username = "Give a username of at most 255 characters.";
  if (!values.password || values.password.length > 4096 || values.password.includes("\u0000"))
    errors.password = "Give the password or access token (at most 4096 characters).";
  return defined(errors);
}

function defined(errors: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
