import { existsSync } from "node:fs";
import { join } from "node:path";

/** The planning repo's shared/fixtures, which sits beside this repo (override: AGUI_SHARED_FIXTURES). */
export const SHARED_FIXTURES = process.env.AGUI_SHARED_FIXTURES ?? join(import.meta.dirname, "..", "..", "shared", "fixtures");

/** Path of a shared fixture; a missing one fails the test loudly rather than skipping it. */
export function sharedFixture(name: string): string {
  const path = join(SHARED_FIXTURES, name);
  if (!existsSync(path)) throw new Error(`Shared fixture missing: ${path}. Check out shared/ beside this repo or set AGUI_SHARED_FIXTURES.`);
  return path;
}
