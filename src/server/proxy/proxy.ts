import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import type { Recorder } from "../../core/recorder/recorder";
import { corsFor, isLoopbackHostname, preflightHeaders } from "./cors";
import { recordExchange } from "./exchange-recorder";

// A recording proxy for an app's own traffic: listens on 127.0.0.1, passes every request to the
// runtime unchanged (bytes, status, headers, streaming with backpressure, aborts both ways), and
// records each exchange through the inspector's recorder while it streams.

export interface RecordingProxyOptions {
  /** The runtime as the app would name it (its REST base or single-route endpoint). */
  runtimeUrl: string;
  recorder: Recorder;
  port?: number;
  /** Extra routes served on the proxy itself (the inspector's record feed); return true when handled. */
  local?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;
}

export interface RecordingProxy {
  url: string;
  server: Server;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, never passed on.
const HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host"]);
// The proxy is the runtime's client now; the app's origin and the runtime's own CORS answer are
// replaced by the proxy's loopback policy. accept-encoding is dropped so the recording can read
// the stream (the runtime's bytes still pass unchanged).
const DROP_UP = new Set([...HOP, "origin", "referer", "accept-encoding", "content-length"]);
const DROP_DOWN = (name: string) => HOP.has(name) || name.startsWith("access-control-");

const MAX_BODY = 32 * 1024 * 1024;

export function proxyTarget(runtimeUrl: string, path: string): URL {
  const base = new URL(runtimeUrl);
  const incoming = new URL(path, "http://proxy.invalid");
  const basePath = base.pathname.replace(/\/+$/, "");
  // "/" is the runtime URL itself (single-route posts there); any other path hangs below it.
  base.pathname = incoming.pathname === "/" ? base.pathname : basePath + incoming.pathname;
  base.search = incoming.search;
  return base;
}

export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const target = new URL(options.runtimeUrl);
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error(`the runtime URL must be http(s): ${options.runtimeUrl}`);
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`proxy error: ${(err as Error).message}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    if (!isLoopbackHostname(host)) return void res.writeHead(421, { "content-type": "text/plain" }).end("The recording proxy answers only to 127.0.0.1 / localhost.");
    const cors = corsFor(req);
    if (!cors.allowed) return void res.writeHead(403, { "content-type": "text/plain" }).end(cors.reason);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (options.local && (await options.local(req, res, url))) return;
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      return void res.writeHead(204, preflightHeaders(req, cors.headers)).end();
    }
    const body = await readBody(req);
    if (body === null) return void res.writeHead(413, { "content-type": "text/plain", connection: "close", ...cors.headers }).end(`request body over ${MAX_BODY} bytes`);
    const to = proxyTarget(options.runtimeUrl, req.url ?? "/");
    const upHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || DROP_UP.has(name)) continue;
      upHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    if (body.length) upHeaders["content-length"] = String(body.length);
    const rec = recordExchange(options.recorder, { method: req.method ?? "GET", url: to.toString(), headers: upHeaders, body });
    const started = Date.now();
    let finished = false;

    const upstream = (to.protocol === "https:" ? httpsRequest : httpRequest)(to, { method: req.method, headers: upHeaders });
    // The client went away before the answer was complete: cancel upstream, keep what passed.
    res.on("close", () => {
      if (finished) return;
      finished = true;
      rec.end("aborted", "aborted", "The client closed the connection; every frame that reached it was kept.");
      upstream.destroy();
    });
    upstream.on("error", (err) => {
      if (finished) return;
      finished = true;
      if (!res.headersSent) {
        rec.end("error", "unreachable", `Cannot reach ${to.origin}: ${(err as { code?: string }).code ?? err.message}`);
        res.writeHead(502, { "content-type": "application/json", ...cors.headers }).end(JSON.stringify({ error: `recording proxy: cannot reach ${to.origin}: ${(err as { code?: string }).code ?? err.message}` }));
      } else {
        rec.end("error", "cut-stream", `The runtime cut the response: ${err.message}`);
        res.destroy();
      }
    });
    upstream.on("response", (up) => {
      const headers: Record<string, string> = {};
      const down: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(up.headers)) {
        if (value === undefined) continue;
        headers[name] = Array.isArray(value) ? value.join(", ") : value;
        if (!DROP_DOWN(name)) down[name] = value;
      }
      rec.response(up.statusCode ?? 502, headers, Date.now() - started);
      res.writeHead(up.statusCode ?? 502, up.statusMessage, { ...down, ...cors.headers });
      res.flushHeaders();
      up.on("data", (chunk: Buffer) => {
        rec.chunk(chunk);
        // Backpressure: a slow client slows the read from the runtime.
        if (!res.write(chunk)) {
          up.pause();
          res.once("drain", () => up.resume());
        }
      });
      up.on("end", () => {
        if (finished) return;
        finished = true;
        rec.end("complete");
        res.end();
      });
      up.on("aborted", () => {
        if (finished) return;
        finished = true;
        rec.end("error", "cut-stream", "The runtime cut the response before its end; every frame that passed was kept.");
        res.destroy();
      });
      up.on("error", () => {
        if (finished) return;
        finished = true;
        rec.end("error", "cut-stream", "The runtime cut the response before its end; every frame that passed was kept.");
        res.destroy();
      });
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      // Over the cap: the rest is read and dropped, so the 413 reaches the app (destroying the
      // request here would close the socket before the answer is written).
      if (size > MAX_BODY) return;
      size += c.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
