import { request as httpRequest, type IncomingMessage, type ServerResponse, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";

// /__forward?url=<target>: the page's request goes to the runtime it connected to and the answer
// streams back. What makes this safe is in server.ts (who may call it, which targets); here:
// headers filtered both ways, the answer can never act as a document of the inspector's origin,
// redirects stay on the target's origin, and the stream has backpressure, a size cap and
// timeouts, each refused with a clear error.

export interface ForwardLimits {
  /** Largest answer body passed on, in bytes. */
  maxBytes: number;
  /** Largest request body read from the page, in bytes. */
  maxRequestBytes: number;
  /** Time allowed to connect and get the status line, in ms. */
  connectTimeoutMs: number;
  /** Longest silence inside an answer body, in ms (not counted while the page is the slow side). */
  idleTimeoutMs: number;
  /** How long a cut waits after the last bytes went out, so the page reads them before it sees the cut. */
  cutGraceMs: number;
}

export const DEFAULT_FORWARD_LIMITS: ForwardLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxRequestBytes: 8 * 1024 * 1024,
  connectTimeoutMs: 15_000,
  idleTimeoutMs: 300_000,
  cutGraceMs: 500,
};

const MAX_REDIRECTS = 5;

/** Request headers that describe the page or the hop, not the request the user built. */
const DROP_REQUEST = /^(host|origin|referer|cookie|connection|keep-alive|content-length|transfer-encoding|te|upgrade|expect|accept-encoding|proxy-.*|sec-.*|x-inspector-token)$/;

/** Answer headers that would act on the inspector's origin (cookies, CORS, CSP, framing) or describe the hop. */
const DROP_RESPONSE = /^(set-cookie2?|access-control-.*|content-security-policy(-report-only)?|x-frame-options|strict-transport-security|clear-site-data|refresh|link|report-to|nel|reporting-endpoints|origin-agent-cluster|cross-origin-.*|service-worker-allowed|x-xss-protection|content-length|transfer-encoding|connection|keep-alive)$/;

/** Added to every forwarded answer: it is data for fetch(), never a page, a script or a style. */
export const FORWARD_RESPONSE_HEADERS: Record<string, string> = {
  "content-security-policy": "sandbox; default-src 'none'",
  "x-content-type-options": "nosniff",
  "cross-origin-resource-policy": "same-origin",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

export interface ForwardOptions {
  target: URL;
  limits?: Partial<ForwardLimits>;
  /** Why a stream was cut by the forward, for the server's log. */
  log?: (message: string) => void;
}

export function forwardError(res: ServerResponse, status: number, code: string, message: string): void {
  // Called only before anything was written to the page.
  res.writeHead(status, { "content-type": "application/json", "x-forward-error": code, ...FORWARD_RESPONSE_HEADERS }).end(JSON.stringify({ error: `forward: ${message}`, code }));
}

export async function forward(req: IncomingMessage, res: ServerResponse, options: ForwardOptions): Promise<void> {
  const limits = { ...DEFAULT_FORWARD_LIMITS, ...options.limits };
  // Node's parser takes only upper-case method names, so there is nothing to normalise.
  // Stryker disable next-line StringLiteral: a request from Node's server always has a method
  let method = req.method ?? "GET";
  let body: Buffer | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const read = await readCapped(req, limits.maxRequestBytes);
    if (!read) {
      res.setHeader("connection", "close");
      return forwardError(res, 413, "request-too-large", `the request body is larger than ${limits.maxRequestBytes} bytes`);
    }
    body = read;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    // Stryker disable next-line ConditionalExpression: Node's parsed headers hold no undefined value; the check is for the type
    if (value === undefined || DROP_REQUEST.test(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }

  let url = options.target;
  let upstream: { request: ClientRequest; response: IncomingMessage } | null = null;
  for (let hop = 0; ; hop++) {
    const answer = await send(url, method, headers, body, limits.connectTimeoutMs, res);
    if ("error" in answer) {
      const [status, code] = answer.kind === "timeout" ? [504, "connect-timeout"] : [502, "unreachable"];
      return forwardError(res, status, code, answer.error);
    }
    const { response } = answer;
    const location = response.headers.location;
    if (!location || ![301, 302, 303, 307, 308].includes(response.statusCode ?? 0)) {
      upstream = answer;
      break;
    }
    response.resume();
    answer.request.destroy();
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return forwardError(res, 502, "redirect", `${url.origin} redirected to an invalid URL`);
    }
    if (next.origin !== url.origin) return forwardError(res, 502, "redirect", `${url.origin} redirected to ${next.origin}, another origin; the forward only talks to the runtime you connected to`);
    if (hop + 1 >= MAX_REDIRECTS) return forwardError(res, 502, "redirect", `more than ${MAX_REDIRECTS} redirects from ${url.origin}`);
    if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === "POST")) {
      // Stryker disable next-line StringLiteral: Node sends an empty method as GET
      method = "GET";
      body = undefined;
    }
    url = next;
  }

  const { request: upReq, response: upRes } = upstream;
  const out: Record<string, string | string[]> = {};
  // Stryker disable next-line ConditionalExpression: Node's parsed headers hold no undefined value; the check is for the type
  for (const [name, value] of Object.entries(upRes.headers)) if (value !== undefined && !DROP_RESPONSE.test(name)) out[name] = value;
  res.writeHead(upRes.statusCode ?? 502, { ...out, ...FORWARD_RESPONSE_HEADERS });
  pipeLimited(upReq, upRes, res, limits, url, options.log);
}

