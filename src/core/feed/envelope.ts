import type { Recorder } from "../recorder/recorder";
import type { RecordDraft } from "../session/record";
import { createFrameRecorder } from "../transport/frames";
import type { SseFrame } from "../transport/sse";
import { withoutUndefined } from "../json";

/** One frame of the runtime's `/cpk-debug-events` feed (packages/shared debug-event-envelope). */
export interface FeedEnvelope {
  timestamp: number;
  agentId: string;
  threadId: string;
  runId: string;
  event: unknown;
}

export type EnvelopeResult = { ok: true; envelope: FeedEnvelope } | { ok: false; error: string };

export function parseEnvelope(data: string): EnvelopeResult {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (err) {
    return { ok: false, error: `debug feed frame is not JSON: ${(err as Error).message}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: "debug feed frame is not an envelope object" };
  const v = value as Record<string, unknown>;
  if (!("event" in v)) return { ok: false, error: 'debug feed envelope without "event"' };
  return {
    ok: true,
    envelope: {
      timestamp: typeof v.timestamp === "number" ? v.timestamp : NaN,
      agentId: typeof v.agentId === "string" ? v.agentId : "",
      threadId: typeof v.threadId === "string" ? v.threadId : "",
      runId: typeof v.runId === "string" ? v.runId : "",
      event: v.event,
    },
  };
}

/** The runtime writes `{timestamp, agentId, threadId, runId, event}` in that order; anything else keeps its raw text. */
function reserialised(e: FeedEnvelope): string {
  return JSON.stringify({ timestamp: e.timestamp, agentId: e.agentId, threadId: e.threadId, runId: e.runId, event: e.event });
}

/**
 * Turns debug-feed frames into records: each envelope's event goes through the same frame
 * recorder as any stream (so bad events, schema issues and run tracking are shared), under the
 * envelope's agent, thread and run, timed by its `timestamp`. Each run gets its own exchange
 * number so interleaved threads replay as the separate streams they were.
 */
export function createFeedDecoder(recorder: Pick<Recorder, "push" | "nextExchange">, feedX: number) {
  const perRun = new Map<string, ReturnType<typeof createFrameRecorder>>();
  let current: { text: string; exact: boolean; at?: number } | null = null;
  let frames = 0;
  const push = (draft: RecordDraft) => {
    // The wire text is the envelope's: kept where it cannot be rebuilt, and always for a bad frame.
    const keepRaw = current && ((draft.kind === "event" && !current.exact) || draft.kind === "bad-frame");
    recorder.push(keepRaw ? ({ ...draft, raw: current!.text } as RecordDraft) : draft, current?.at);
  };

  function framesFor(e: FeedEnvelope) {
    const key = `${e.agentId}\u0000${e.threadId}\u0000${e.runId}`;
    let fr = perRun.get(key);
    if (!fr) {
      const ids = withoutUndefined({ agentId: e.agentId || undefined, threadId: e.threadId || undefined, runId: e.runId || undefined });
      fr = createFrameRecorder({ x: recorder.nextExchange(), ...ids }, push);
      perRun.set(key, fr);
    }
    return fr;
  }

  return {
    frames: () => frames,
    sse(frame: SseFrame) {
      frames++;
      const parsed = parseEnvelope(frame.data);
      if (!parsed.ok) {
        recorder.push({ dir: "in", kind: "bad-frame", x: feedX, raw: frame.data, error: parsed.error });
        return;
      }
      const e = parsed.envelope;
      current = { text: frame.data, exact: reserialised(e) === frame.data, ...(Number.isFinite(e.timestamp) ? { at: e.timestamp } : {}) };
      const inner: SseFrame = { data: JSON.stringify(e.event) ?? "undefined" };
      if (frame.event !== undefined) inner.event = frame.event;
      if (frame.id !== undefined) inner.id = frame.id;
      framesFor(e).sse(inner);
      current = null;
    },
    comment(text: string) {
      recorder.push({ dir: "in", kind: "comment", x: feedX, text });
    },
  };
}
