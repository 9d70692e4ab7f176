import { SESSION_FORMAT } from "../file";
import { ImportError, type ImportFormat } from "./types";

/**
 * What the input is, judged from its first line. `json-array` is settled by its first element
 * (CopilotKit inspector export or plain events); `json-document` is a JSON object spread over
 * lines, read whole (a pretty-printed HAR).
 */
export type Detected = Exclude<ImportFormat, "json-events" | "copilotkit-inspector" | "debug-feed"> | "json-array" | "json-document";

// A field name ends at its colon or, for a bare field ("data" alone), at the end of its line.
const SSE_LINE = /^(?:(?:data|event|id|retry)(?::|\r|\n|$)|:)/;
const SSE_FIELDS = ["data", "event", "id", "retry"];

/** Returns null while the first line is still incomplete and more input may come. */
export function detectFormat(head: string, complete: boolean): Detected | null {
  // trimStart drops a byte-order mark too: U+FEFF is white space to JavaScript.
  const text = head.trimStart();
  if (!text) {
    if (complete) throw new ImportError("empty input: nothing to import");
    return null;
  }
  if (text.startsWith("[")) return "json-array";
  // "dat" or "data" at the end of what has come so far may still be the start of an SSE line.
  if (!complete && !/[\r\n:]/.test(text) && SSE_FIELDS.some((f) => f.startsWith(text))) return null;
  if (SSE_LINE.test(text)) return "sse";
  if (!text.startsWith("{")) {
    throw new ImportError(
      `unrecognised input: it starts with ${JSON.stringify(text.slice(0, 20))}. Formats tried: ` +
        "agui-inspector session, AG-UI DevTools export, NDJSON and HAR (all start with \"{\"); " +
        "JSON array of events or CopilotKit inspector export (start with \"[\"); " +
        'SSE (starts with "data:", "event:", "id:", "retry:" or ":")',
    );
  }

  if (!complete && !text.includes("\n")) return null;
  // Its trailing white space (a CR) is no matter to JSON.parse nor to the patterns below.
  const first = text.split("\n", 1)[0];
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    // A first line that is not JSON on its own: a pretty-printed document, or NDJSON whose first line is broken.
    return /^\{\s*$|^\{\s*"log"\s*:/.test(first) ? "json-document" : "ndjson";
  }
  const o = value as Record<string, unknown>;
  if (o.format === SESSION_FORMAT) return "agui-inspector";
  if (o.kind === "header" && "schemaVersion" in o) return "ag-ui-devtools";
  if (typeof o.connId === "string" && (o.kind === "request" || o.kind === "event" || o.kind === "keepalive")) return "ag-ui-devtools";
  if (o.log && typeof o.log === "object") return "har";
  // An object that is no event but holds arrays (a harness file on one line): read whole.
  if (typeof o.type !== "string" && !("event" in o) && Object.values(o).some(Array.isArray)) return "json-document";
  return "ndjson";
}
