import { parseArgs } from "node:util";
import { createRecorder } from "../core/recorder/recorder";
import { createHeader } from "../core/session/file";
import { redactUrl } from "../core/session/redact";
import type { SessionRecord } from "../core/session/record";
import { createThreadsClient } from "../core/threads/client";
import { checkPulled, pullThread } from "../core/threads/pull";
import { createRuntimeClient } from "../core/transport/client";
import { buildRunInput } from "../core/transport/input";
import { InspectorError } from "../core/transport/errors";
import { createFileSink } from "./file-sink";
import { connectionOptions, readConnection } from "./info-command";
import { EXIT, UsageError, type CliIO } from "./io";
import { stamp } from "./until-stopped";

const fetchImpl = (input: string, init?: RequestInit) => fetch(input, init);

/** rest or single: the thread routes exist only on a CopilotKit runtime; auto asks /info first. */
async function threadsTransport(url: string, choice: string, headers: Record<string, string>): Promise<"rest" | "single"> {
  if (choice === "rest" || choice === "single") return choice;
  if (choice === "agui") throw new UsageError("a plain AG-UI endpoint has no thread routes: use a CopilotKit runtime URL");
  const probe = createRuntimeClient({ url, transport: "auto", headers, recorder: createRecorder({ sink: { write: async () => {} } }) });
  const d = await probe.discover();
  return d.transport === "single" ? "single" : "rest";
}

function fail(io: CliIO, err: unknown): number {
  if (err instanceof UsageError) throw err;
  io.stderr(`error: ${err instanceof InspectorError ? `[${err.code}] ` : ""}${(err as Error).message}\n`);
  return EXIT.failure;
}

/** `threads <url> [--agent id] [--json]`: the threads the runtime stores. */
export async function threadsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...connectionOptions, agent: { type: "string" }, json: { type: "boolean", default: false } } });
  const url = positionals[0];
  if (!url || positionals.length > 1) throw new UsageError("usage: agui-inspector threads <url> [--agent <id>] [--transport auto|rest|single] [-H 'K: V']… [--json]");
  const { transport, headers } = readConnection(values);
  try {
    const client = createThreadsClient({ url, transport: await threadsTransport(url, transport, headers), fetch: fetchImpl, headers });
    const { threads } = await client.list(values.agent);
    if (values.json) {
      io.stdout(JSON.stringify(threads, null, 2) + "\n");
      return EXIT.ok;
    }
    if (!threads.length) io.stdout(`no threads${values.agent ? ` for agent ${values.agent}` : ""}\n`);
    for (const t of threads) io.stdout(`${t.id}\t${t.agentId ?? "?"}\t${t.updatedAt ?? ""}${t.name ? `\t${t.name}` : ""}\n`);
    return EXIT.ok;
  } catch (err) {
    return fail(io, err);
  }
}

/** `pull <url> --thread id [--out file]`: a stored thread as a session, replayed and compared with the runtime's own view. */
export async function pullCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...connectionOptions, thread: { type: "string" }, agent: { type: "string" }, out: { type: "string" } } });
  const url = positionals[0];
  const USAGE = "usage: agui-inspector pull <url> --thread <id> [--agent <id>] [--transport …] [-H …] [--out <file>]";
  if (!url || positionals.length > 1 || !values.thread) throw new UsageError(USAGE);
  const { transport, headers } = readConnection(values);
  const threadId = values.thread;
  const out = values.out ?? `thread-${threadId.replace(/[^\w.-]/g, "_")}-${stamp()}.agui.jsonl`;
  try {
    const client = createThreadsClient({ url, transport: await threadsTransport(url, transport, headers), fetch: fetchImpl, headers });
    const agentId = values.agent ?? (await client.list()).threads.find((t) => t.id === threadId)?.agentId;
    const sink = await createFileSink(out, createHeader({ runtimeUrl: redactUrl(url), agentId, name: `thread ${threadId} @ ${redactUrl(url)}`, source: { kind: "runtime-thread" } }));
    const recorder = createRecorder({ sink, flushMs: 100 });
    const records: SessionRecord[] = [];
    recorder.on("record", (r) => records.push(r));
    try {
      const pulled = await pullThread(client, recorder, threadId, agentId);
      const check = checkPulled(records, pulled);
      await recorder.flush();
      if (!pulled.events) {
        io.stderr(`thread ${threadId}: the runtime holds no events for it → ${out}\n`);
        return EXIT.failure;
      }
      for (const d of check.differences) io.stderr(`error ${d.rule}: ${d.message}\n  replayed: ${JSON.stringify(d.replayed)}\n  runtime:  ${JSON.stringify(d.runtime)}\n`);
      const summary = `${pulled.events} events, ${check.messages.length} messages`;
      if (check.differences.length) {
        io.stderr(`pulled ${summary}; the replay differs from the runtime's /state or /messages → ${out}\n`);
        return EXIT.verifyErrors;
      }
      io.stdout(`ok: ${summary}; replayed state and messages equal the runtime's → ${out} (${sink.count()} records)\n`);
      return EXIT.ok;
    } finally {
      await recorder.flush();
      await sink.close();
    }
  } catch (err) {
    return fail(io, err);
  }
}

/** `connect <url> --agent id --thread id [--out file]`: record what the runtime replays for a thread. */
export async function connectCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...connectionOptions, thread: { type: "string" }, agent: { type: "string" }, out: { type: "string" }, proto: { type: "boolean", default: false } } });
  const url = positionals[0];
  if (!url || positionals.length > 1 || !values.thread || !values.agent) throw new UsageError("usage: agui-inspector connect <url> --agent <id> --thread <id> [--transport …] [-H …] [--proto] [--out <file>]");
  const { transport, headers } = readConnection(values);
  const out = values.out ?? `connect-${values.thread.replace(/[^\w.-]/g, "_")}-${stamp()}.agui.jsonl`;
  const sink = await createFileSink(out, createHeader({ runtimeUrl: redactUrl(url), agentId: values.agent, name: `connect ${values.thread} @ ${redactUrl(url)}` }));
  const recorder = createRecorder({ sink, flushMs: 100 });
  try {
    const client = createRuntimeClient({ url, transport, headers, recorder, preferProto: values.proto });
    const outcome = await client.connect(values.agent, buildRunInput({ threadId: values.thread }));
    await recorder.flush();
    if (outcome.error) {
      io.stderr(`failed: [${outcome.error.code}] ${outcome.error.message} (${outcome.events.length} events kept) → ${out}\n`);
      return EXIT.failure;
    }
    const runs = outcome.events.filter((e) => e.type === "RUN_STARTED").length;
    io.stdout(`ok: the runtime replayed ${outcome.events.length} events in ${runs} run(s) → ${out} (${sink.count()} records)\n`);
    return EXIT.ok;
  } catch (err) {
    return fail(io, err);
  } finally {
    await recorder.flush();
    await sink.close();
  }
}
