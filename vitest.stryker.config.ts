import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vite.config";

// The unit config for Stryker (stryker.config.mjs). Left out: suites that need a build in dist/
// or check the build or file layout (they never reach the mutated code), and suites that drive
// a whole recording from a beforeAll hook — Stryker counts code run outside a test as "static"
// and then reruns every test, with a fresh environment, for each mutant in that code.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        "**/node_modules/**",
        "test/pack.test.ts",
        "test/extension-build.test.ts",
        "test/layers.test.ts",
        "test/serve.test.ts",
        "test/serve-clients.test.ts",
        "test/serve-proxy.test.ts",
        // Its abort test races a slow run against the stop call and loses on a loaded machine;
        // one failure in Stryker's first run stops the whole run.
        "test/proxy-agent.test.ts",
        // Stryker's vitest runner always uses worker threads, whose 4 MB stack does not overflow
        // where the forks pool's does; this suite asserts what happens when a 10,000-deep record does.
        // (The replay and SSE suites overflow every pool with 200,000 levels and stay in.)
        "test/cli-faults.test.ts",
      ],
    },
  }),
);
