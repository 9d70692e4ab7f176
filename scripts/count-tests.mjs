// Prints "N passed, N failed" over the vitest and Playwright JSON reports. A missing report,
// a test file that failed to load and a run-level error each count as a failure, so nothing
// that never ran can look green. Skipped, pending and todo tests count as failures too.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * @param {any} vitest parsed vitest JSON report, or null when there is none
 * @param {any} playwright parsed Playwright JSON report, or null when there is none
 * @returns {{ passed: number, failed: number, notes: string[] }}
 */
export function countReports(vitest, playwright) {
  let passed = 0;
  let failed = 0;
  const notes = [];

  if (!vitest) {
    notes.push("no vitest report");
    failed += 1;
  } else {
    passed += vitest.numPassedTests ?? 0;
    failed += (vitest.numFailedTests ?? 0) + (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
    // A file that failed to load (a throw at import, no cases built) has no assertions to fail.
    let unloaded = 0;
    for (const file of vitest.testResults ?? []) {
      if (file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed")) {
        unloaded += 1;
        notes.push(`vitest: ${file.name} failed outside its tests: ${firstLine(file.message ?? file.failureMessage)}`);
      }
    }
    failed += unloaded;
    // The run failed and nothing above says why (e.g. an error outside every file).
    if (vitest.success === false && unloaded === 0 && (vitest.numFailedTests ?? 0) === 0) {
      notes.push("vitest: the run failed without a failing test");
      failed += 1;
    }
  }

  if (!playwright) {
    notes.push("no Playwright report");
    failed += 1;
  } else {
    const s = playwright.stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
    // Errors at the top level: a spec that failed to load, a broken config, a global setup.
    for (const e of playwright.errors ?? []) notes.push(`playwright: ${firstLine(e.message)}${e.location ? ` (${e.location.file})` : ""}`);
    failed += (playwright.errors ?? []).length;
  }
  return { passed, failed, notes };
}

function firstLine(text) {
  return String(text ?? "").split("\n")[0].slice(0, 200);
}

function read(file) {
  if (!file || !existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [vitestFile, playwrightFile] = process.argv.slice(2);
  const { passed, failed, notes } = countReports(read(vitestFile), read(playwrightFile));
  for (const n of notes) console.error(n);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}
