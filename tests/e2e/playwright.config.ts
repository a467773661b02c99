import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Run from frontend/: `npm run e2e` (playwright test -c ../tests/e2e/playwright.config.ts).
// Needs OASIS_E2E_URL and the credentials described in dashboard.spec.ts; uses Debian's Chromium.
export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  timeout: 480_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  // Traces and failure screenshots go beside the page screenshots.
  outputDir: path.join(process.env.OASIS_E2E_ARTIFACTS ?? path.resolve(__dirname, "../../test-artifacts"), "playwright"),
  use: {
    ...devices["Desktop Chrome"],
    baseURL: process.env.OASIS_E2E_URL,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
