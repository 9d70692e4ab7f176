import { parseArgs } from "node:util";
import { compareSessions, RunSelectionError, type RunComparison } from "../core/compare";
import { EXIT, UsageError, type CliIO } from "./io";
import { loadRecording } from "./recording-loader";

const USAGE = "usage: agui-inspector diff <a> <b> [--run <id>]… [--json]";

/**
 * `agui-inspector diff <a> <b>`: the runs of two recordings compared pairwise. Exit 0 when
 * nothing differs, 5 when something does, 1 when a file cannot be read, 2 on bad usage.
 */
export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { run: { type: "string", multiple: true, default: [] }, json: { type: "boolean", default: false } },
  });
  if (positionals.length !== 2) throw new UsageError(USAGE);
  const [fileA, fileB] = positionals;
  const [a, b] = await Promise.all([loadRecording(fileA, io), loadRecording(fileB, io)]);
  for (const loaded of [a, b]) {
    if (typeof loaded === "string") {
      io.stderr(`error: ${loaded}\n`);
      return EXIT.failure;
    }
  }
  let result;
  try {
    result = compareSessions((a as Exclude<typeof a, string>).records, (b as Exclude<typeof b, string>).records, values.run);
  } catch (err) {
    if (err instanceof RunSelectionError) throw new UsageError(`${err.message}\n${USAGE}`);
    throw err;
  }
  if (values.json) {
    io.stdout(JSON.stringify(result, null, 2) + "\n");
  } else {
    for (const run of result.runs) io.stdout(formatRun(run));
    for (const u of result.unpaired) io.stdout(`run ${u.index}${u.runId ? ` (${u.runId})` : ""} is only in ${u.side === "a" ? fileA : fileB}\n`);
    if (!result.runs.length && !result.unpaired.length) io.stdout("no runs in either file\n");
    io.stdout(`${result.differences} difference(s) in ${result.runs.length} compared run(s)\n`);
  }
  return result.differences ? EXIT.mismatch : EXIT.ok;
}

function formatRun(run: RunComparison): string {
  const label = (s: RunComparison["a"]) => `run ${s.index}${s.runId ? ` (${s.runId})` : ""}`;
  let out = `${label(run.a)} ↔ ${label(run.b)}: ${run.differences.length} difference(s)\n`;
  for (const d of run.differences) out += `  ${d.kind.padEnd(12)} ${d.message}\n`;
  const t = (v: number | undefined) => (v === undefined ? "–" : `${v} ms`);
  out += `  timing: duration ${t(run.a.timing.durationMs)} | ${t(run.b.timing.durationMs)}; first token ${t(run.a.timing.firstTokenMs)} | ${t(run.b.timing.firstTokenMs)}\n`;
  if (run.a.steps.length || run.b.steps.length) out += `  steps: ${run.a.steps.join(", ") || "–"} | ${run.b.steps.join(", ") || "–"}\n`;
  return out;
}
