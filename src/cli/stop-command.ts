import { parseArgs } from "node:util";
import { createRecorder } from "../core/recorder/recorder";
import { createRuntimeClient } from "../core/transport/client";
import { InspectorError } from "../core/transport/errors";
import { createMemorySink } from "../storage/memory";
import { connectionOptions, readConnection } from "./info-command";
import { EXIT, UsageError, type CliIO } from "./io";

export async function stopCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...connectionOptions, agent: { type: "string" }, thread: { type: "string" }, run: { type: "string" } } });
  const url = positionals[0];
  if (!url || !values.agent || !values.thread) throw new UsageError("usage: agui-inspector stop <url> --agent <id> --thread <id> [--run <id>]");
  const { transport, headers } = readConnection(values);
  const client = createRuntimeClient({ url, transport, headers, recorder: createRecorder({ sink: createMemorySink() }) });
  try {
    const result = await client.stop(values.agent, values.thread, values.run);
    io.stdout(JSON.stringify(result.body) + "\n");
    return EXIT.ok;
  } catch (err) {
    io.stderr(`error: ${err instanceof InspectorError ? `[${err.code}] ` : ""}${(err as Error).message}\n`);
    return EXIT.failure;
  }
}
