import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: a plain .mjs script without types
import { countReports } from "../scripts/count-tests.mjs";

// Small reports shaped like what vitest 4 (--reporter=json) and Playwright 1.65 (json reporter)
// write; the load failures were taken from real runs with a test file that throws at import.

const vitestOk = (passed: number) => ({
  numTotalTests: passed,
  numPassedTests: passed,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  success: true,
  testResults: [{ name: "/repo/a.test.ts", status: "passed", message: "", assertionResults: Array.from({ length: passed }, (_, i) => ({ title: `t${i}`, status: "passed" })) }],
});

const vitestUnloaded = {
  numTotalTests: 2,
  numPassedTests: 1,
  numFailedTests: 1,
  numPendingTests: 0,
  numTodoTests: 0,
  success: false,
  testResults: [
    { name: "/repo/broken.test.ts", status: "failed", message: "Error: No test cases: /repo/test/fixtures/runtime holds no .sse files.\n    at …", assertionResults: [] },
    { name: "/repo/ok.test.ts", status: "failed", message: "", assertionResults: [{ title: "passes", status: "passed" }, { title: "fails", status: "failed" }] },
  ],
};

const playwrightOk = (expected: number) => ({ stats: { expected, unexpected: 0, flaky: 0, skipped: 0 }, errors: [], suites: [] });
const playwrightUnloaded = {
  stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
  errors: [{ message: "Error: cannot load", location: { file: "/repo/e2e/broken.spec.ts", line: 2, column: 7 } }],
  suites: [],
};

describe("the closing N passed, N failed line", () => {
  it("adds both runners' passes", () => {
    expect(countReports(vitestOk(5), playwrightOk(3))).toMatchObject({ passed: 8, failed: 0 });
  });

  it("counts a vitest file that failed to load as a failure, besides the failing test in another file", () => {
    const r = countReports(vitestUnloaded, playwrightOk(3));
    expect(r).toMatchObject({ passed: 4, failed: 2 });
    expect(r.notes.join("\n")).toMatch(/broken\.test\.ts failed outside its tests: Error: No test cases/);
  });

  it("counts the older failureMessage field the same way", () => {
    const report = { ...vitestOk(1), success: false, testResults: [{ name: "/repo/x.test.ts", status: "failed", failureMessage: "SyntaxError: x", assertionResults: [] }] };
    expect(countReports(report, playwrightOk(0))).toMatchObject({ passed: 1, failed: 1 });
  });

  it("counts a Playwright spec that failed to load (a top-level error) as a failure", () => {
    const r = countReports(vitestOk(2), playwrightUnloaded);
    expect(r).toMatchObject({ passed: 2, failed: 1 });
    expect(r.notes.join("\n")).toMatch(/cannot load \(\/repo\/e2e\/broken\.spec\.ts\)/);
  });

  it("counts skipped, flaky, pending and todo tests and missing reports as failures", () => {
    expect(countReports({ ...vitestOk(1), numPendingTests: 1, numTodoTests: 1 }, { ...playwrightOk(1), stats: { expected: 1, unexpected: 0, flaky: 1, skipped: 2 } })).toMatchObject({ passed: 2, failed: 5 });
    expect(countReports(null, null)).toMatchObject({ passed: 0, failed: 2 });
  });

  it("a failed vitest run with no failing test and no failing file still fails", () => {
    expect(countReports({ ...vitestOk(3), success: false }, playwrightOk(1))).toMatchObject({ passed: 4, failed: 1 });
  });

  it("the script prints the line and exits non-zero on a load failure", () => {
    const dir = mkdtempSync(join(tmpdir(), "agui-count-"));
    try {
      writeFileSync(join(dir, "v.json"), JSON.stringify(vitestUnloaded));
      writeFileSync(join(dir, "p.json"), JSON.stringify(playwrightOk(3)));
      const script = join(import.meta.dirname, "..", "scripts", "count-tests.mjs");
      let stdout = "";
      let code = 0;
      try {
        stdout = execFileSync(process.execPath, [script, join(dir, "v.json"), join(dir, "p.json")], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      } catch (e) {
        stdout = (e as { stdout: string }).stdout;
        code = (e as { status: number }).status;
      }
      expect(stdout.trim()).toBe("4 passed, 2 failed");
      expect(code).toBe(1);
      writeFileSync(join(dir, "v.json"), JSON.stringify(vitestOk(2)));
      expect(execFileSync(process.execPath, [script, join(dir, "v.json"), join(dir, "p.json")], { encoding: "utf8" }).trim()).toBe("5 passed, 0 failed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
