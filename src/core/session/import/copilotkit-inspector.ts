import { isRecord } from "../../replay/json";
import { importedHeader } from "./header";
import { createEventRecorder } from "./events";
import type { RecordOut } from "./out";
import type { FormatReader } from "./types";

// The CopilotKit web inspector's "Export JSON" (@copilotkit/web-inspector, exportEvents):
// an array of {id: "<agentId>:<counter>", agentId, type, timestamp, payload}, NEWEST FIRST.
// `payload` is the event, or {event, ...buffers} for text/tool/reasoning events and
// {event, result} for RUN_FINISHED; values deeper than 4 levels were already replaced by
// "[Truncated depth]" and undefined by "[undefined]" when it was written. The event is
// imported exactly as written; the buffers are derived data and are not kept.

interface Entry {
  index: number;
  counter?: number;
  agentId: string;
  timestamp: number;
  payload: unknown;
  text: string;
}

export function isCopilotKitInspectorEvent(value: unknown): boolean {
  return isRecord(value) && typeof value.id === "string" && typeof value.agentId === "string" && typeof value.type === "string" && "payload" in value;
}

export function createCopilotKitInspectorReader(out: RecordOut, file: string | undefined, now: number) {
  const entries: Entry[] = [];
  const reader: FormatReader & { element(value: unknown, text: string, lineNo: number): void } = {
    element(value, text, lineNo) {
      if (!isCopilotKitInspectorEvent(value)) {
        out.error(lineNo, "not a CopilotKit inspector event ({id, agentId, type, timestamp, payload})");
        return;
      }
      const v = value as { id: string; agentId: string; timestamp?: unknown; payload: unknown };
      const counter = /:(\d+)$/.exec(v.id);
      entries.push({
        index: entries.length,
        counter: counter ? Number(counter[1]) : undefined,
        agentId: v.agentId,
        timestamp: typeof v.timestamp === "number" ? v.timestamp : now,
        payload: v.payload,
        text,
      });
    },
    finish() {
      const ordered = chronological(entries);
      const agents = emit(ordered, out);
      return importedHeader("copilotkit-inspector", file, agents, ordered.length ? { createdAt: new Date(ordered[0].timestamp).toISOString() } : {});
    },
  };
  return reader;
}

/**
 * Oldest first: by the inspector's own counter when every id has one, else by time (ties: later
 * in the file is older). Sorts in place: finish() is the entries' last use.
 */
function chronological(entries: Entry[]): Entry[] {
  if (entries.every((e) => e.counter !== undefined)) return entries.sort((a, b) => a.counter! - b.counter!);
  return entries.sort((a, b) => a.timestamp - b.timestamp || b.index - a.index);
}

/**
 * One exchange per run of each agent: a RUN_STARTED opens the next one. Events before an agent's
 * first RUN_STARTED (the inspector keeps a bounded buffer, so an export can begin mid-run) are
 * the tail of an earlier run: their own exchange.
 */
function emit(entries: Entry[], out: RecordOut): string[] {
  const streams = new Map<string, { agentId: string; x: number; t: number; events: ReturnType<typeof createEventRecorder> }>();
  const close = (s: { agentId: string; x: number; t: number; events: { count(): number } }) =>
    out.push({ dir: "in", kind: "end", x: s.x, agentId: s.agentId, op: "run", outcome: "complete", frames: s.events.count() }, s.t);
  for (const entry of entries) {
    const event = eventOf(entry.payload);
    let stream = streams.get(entry.agentId);
    const starts = isRecord(event) && event.type === "RUN_STARTED";
    if (!stream || starts) {
      if (stream) close(stream);
      const x = out.nextExchange();
      const current = { agentId: entry.agentId, x, t: entry.timestamp, events: createEventRecorder({ x, agentId: entry.agentId }, (d) => out.push(d, current.t)) };
      stream = current;
      streams.set(entry.agentId, stream);
    }
    stream.t = entry.timestamp;
    stream.events.value(event, entry.text);
  }
  for (const stream of streams.values()) close(stream);
  return [...streams.keys()];
}

/** The event in an entry's payload: the payload itself when it has a type (a RAW event's own `event` field included), else its `event`. */
function eventOf(payload: unknown): unknown {
  if (isRecord(payload) && typeof payload.type !== "string" && isRecord(payload.event)) return payload.event;
  return payload;
}
