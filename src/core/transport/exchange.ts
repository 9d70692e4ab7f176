import type { AguiEvent } from "../protocol/events";
import type { Recorder } from "../recorder/recorder";
import type { Op, ResponseRecord, Transport } from "../session/record";
import { redactHeaders, redactJson, redactUrl } from "../session/redact";
import { createSseDecoder } from "./sse";
import { createProtoFramer, PROTO_MEDIA_TYPE } from "./proto";
import { createFrameRecorder, type FrameTally } from "./frames";
import { withoutUndefined } from "../json";
import {
  corsMessage,
  describeErrorBody,
  InspectorError,
  isAbortError,
  networkErrorMessage,
} from "./errors";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ExchangeEnv {
  fetch: FetchLike;
  recorder: Recorder;
  /** User headers, sent on every call. */
  headers: Record<string, string>;
  /** The page origin when running in a browser; used to tell a CORS refusal from a dead host. */
  origin?: string;
  /**
   * Give the thread back after this much continuous reading (a page: so it can paint while a
   * fast stream is read). Unset, a stream is read without pause (the CLI).
   */
  sliceMs?: number;
}

export interface ExchangeRequest {
  op: Op;
  transport: Transport;
  method: "GET" | "POST";
  url: string;
  body?: unknown;
  accept?: string;
  agentId?: string;
  threadId?: string;
  runId?: string;
  signal?: AbortSignal;
  onEvent?: (event: AguiEvent) => void;
  /** false: events are recorded but not also collected in the result (a long live run stays bounded). */
  keepEvents?: boolean;
}

export interface ExchangeResult {
  x: number;
  response?: ResponseRecord;
  /** Parsed JSON body of a non-stream response. */
  body?: unknown;
  /** The stream's events, unless the request said keepEvents: false. */
  events: AguiEvent[];
  /** The last RUN_FINISHED or RUN_ERROR, unless a RUN_STARTED came after it. */
  terminal?: AguiEvent;
  frames: number;
  /** What arrived on a stream: frames, bad ones, whether the body ended inside one. */
  tally: FrameTally;
  outcome: "complete" | "aborted" | "error";
  error?: InspectorError;
}

/**
 * One HTTP exchange, recorded whole: the request (redacted) before it leaves, the response
 * status, every frame in arrival order, and how it ended. Never throws for wire trouble: the
 * outcome says what happened, so callers can keep what arrived.
 */
