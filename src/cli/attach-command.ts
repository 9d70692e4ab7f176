import { parseArgs } from "node:util";
import { createRecorder } from "../core/recorder/recorder";
import { attachFeed } from "../core/feed/attach";
import { createHeader } from "../core/session/file";
import { redactUrl } from "../core/session/redact";
import type { SessionRecord } from "../core/session/record";
import { createFileSink } from "./file-sink";
import { EXIT, parseHeaderFlag, UsageError, type CliIO } from "./io";
import { readSeconds, stamp, untilStopped } from "./until-stopped";

const USAGE = "usage: agui-inspector attach <url> [--out <file>] [--for <seconds>] [-H 'K: V']…";

/** `attach <url>`: record the runtime's debug feed (every thread's events) into a session file. */
export async function attachCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: "string" }, for: { type: "string" }, header: { type: "string", short: "H", multiple: true, default: [] } },
  });
  const url = positionals[0];
  if (!url || positionals.length > 1) throw new UsageError(USAGE);
  let seconds: number | undefined;
  try {
    seconds = readSeconds(values.for, "--for");
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const headers = Object.fromEntries(values.header.map(parseHeaderFlag));
  const out = values.out ?? `feed-${stamp()}.agui.jsonl`;
  const header = createHeader({ runtimeUrl: redactUrl(url), name: `debug feed @ ${redactUrl(url)}`, source: { kind: "debug-feed" } });
  const sink = await createFileSink(out, header);
  const recorder = createRecorder({ sink, flushMs: 100 });
  const threads = new Set<string>();
  let events = 0;
  recorder.on("record", (r: SessionRecord) => {
    if (r.kind !== "event") return;
    events++;
    if (r.threadId) threads.add(r.threadId);
  });
  const stop = untilStopped(seconds);
  io.stderr(`attaching to ${redactUrl(url)}/cpk-debug-events → ${out}${seconds ? ` for ${seconds}s` : " (Ctrl-C to stop)"}\n`);
  try {
    const result = await attachFeed({
      url,
      headers,
      fetch: (input, init) => fetch(input, init),
      recorder,
      signal: stop.signal,
      onStatus: (s) => {
        if (s.state === "attached") io.stderr("attached\n");
        if (s.state === "dropped") io.stderr(`feed dropped (${s.error}); reconnecting in ${s.retryInMs} ms\n`);
      },
    });
    await recorder.flush();
    if (result.outcome !== "stopped") {
      io.stderr(`error: ${result.error}\n`);
      return EXIT.failure;
    }
    const gaps = result.gaps.length ? `, ${result.gaps.length} gap(s) while the feed was down` : "";
    io.stdout(`ok: ${events} events on ${threads.size} thread(s)${gaps} → ${out} (${sink.count()} records)\n`);
    return EXIT.ok;
  } finally {
    stop.dispose();
    await recorder.flush();
    await sink.close();
  }
}
