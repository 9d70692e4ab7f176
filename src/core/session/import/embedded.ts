import { isKnownEventType } from "../../protocol/events";
import { isRecord } from "../../replay/json";
import type { SessionHeader } from "../record";
import { createEventRecorder } from "./events";
import { importedHeader } from "./header";
import type { RecordOut } from "./out";

// A JSON object that is no HAR but holds arrays of AG-UI events somewhere inside: test harness
// files such as the AG-UI DevTools harness's `{fixtures: [{match, events: [...]}]}`, or an API
// response wrapping a run. Each array is one stream (its own exchange), in document order.

/** How deep to look: harness files nest events two or three levels down. */
const MAX_DEPTH = 6;

export interface EventArray {
  /** JSON Pointer of the array in the document. */
  path: string;
  events: unknown[];
}

/** Arrays whose elements are mostly AG-UI events (at least one, and at least half of them). */
export function findEventArrays(doc: unknown): EventArray[] {
  const found: EventArray[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      // Stryker disable next-line ConditionalExpression: isKnownEventType is false for anything that is no string
      const events = value.filter((v) => isRecord(v) && typeof v.type === "string" && isKnownEventType(v.type)).length;
      if (events > 0 && events * 2 >= value.length) {
        found.push({ path, events: value });
        return;
      }
      value.forEach((v, i) => visit(v, `${path}/${i}`, depth + 1));
    } else if (isRecord(value)) {
      for (const [key, v] of Object.entries(value)) visit(v, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth + 1);
    }
  };
  visit(doc, "", 0);
  return found;
}

export function readEmbeddedEvents(arrays: EventArray[], out: RecordOut, file: string | undefined, now: number): SessionHeader {
  for (const { events } of arrays) {
    const x = out.nextExchange();
    const recorder = createEventRecorder({ x }, (draft) => out.push(draft, now));
    for (const value of events) recorder.value(value);
    out.push({ dir: "in", kind: "end", x, op: "run", outcome: "complete", frames: recorder.count() }, now);
  }
  return importedHeader("json-events", file);
}
