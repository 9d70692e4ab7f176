import type { SessionHeader, SessionRecord } from "../session/record";
import type { FetchLike } from "../transport/exchange";
import { createSseDecoder } from "../transport/sse";

export interface FollowOptions {
  /** The proxy's record feed URL (…/__agui-inspector/records). */
  url: string;
  token: string;
  fetch: FetchLike;
  signal?: AbortSignal;
  onHeader(header: SessionHeader): void;
  onRecords(records: SessionRecord[]): void;
  onStatus?(status: "following" | "retrying" | "stopped", error?: string): void;
  retryMs?: number;
}

/**
 * Follows a recording proxy's spooled session: the header once, then every record in seq order.
 * After a drop it asks again from the last seq it has, so a record is never taken twice.
 */
export async function followRecordFeed(options: FollowOptions): Promise<void> {
  let last = 0;
  let headerSeen = false;
  const retry = options.retryMs ?? 1000;
  while (!options.signal?.aborted) {
    try {
      const res = await options.fetch(`${options.url}?after=${last}`, { headers: { "x-inspector-token": options.token }, signal: options.signal });
      if (!res.ok || !res.body) throw new Error(`the proxy's record feed answered HTTP ${res.status}`);
      options.onStatus?.("following");
      const decoder = new TextDecoder();
      const sse = createSseDecoder({
        frame(frame) {
          if (frame.event === "header") {
            if (!headerSeen) options.onHeader(JSON.parse(frame.data) as SessionHeader);
            headerSeen = true;
            return;
          }
          const record = JSON.parse(frame.data) as SessionRecord;
          if (record.seq <= last) return;
          last = record.seq;
          options.onRecords([record]);
        },
        comment() {},
      });
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        sse.feed(decoder.decode(value, { stream: true }));
      }
    } catch (err) {
      if (options.signal?.aborted) break;
      options.onStatus?.("retrying", (err as Error).message);
    }
    if (options.signal?.aborted) break;
    await new Promise((r) => setTimeout(r, retry));
  }
  options.onStatus?.("stopped");
}
