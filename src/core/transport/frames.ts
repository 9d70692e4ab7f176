import type { AguiEvent } from "../protocol/events";
import { decodeEventText } from "../protocol/decode";
import { checkEventSchema } from "../protocol/schema";
import type { RecordDraft } from "../session/record";
import { createSseDecoder, type SseFrame } from "./sse";
import { withoutUndefined } from "../json";
import { decodeProtoEvent, toBase64 } from "./proto";

export interface FrameContext {
  x: number;
  agentId?: string;
  threadId?: string;
  /** The run id asked for; a RUN_STARTED with another id (a /connect replay) takes over. */
  runId?: string;
}

/**
 * Turns wire frames into records the same way for live streams, imported captures and
 * observed page traffic: parsed events beside their raw text, bad frames kept and flagged.
 */
export function createFrameRecorder(ctx: FrameContext, push: (draft: RecordDraft) => void, onEvent?: (event: AguiEvent) => void) {
  let runId = ctx.runId;
  let frames = 0;
  const ids = () => withoutUndefined({ agentId: ctx.agentId, threadId: ctx.threadId, runId });
  const takeRun = (event: AguiEvent) => {
    if (event.type === "RUN_STARTED" && typeof event.runId === "string") runId = event.runId;
  };
  const issuesOf = (event: AguiEvent) => {
    const issues = checkEventSchema(event);
    return issues.length ? { issues } : {};
  };

  return {
    frames: () => frames,
    sse(frame: SseFrame) {
      frames++;
      const sse = frame.event !== undefined || frame.id !== undefined ? { sse: { ...(frame.event !== undefined ? { event: frame.event } : {}), ...(frame.id !== undefined ? { id: frame.id } : {}) } } : {};
      const decoded = decodeEventText(frame.data);
      if (!decoded.ok) {
        push({ dir: "in", kind: "bad-frame", x: ctx.x, ...ids(), raw: frame.data, error: decoded.error, ...sse });
        return;
      }
      const event = decoded.event;
      takeRun(event);
      // raw is kept only where re-serialising the event would not give back the wire text
      const raw = JSON.stringify(event) === frame.data ? {} : { raw: frame.data };
      push({ dir: "in", kind: "event", x: ctx.x, ...ids(), event, ...raw, ...sse, ...issuesOf(event) });
      onEvent?.(event);
    },
    comment(text: string) {
      push({ dir: "in", kind: "comment", x: ctx.x, ...ids(), text });
    },
    proto(bytes: Uint8Array) {
      frames++;
      const decoded = decodeProtoEvent(bytes);
      const raw = toBase64(bytes);
      if (!decoded.ok) {
        push({ dir: "in", kind: "bad-frame", x: ctx.x, ...ids(), raw, rawEncoding: "base64", error: decoded.error });
        return;
      }
      takeRun(decoded.event);
      push({ dir: "in", kind: "event", x: ctx.x, ...ids(), event: decoded.event, raw, rawEncoding: "base64", ...issuesOf(decoded.event) });
      onEvent?.(decoded.event);
    },
    /** Bytes left inside a cut protobuf frame. */
    protoLeftover(bytes: Uint8Array) {
      push({ dir: "in", kind: "bad-frame", x: ctx.x, ...ids(), raw: toBase64(bytes), rawEncoding: "base64", error: `incomplete protobuf frame: ${bytes.length} byte(s) at end of stream` });
    },
  };
}

/** A whole captured `text/event-stream` body (a file, a HAR entry, a DevTools response) as records. */
export function recordsFromSseText(text: string, ctx: FrameContext, push: (draft: RecordDraft) => void): number {
  const frames = createFrameRecorder(ctx, push);
  const decoder = createSseDecoder({ frame: frames.sse, comment: frames.comment });
  decoder.feed(text);
  decoder.end();
  return frames.frames();
}
