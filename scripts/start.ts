// `npm start`: a demo CopilotKit runtime (real @copilotkit/runtime, scripted agents) on
// 127.0.0.1 plus the inspector served by the loopback server. Prints both URLs.
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { startRuntime } from "../e2e/fixtures/runtime";
import { startFaultServer } from "../e2e/fixtures/fault-server";
import { startLoopbackServer } from "../src/server/server";
import { startServedProxy, withProxyParam } from "../src/server/proxy/served";
import { tmpdir } from "node:os";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4317" },
    "runtime-port": { type: "string", default: "4318" },
    token: { type: "string" },
    "with-fault-server": { type: "boolean", default: false },
    "proxy-port": { type: "string" },
    // Origins the forward may reach besides the runtime the page connects to (repeatable).
    "forward-origin": { type: "string", multiple: true, default: [] },
  },
});

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "web");
if (!existsSync(join(root, "index.html"))) {
  console.error(`dist/web is missing: run "npm run build" first (npm start does it for you).`);
  process.exit(1);
}
const runtime = await startRuntime(Number(values["runtime-port"]));
const fault = values["with-fault-server"] ? await startFaultServer() : null;
const forwardOrigins = values["forward-origin"];
const inspector = await startLoopbackServer({ root, port: Number(values.port), token: values.token, runtime: runtime.restUrl, ...(forwardOrigins.length ? { forwardOrigins } : {}) }).catch((err: Error) => {
  console.error(`error: ${err.message}`);
  return process.exit(2);
});
console.log(`Demo runtime (REST, CORS on):      ${runtime.restUrl}`);
console.log(`Demo runtime (REST, no CORS):      ${runtime.restNoCorsUrl}`);
console.log(`Demo runtime (single-route):       ${runtime.singleUrl}`);
if (fault) console.log(`Fault server (plain AG-UI):        ${fault.url}/<scenario>`);
// --proxy-port: a recording proxy in front of the REST mount, as `agui-inspector --proxy` starts it.
const proxy = values["proxy-port"]
  ? await startServedProxy({ runtimeUrl: runtime.restUrl, token: inspector.token, port: Number(values["proxy-port"]), spoolPath: join(tmpdir(), `agui-demo-proxy-${process.pid}.agui.jsonl`) })
  : null;
if (proxy) console.log(`Recording proxy → REST mount:      ${proxy.proxy.url}`);
console.log(`Demo runtime (REST, debug feed):   ${runtime.debugUrl}`);
// The token is in the fragment: it stays in this terminal and leaves the address bar on load.
console.log(`\nInspector: ${proxy ? withProxyParam(inspector.url, proxy.proxy.url) : inspector.url}\n`);
const stop = async () => {
  await Promise.all([inspector.close(), runtime.close(), fault?.close(), proxy?.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