type Sent = { request: ClientRequest; response: IncomingMessage } | { error: string; kind: "timeout" | "network" };

/** One request upstream; resolves at the status line, or with why there is none. */
function send(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, connectTimeoutMs: number, res: ServerResponse): Promise<Sent> {
  return new Promise((resolve) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { method, headers: body ? { ...headers, "content-length": String(body.length) } : headers });
    // A second call (an error after the timeout destroyed the request) changes nothing: the
    // promise keeps its first value and clearing twice is harmless.
    const settle = (value: Sent) => {
      clearTimeout(timer);
      // Stryker disable next-line StringLiteral: pipeLimited's own close handler also stops the upstream
      res.off("close", onClose);
      resolve(value);
    };
    const timer = setTimeout(() => {
      request.destroy();
      settle({ kind: "timeout", error: `${url.origin} did not answer within ${connectTimeoutMs} ms` });
    }, connectTimeoutMs);
    // The page went away before the answer: stop asking.
    const onClose = () => {
      request.destroy();
      // Stryker disable next-line ObjectLiteral,StringLiteral: the page is gone, nobody reads this answer
      settle({ kind: "network", error: "the page closed the request" });
    };
    res.on("close", onClose);
    request.on("response", (response) => settle({ request, response }));
    // Stryker disable next-line StringLiteral: only "timeout" is told apart; any other kind is a 502
    request.on("error", (err) => settle({ kind: "network", error: `cannot reach ${url.origin}: ${(err as NodeJS.ErrnoException).code ?? err.message}` }));
    request.end(body);
  });
}

/**
 * Upstream body → page, one chunk in flight: when the page's socket is full the upstream is
 * paused (TCP then holds the runtime back), so memory stays at a few socket buffers whatever
 * the answer's size. A cut (by the runtime, the cap or the idle timer) first flushes every byte
 * already received, then closes without the final chunk so the page sees a cut, not an end.
 */
