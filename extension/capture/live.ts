import { tryParseJson } from "../../src/core/json";
import { createRecorder, systemClock, type Recorder, type RecordSink } from "../../src/core/recorder/recorder";
import type { SessionHeader, SessionRecord } from "../../src/core/session/record";
import { redactHeaders, redactJson, redactUrl } from "../../src/core/session/redact";
import { newId } from "../../src/core/session/ids";
import { createFrameRecorder } from "../../src/core/transport/frames";
import { createSseDecoder } from "../../src/core/transport/sse";
import { createProtoFramer, fromBase64, PROTO_MEDIA_TYPE } from "../../src/core/transport/proto";
import { classifyEntry, type Classified } from "../observe/classify";
import type { HarEntryLike } from "../observe/har";
import { headerFor } from "../observe/records";
import { parseWire, type WireMessage } from "./wire";

/** Where live sessions go: a new session in the library, and its sink. */
export interface LiveStore {
  open(header: SessionHeader): Promise<RecordSink & { dispose?(): void }>;
}

export interface LiveCaptureOptions {
  store: LiveStore;
  /** Records of a session, once committed to the store (for the panels to show live). */
  onRecords?(sessionId: string, records: SessionRecord[]): void;
  /** A new observed session (its header is in the library). */
  onSession?(header: SessionHeader): void;
  /** The page talked to a runtime (op info/run/connect), with an /info answer when there was one. */
  onRuntime?(what: Classified, at: number, infoBody?: unknown): void;
  onError?(error: unknown): void;
  /** Most exchanges one page may have open at once; more are ignored (a page cannot exhaust the worker). */
  maxOpen?: number;
  /** Most sessions one page load may create; a page forging traffic cannot fill the library. */
  maxSessions?: number;
}

type Start = Extract<WireMessage, { kind: "start" }>;

interface Exchange {
  start: Start;
  /** Set once the response shows AG-UI traffic. */
  what?: Classified;
  recorder?: Recorder;
  /** The arrival time the next record gets. */
  stamp: number;
  feed?(bytes: Uint8Array): void;
  finish?(): { frames: number; leftover: number };
  info?: Uint8Array[];
  contentType?: string;
  status?: number;
  /** Release the session's sink once everything is written. */
  release?(): void;
}

const entryOf = (start: Start, status: number, headers: [string, string][]): HarEntryLike => ({
  startedDateTime: new Date(start.t).toISOString(),
  request: { method: start.method, url: start.url, headers: start.headers.map(([name, value]) => ({ name, value })), ...(start.body !== undefined ? { postData: { text: start.body } } : {}) },
  response: { status, headers: headers.map(([name, value]) => ({ name, value })) },
});

/** What the worker itself decides an exchange is; the hook's word is not taken for it. */
function classify(start: Start, status: number, headers: [string, string][]): Classified | null {
  if (start.api === "eventsource") return start.method === "GET" ? { op: "run", transport: "agui", runtimeUrl: start.url } : null;
  return classifyEntry(entryOf(start, status, headers));
}

const headerRecord = (headers: [string, string][]) => {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name.toLowerCase()] = out[name.toLowerCase()] === undefined ? value : `${out[name.toLowerCase()]}, ${value}`;
  return out;
};

/**
 * Live capture in the extension's worker: the in-page hook's messages from one page (one port)
 * become observed sessions, one per AG-UI request, recorded as they arrive through the same
 * recorder, frame decoder and sink as the inspector's own runs. Every record keeps the time its
 * bytes reached the page. When the page goes away mid-stream (reload, navigation, tab closed),
 * `close` ends what is still open with what arrived and says so.
 */
