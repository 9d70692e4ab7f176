import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { readStatic } from "./static";
import { forward } from "./forward";

// The loopback server: hosts the built web inspector on 127.0.0.1 and forwards requests to
// runtimes that send no CORS headers. Fails closed: a per-launch token, loopback Host and
// Origin only, http(s) targets only.

export interface LoopbackServerOptions {
  root: string;
  port?: number;
  token?: string;
  /** Runtime URL to prefill in the page. */
  runtime?: string;
}

export interface LoopbackServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const COOKIE = "agui_inspector_token";

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(18).toString("base64url");
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`internal error: ${(err as Error).message}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!isLoopbackHost(req.headers.host)) return deny(res, 421, "This server answers only to 127.0.0.1 / localhost (Host header refused).");
    const origin = req.headers.origin;
    if (origin !== undefined && !isLoopbackOrigin(origin)) return deny(res, 403, "Origin refused: only loopback pages may use this server.");

    const presented = url.searchParams.get("token") ?? readCookie(req.headers.cookie, COOKIE) ?? String(req.headers["x-inspector-token"] ?? "");
    if (!safeEqual(presented, token)) {
      return deny(res, 401, "Missing or wrong token. Open the URL that agui-inspector printed (it carries ?token=…).");
    }
    if (url.pathname === "/__forward") return forward(req, res);

    const file = await readStatic(options.root, url.pathname === "/" ? "/index.html" : url.pathname);
    if (!file) return deny(res, 404, "Not found");
    const headers: Record<string, string> = {
      "content-type": file.type,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    };
    if (url.searchParams.has("token")) headers["set-cookie"] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers).end(file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const query = new URLSearchParams({ token });
  if (options.runtime) query.set("runtime", options.runtime);
  return {
    url: `http://127.0.0.1:${port}/?${query}`,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function deny(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(message);
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return name === "127.0.0.1" || name === "localhost" || name === "::1";
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && isLoopbackHost(u.host);
  } catch {
    return false;
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
