import type { Recorder } from "../recorder/recorder";
import type { RecordDraft } from "../session/record";
import { createFrameRecorder } from "../transport/frames";
import type { SseFrame, UnterminatedFrame } from "../transport/sse";
import { capRaw, MAX_DEPTH, nestsDeeperThan } from "../protocol/limits";
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
  // An event nested deeper than any decoder accepts would overflow the stack when re-serialised.
  if (nestsDeeperThan(v.event, MAX_DEPTH)) return { ok: false, error: `debug feed event nested deeper than ${MAX_DEPTH} levels` };
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
 * number so interleaved threads replay as the separate streams they were. A frame that is no
 * envelope, or that fails while handled, is a bad frame on the feed's own exchange.
 */
export function createFeedDecoder(recorder: Pick<Recorder, "push" | "nextExchange">, feedX: number) {
  const perRun = new Map<string, ReturnType<typeof createFrameRecorder>>();
  let current: { text: string; exact: boolean; at?: number } | null = null;
  const push = (draft: RecordDraft) => {
    // The wire text is the envelope's: kept where it cannot be rebuilt, and always for a bad frame.
    if (current && draft.kind === "event" && !current.exact) draft = { ...draft, raw: current.text };
    else if (current && draft.kind === "bad-frame") draft = { ...draft, rawLength: undefined, ...capRaw(current.text) } as RecordDraft;
    recorder.push(withoutUndefined(draft as unknown as Record<string, unknown>) as unknown as RecordDraft, current?.at);
  };
  // Frames that belong to no run (not an envelope, cut before a data line) are the feed's own.
  const own = createFrameRecorder({ x: feedX }, (draft) => recorder.push(draft));
  let ownBad = 0;
  /** The feed ended inside a frame that was no envelope (kept as the feed's own bad frame). */
  let ownCut = false;

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

  function handle(frame: SseFrame, unterminated: boolean) {
    const parsed = parseEnvelope(frame.data);
    if (!parsed.ok) {
      ownBad++;
      if (unterminated) ownCut = true;
      recorder.push({ dir: "in", kind: "bad-frame", x: feedX, ...capRaw(frame.data), error: (unterminated ? "the stream ended inside this frame; " : "") + parsed.error, ...(unterminated ? { unterminated: true as const } : {}) });
      return;
    }
    const e = parsed.envelope;
    current = { text: frame.data, exact: reserialised(e) === frame.data, ...(Number.isFinite(e.timestamp) ? { at: e.timestamp } : {}) };
    try {
      const inner: SseFrame = { data: JSON.stringify(e.event) ?? "undefined" };
      if (frame.event !== undefined) inner.event = frame.event;
      if (frame.id !== undefined) inner.id = frame.id;
      const fr = framesFor(e);
      if (unterminated) fr.unterminated({ raw: frame.data, length: frame.data.length, frame: inner, midLine: false });
      else fr.sse(inner);
    } finally {
      current = null;
    }
  }

  const tally = () => {
    let frames = own.tally().frames;
    let bad = own.tally().bad + ownBad;
    let cut = own.tally().unterminated || ownCut;
    for (const fr of perRun.values()) {
      const t = fr.tally();
      frames += t.frames;
      bad += t.bad;
      cut ||= t.unterminated;
    }
    return { frames: frames + ownBad, bad, unterminated: cut };
  };

  return {
    frames: () => tally().frames,
    tally,
    sse(frame: SseFrame) {
      try {
        handle(frame, false);
      } catch (err) {
        ownBad++;
        recorder.push({ dir: "in", kind: "bad-frame", x: feedX, ...capRaw(frame.data), error: `could not be handled: ${err instanceof Error ? err.message : String(err)}` });
      }
    },
    comment(text: string) {
      recorder.push({ dir: "in", kind: "comment", x: feedX, text });
    },
    /** The feed ended inside a frame: an envelope whose data lines are whole is still read. */
    unterminated(partial: UnterminatedFrame) {
      if (!partial.frame) return own.unterminated(partial);
      try {
        handle(partial.frame, true);
      } catch (err) {
        ownBad++;
        ownCut = true;
        recorder.push({ dir: "in", kind: "bad-frame", x: feedX, ...capRaw(partial.raw), error: `could not be handled: ${err instanceof Error ? err.message : String(err)}`, unterminated: true });
      }
    },
  };
}