export function createLiveCapture(options: LiveCaptureOptions) {
  const maxOpen = options.maxOpen ?? 64;
  const maxSessions = options.maxSessions ?? 2000;
  return {
    connection(page: { url?: string } = {}) {
      const open = new Map<string, Exchange>();
      let sessions = 0;

      function begin(ex: Exchange, status: number, headers: [string, string][], t: number) {
        const what = classify(ex.start, status, headers);
        if (!what) return false;
        // Only runs and connects become sessions (stops count for the runtime offer only), and
        // a page gets a bounded number of them.
        const session = what.op === "run" || what.op === "connect";
        if (what.op !== "info" && (!session || ++sessions > maxSessions)) {
          if (!session) options.onRuntime?.(what, ex.start.t);
          return false;
        }
        ex.what = what;
        ex.status = status;
        const contentType = headerRecord(headers)["content-type"] ?? "";
        ex.contentType = contentType;
        options.onRuntime?.(what, ex.start.t);
        if (what.op === "info") {
          ex.info = [];
          return true;
        }

        const header = headerFor(newId(), entryOf(ex.start, status, headers), what);
        const ready = options.store.open(header).then((sink) => {
          options.onSession?.(header);
          return sink;
        });
        ready.catch((error) => options.onError?.(error));
        ex.release = () => void ready.then((s) => s.dispose?.(), () => {});
        const sink: RecordSink = {
          async write(records) {
            const s = await ready;
            await s.write(records);
            options.onRecords?.(header.id, records);
          },
        };
        const recorder = createRecorder({ sink, clock: { now: () => ex.stamp, schedule: systemClock.schedule }, flushMs: 40 });
        ex.recorder = recorder;
        const x = recorder.nextExchange();
        const ids = { ...(what.agentId ? { agentId: what.agentId } : {}), ...(what.threadId ? { threadId: what.threadId } : {}), ...(what.runId ? { runId: what.runId } : {}) };
        const body = what.body !== undefined ? { body: redactJson(what.body) } : ex.start.body !== undefined ? { body: ex.start.body } : {};
        ex.stamp = ex.start.t;
        recorder.push({ dir: "out", kind: "request", x, ...ids, op: what.op, method: ex.start.method, url: redactUrl(ex.start.url), transport: what.transport, headers: redactHeaders(headerRecord(ex.start.headers)), ...body });
        ex.stamp = t;
        const stream = status >= 200 && status < 300 && /text\/event-stream|application\/vnd\.ag-ui\.event\+proto/i.test(contentType);
        const response = { dir: "in" as const, kind: "response" as const, x, ...ids, op: what.op, status, contentType, headers: redactHeaders(headerRecord(headers)), ms: Math.max(0, Math.round(t - ex.start.t)) };
        if (!stream) {
          // An error answer (4xx/5xx JSON, an HTML page): kept whole, recorded at its end.
          const parts: Uint8Array[] = [];
          ex.feed = (bytes) => void parts.push(bytes);
          ex.finish = () => {
            const text = new TextDecoder().decode(concat(parts));
            const json = tryParseJson(text);
            recorder.push({ ...response, ...(json !== undefined ? { body: json } : text ? { text } : {}) });
            return { frames: 0, leftover: 0 };
          };
          return true;
        }
        recorder.push(response);
        const frames = createFrameRecorder({ x, ...ids }, (draft) => recorder.push(draft));
        if (contentType.toLowerCase().includes(PROTO_MEDIA_TYPE)) {
          const framer = createProtoFramer(({ bytes }) => frames.proto(bytes));
          ex.feed = (bytes) => framer.push(bytes);
          ex.finish = () => {
            const left = framer.leftover();
            if (left.length) frames.protoLeftover(left);
            return { frames: frames.frames(), leftover: left.length };
          };
        } else {
          const text = new TextDecoder();
          const decoder = createSseDecoder({ frame: frames.sse, comment: frames.comment });
          // The text after the last blank line: what a cut leaves unfinished.
          let tail = "";
          const take = (s: string) => {
            decoder.feed(s);
            tail = afterLastFrame(tail + s);
          };
          ex.feed = (bytes) => take(text.decode(bytes, { stream: true }));
          ex.finish = () => {
            take(text.decode());
            const before = frames.frames();
            decoder.end();
            // A frame cut short that the decoder did not turn into a record is still bytes the page got.
            if (frames.frames() === before && tail.trim()) {
              recorder.push({ dir: "in", kind: "bad-frame", x, ...ids, raw: tail, error: `unfinished frame: the stream ended ${tail.length} character(s) into it` });
              return { frames: before + 1, leftover: 0 };
            }
            return { frames: frames.frames(), leftover: 0 };
          };
        }
        return true;
      }

      function end(ex: Exchange, t: number, outcome: "complete" | "aborted" | "error", error: string | undefined, code?: string) {
        open.delete(ex.start.id);
        const what = ex.what;
        if (!what) {
          // No response came: a run the page could not start is still a run it tried.
          if (outcome === "complete") return;
          const classified = classify(ex.start, 0, []);
          if (!classified || (classified.op !== "run" && classified.op !== "connect")) return;
          if (!begin(ex, 0, [], t)) return;
          ex.feed = undefined;
          ex.finish = undefined;
          // begin() recorded a response record only for answers; a refused request has none.
        }
        if (ex.info) {
          options.onRuntime?.(ex.what!, ex.start.t, tryParseJson(new TextDecoder().decode(concat(ex.info))));
          return;
        }
        const recorder = ex.recorder;
        if (!recorder) return;
        ex.stamp = t;
        const result = ex.finish?.() ?? { frames: 0, leftover: 0 };
        const x = 1;
        const ids = { ...(ex.what!.agentId ? { agentId: ex.what!.agentId } : {}), ...(ex.what!.threadId ? { threadId: ex.what!.threadId } : {}), ...(ex.what!.runId ? { runId: ex.what!.runId } : {}) };
        const op = ex.what!.op;
        const status = ex.status ?? 0;
        if (outcome === "complete") {
          const ok = status >= 200 && status < 300;
          if (result.leftover) recorder.push({ dir: "in", kind: "end", x, ...ids, op, outcome: "error", code: "cut-stream", error: `The stream ended inside a protobuf frame after ${result.frames} frame(s).`, frames: result.frames });
          else recorder.push({ dir: "in", kind: "end", x, ...ids, op, outcome: ok ? "complete" : "error", ...(ok ? {} : { code: "http", error: `HTTP ${status} from ${redactUrl(ex.start.url)}` }), frames: result.frames });
        } else if (outcome === "aborted") {
          recorder.push({ dir: "in", kind: "end", x, ...ids, op, outcome: "aborted", ...(code ? { code } : {}), error: error ?? "The page aborted the request.", frames: result.frames });
        } else {
          const unreachable = !ex.status;
          recorder.push({ dir: "in", kind: "end", x, ...ids, op, outcome: "error", code: code ?? (unreachable ? "unreachable" : "interrupted"), error: unreachable ? `The page's request failed: ${error ?? "no response"}` : `interrupted after ${result.frames} frame(s): ${error ?? "the body stopped"}`, frames: result.frames });
        }
        void recorder.flush().then(() => ex.release?.());
      }

      return {
        /** One message from the page; anything malformed is dropped. */
        message(raw: unknown) {
          const m = parseWire(raw);
          if (!m) return;
          if (m.kind === "start") {
            if (open.size >= maxOpen || open.has(m.id)) return;
            open.set(m.id, { start: m, stamp: m.t });
            return;
          }
          const ex = open.get(m.id);
          if (!ex) return;
          // Arrival times never go backwards within an exchange.
          const t = Math.max(m.t, ex.stamp);
          try {
            if (m.kind === "response") {
              if (ex.what || !begin(ex, m.status, m.headers, t)) {
                if (!ex.what) open.delete(m.id);
              }
            } else if (m.kind === "chunk") {
              if (!ex.what) return;
              const bytes = fromBase64(m.data);
              if (ex.info) ex.info.push(bytes);
              else {
                ex.stamp = t;
                ex.feed?.(bytes);
              }
            } else {
              end(ex, t, m.outcome, m.error, m.gone ? "page-gone" : undefined);
            }
          } catch (error) {
            options.onError?.(error);
          }
        },
        /** The page is gone (reload, navigation, tab closed): end what is open with what arrived. */
        close(reason = "the page reloaded or navigated away") {
          const at = Date.now();
          for (const ex of [...open.values()]) {
            if (!ex.what) {
              open.delete(ex.start.id);
              continue;
            }
            end(ex, Math.max(at, ex.stamp), "aborted", `interrupted: ${reason} before the response ended`, "page-gone");
          }
        },
        openCount: () => open.size,
        page,
      };
    },
  };
}

/** The part of SSE text after its last frame boundary (a blank line). */
export function afterLastFrame(text: string): string {
  const boundary = /\r\n\r\n|\n\n|\r\r/g;
  let end = -1;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) end = m.index + m[0].length;
  return end < 0 ? text : text.slice(end);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export type LiveCapture = ReturnType<typeof createLiveCapture>;
export type LiveConnection = ReturnType<LiveCapture["connection"]>;
