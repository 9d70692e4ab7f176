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

// E2E_PORT_BASE lets two Playwright runs share a machine without colliding.
const base = Number(process.env.E2E_PORT_BASE ?? 4417);
export const INSPECTOR_PORT = base;
export const RUNTIME_PORT = base + 1;
export const HARNESS_PORT = base + 2;
/** The served inspector's recording proxy (in front of the demo runtime's REST mount). */
export const PROXY_PORT = base + 3;
// At least 16 characters: the server refuses shorter tokens.
export const TEST_TOKEN = "e2e-token-0123456789";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "reports/playwright.json" }]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    trace: "off",
  },
  webServer: [
    {
      command: `npx tsx scripts/start.ts --port ${INSPECTOR_PORT} --runtime-port ${RUNTIME_PORT} --token ${TEST_TOKEN} --proxy-port ${PROXY_PORT}`,
      url: `http://127.0.0.1:${INSPECTOR_PORT}/`,
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
