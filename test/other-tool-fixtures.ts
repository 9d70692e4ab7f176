import { existsSync } from "node:fs";
import { join } from "node:path";

/** Files written by other AG-UI tools, kept in the repo with their source and licence (see the README there). */
export const OTHER_TOOL_FIXTURES = join(import.meta.dirname, "fixtures", "other-tools");

/** Path of one of those files; a missing one fails the test loudly rather than skipping it. */
export function otherToolFixture(name: string): string {
  const path = join(OTHER_TOOL_FIXTURES, name);
  if (!existsSync(path)) throw new Error(`Fixture missing: ${path}`);
  return path;
}