function pipeLimited(upReq: ClientRequest, upRes: IncomingMessage, res: ServerResponse, limits: ForwardLimits, url: URL, log?: (m: string) => void): void {
  const cutGraceMs = limits.cutGraceMs;
  // Stryker disable next-line StringLiteral: any stand-in for a missing type is no event-stream type either
  const sse = String(upRes.headers["content-type"] ?? "").includes("text/event-stream");
  let bytes = 0;
  // Stryker disable next-line StringLiteral: only a frame end (2 to 4 line-end bytes, all from the stream) at the very end of tail counts
  let tail = "";
  let done = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => cut(`no data from ${url.origin} for ${limits.idleTimeoutMs} ms (idle timeout)`, true), limits.idleTimeoutMs);
  };

  function finish() {
    done = true;
    clearTimeout(idle);
  }

  function cut(reason: string, ours: boolean) {
    if (done) return;
    finish();
    // Stryker disable next-line OptionalChaining: the loopback server always passes a log (stderr by default)
    log?.(`forward ${url.origin}${url.pathname}: stream cut after ${bytes} bytes: ${reason}`);
    // Stryker disable next-line StringLiteral: the data handler also stops at done; this only drops it early
    upRes.removeAllListeners("data");
    upReq.destroy();
    // Said in the stream itself when it can be without breaking a frame: an SSE comment at a frame boundary.
    if (ours && sse && /(\n\n|\r\r|\r\n\r\n)$/.test(tail)) res.write(`: agui-inspector forward cut this stream: ${reason}\n\n`);
    // A browser that sees the bytes and the cut together drops the bytes (Chromium errors the
    // body before the page reads it), so the cut waits until the bytes are out and the page has
    // had time to read them. The socket then ends without the final chunk: a cut, not an end.
    // Stryker disable next-line OptionalChaining: an unfinished response keeps its socket, even after the page left (checked on Node 20)
    res.write("", () => setTimeout(() => res.socket?.end(), cutGraceMs).unref());
  }

  upRes.on("data", (chunk: Buffer) => {
    // Stryker disable next-line ConditionalExpression: a cut removes this handler and a page that leaves destroys the upstream, so no data comes after done
    if (done) return;
    bytes += chunk.length;
    if (bytes > limits.maxBytes) {
      // What fits under the cap (nothing when the last chunk filled it exactly).
      const room = chunk.length - (bytes - limits.maxBytes);
      res.write(chunk.subarray(0, room));
      const kept = chunk.subarray(Math.max(0, room - 4), room).toString("latin1");
      // Stryker disable next-line MethodExpression: only the end of tail is read; the slice bounds its size
      tail = (tail + kept).slice(-4);
      bytes = limits.maxBytes;
      return cut(`the answer is larger than ${limits.maxBytes} bytes (size cap)`, true);
    }
    const last = chunk.subarray(Math.max(0, chunk.length - 4)).toString("latin1");
    // Stryker disable next-line MethodExpression: only the end of tail is read; the slice bounds its size
    tail = (tail + last).slice(-4);
    if (res.write(chunk)) return armIdle();
    // The page reads slower than the runtime writes: wait, and do not count the wait as idle.
    clearTimeout(idle);
    upRes.pause();
    res.once("drain", () => {
      // Stryker disable next-line ConditionalExpression: after a cut the upstream is destroyed; re-arming a timer whose cut returns at once changes nothing
      if (done) return;
      armIdle();
      upRes.resume();
    });
  });
  upRes.on("end", () => {
    // Stryker disable next-line ConditionalExpression: every path that sets done first destroys the upstream request, after which no "end" comes
    if (done) return;
    finish();
    res.end();
  });
  // A connection that fails mid-answer errors, then closes: the close handler cuts (after a
  // whole answer, "end" has finished the pipe and the cut does nothing).
  // Stryker disable next-line StringLiteral: Node 20 emits no "error" for an answer cut mid-body when nobody listens (checked); the listener guards other versions
  upRes.on("error", () => {});
  upRes.on("close", () => cut("the runtime closed the connection before the end", false));
  res.on("close", () => {
    // Stryker disable next-line ConditionalExpression: once done, the timer is cleared and the upstream ended or destroyed; doing it again changes nothing
    if (!done) {
      finish();
      upReq.destroy();
    }
  });
  armIdle();
}

/** The whole request body, or null when it passes `limit`. */
async function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
