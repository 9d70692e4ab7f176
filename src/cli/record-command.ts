import { parseArgs } from "node:util";
import { createRecorder } from "../core/recorder/recorder";
import { createRuntimeClient } from "../core/transport/client";
import { InspectorError } from "../core/transport/errors";
import { buildRunInput, toolMessage, userMessage } from "../core/transport/input";
import type { Message, ResumeEntry, RunAgentInput } from "../core/protocol/events";
import { createHeader } from "../core/session/file";
import { redactUrl, redactUrlsIn } from "../core/session/redact";
import { createFileSink } from "./file-sink";
import { connectionOptions, readConnection } from "./info-command";
import { EXIT, parseAssignment, UsageError, type CliIO } from "./io";

export interface ForkSeed {
  messages: Message[];
  state: unknown;
  threadId?: string;
}

/** Seeds a run from a recorded session at a seq (`--from file[@seq]`); provided by the replay engine. */
export type ForkLoader = (spec: string, io: CliIO) => Promise<ForkSeed>;

const USAGE =
  "usage: agui-inspector record <url> --agent <id> [--transport …] [-H 'K: V']… [--thread <id>] [--message <text>]… " +
  "[--input <RunAgentInput.json>] [--run-id <id>] [--from <file>[@seq]] [--tool-result <toolCallId>=<json>]… [--resume <interruptId>=<json>]… [--proto] [--out <file>]";

export async function recordCommand(argv: string[], io: CliIO, loadFork?: ForkLoader): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      agent: { type: "string" },
      thread: { type: "string" },
      message: { type: "string", multiple: true, default: [] },
      input: { type: "string" },
      "run-id": { type: "string" },
      proto: { type: "boolean", default: false },
      from: { type: "string" },
      "tool-result": { type: "string", multiple: true, default: [] },
      resume: { type: "string", multiple: true, default: [] },
      out: { type: "string" },
    },
  });
  const url = positionals[0];
  if (!url || positionals.length > 1) throw new UsageError(USAGE);
  const { transport, headers } = readConnection(values);
  const agentId = values.agent ?? (transport === "agui" ? "agent" : undefined);
  if (!agentId) throw new UsageError(`--agent is required\n${USAGE}`);

  const input = await buildInput(values, io, loadFork);
  const out = values.out ?? `session-${new Date().toISOString().replace(/[:.]/g, "-")}.agui.jsonl`;
  const header = createHeader({ runtimeUrl: redactUrl(url), agentId, name: `${agentId} @ ${redactUrl(url)}` });
  const sink = await createFileSink(out, header);
  const recorder = createRecorder({ sink, flushMs: 100 });
  const client = createRuntimeClient({ url, transport, headers, recorder, preferProto: values.proto });
  const started = Date.now();
  let code: number = EXIT.failure;
  let summary = "";
  try {
    if (transport !== "agui") await client.discover();
    const outcome = await client.run(agentId, input);
    const events = outcome.events.length;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    // A run can finish with bad frames in it: say how many, they are part of what happened.
    const bad = outcome.tally.bad ? ` and ${outcome.tally.bad} bad frame(s) kept as raw text` : "";
    if (outcome.status === "finished") {
      code = EXIT.ok;
      const cutShort = outcome.tally.unterminated ? " (the body ended inside its last frame, which is flagged unterminated)" : "";
      summary = `ok: ${events} events${bad}, run ${input.runId} finished in ${secs}s${cutShort}`;
    } else if (outcome.status === "run-error") {
      code = EXIT.runError;
      summary = `run error: ${String(outcome.terminal?.message ?? outcome.error?.message ?? "RUN_ERROR")} (${events} events${bad}, ${secs}s)`;
    } else {
      summary = `failed: [${outcome.error?.code ?? outcome.status}] ${outcome.error?.message ?? ""} (${events} events${bad})`;
    }
  } catch (err) {
    summary = `failed: ${err instanceof InspectorError ? `[${err.code}] ` : ""}${(err as Error).message}`;
  } finally {
    await recorder.flush();
    await sink.close();
  }
  // The summary quotes error texts, which may quote the URL or an echoed secret.
  (code === EXIT.ok ? io.stdout : io.stderr)(`${recorder.secrets.text(redactUrlsIn(summary))} → ${out} (${sink.count()} records)\n`);
  return code;
}

async function buildInput(
  values: { input?: string; "run-id"?: string; from?: string; thread?: string; message?: string[]; "tool-result"?: string[]; resume?: string[] },
  io: CliIO,
  loadFork?: ForkLoader,
): Promise<RunAgentInput> {
  let base: Partial<RunAgentInput> = {};
  if (values.input) {
    try {
      base = JSON.parse(await io.readFile(values.input)) as Partial<RunAgentInput>;
    } catch (err) {
      throw new UsageError(`--input ${values.input}: ${(err as Error).message}`);
    }
    if (!base || typeof base !== "object") throw new UsageError(`--input ${values.input}: not a JSON object`);
  }
  if (values.from) {
    if (!loadFork) throw new UsageError("--from is not available in this build");
    const seed = await loadFork(values.from, io);
    base = { ...base, messages: [...(base.messages ?? []), ...seed.messages], state: seed.state, threadId: base.threadId ?? seed.threadId };
  }
  const messages: Message[] = [...(base.messages ?? [])];
  for (const flag of values["tool-result"] ?? []) {
    const [toolCallId, value] = parseAssignment(flag, "--tool-result");
    messages.push(toolMessage(toolCallId, typeof value === "string" ? value : JSON.stringify(value)));
  }
  for (const text of values.message ?? []) messages.push(userMessage(text));
  const resume: ResumeEntry[] = (values.resume ?? []).map((flag) => {
    const [interruptId, payload] = parseAssignment(flag, "--resume");
    return payload === "cancel" || payload === "cancelled" ? { interruptId, status: "cancelled" } : { interruptId, status: "resolved", payload };
  });
  // The file's ids are kept (a run re-sent as recorded); --thread and --run-id override them.
  return buildRunInput({
    threadId: values.thread ?? base.threadId,
    runId: values["run-id"] ?? base.runId,
    parentRunId: base.parentRunId,
    state: base.state,
    messages,
    tools: base.tools,
    context: base.context,
    forwardedProps: base.forwardedProps,
    resume: [...(base.resume ?? []), ...resume],
  });
}
