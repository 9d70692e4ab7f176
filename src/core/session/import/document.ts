import type { SessionHeader } from "../record";
import { findEventArrays, readEmbeddedEvents } from "./embedded";
import { harEntries, readHar } from "./har";
import type { RecordOut } from "./out";
import { ImportError, type ImportFormat } from "./types";

// One JSON object read whole: a HAR, or an object holding arrays of events. When it is
// neither, the error says what each format needed and what this document has instead.

export function readJsonDocument(text: string, out: RecordOut, file: string | undefined, now: number): { format: ImportFormat; header: SessionHeader } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ImportError(
      `not a JSON document: ${(err as Error).message}. Formats tried: HAR and objects holding event arrays (need one JSON document), ` +
        "NDJSON (needs one JSON value per line; the first line here is not one).",
    );
  }
  const entries = harEntries(doc);
  if (entries) return { format: "har", header: readHar(entries, out, file) };
  const arrays = findEventArrays(doc);
  if (arrays.length) return { format: "json-events", header: readEmbeddedEvents(arrays, out, file, now) };
  // Only text that starts with "{" is read as a document (detect.ts), so what parsed is an object.
  const keys = Object.keys(doc as object);
  const shown = keys.slice(0, 8).map((k) => JSON.stringify(k)).join(", ") + (keys.length > 8 ? `, … (${keys.length} keys)` : "");
  throw new ImportError(
    `a JSON object${keys.length ? ` with keys ${shown}` : " with no keys"}, but no format fits. Formats tried: ` +
      "HAR (needs log.entries — none here); " +
      "an object holding arrays of AG-UI events, such as a test harness's {fixtures: [{match, events: [...]}]} (found no array whose elements are events with a known type); " +
      'agui-inspector session (first line must be its header, {"format":"agui-inspector-session",…}); ' +
      'AG-UI DevTools export (first line {"kind":"header","schemaVersion":…}); ' +
      "NDJSON events (one event object per line).",
  );
}
