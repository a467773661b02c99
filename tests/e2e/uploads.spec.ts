/**
 * Large files from the dashboard (issue 13): sent in parts straight to the data plane's presigned URLs
 * (another origin than the dashboard: CORS), paused and resumed, and continued after a reload without
 * sending again the parts that arrived. The stack runs with 5 MiB parts (OASIS_UPLOAD_PART_BYTES).
 *
 * Environment as for dashboard.spec.ts.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page, type Request } from "@playwright/test";
import { env, screenshot, signIn, user } from "./helpers";

const MiB = 1024 * 1024;
const SIZE = 31 * MiB + 123; // 7 parts of 5 MiB

function bigFile(name: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), "oasis-e2e-big-"));
  const file = path.join(folder, name);
  writeFileSync(file, randomBytes(SIZE));
  return file;
}

/** Slows each part on its way so that a pause or a reload lands in the middle of the upload. */
async function slowParts(page: Page, sent: Request[]) {
  await page.route(/\/data\/part\//, async (route) => {
    if (route.request().method() === "PUT") {
      sent.push(route.request());
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    await route.continue();
  });
}

async function startCreate(page: Page, name: string, file: string) {
  await page.goto("/datasets/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByTestId("dataset-files-input").setInputFiles(file);
}

test("a large file goes to the data plane in parts, pauses and resumes", async ({
  page,
}) => {
  const base = new URL(env("OASIS_E2E_URL"));
  const sent: Request[] = [];
  await signIn(page, user);
  await slowParts(page, sent);
  const name = `big-${Date.now().toString(36)}`;
  await startCreate(page, name, bigFile("big.bin"));
  await page.getByRole("button", { name: "Create dataset" }).click();
  const uploads = page.getByRole("list", { name: "Large file uploads" });
  await expect(uploads).toContainText("Uploading");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(uploads).toContainText("Paused");
  await screenshot(page, "upload-paused");
  const atPause = sent.length;
  await page.waitForTimeout(1500);
  expect(sent.length).toBe(atPause); // nothing more goes while paused
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+$/, { timeout: 120_000 });
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("list", { name: "Dataset files" })).toContainText(
    "big.bin",
  );
  // The parts went to the data plane (another port: a cross-origin PUT), not through the web server.
  const targets = new Set(sent.map((request) => new URL(request.url()).origin));
  expect([...targets]).toHaveLength(1);
  expect([...targets][0]).not.toBe(base.origin);
  expect(sent.length).toBeGreaterThanOrEqual(7);
});

test("an upload cut by a reload continues from the parts that arrived", async ({
  page,
}) => {
  const sent: Request[] = [];
  await signIn(page, user);
  await slowParts(page, sent);
  const name = `reloaded-${Date.now().toString(36)}`;
  const file = bigFile("scan.bin");
  await startCreate(page, name, file);
  await page.getByRole("button", { name: "Create dataset" }).click();
  // Wait until a few parts have arrived, then reload in the middle of the upload.
  await expect
    .poll(
      async () =>
        (await page
          .getByRole("list", { name: "Large file uploads" })
          .textContent()) ?? "",
      {
        timeout: 60_000,
      },
    )
    .toMatch(/(1[0-9]|2[0-9])\.\d MB \//);
  await page.reload();
  const before = sent.length;
  await startCreate(page, name, file);
  await expect(page.getByText("Unfinished uploads found")).toBeVisible();
  await screenshot(page, "upload-resumes");
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+$/, { timeout: 120_000 });
  await expect(page.getByRole("list", { name: "Dataset files" })).toContainText(
    "scan.bin",
  );
  const again = sent.length - before;
  expect(again).toBeGreaterThan(0);
  expect(again).toBeLessThan(7); // the parts that arrived were not sent again
});

test("a discarded upload is gone: nothing to continue afterwards", async ({
  page,
}) => {
  const sent: Request[] = [];
  await signIn(page, user);
  await slowParts(page, sent);
  const name = `discarded-${Date.now().toString(36)}`;
  const file = bigFile("gone.bin");
  await startCreate(page, name, file);
  await page.getByRole("button", { name: "Create dataset" }).click();
  const uploads = page.getByRole("list", { name: "Large file uploads" });
  await expect(uploads).toContainText("Uploading");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(uploads).toContainText("Paused");
  await page.getByRole("button", { name: "Discard the upload" }).click();
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(uploads).toBeHidden();
  // Picking the same file again finds no unfinished upload to continue: the session was dropped.
  await startCreate(page, name, file);
  await expect(page.getByTestId("dataset-files-input")).toBeAttached();
  await page.waitForTimeout(1500);
  await expect(page.getByText("Unfinished uploads found")).toBeHidden();
});
