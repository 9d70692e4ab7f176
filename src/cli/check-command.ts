import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_RULES, EXACT_RULES, parseRules, RulesError, type CheckRules } from "../core/compare";
import { checkRecording } from "../core/check/runner";
import { formatJunit, formatReport, summarize, type RecordingCheck } from "../core/check/report";
import { createRecorder } from "../core/recorder/recorder";
import { createHeader, encodeSessionFile } from "../core/session/file";
import type { SessionRecord } from "../core/session/record";
import { redactUrl } from "../core/session/redact";
import { createRuntimeClient } from "../core/transport/client";
import { InspectorError } from "../core/transport/errors";
import { createMemorySink } from "../storage/memory";
import { connectionOptions, readConnection } from "./info-command";
import { EXIT, UsageError, type CliIO } from "./io";
import { loadRecording } from "./recording-loader";

const USAGE =
  "usage: agui-inspector check <recording>… --runtime <url> [--agent <id>] [--transport …] [-H 'K: V']… " +
  "[--rules <file.json>] [--exact] [--junit <file.xml>] [--out <dir>] [--json] [--update]";

/**
 * `agui-inspector check`: re-run every run of each recording against a live agent and compare.
 * Exit 0 when every run matches, 5 when one does not, 1 when a recording cannot be read or the
 * runtime cannot be reached, 2 on bad usage. `--update` rewrites the recordings instead (exit 0
 * unless a run could not be made).
 */
export async function checkCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      runtime: { type: "string" },
      agent: { type: "string" },
      rules: { type: "string" },
      exact: { type: "boolean", default: false },
      junit: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean", default: false },
      update: { type: "boolean", default: false },
    },
  });
  if (!positionals.length) throw new UsageError(`no recording given\n${USAGE}`);
  if (!values.runtime) throw new UsageError(`--runtime <url> is required\n${USAGE}`);
  const url = values.runtime;
  const { transport, headers } = readConnection(values);
  const rules = await loadRules(values.rules, values.exact, io);
  const outDir = values.out ?? (values.junit ? dirname(values.junit) : undefined);

  const checks: RecordingCheck[] = [];
  const savedNames = new Set<string>();
  for (const file of positionals) {
    const loaded = await loadRecording(file, io);
    if (typeof loaded === "string") {
      checks.push({ file, runs: [], error: loaded });
      continue;
    }
    const records: SessionRecord[] = [];
    const recorder = createRecorder({ sink: createMemorySink() });
    // The recorder replaces secret values it sent wherever they come back (an echoing runtime).
    recorder.on("record", (r) => records.push(r));
    const client = createRuntimeClient({ url, transport, headers, recorder });
    try {
      await client.discover();
    } catch (err) {
      checks.push({ file, runs: [], error: `cannot use ${redactUrl(url)}: ${err instanceof InspectorError ? `[${err.code}] ` : ""}${(err as Error).message}` });
      continue;
    }
    const runs = await checkRecording(loaded.records, {
      run: (agentId, input) => client.run(agentId, input),
      records: () => records,
      rules,
      ...(values.agent ? { agentId: values.agent } : {}),
      ...(loaded.header.agentId ? { fallbackAgentId: loaded.header.agentId } : {}),
    });
    // Error texts may quote an echoed secret too.
    for (const r of runs) if (r.error) r.error = recorder.secrets.text(r.error);
    const check: RecordingCheck = { file, runs };
    const header = createHeader({
      name: values.update ? (loaded.header.name ?? basename(file)) : `check of ${basename(file)}`,
      runtimeUrl: redactUrl(url),
      agentId: values.agent ?? loaded.header.agentId ?? runs.find((r) => r.agentId)?.agentId,
    });
    const text = encodeSessionFile(header, records);
    if (values.update && runs.every((r) => r.status !== "error")) {
      await writeFile(file, text);
      check.saved = file;
    } else if (outDir) {
      await mkdir(outDir, { recursive: true });
      // Two recordings with one base name (from different folders) get -2, -3… instead of overwriting.
      const stem = basename(file).replace(/(\.agui)?\.jsonl?$/, "");
      let name = `${stem}.check.agui.jsonl`;
      for (let n = 2; savedNames.has(name); n++) name = `${stem}-${n}.check.agui.jsonl`;
      savedNames.add(name);
      check.saved = join(outDir, name);
      await writeFile(check.saved, text);
    }
    checks.push(check);
  }

  if (values.junit) {
    await mkdir(dirname(values.junit), { recursive: true });
    await writeFile(values.junit, formatJunit(checks));
  }
  const summary = summarize(checks);
  if (values.json) io.stdout(JSON.stringify({ summary, rules, recordings: checks }, null, 2) + "\n");
  else io.stdout(formatReport(checks) + (values.update ? `recordings updated from ${redactUrl(url)}\n` : ""));
  if (summary.errors) return EXIT.failure;
  if (summary.failed && !values.update) return EXIT.mismatch;
  return EXIT.ok;
}

async function loadRules(path: string | undefined, exact: boolean, io: CliIO): Promise<CheckRules> {
  if (!path) return exact ? EXACT_RULES : DEFAULT_RULES;
  if (exact) throw new UsageError("--exact and --rules together: put \"preset\": \"exact\" in the rules file instead");
  let value: unknown;
  try {
    value = JSON.parse(await io.readFile(path));
  } catch (err) {
    throw new UsageError(`--rules ${path}: ${(err as Error).message}`);
  }
  try {
    return parseRules(value, path);
  } catch (err) {
    if (err instanceof RulesError) throw new UsageError(err.message);
    throw err;
  }
}
