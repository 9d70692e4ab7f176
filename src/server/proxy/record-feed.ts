import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { SessionRecord } from "../../core/session/record";
import type { Spool } from "./spool";

export const RECORD_FEED_PATH = "/__agui-inspector/records";
export const TOKEN_HEADER = "x-inspector-token";

/**
 * The served inspector's way into the proxy's recording: an SSE stream of the spooled session
 * (an `event: header` frame, then one record per frame: the backlog, then live). Only for a
 * page that presents the inspector's token — a hostile page on another loopback port gets 401.
 */
export function recordFeedRoute(spool: Spool, token: string) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== RECORD_FEED_PATH) return false;
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin ? { "access-control-allow-origin": origin, vary: "Origin" } : {};
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors, "access-control-allow-methods": "GET", "access-control-allow-headers": TOKEN_HEADER, "access-control-max-age": "600" }).end();
      return true;
    }
    if (!sameToken(String(req.headers[TOKEN_HEADER] ?? ""), token)) {
      res.writeHead(401, { "content-type": "text/plain", ...cors }).end("Missing or wrong inspector token.");
      return true;
    }
    const after = Number(url.searchParams.get("after") ?? 0) || 0;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...cors });
    res.write(`event: header\ndata: ${JSON.stringify(spool.header)}\n\n`);
    // Subscribe first and hold live batches until the backlog is out, so nothing falls between.
    let sent = after;
    let held: SessionRecord[] | null = [];
    const send = (records: SessionRecord[]) => {
      let text = "";
      for (const r of records) {
        if (r.seq <= sent) continue;
        sent = r.seq;
        text += `data: ${JSON.stringify(r)}\n\n`;
      }
      if (text) res.write(text);
    };
    const off = spool.subscribe((records) => (held ? held.push(...records) : send(records)));
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    res.on("close", () => {
      off();
      clearInterval(keepAlive);
    });
    send(await spool.backlog());
    send(held);
    held = null;
    return true;
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
