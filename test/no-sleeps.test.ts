import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// Storage tests wait for a condition (sinkReaches, a promise the code resolves) or drive an
// injected clock; a wall-clock sleep makes them slow on a busy machine and flaky on a slower one.
const SLEEP = /\bsetTimeout\s*\(|\bsleep\s*\(|\bsettle\s*\(\s*\d|\bdelay\s*\(\s*\d/;

describe("storage tests do not sleep", () => {
  const dir = join(import.meta.dirname, "..", "src", "storage");
  const files = readdirSync(dir).filter((f) => f.endsWith(".test.ts") || f === "test-util.ts");

  it("no setTimeout or sleep in src/storage tests and their helpers", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    const offenders = files.filter((f) => SLEEP.test(readFileSync(join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the scan recognises a sleep", () => {
    for (const text of ["await new Promise((r) => setTimeout(r, 10));", "await sleep(20);", "await settle(10);", "await delay(5)"]) expect(SLEEP.test(text)).toBe(true);
    expect(SLEEP.test("await sinkReaches(sink, (s) => s.savedSeq === 2);")).toBe(false);
  });
});
