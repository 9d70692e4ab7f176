// Prints "N passed, N failed" over the vitest and Playwright JSON reports. A missing report
// counts as one failure, so a runner that never ran cannot look green.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
const [vitestFile, playwrightFile] = process.argv.slice(2);

if (existsSync(vitestFile)) {
  const r = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (!r.success && (r.numFailedTests ?? 0) === 0) failed += 1; // e.g. a suite that failed to load
} else {
  console.error(`no vitest report at ${vitestFile}`);
  failed += 1;
}

if (existsSync(playwrightFile)) {
  const r = JSON.parse(readFileSync(playwrightFile, "utf8"));
  const s = r.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
  if ((r.errors ?? []).length) failed += r.errors.length;
} else {
  console.error(`no Playwright report at ${playwrightFile}`);
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
