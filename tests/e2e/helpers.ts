/**
 * What the specs share: the environment they run in (described in dashboard.spec.ts), where their
 * screenshots go, and signing in.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} to run the end-to-end test.`);
  return value;
}

export interface Credentials {
  username: string;
  password: string;
}

export const user: Credentials = {
  username: env("OASIS_E2E_USER"),
  password: env("OASIS_E2E_PASSWORD"),
};

export const artifacts = process.env.OASIS_E2E_ARTIFACTS ?? path.resolve(__dirname, "../../test-artifacts");
mkdirSync(artifacts, { recursive: true });

/** A screenshot of the whole page, `<name>.png` in the artifacts folder. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(artifacts, `${name}.png`),
    fullPage: true,
  });
}

export async function signIn(page: Page, credentials: Credentials) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(credentials.username);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-menu")).toContainText(credentials.username);
}
