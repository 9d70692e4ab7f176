// Mutation testing (`npm run mutate`): Stryker plants small bugs in the core, storage, server and
// the extension's observer, one at a time, and checks that some test fails on each. Not part of
// CI — it takes a long while on two cores. Narrow a run with
// `npm run mutate -- --mutate 'src/core/transport/**/*.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts", related: true },
  // perTest: each mutant runs only the tests that reached its code in the dry run.
  coverageAnalysis: "perTest",
  mutate: [
    "src/core/**/*.ts",
    "src/storage/**/*.ts",
    "src/server/**/*.ts",
    "extension/observe/**/*.ts",
    "!**/*.test.ts",
    // Helpers used only by tests.
    "!src/storage/test-util.ts",
    "!src/core/recorder/manual-clock.ts",
    // Type-only files: no code to mutate.
    "!src/core/session/record.ts",
    "!src/core/session/import/types.ts",
  ],
  // Files no vitest test reads; skipping them keeps each sandbox copy small.
  ignorePatterns: ["dist", "docs/**/*.png", "e2e/pages", "test-results", "playwright-report", ".bench", ".scratch", "*.zip", ".stryker-tmp*"],
  // Results are reused for unchanged code and tests; re-runs only test what changed.
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  // Two cores: one test process each. Lower it (`--concurrency 1`) on a busy machine.
  concurrency: 2,
  // Several suites start a real runtime on 127.0.0.1; give a slow machine room before a
  // mutant counts as an endless loop.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, allowEmojis: false },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
