// `npm run mutate [-- stryker options]`: Stryker with the project's config (stryker.config.mjs).
// A `--mutate` subset given here keeps the config's exclusions (tests, test helpers, type-only
// files), which Stryker would otherwise drop along with the default list.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import config from "../stryker.config.mjs";

const exclusions = config.mutate.filter((pattern) => pattern.startsWith("!"));
const args = process.argv.slice(2).map((arg, i, all) => {
  const value = all[i - 1] === "--mutate" || all[i - 1] === "-m";
  return value ? [...arg.split(","), ...exclusions].join(",") : arg;
});
const bin = join(import.meta.dirname, "..", "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
const result = spawnSync(process.execPath, [bin, "run", ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
