// `npm run bench`: runs every bench/*.bench.ts in turn. Each exports `run(): Promise<BenchReport>`.
// Figures are ratios against a baseline measured in the same run, never absolute pass/fail gates.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import os from "node:os";

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  /** Optional baseline measured in the same run; the ratio is value/baseline. */
  baseline?: number;
  note?: string;
}

export interface BenchReport {
  title: string;
  lines: BenchLine[];
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const all = readdirSync(here).filter((f) => f.endsWith(".bench.ts"));
// An argument naming a bench exactly runs that one ("big" is not also "big-import"); any other picks every bench whose name holds it.
const files = all.filter((f) => only.length === 0 || only.some((o) => (all.includes(`${o}.bench.ts`) ? f === `${o}.bench.ts` : f.includes(o)))).sort();

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchReport> };
  try {
    const report = await mod.run();
    console.log(`\n## ${report.title}`);
    for (const line of report.lines) {
      const ratio = line.baseline ? `  (×${(line.value / line.baseline).toFixed(2)} vs baseline ${fmt(line.baseline)} ${line.unit})` : "";
      console.log(`  ${line.name}: ${fmt(line.value)} ${line.unit}${ratio}${line.note ? `  — ${line.note}` : ""}`);
    }
  } catch (err) {
    failed++;
    console.error(`\n## ${file} failed: ${(err as Error).stack ?? err}`);
  }
}
process.exit(failed ? 1 : 0);

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}
