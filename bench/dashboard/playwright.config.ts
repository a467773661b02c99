import { defineConfig } from "@playwright/test";
import e2e from "../../tests/e2e/playwright.config";

// B9 (bench/b9_dashboard.py runs it from frontend/): the dashboard measured in Debian's Chromium, with
// the e2e tests' browser settings.
export default defineConfig({
  testDir: ".",
  testMatch: /.*\.bench\.ts$/,
  timeout: 600_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: process.env.OASIS_BENCH_OUT_DIR,
  use: {
    ...e2e.use,
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    trace: "off",
    screenshot: "off",
  },
});
