import { parseArgs } from "node:util";
import { createRecorder } from "../core/recorder/recorder";
import { createHeader } from "../core/session/file";
import { redactUrl } from "../core/session/redact";
import type { SessionRecord } from "../core/session/record";
import { startRecordingProxy } from "../server/proxy/proxy";
import { createFileSink } from "./file-sink";
import { EXIT, UsageError, type CliIO } from "./io";
import { readSeconds, stamp, untilStopped } from "./until-stopped";

const USAGE = "usage: agui-inspector proxy <runtimeUrl> [--port <n>] [--out <file>] [--for <seconds>]";

/** `proxy <runtimeUrl>`: a recording proxy on 127.0.0.1; point the app's runtimeUrl at it. */
export async function proxyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: "string", default: "0" }, out: { type: "string" }, for: { type: "string" } } });
  const runtimeUrl = positionals[0];
  if (!runtimeUrl || positionals.length > 1) throw new UsageError(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number\n${USAGE}`);
  let seconds: number | undefined;
  try {
    seconds = readSeconds(values.for, "--for");
    new URL(runtimeUrl);
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const out = values.out ?? `proxy-${stamp()}.agui.jsonl`;
  const sink = await createFileSink(out, createHeader({ runtimeUrl: redactUrl(runtimeUrl), name: `proxy → ${redactUrl(runtimeUrl)}`, source: { kind: "proxy" } }));
  const recorder = createRecorder({ sink, flushMs: 100 });
  let runs = 0;
  recorder.on("record", (r: SessionRecord) => {
    if (r.kind === "request") io.stderr(`${r.method} ${r.url} (${r.op})\n`);
    if (r.kind === "request" && r.op === "run") runs++;
  });
  const stop = untilStopped(seconds);
  try {
    const proxy = await startRecordingProxy({ runtimeUrl, recorder, port }).catch((err) => {
      throw (err as { code?: string }).code === "EADDRINUSE" ? new Error(`port ${port} is in use: pass --port <n> (0 picks a free one)`) : err;
    });
    io.stdout(`recording proxy: ${proxy.url} → ${redactUrl(runtimeUrl)}\nset it as your app's runtimeUrl; recording to ${out}${seconds ? ` for ${seconds}s` : " (Ctrl-C to stop)"}\n`);
    await new Promise<void>((resolve) => stop.signal.addEventListener("abort", () => resolve(), { once: true }));
    await proxy.close();
    await recorder.flush();
    io.stdout(`ok: ${runs} run(s) recorded → ${out} (${sink.count()} records)\n`);
    return EXIT.ok;
  } finally {
    stop.dispose();
    await recorder.flush();
    await sink.close();
  }
}
