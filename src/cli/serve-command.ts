import { parseArgs } from "node:util";
import { ImportError, importText } from "../core/session/import";
import { startMockRuntime, type MockRuntime } from "../server/mock-runtime";
import { EXIT, UsageError, type CliIO } from "./io";

const USAGE = "usage: agui-inspector serve <file> [--port <n>] [--realtime] [--speed <x>] [--agent <id>] [--cors-origin <origin>]… [--max-body <bytes>] [--verbatim]";

export interface ServeHooks {
  /** Called once the mock listens; the command returns after `close()`. Tests use it instead of signals. */
  started?(runtime: MockRuntime): void;
}

/** `agui-inspector serve <file>`: the file's recorded runs as a mock CopilotKit runtime on 127.0.0.1. */
export async function serveCommand(argv: string[], io: CliIO, hooks: ServeHooks = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4319" },
      realtime: { type: "boolean", default: false },
      speed: { type: "string", default: "1" },
      agent: { type: "string", default: "default" },
      verbatim: { type: "boolean", default: false },
      "cors-origin": { type: "string", multiple: true, default: [] },
      "max-body": { type: "string" },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be a port number");
  const maxBody = values["max-body"] === undefined ? undefined : Number(values["max-body"]);
  if (maxBody !== undefined && !(Number.isInteger(maxBody) && maxBody > 0)) throw new UsageError("--max-body must be a positive number of bytes");
  const speed = Number(values.speed);
  if (!(speed > 0)) throw new UsageError("--speed must be a positive number");

  let imported;
  try {
    imported = importText(await io.readFile(file), { file });
  } catch (err) {
    io.stderr(`error: ${file}: ${(err as Error).message}\n`);
    return err instanceof ImportError ? EXIT.usage : EXIT.failure;
  }
  for (const e of imported.errors.slice(0, 5)) io.stderr(`warning: ${file} line ${e.line}: ${e.error}\n`);
  let runtime: MockRuntime;
  try {
    runtime = await startMockRuntime({ records: imported.records, header: imported.header, port, realtime: values.realtime, speed, defaultAgent: values.agent, source: file, corsOrigins: values["cors-origin"], ...(maxBody ? { maxBody } : {}), verbatim: values.verbatim });
  } catch (err) {
    const code = (err as { code?: string }).code;
    io.stderr(code === "EADDRINUSE" ? `Port ${port} is in use: pass --port <n> (0 picks a free one).\n` : `error: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  const agents = Object.entries(runtime.agents);
  if (agents.length === 0) io.stderr(`warning: ${file} holds no recorded runs to serve.\n`);
  io.stdout(
    `Mock runtime for ${file} (${imported.format}): ${runtime.url}\n` +
      agents.map(([id, n]) => `  agent ${id}: ${n} recorded run${n === 1 ? "" : "s"}\n`).join("") +
      `REST: ${runtime.url}/info, ${runtime.url}/agent/<id>/run · single-route: POST ${runtime.url}\n` +
      `Pacing: ${values.realtime ? `recorded times${speed !== 1 ? ` ×${speed}` : ""}` : "instant"}. ` +
      `${values.verbatim ? "Frames exactly as recorded (--verbatim)." : "Runs answer the request: thread/run ids and RUN_STARTED.input follow it (--verbatim sends recorded ids)."} Ctrl-C to stop.\n`,
  );
  if (hooks.started) hooks.started(runtime);
  else {
    const stop = () => void runtime.close();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  await runtime.closed;
  return EXIT.ok;
}
