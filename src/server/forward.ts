import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

// POST/GET /__forward?url=<target>: the request goes to the runtime the user named, headers
// included, and the response streams back unchanged. Only http(s) targets; hop-by-hop and
// browser-identity headers are not passed on.

const DROP_REQUEST = new Set(["host", "origin", "referer", "cookie", "connection", "content-length", "x-inspector-token", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest"]);
const DROP_RESPONSE = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "set-cookie"]);

export async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = new URL(req.url ?? "/", "http://127.0.0.1").searchParams.get("url") ?? "";
  // A bare /__forward is the page asking whether forwarding is here: a success, so no console error.
  if (!target) return void res.writeHead(204, { "x-agui-forward": "available" }).end();
  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "forward: url is not a valid URL" }));
    return;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "forward: only http and https targets" }));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROP_REQUEST.has(name) || name.startsWith("sec-")) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  let upstream: Response;
  try {
    upstream = await fetch(parsed, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      signal: controller.signal,
      // @ts-expect-error Node's fetch needs this for a streamed request body
      duplex: "half",
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    res.writeHead(502, { "content-type": "application/json", "x-forward-error": "unreachable" }).end(JSON.stringify({ error: `forward: cannot reach ${parsed.origin}: ${cause}` }));
    return;
  }
  const out: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (!DROP_RESPONSE.has(name)) out[name] = value;
  });
  res.writeHead(upstream.status, out);
  if (!upstream.body) return void res.end();
  try {
    for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  } catch {
    // upstream cut: end our side too, the client sees the cut
    res.destroy();
    return;
  }
  res.end();
}
