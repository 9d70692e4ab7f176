import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vite.config";

// The unit config for Stryker (stryker.config.mjs): the same tests minus the ones that need a
// build in dist/ or only check the build itself — they never reach the mutated source files.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["**/node_modules/**", "test/pack.test.ts", "test/extension-build.test.ts", "test/layers.test.ts"],
    },
  }),
);
