import { defineConfig, devices } from "@playwright/test";

// B9 (bench/b9_dashboard.py runs it from frontend/): the dashboard measured in Debian's Chromium.
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
    ...devices["Desktop Chrome"],
    baseURL: process.env.OASIS_E2E_URL,
    viewport: { width: 1440, height: 900 },
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
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
