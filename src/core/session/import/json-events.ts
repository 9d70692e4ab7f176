import { importedHeader } from "./header";
import { createEventRecorder } from "./events";
import type { RecordOut } from "./out";
import type { FormatReader } from "./types";

/** Elements of a JSON array of AG-UI events, in array order. */
export function createJsonEventsReader(out: RecordOut, file: string | undefined, now: number) {
  const x = out.nextExchange();
  const events = createEventRecorder({ x }, (draft) => out.push(draft, now));
  const reader: FormatReader & { element(value: unknown, text: string, lineNo?: number): void; broken(text: string, error: string): void } = {
    element(value, text) {
      events.value(value, text);
    },
    broken(text, error) {
      events.bad(text, error);
    },
    finish() {
      out.push({ dir: "in", kind: "end", x, op: "run", outcome: "complete", frames: events.count() }, now);
      return importedHeader("json-events", file);
    },
  };
  return reader;
}
