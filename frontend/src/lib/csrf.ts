/** Django's CSRF token: the `csrftoken` cookie (rotated on login), else fetched from /api/csrf. */

const COOKIE = "csrftoken";
let fetched: string | null = null;

export function readCsrfCookie(): string | null {
  for (const part of document.cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === COOKIE) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export async function getCsrfToken(): Promise<string> {
  const cookie = readCsrfCookie();
  if (cookie) return cookie;
  if (fetched) return fetched;
  const response = await fetch("/api/csrf", { credentials: "same-origin" });
  if (!response.ok) throw new Error(`Could not get a CSRF token (HTTP ${response.status}).`);
  const body = (await response.json()) as { csrfToken: string };
  fetched = body.csrfToken;
  return readCsrfCookie() ?? fetched;
}
