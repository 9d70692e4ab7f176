import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// The web inspector (SPA). The CLI has its own config: vite.cli.config.ts.
export default defineConfig({
  plugins: [preact()],
  base: "./",
  build: { outDir: "dist/web", emptyOutDir: true, sourcemap: true },
  server: { host: "127.0.0.1" },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { COPILOTKIT_TELEMETRY_DISABLED: "true", DO_NOT_TRACK: "1" },
  },
});
