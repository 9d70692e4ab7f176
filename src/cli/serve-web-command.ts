import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startLoopbackServer } from "../server/server";
import { EXIT, UsageError, type CliIO } from "./io";

/** `agui-inspector [--port n] [--runtime url] [--forward-origin o]… [--token t]`: the web inspector on 127.0.0.1. */
export async function serveWebCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "4317" },
      runtime: { type: "string" },
      token: { type: "string" },
      "forward-origin": { type: "string", multiple: true, default: [] },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be a port number");
  // The bin lives in dist/cli; the built app beside it in dist/web.
  const root = fileURLToPath(new URL("../web/", import.meta.url));
  if (!existsSync(root + "index.html")) {
    io.stderr(`The web inspector is not built (${root} is missing). Run "npm run build".\n`);
    return EXIT.failure;
  }
  try {
    const forwardOrigins = values["forward-origin"];
    const server = await startLoopbackServer({ root, port, runtime: values.runtime, token: values.token, ...(forwardOrigins.length ? { forwardOrigins } : {}) });
    io.stdout(`AG-UI Inspector: ${server.url}\n(loopback only; open this URL once: the page keeps the token for this tab and removes it from the address bar. Ctrl-C to stop.)\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.close();
    return EXIT.ok;
  } catch (err) {
    const code = (err as { code?: string }).code;
    io.stderr(code === "EADDRINUSE" ? `Port ${port} is in use: pass --port <n> (0 picks a free one).\n` : `error: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
}
