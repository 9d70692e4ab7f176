import { defineConfig } from "@playwright/test";

// Debian's Chromium, driven by Playwright (a downloaded browser cannot be installed here).
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const INSPECTOR_PORT = 4417;
export const RUNTIME_PORT = 4418;
export const HARNESS_PORT = 4419;
export const TEST_TOKEN = "e2e-token";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    trace: "off",
  },
  webServer: [
    {
      command: `npx tsx scripts/start.ts --port ${INSPECTOR_PORT} --runtime-port ${RUNTIME_PORT} --token ${TEST_TOKEN}`,
      url: `http://127.0.0.1:${INSPECTOR_PORT}/?token=${TEST_TOKEN}`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { COPILOTKIT_TELEMETRY_DISABLED: "true", DO_NOT_TRACK: "1" },
    },
    {
      // Test harness pages (e2e/pages/*.html) import src/ modules directly through Vite.
      command: `npx vite --port ${HARNESS_PORT} --strictPort`,
      url: `http://127.0.0.1:${HARNESS_PORT}/e2e/pages/ping.html`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
