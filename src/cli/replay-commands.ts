import { createReplay, type Finding, type Replay } from "../core/replay";
import { createImporter } from "../core/session/import";

// `agui-inspector replay <file> [--at <seq>] [--run <runId>]` and
// `agui-inspector verify <file> [--json]`. argv holds the arguments after the command name.
// Exit codes: 0 ok, 1 unreadable or corrupt file, 2 usage, 4 verify found errors.

export interface CommandIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): Promise<string>;
  /** The file as a stream of chunks; without it the file is read whole. */
  readStream?(path: string): AsyncIterable<string | Uint8Array>;
}

export const REPLAY_USAGE = "usage: agui-inspector replay <file> [--at <seq>] [--run <runId>]\n";
export const VERIFY_USAGE = "usage: agui-inspector verify <file> [--json]\n";

class UsageError extends Error {}

interface Parsed {
  file: string;
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[], valued: string[], switches: string[]): Parsed | "help" {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (!arg.startsWith("--") || arg === "--") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else if (switches.includes(name) && eq < 0) {
      flags.set(name, true);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? "one file at a time" : "no file given");
  return { file: positional[0], flags };
}

/**
 * Stream a file through the importer into a windowed fold: memory holds one checkpoint interval
 * of records, not the file. With `stopAt`, reading stops once that record is folded.
 * A string is the reason the file could not be read.
 */
async function load(path: string, io: CommandIo, stopAt?: number): Promise<Replay | string> {
  const replay = createReplay({ checkSchema: true, retain: "window" });
  const importer = createImporter({
    file: path,
    keepRecords: false,
    onRecords: (batch) => replay.append(stopAt === undefined ? batch : batch.filter((r) => r.seq <= stopAt)),
  });
  const corrupt = (errors: { line: number; error: string }[]) =>
    `${path} is corrupt (${errors.length} unreadable line(s)): ${errors.slice(0, 5).map((e) => `line ${e.line}: ${e.error}`).join("; ")}`;
  let source: AsyncIterable<string | Uint8Array>;
  try {
    source = io.readStream ? io.readStream(path) : oneChunk(await io.readFile(path));
  } catch (err) {
    return `cannot read ${path}: ${(err as Error).message}`;
  }
  const decoder = new TextDecoder();
  let reading = true;
  try {
    try {
      for await (const chunk of source) {
        if (typeof chunk === "string") importer.feed(chunk);
        else importer.feed(decoder.decode(chunk, { stream: true }), chunk.byteLength);
        if (stopAt !== undefined && replay.lastSeq >= stopAt) break;
      }
    } catch (err) {
      if (reading) return `cannot read ${path}: ${(err as Error).message}`;
      throw err;
    }
    reading = false;
    // Stopped early: what was read up to the record asked for must be sound; the rest is unread.
    if (stopAt !== undefined && replay.lastSeq >= stopAt) return importer.errors().length ? corrupt(importer.errors()) : replay;
    const tail = decoder.decode();
    if (tail) importer.feed(tail, 0);
    const { errors } = importer.end();
    return errors.length ? corrupt(errors) : replay;
  } catch (err) {
    return `${path}: ${(err as Error).message}`;
  }
}

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

async function runCommand(usage: string, io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`agui-inspector: ${err.message}\n${usage}`);
    return 2;
  }
}

export async function replayCommand(argv: string[], io: CommandIo): Promise<number> {
  return runCommand(REPLAY_USAGE, io, async () => {
    const args = parseArgs(argv, ["at", "run"], []);
    if (args === "help") {
      io.stdout(REPLAY_USAGE);
      return 0;
    }
    const atFlag = args.flags.get("at");
    let at: number | undefined;
    if (typeof atFlag === "string") {
      if (!/^\d+$/.test(atFlag)) throw new UsageError(`--at wants a record seq (a whole number), got "${atFlag}"`);
      at = Number(atFlag);
    }
    const runId = args.flags.get("run");
    // A plain --at reads no further than its record; --run needs every run first.
    let replay = await load(args.file, io, typeof runId === "string" ? undefined : at);
    if (typeof replay === "string") {
      io.stderr(`agui-inspector: ${replay}\n`);
      return 1;
    }
    if (at !== undefined && at > replay.lastSeq) throw new UsageError(`--at ${at} is past the last record (${replay.lastSeq})`);

    let seq = at ?? replay.lastSeq;
    let pendingInterrupts;
    if (typeof runId === "string") {
      const run = replay.runs().find((r) => r.runId === runId);
      if (!run) {
        const known = replay.runs().flatMap((r) => (r.runId ? [r.runId] : []));
        throw new UsageError(`no run "${runId}" in ${args.file}${known.length ? ` (runs: ${known.join(", ")})` : ""}`);
      }
      seq = at ?? run.endSeq ?? replay.lastSeq;
      pendingInterrupts = run.pendingInterrupts;
      if (seq < replay.lastSeq) {
        // The windowed fold let the run's end go: read again, up to it.
        const again = await load(args.file, io, seq);
        if (typeof again === "string") {
          io.stderr(`agui-inspector: ${again}\n`);
          return 1;
        }
        replay = again;
      }
    }
    const view = replay.at(seq);
    const out = {
      seq: view.seq,
      runId: (typeof runId === "string" ? runId : replay.runAt(seq)?.runId) ?? null,
      state: view.state ?? null,
      messages: view.messages,
      pendingInterrupts: pendingInterrupts ?? replay.pendingInterruptsAt(seq),
    };
    io.stdout(JSON.stringify(out, null, 2) + "\n");
    return 0;
  });
}

export async function verifyCommand(argv: string[], io: CommandIo): Promise<number> {
  return runCommand(VERIFY_USAGE, io, async () => {
    const args = parseArgs(argv, [], ["json"]);
    if (args === "help") {
      io.stdout(VERIFY_USAGE);
      return 0;
    }
    const replay = await load(args.file, io);
    if (typeof replay === "string") {
      io.stderr(`agui-inspector: ${replay}\n`);
      return 1;
    }
    const findings = replay.findingsUpTo();
    const summary = {
      records: replay.lastSeq,
      runs: replay.runs().length,
      errors: count(findings, "error"),
      warnings: count(findings, "warning"),
      infos: count(findings, "info"),
    };
    if (args.flags.has("json")) {
      io.stdout(JSON.stringify({ summary, findings, runs: replay.runs() }, null, 2) + "\n");
    } else {
      for (const f of findings) io.stdout(`${String(f.seq).padStart(6)}  ${f.severity.padEnd(7)}  ${f.rule}  ${f.message}\n`);
      io.stdout(`${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.infos} info(s) in ${summary.records} record(s), ${summary.runs} run(s)\n`);
    }
    return summary.errors > 0 ? 4 : 0;
  });
}

function count(findings: Finding[], severity: Finding["severity"]): number {
  return findings.filter((f) => f.severity === severity).length;
}
