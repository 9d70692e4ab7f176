import type { Recorder } from "../../core/recorder/recorder";
import type { Op, Transport } from "../../core/session/record";
import { redactHeaders, redactJson, redactUrl } from "../../core/session/redact";
import { routeOf, type RouteInfo } from "../../core/session/import/route";
import { createFrameRecorder } from "../../core/transport/frames";
import { createSseDecoder } from "../../core/transport/sse";
import { createProtoFramer, PROTO_MEDIA_TYPE } from "../../core/transport/proto";
import { tryParseJson, withoutUndefined } from "../../core/json";

/** How one proxied exchange is recorded: the same records the inspector makes for its own calls. */
export interface ProxiedExchange {
  response(status: number, headers: Record<string, string>, ms: number): void;
  /** Bytes of the response body as they pass to the client. */
  chunk(bytes: Uint8Array): void;
  end(outcome: "complete" | "aborted" | "error", code?: string, error?: string): void;
}

const BODY_LIMIT = 4 * 1024 * 1024;

export function recordExchange(recorder: Recorder, req: { method: string; url: string; headers: Record<string, string>; body: Buffer }): ProxiedExchange {
  const x = recorder.nextExchange();
  const json = req.body.length ? tryParseJson(req.body.toString("utf8")) : undefined;
  const route = routeOf(req.method, req.url, json) ?? plainAgui(req.method, req.url, json);
  const op: Op = route?.op ?? "other";
  const transport: Transport = route?.transport ?? (json && typeof json === "object" && "method" in json ? "single" : "rest");
  const ids = withoutUndefined({ agentId: route?.agentId, threadId: route?.threadId, runId: route?.runId });
  recorder.push({
    dir: "out",
    kind: "request",
    x,
    ...ids,
    op,
    method: req.method,
    url: redactUrl(req.url),
    transport,
    headers: redactHeaders(req.headers),
    ...(json !== undefined ? { body: redactJson(json) } : req.body.length ? { body: `(${req.body.length} bytes, not JSON)` } : {}),
  });

  let frames: ReturnType<typeof createFrameRecorder> | null = null;
  let feed: ((bytes: Uint8Array) => void) | null = null;
  let finish: (() => string | null) | null = null;
  let buffered: Buffer[] | null = null;
  let bufferedBytes = 0;
  let pendingResponse: Parameters<Recorder["push"]>[0] | null = null;
  let ended = false;

  return {
    response(status, headers, ms) {
      const contentType = headers["content-type"] ?? "";
      const base = { dir: "in" as const, kind: "response" as const, x, ...ids, op, status, contentType, headers: redactHeaders(headers), ms };
      const stream = status < 300 && (contentType.includes("text/event-stream") || contentType.includes(PROTO_MEDIA_TYPE));
      if (!stream) {
        // A JSON or text answer is recorded whole, as the inspector records its own.
        buffered = [];
        pendingResponse = base;
        return;
      }
      recorder.push(base);
      frames = createFrameRecorder({ x, ...ids }, (draft) => recorder.push(draft));
      if (contentType.includes(PROTO_MEDIA_TYPE)) {
        const framer = createProtoFramer(({ bytes }) => frames!.proto(bytes));
        feed = (bytes) => framer.push(bytes);
        finish = () => {
          const left = framer.leftover();
          if (!left.length) return null;
          frames!.protoLeftover(left);
          return `The stream ended inside a protobuf frame after ${frames!.frames()} frame(s).`;
        };
      } else {
        const text = new TextDecoder();
        const sse = createSseDecoder({ frame: frames.sse, comment: frames.comment, unterminated: frames.unterminated });
        feed = (bytes) => sse.feed(text.decode(bytes, { stream: true }));
        finish = () => {
          sse.feed(text.decode());
          sse.end();
          return null;
        };
      }
    },
    chunk(bytes) {
      if (feed) return feed(bytes);
      if (buffered && bufferedBytes < BODY_LIMIT) {
        buffered.push(Buffer.from(bytes));
        bufferedBytes += bytes.length;
      }
    },
    end(outcome, code, error) {
      if (ended) return;
      ended = true;
      if (pendingResponse) {
        const text = Buffer.concat(buffered ?? []).toString("utf8");
        const body = tryParseJson(text);
        recorder.push({ ...(pendingResponse as object), ...(body !== undefined ? { body } : text ? { text } : {}) } as Parameters<Recorder["push"]>[0]);
      }
      let why = error;
      let how = outcome;
      let what = code;
      const leftover = finish?.() ?? null;
      if (leftover && outcome === "complete") {
        how = "error";
        what = "cut-stream";
        why = leftover;
      }
      const t = frames?.tally() ?? { frames: 0, bad: 0, unterminated: false };
      recorder.push({ dir: "in", kind: "end", x, ...ids, op, outcome: how, frames: t.frames, ...(t.bad ? { badFrames: t.bad } : {}), ...(t.unterminated ? { unterminated: true as const } : {}), ...(what ? { code: what } : {}), ...(why ? { error: why } : {}) });
    },
  };
}

/** A POST of a RunAgentInput to no runtime route: a plain AG-UI endpoint's run. */
function plainAgui(method: string, url: string, body: unknown): RouteInfo | null {
  if (method !== "POST" || !body || typeof body !== "object" || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.threadId !== "string" || typeof b.runId !== "string" || !Array.isArray(b.messages)) return null;
  return { op: "run", transport: "agui", threadId: b.threadId, runId: b.runId, base: url };
}