export async function exchange(env: ExchangeEnv, req: ExchangeRequest): Promise<ExchangeResult> {
  const { recorder } = env;
  const x = recorder.nextExchange();
  const ids = { agentId: req.agentId, threadId: req.threadId, runId: req.runId };
  const headers: Record<string, string> = { ...env.headers };
  if (req.body !== undefined) headers["Content-Type"] = "application/json";
  if (req.accept) headers["Accept"] = req.accept;
  // Before anything is recorded: what is sent under a secret name is scrubbed from every record after.
  recorder.secrets.learn({ url: req.url, headers, body: req.body });
  recorder.push({
    dir: "out",
    kind: "request",
    x,
    ...withoutUndefined(ids),
    op: req.op,
    method: req.method,
    url: redactUrl(req.url),
    transport: req.transport,
    headers: redactHeaders(headers),
    ...(req.body !== undefined ? { body: redactJson(req.body) } : {}),
  });

  const result: ExchangeResult = { x, events: [], frames: 0, tally: { frames: 0, bad: 0, unterminated: false }, outcome: "complete" };
  let frames: ReturnType<typeof createFrameRecorder> | null = null;
  const end = (outcome: ExchangeResult["outcome"], error?: InspectorError) => {
    result.outcome = outcome;
    if (frames) result.tally = frames.tally();
    result.frames = result.tally.frames;
    result.error = error;
    recorder.push({
      dir: "in",
      kind: "end",
      x,
      ...withoutUndefined(ids),
      op: req.op,
      outcome,
      frames: result.frames,
      ...(result.tally.bad ? { badFrames: result.tally.bad } : {}),
      ...(result.tally.unterminated ? { unterminated: true as const } : {}),
      ...(error ? { code: error.code, error: error.message } : {}),
    });
    return result;
  };

  const started = Date.now();
  let response: Response;
  try {
    response = await env.fetch(req.url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: req.signal,
    });
  } catch (err) {
    if (isAbortError(err) || req.signal?.aborted) return end("aborted", new InspectorError("aborted", "Cancelled before the runtime answered."));
    return end("error", await classifyNetworkError(env, req.url, err));
  }

  const contentType = response.headers.get("content-type") ?? "";
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (responseHeaders[name] = value));
  const responseRecord: Omit<ResponseRecord, "seq" | "t"> = {
    dir: "in",
    kind: "response",
    x,
    ...withoutUndefined(ids),
    op: req.op,
    status: response.status,
    contentType,
    headers: redactHeaders(responseHeaders),
    ms: Date.now() - started,
  };

  const isStream = response.ok && (contentType.includes("text/event-stream") || contentType.includes(PROTO_MEDIA_TYPE));
  if (!isStream) {
    let text = "";
    try {
      text = await response.text();
    } catch (err) {
      result.response = recorder.push(responseRecord) as ResponseRecord;
      if (isAbortError(err) || req.signal?.aborted) return end("aborted");
      return end("error", new InspectorError("cut-stream", `The response body was cut off: ${(err as Error).message}`, { cause: err }));
    }
    let body: unknown;
    let parsed = false;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    if (parsed) responseRecord.body = body;
    else if (text.length > 0) responseRecord.text = text;
    result.response = recorder.push(responseRecord) as ResponseRecord;
    result.body = body;
    if (!response.ok) {
      const detail = describeErrorBody(body, text);
      return end("error", new InspectorError("http", `HTTP ${response.status} from ${req.url}: ${detail}`, { status: response.status, body: body ?? text }));
    }
    return end("complete");
  }

  result.response = recorder.push(responseRecord) as ResponseRecord;
  const keep = req.keepEvents !== false;
  frames = createFrameRecorder({ x, ...ids }, (draft) => recorder.push(draft), (event) => {
    if (keep) result.events.push(event);
    if (event.type === "RUN_FINISHED" || event.type === "RUN_ERROR") result.terminal = event;
    else if (event.type === "RUN_STARTED") result.terminal = undefined;
    req.onEvent?.(event);
  });
  const reader = response.body?.getReader();
  if (!reader) return end("complete");
  const proto = contentType.includes(PROTO_MEDIA_TYPE);
  const textDecoder = new TextDecoder();
  const sse = createSseDecoder({ frame: frames.sse, comment: frames.comment, unterminated: frames.unterminated });
  const framer = createProtoFramer(({ bytes }) => frames!.proto(bytes));
  // Whatever is left when the body stops — at its end or at a cut — is handed over, never dropped.
  const finish = () => {
    if (proto) {
      const left = framer.leftover();
      if (left.length > 0) frames!.protoLeftover(left);
    } else {
      sse.feed(textDecoder.decode());
      sse.end();
    }
  };

  const take = (bytes: Uint8Array) => {
    if (proto) framer.push(bytes);
    else sse.feed(textDecoder.decode(bytes, { stream: true }));
  };
  let cut: unknown;
  let sliceStart = Date.now();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (err) {
      cut = err;
      break;
    }
    if (chunk.done) break;
    if (env.sliceMs === undefined) {
      take(chunk.value);
      continue;
    }
    // A stream read slower than it arrives comes in chunks of megabytes: those are taken a piece
    // at a time too, giving way whenever a slice's time is up.
    for (let at = 0; at < chunk.value.length; at += SLICE_BYTES) {
      take(chunk.value.subarray(at, at + SLICE_BYTES));
      if (Date.now() - sliceStart >= env.sliceMs) {
        await giveWay();
        // Storing lags far behind: stop reading until it catches up (the network holds the rest),
        // so what waits in memory stays bounded.
        while (recorder.unstored() > MAX_BACKLOG && !req.signal?.aborted) await new Promise((resolve) => setTimeout(resolve, 10));
        sliceStart = Date.now();
      }
    }
  }
  finish();
  const tally = frames.tally();
  if (cut !== undefined) {
    if (isAbortError(cut) || req.signal?.aborted) return end("aborted");
    // A body that errors can take chunks the platform had queued with it (a browser's fetch
    // does), so "none arrived" would overstate it: say none was read.
    const what = tally.frames === 0 ? "No frame was read before the cut; what a browser had buffered is lost with a cut response." : describeTally(tally);
    return end("error", new InspectorError("cut-stream", `The stream was cut off (${(cut as Error).message}). ${what}`, { cause: cut }));
  }
  if (proto && tally.unterminated) {
    return end("error", new InspectorError("cut-stream", `The stream ended inside a protobuf frame. ${describeTally(tally)}`));
  }
  return end("complete");
}

/** Records waiting to be stored past which a page stops reading a stream for a while. */
const MAX_BACKLOG = 20_000;

/** Bytes of a stream taken between two looks at the clock (sliceMs). */
const SLICE_BYTES = 16 * 1024;

/** Let the thread do other work (paint, input) before reading on. */
function giveWay(): Promise<void> {
  // A message task queues behind a frame already due (scheduler.yield() would jump ahead of it,
  // and a timer nested this deep waits 4 ms).
  if (typeof MessageChannel !== "function") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** What arrived, in a sentence that is true: how many frames, how many bad, whether the body ended inside the last. */
export function describeTally(t: FrameTally): string {
  if (t.frames === 0) return "No frame had arrived.";
  const parts = [`${t.frames} frame(s) arrived and each is recorded in order`];
  if (t.bad) parts.push(`${t.bad} of them as a bad frame with its raw text`);
  if (t.unterminated) parts.push("the body ended inside the last one, which is flagged unterminated");
  return parts.join("; ") + ".";
}

async function classifyNetworkError(env: ExchangeEnv, url: string, err: unknown): Promise<InspectorError> {
  if (env.origin && crossOrigin(url, env.origin)) {
    // A browser hides why a cross-origin fetch failed. An opaque no-cors probe tells a live
    // host that refused our origin from a dead one.
    try {
      await env.fetch(url, { method: "GET", mode: "no-cors" });
      return new InspectorError("cors", corsMessage(url, env.origin), { cause: err });
    } catch {
      // fall through: unreachable
    }
  }
  return new InspectorError("unreachable", networkErrorMessage(url, err), { cause: err });
}

function crossOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin !== origin;
  } catch {
    return false;
  }
}

