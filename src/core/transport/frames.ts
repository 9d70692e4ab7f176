import type { AguiEvent } from "../protocol/events";
import { decodeEventText } from "../protocol/decode";
import { checkEventSchema } from "../protocol/schema";
import { capRaw } from "../protocol/limits";
import type { RecordDraft } from "../session/record";
import { createSseDecoder, type SseFrame, type UnterminatedFrame } from "./sse";
import { withoutUndefined } from "../json";
import { decodeProtoEvent, toBase64 } from "./proto";

export interface FrameContext {
  x: number;
  agentId?: string;
  threadId?: string;
  /** The run id asked for; a RUN_STARTED with another id (a /connect replay) takes over. */
  runId?: string;
}

/** What came in, for the end record and the messages that sum a stream up. */
export interface FrameTally {
  /** Frames that arrived: events, bad frames and an unterminated last frame. */
  frames: number;
  /** Of those, how many are kept as bad-frame records. */
  bad: number;
  /** The body ended inside a frame (kept as its own record). */
  unterminated: boolean;
}

/**
 * Turns wire frames into records the same way for live streams, imported captures and
 * observed page traffic: parsed events beside their raw text, bad frames kept and flagged.
 * Each frame is isolated: whatever fails while one frame is handled turns that frame into a
 * bad-frame record with its raw text, and the next frame starts clean.
 */
export function createFrameRecorder(ctx: FrameContext, push: (draft: RecordDraft) => void, onEvent?: (event: AguiEvent) => void) {
  let runId = ctx.runId;
  const tally: FrameTally = { frames: 0, bad: 0, unterminated: false };
  const ids = () => withoutUndefined({ agentId: ctx.agentId, threadId: ctx.threadId, runId });
  const takeRun = (event: AguiEvent) => {
    if (event.type === "RUN_STARTED" && typeof event.runId === "string") runId = event.runId;
  };
  const issuesOf = (event: AguiEvent) => {
    const issues = checkEventSchema(event);
    return issues.length ? { issues } : {};
  };
  const sseFields = (frame: SseFrame) =>
    frame.event !== undefined || frame.id !== undefined ? { sse: withoutUndefined({ event: frame.event, id: frame.id }) } : {};
  const bad = (raw: string, error: string, extra: { rawEncoding?: "base64"; sse?: { event?: string; id?: string }; unterminated?: true } = {}) => {
    tally.bad++;
    push({ dir: "in", kind: "bad-frame", x: ctx.x, ...ids(), ...capRaw(raw), error, ...extra });
  };
  const failure = (err: unknown) => `could not be handled: ${err instanceof Error ? err.message : String(err)}`;

  /** Record one decoded SSE event; throws only if the event itself cannot be handled. */
  function sseEvent(event: AguiEvent, frame: SseFrame, unterminated?: true) {
    // raw is kept only where re-serialising the event would not give back the wire text
    const raw = JSON.stringify(event) === frame.data ? {} : { raw: frame.data };
    takeRun(event);
    const draft: RecordDraft = { dir: "in", kind: "event", x: ctx.x, ...ids(), event, ...raw, ...sseFields(frame), ...issuesOf(event), ...(unterminated ? { unterminated } : {}) };
    push(draft);
    deliver(event);
  }

  /** Hand the event on; a listener's failure is not the frame's, so it does not unmake the record. */
  function deliver(event: AguiEvent) {
    try {
      onEvent?.(event);
    } catch (err) {
      // the record stays an event; the listener's error is reported apart, as the emitter does
      queueMicrotask(() => {
        throw err;
      });
    }
  }

  function sse(frame: SseFrame, unterminated?: true) {
    tally.frames++;
    const decoded = decodeEventText(frame.data);
    if (decoded.ok) {
      try {
        return sseEvent(decoded.event, frame, unterminated);
      } catch (err) {
        return badSse(frame, failure(err), unterminated);
      }
    }
    badSse(frame, decoded.error, unterminated);
  }

  function badSse(frame: SseFrame, error: string, unterminated?: true) {
    const ended = unterminated ? "the stream ended inside this frame (no blank line after it); " : "";
    bad(frame.data, ended + error, { ...sseFields(frame), ...(unterminated ? { unterminated } : {}) });
  }

  return {
    frames: () => tally.frames,
    tally: (): FrameTally => ({ ...tally }),
    sse(frame: SseFrame) {
      sse(frame);
    },
    comment(text: string) {
      push({ dir: "in", kind: "comment", x: ctx.x, ...ids(), text });
    },
    /**
     * The body ended inside a frame. With its data lines whole it is what an AG-UI client
     * decodes at the end of a body (@ag-ui/client does), so it is decoded the same way and
     * flagged `unterminated`; bytes that are no frame at all are kept as a bad frame.
     */
    unterminated(partial: UnterminatedFrame) {
      tally.unterminated = true;
      if (partial.frame) return sse(partial.frame, true);
      tally.frames++;
      tally.bad++;
      push({
        dir: "in",
        kind: "bad-frame",
        x: ctx.x,
        ...ids(),
        raw: partial.raw,
        ...(partial.length > partial.raw.length ? { rawLength: partial.length } : {}),
        error: `the stream ended inside a frame with no data line (${partial.length} character(s)${partial.midLine ? ", cut mid-line" : ""})`,
        unterminated: true,
      });
    },
    proto(bytes: Uint8Array) {
      tally.frames++;
      let raw = "";
      try {
        raw = toBase64(bytes);
        const decoded = decodeProtoEvent(bytes);
        if (!decoded.ok) return bad(raw, decoded.error, { rawEncoding: "base64" });
        const event = decoded.event;
        takeRun(event);
        const draft: RecordDraft = { dir: "in", kind: "event", x: ctx.x, ...ids(), event, raw, rawEncoding: "base64", ...issuesOf(event) };
        push(draft);
        deliver(event);
      } catch (err) {
        bad(raw, failure(err), { rawEncoding: "base64" });
      }
    },
    /** Bytes left inside a cut protobuf frame. */
    protoLeftover(bytes: Uint8Array) {
      tally.frames++;
      tally.unterminated = true;
      bad(toBase64(bytes), `incomplete protobuf frame: ${bytes.length} byte(s) at end of stream`, { rawEncoding: "base64", unterminated: true });
    },
  };
}

/** A whole captured `text/event-stream` body (a file, a HAR entry, a DevTools response) as records. */
export function recordsFromSseText(text: string, ctx: FrameContext, push: (draft: RecordDraft) => void): number {
  const frames = createFrameRecorder(ctx, push);
  const decoder = createSseDecoder({ frame: frames.sse, comment: frames.comment, unterminated: frames.unterminated });
  decoder.feed(text);
  decoder.end();
  return frames.frames();
}
