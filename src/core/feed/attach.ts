import type { Recorder } from "../recorder/recorder";
import type { FetchLike } from "../transport/exchange";
import { createSseDecoder } from "../transport/sse";
import { isAbortError, networkErrorMessage } from "../transport/errors";
import { redactHeaders, redactUrl } from "../session/redact";
import { createFeedDecoder } from "./envelope";

export interface AttachOptions {
  /** The runtime URL (its REST base, as given to a client); `/cpk-debug-events` is added. */
  url: string;
  fetch: FetchLike;
  recorder: Recorder;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Waits between reconnects: first, then doubling up to max (ms). */
  backoff?: { first: number; max: number };
  /** Injected for tests; setTimeout by default. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onStatus?: (status: FeedStatus) => void;
}

export type FeedStatus =
  | { state: "connecting"; attempt: number }
  | { state: "attached"; since: number }
  | { state: "dropped"; error: string; retryInMs: number }
  | { state: "stopped"; error?: string };

export interface FeedGap {
  /** When the feed was lost and when it was back (epoch ms); events in between were not seen. */
  from: number;
  to: number;
  error: string;
}

export interface AttachResult {
  outcome: "stopped" | "disabled" | "failed";
  error?: string;
  gaps: FeedGap[];
  envelopes: number;
}

export function debugFeedUrl(url: string): string {
  const u = new URL(url);
  u.pathname = u.pathname.replace(/\/+$/, "") + "/cpk-debug-events";
  return u.toString();
}

export const FEED_DISABLED_MESSAGE =
  "The runtime answered 404 for /cpk-debug-events: its debug feed is off. Turn it on with the `debug` option of the runtime " +
  "(new CopilotRuntime({ agents, debug: true })), or run the server with NODE_ENV=development. " +
  "It carries every thread's messages to anyone who can reach the runtime, so keep it to development.";

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const id = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(id), resolve()), { once: true });
  });

/**
 * Tails the runtime's debug feed into the recorder until the signal aborts. Every envelope is
 * one event record; a drop is recorded (the feed exchange ends in error) and the feed is opened
 * again with backoff, so the session shows the gap between the drop and the next response.
 * A 404 (feed off) and other HTTP refusals end the attach with a sentence saying why.
 */
export async function attachFeed(options: AttachOptions): Promise<AttachResult> {
  const { recorder, signal } = options;
  const url = debugFeedUrl(options.url);
  const headers = { Accept: "text/event-stream", ...(options.headers ?? {}) };
  const backoff = options.backoff ?? { first: 250, max: 5000 };
  const sleep = options.sleep ?? defaultSleep;
  const status = options.onStatus ?? (() => {});
  const gaps: FeedGap[] = [];
  let envelopes = 0;
  let wait = backoff.first;
  let lostAt: number | null = null;
  let lostWhy = "";

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) break;
    status({ state: "connecting", attempt });
    const x = recorder.nextExchange();
    recorder.push({ dir: "out", kind: "request", x, op: "observe", method: "GET", url: redactUrl(url), transport: "rest", headers: redactHeaders(headers) });
    const decoder = createFeedDecoder(recorder, x);
    const end = (outcome: "complete" | "aborted" | "error", code?: string, error?: string) => {
      const t = decoder.tally();
      recorder.push({ dir: "in", kind: "end", x, op: "observe", outcome, frames: t.frames, ...(t.bad ? { badFrames: t.bad } : {}), ...(t.unterminated ? { unterminated: true as const } : {}), ...(code ? { code } : {}), ...(error ? { error } : {}) });
    };
    const started = Date.now();
    let response: Response;
    try {
      response = await options.fetch(url, { method: "GET", headers, signal });
    } catch (err) {
      if (signal?.aborted || isAbortError(err)) {
        end("aborted");
        break;
      }
      const why = networkErrorMessage(url, err);
      end("error", "unreachable", why);
      // Never reached: nothing to resume, unless the feed had been up before (then keep trying).
      if (lostAt === null && attempt === 1) {
        status({ state: "stopped", error: why });
        return { outcome: "failed", error: why, gaps, envelopes };
      }
      lostAt ??= Date.now();
      lostWhy ||= why;
      status({ state: "dropped", error: why, retryInMs: wait });
      await sleep(wait, signal);
      wait = Math.min(wait * 2, backoff.max);
      continue;
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (responseHeaders[name] = value));
    const contentType = response.headers.get("content-type") ?? "";
    if (!response.ok || !contentType.includes("text/event-stream")) {
      const text = await response.text().catch(() => "");
      recorder.push({ dir: "in", kind: "response", x, op: "observe", status: response.status, contentType, headers: redactHeaders(responseHeaders), ms: Date.now() - started, ...(text ? { text } : {}) });
      const why = response.status === 404 ? FEED_DISABLED_MESSAGE : `The debug feed at ${url} answered HTTP ${response.status}${contentType ? ` (${contentType})` : ""}: ${text.trim().slice(0, 300) || "(empty body)"}`;
      end("error", "http", why);
      status({ state: "stopped", error: why });
      return { outcome: response.status === 404 ? "disabled" : "failed", error: why, gaps, envelopes };
    }
    recorder.push({ dir: "in", kind: "response", x, op: "observe", status: response.status, contentType, headers: redactHeaders(responseHeaders), ms: Date.now() - started });
    if (lostAt !== null) {
      gaps.push({ from: lostAt, to: Date.now(), error: lostWhy });
      lostAt = null;
      lostWhy = "";
    }
    wait = backoff.first;
    status({ state: "attached", since: Date.now() });

    const sse = createSseDecoder({ frame: (f) => (envelopes++, decoder.sse(f)), comment: decoder.comment, unterminated: decoder.unterminated });
    const reader = response.body?.getReader();
    const text = new TextDecoder();
    let why = "the runtime closed the feed";
    try {
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        sse.feed(text.decode(value, { stream: true }));
      }
    } catch (err) {
      if (signal?.aborted || isAbortError(err)) {
        sse.feed(text.decode());
        sse.end();
        end("aborted");
        break;
      }
      why = `the feed was cut: ${(err as Error).message}`;
    }
    sse.feed(text.decode());
    sse.end();
    if (signal?.aborted) {
      end("aborted");
      break;
    }
    lostAt = Date.now();
    lostWhy = `${why}; events broadcast until it was back were not seen`;
    end("error", "cut-stream", `Debug feed dropped after ${decoder.frames()} frame(s): ${lostWhy}. Reconnecting in ${wait} ms.`);
    status({ state: "dropped", error: lostWhy, retryInMs: wait });
    await sleep(wait, signal);
    wait = Math.min(wait * 2, backoff.max);
  }
  status({ state: "stopped" });
  return { outcome: "stopped", gaps, envelopes };
}
