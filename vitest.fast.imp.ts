import { defineConfig } from "vitest/config";
export default defineConfig({ test: { include: ["src/storage/**/*.test.ts", "src/worker/import.test.ts", "src/core/protocol/**/*.test.ts", "src/core/session/**/*.test.ts"], isolate: false, testTimeout: 30_000 } });
