import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startLoopbackServer } from "../server/server";
import { startServedProxy, withProxyParam, type ServedProxy } from "../server/proxy/served";
import { EXIT, UsageError, type CliIO } from "./io";
import { stamp } from "./until-stopped";

/** `agui-inspector [--port n] [--runtime url] [--forward-origin o]… [--token t] [--proxy url]`: the web inspector on 127.0.0.1. */
export async function serveWebCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "4317" },
      runtime: { type: "string" },
      token: { type: "string" },
      "forward-origin": { type: "string", multiple: true, default: [] },
      proxy: { type: "string" },
      "proxy-port": { type: "string", default: "0" },
      out: { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be a port number");
  const proxyPort = Number(values["proxy-port"]);
  if (!Number.isInteger(proxyPort) || proxyPort < 0 || proxyPort > 65535) throw new UsageError("--proxy-port must be a port number");
  // The bin lives in dist/cli; the built app beside it in dist/web.
  const root = fileURLToPath(new URL("../web/", import.meta.url));
  if (!existsSync(root + "index.html")) {
    io.stderr(`The web inspector is not built (${root} is missing). Run "npm run build".\n`);
    return EXIT.failure;
  }
  let served: ServedProxy | null = null;
  try {
    const forwardOrigins = values["forward-origin"];
    const server = await startLoopbackServer({ root, port, runtime: values.runtime ?? values.proxy, token: values.token, ...(forwardOrigins.length ? { forwardOrigins } : {}) });
    let pageUrl = server.url;
    if (values.proxy) {
      const spoolPath = values.out ?? join(tmpdir(), `agui-proxy-${stamp()}.agui.jsonl`);
      served = await startServedProxy({ runtimeUrl: values.proxy, token: server.token, spoolPath, port: proxyPort });
      pageUrl = withProxyParam(server.url, served.proxy.url);
      io.stdout(`Recording proxy: ${served.proxy.url} → ${values.proxy}\n(set it as your app's runtimeUrl; recording spooled to ${spoolPath})\n`);
    }
    io.stdout(`AG-UI Inspector: ${pageUrl}\n(loopback only; open this URL once: the page keeps the token for this tab and removes it from the address bar. Ctrl-C to stop.)\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await served?.close();
    await server.close();
    return EXIT.ok;
  } catch (err) {
    await served?.close();
    const code = (err as { code?: string }).code;
    io.stderr(code === "EADDRINUSE" ? `Port in use: pass --port / --proxy-port <n> (0 picks a free one).\n` : `error: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
}
