import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { readStatic } from "./static";
import { forward, forwardError, type ForwardLimits } from "./forward";
import { isLoopbackHost, normalizeOrigin } from "./loopback";
import { checkPageFetch } from "./page-fetch";

// The loopback server: hosts the built web inspector on 127.0.0.1 and forwards requests to
// runtimes that send no CORS headers. The static files are the public build and need no
// secret; the forward needs the per-launch token in a header, from the inspector page's own
// fetch() (never a navigation, a no-cors request or another origin: page-fetch.ts), and only
// reaches the runtime the page connected to or the origins given at launch.

export interface LoopbackServerOptions {
  root: string;
  port?: number;
  /** At least MIN_TOKEN_LENGTH URL-safe characters; a random one when absent. */
  token?: string;
  /** Runtime URL to prefill in the page; its origin may be forwarded to from the start. */
  runtime?: string;
  /**
   * Origins the forward may reach, fixed at launch. Without it, the forward reaches one origin:
   * the runtime the page last connected to (POST /__forward/target).
   */
  forwardOrigins?: readonly string[];
  forwardLimits?: Partial<ForwardLimits>;
  /** Where the server says why it cut a stream (default: stderr). */
  log?: (message: string) => void;
}

export interface LoopbackServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export const MIN_TOKEN_LENGTH = 16;
export const TOKEN_HEADER = "x-inspector-token";

/** Headers on the app's own files: no framing by other pages (clickjacking), no sniffing. */
const STATIC_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
  "cross-origin-opener-policy": "same-origin",
};

export function checkToken(token: string): void {
  if (token.length < MIN_TOKEN_LENGTH || !/^[A-Za-z0-9_~.-]+$/.test(token)) {
    throw new Error(`The token must be at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 _ ~ . - (leave it out to get a random one).`);
  }
}

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(24).toString("base64url");
  checkToken(token);
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const fixed = options.forwardOrigins?.length ? new Set(options.forwardOrigins.map(mustOrigin)) : null;
  let connected = options.runtime ? normalizeOrigin(options.runtime) : null;
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      // Stryker disable next-line ConditionalExpression: no route throws after it has written its status line; the check keeps a future one from throwing twice
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`internal error: ${(err as Error).message}`);
    });
  });

  function mayForwardTo(origin: string): boolean {
    return fixed ? fixed.has(origin) : origin === connected;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Stryker disable next-line StringLiteral: a request from Node's server always has a URL
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!isLoopbackHost(req.headers.host)) return deny(res, 421, "This server answers only to 127.0.0.1 / localhost (Host header refused).");
    if (url.pathname === "/__forward" || url.pathname.startsWith("/__forward/")) {
      const refused = checkPageFetch(req, port);
      if (refused) return forwardError(res, 403, "not-the-page", refused);
      // Stryker disable next-line StringLiteral: any stand-in for a missing header holds characters checkToken refuses, so it never equals the token
      if (!safeEqual(String(req.headers[TOKEN_HEADER] ?? ""), token)) return forwardError(res, 401, "token", `missing or wrong ${TOKEN_HEADER} header: open the URL agui-inspector printed`);
      if (url.pathname === "/__forward/target") return setTarget(req, res);
      if (url.pathname !== "/__forward") return forwardError(res, 404, "not-found", "no such forward route");
      // A bare /__forward is the page asking whether forwarding is here: a success, so its console stays clean.
      if (!url.searchParams.has("url")) return void res.writeHead(204, { "x-agui-forward": "available", "cache-control": "no-store" }).end();
      // Stryker disable next-line StringLiteral: has("url") was checked just above
      const target = checkTarget(url.searchParams.get("url") ?? "");
      if (typeof target === "string") return forwardError(res, target.startsWith("url") ? 400 : 403, target.startsWith("url") ? "bad-url" : "target", target);
      return forward(req, res, { target, limits: options.forwardLimits, log });
    }
    if (req.method !== "GET" && req.method !== "HEAD") return deny(res, 405, "Only GET here.");
    const file = await readStatic(options.root, url.pathname);
    if (!file) return deny(res, 404, "Not found");
    // Node sends no body in answer to HEAD.
    res.writeHead(200, { "content-type": file.type, ...STATIC_HEADERS }).end(file.body);
  }

  /** The page says which runtime it connected to; with --forward-origin only those are accepted. */
  async function setTarget(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST") return forwardError(res, 405, "method", "POST a JSON {url}");
    let body = "";
    for await (const chunk of req) {
      body += chunk;
      if (body.length > 8192) return forwardError(res, 413, "request-too-large", "target body too large");
    }
    let origin: string | null = null;
    try {
      origin = normalizeOrigin(String((JSON.parse(body) as { url?: unknown }).url));
    } catch {
      // not JSON: no origin
    }
    if (!origin) return forwardError(res, 400, "bad-url", "url is not an http(s) URL");
    if (fixed && !fixed.has(origin)) return forwardError(res, 403, "target", `${origin} is not among the origins this server may forward to (${[...fixed].join(", ")})`);
    // Stryker disable next-line ConditionalExpression: with fixed origins, connected is never read (mayForwardTo and checkTarget use fixed)
    if (!fixed) connected = origin;
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ origin }));
  }

  function checkTarget(target: string): URL | string {
    let parsed: URL;
    try {
      parsed = new URL(target);
    } catch {
      return "url is not a valid URL";
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "url: only http and https targets";
    if (parsed.username || parsed.password) return "url: credentials in the URL are not forwarded; use an Authorization header";
    if (!mayForwardTo(parsed.origin)) {
      return fixed
        ? `${parsed.origin} is not among the origins this server may forward to (${[...fixed].join(", ")})`
        : `${parsed.origin} is not the runtime this page connected to${connected ? ` (${connected})` : ""}; connect to it first`;
    }
    return parsed;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  port = (server.address() as AddressInfo).port;
  const query = options.runtime ? `?${new URLSearchParams({ runtime: options.runtime })}` : "";
  // The token rides in the fragment: never sent to a server, not in logs or Referer; the page
  // moves it into memory and removes it from the address bar.
  return {
    url: `http://127.0.0.1:${port}/${query}#token=${token}`,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function mustOrigin(value: string): string {
  const origin = normalizeOrigin(value);
  if (!origin) throw new Error(`Not an http(s) origin: ${value}`);
  return origin;
}

function deny(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" }).end(message);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
