import { parseArgs } from "node:util";
import { createRecorder } from "../core/recorder/recorder";
import { createRuntimeClient, TRANSPORTS, type TransportChoice } from "../core/transport/client";
import { InspectorError } from "../core/transport/errors";
import { createMemorySink } from "../storage/memory";
import { EXIT, parseHeaderFlag, UsageError, type CliIO } from "./io";

export const connectionOptions = {
  transport: { type: "string", default: "auto" },
  header: { type: "string", short: "H", multiple: true, default: [] as string[] },
} as const;

export function readConnection(values: { transport?: string; header?: string[] }): { transport: TransportChoice; headers: Record<string, string> } {
  const transport = values.transport as TransportChoice;
  if (!TRANSPORTS.includes(transport)) throw new UsageError(`--transport must be one of ${TRANSPORTS.join(", ")}`);
  return { transport, headers: Object.fromEntries((values.header ?? []).map(parseHeaderFlag)) };
}

export async function infoCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...connectionOptions, json: { type: "boolean", default: false } } });
  const url = positionals[0];
  if (!url || positionals.length > 1) throw new UsageError("usage: agui-inspector info <url> [--transport auto|rest|single|agui] [-H 'K: V']… [--json]");
  const { transport, headers } = readConnection(values);
  const client = createRuntimeClient({ url, transport, headers, recorder: createRecorder({ sink: createMemorySink() }) });
  try {
    const d = await client.discover();
    if (values.json) {
      io.stdout(JSON.stringify({ url, transport: d.transport, info: d.info }, null, 2) + "\n");
      return EXIT.ok;
    }
    if (!d.info) {
      io.stdout(`${url}: plain AG-UI endpoint (no /info); runs POST the RunAgentInput to this URL.${d.note ? ` ${d.note[0].toUpperCase()}${d.note.slice(1)}.` : ""}\n`);
      return EXIT.ok;
    }
    const agents = Object.entries(d.info.agents);
    io.stdout(`${url}\n  transport: ${d.transport}\n  runtime:   ${d.info.version ?? "unknown version"} (mode ${d.info.mode ?? "sse"})\n  agents:    ${agents.length}\n`);
    for (const [id, a] of agents) io.stdout(`    ${id}${a.description ? ` — ${a.description}` : ""}\n`);
    return EXIT.ok;
  } catch (err) {
    io.stderr(`error: ${err instanceof InspectorError ? `[${err.code}] ` : ""}${(err as Error).message}\n`);
    return EXIT.failure;
  }
}
