import { createFrameRecorder } from "../../transport/frames";
import { createSseDecoder, type SseFrame } from "../../transport/sse";
import { createFeedDecoder, parseEnvelope } from "../../feed/envelope";
import { isRecord } from "../../replay/json";
import { importedHeader } from "./header";
import type { RecordOut } from "./out";
import type { FormatReader } from "./types";

/**
 * A raw `text/event-stream` capture, streamed through the same frame recorder as live runs. A
 * saved debug feed (`curl …/cpk-debug-events`, frames of `{timestamp, agentId, threadId, runId,
 * event}`) is told by its first frame and read as `attach` records it: each envelope an event
 * under its thread and run, timed by its timestamp.
 */
export function createSseReader(out: RecordOut, file: string | undefined, now: number): FormatReader & { format(): "sse" | "debug-feed" } {
  const x = out.nextExchange();
  const plain = createFrameRecorder({ x }, (draft) => out.push(draft, now));
  // What carries no time of its own in a feed (a comment, a frame that is no envelope) takes the last envelope's.
  const feed = createFeedDecoder({ push: (draft, at) => out.push(draft, at ?? lastT), nextExchange: out.nextExchange }, x);
  const agents = new Set<string | undefined>();
  let mode: "sse" | "debug-feed" | null = null;
  let lastT = now;
  let firstT: number | undefined;
  const frame = (f: SseFrame) => {
    if (mode === null) mode = isEnvelope(f.data) ? "debug-feed" : "sse";
    if (mode === "sse") return plain.sse(f);
    const parsed = parseEnvelope(f.data);
    if (parsed.ok) {
      if (parsed.envelope.agentId) agents.add(parsed.envelope.agentId);
      if (Number.isFinite(parsed.envelope.timestamp)) (lastT = parsed.envelope.timestamp), (firstT ??= lastT);
    }
    feed.sse(f);
  };
  const decoder = createSseDecoder({
    frame,
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: in a feed the plain recorder sees no frames, so its comment record is the feed's own
    comment: (text) => (mode === "debug-feed" ? feed.comment(text) : plain.comment(text)),
    unterminated: (partial) => (mode === "debug-feed" ? feed.unterminated(partial) : plain.unterminated(partial)),
  });
  return {
    format: () => mode ?? "sse",
    text(chunk) {
      decoder.feed(chunk);
    },
    finish() {
      decoder.end();
      if (mode === "debug-feed") {
        const t = feed.tally();
        out.push({ dir: "in", kind: "end", x, op: "observe", outcome: "complete", frames: t.frames, ...(t.bad ? { badFrames: t.bad } : {}), ...(t.unterminated ? { unterminated: true as const } : {}) }, lastT);
        // The feed's own clock dates the session, not the import's.
        return importedHeader("debug-feed", file, agents, { createdAt: new Date(firstT ?? now).toISOString() });
      }
      // The capture ended here; whether its run finished is for the replay to judge.
      const t = plain.tally();
      out.push({ dir: "in", kind: "end", x, op: "run", outcome: "complete", frames: t.frames, ...(t.bad ? { badFrames: t.bad } : {}), ...(t.unterminated ? { unterminated: true as const } : {}) }, now);
      return importedHeader("sse", file);
    },
  };
}

/**
 * A feed envelope: a timestamp and an event with a type, and no type of its own — a RAW event
 * also carries `event` (the provider's, often typed) and may carry a `timestamp`.
 */
function isEnvelope(data: string): boolean {
  const parsed = parseEnvelope(data);
  if (!parsed.ok) return false;
  const e = parsed.envelope;
  return Number.isFinite(e.timestamp) && isRecord(e.event) && typeof e.event.type === "string" && !hasType(data);
}

function hasType(data: string): boolean {
  return typeof (JSON.parse(data) as { type?: unknown }).type === "string";
}
