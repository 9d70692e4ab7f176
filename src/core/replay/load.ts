import { checkEventShape, decodeEventText } from "../protocol/decode";
import type { SessionRecord } from "../session/record";
import { parseSessionFile, SESSION_FORMAT, type LineError } from "../session/file";
import { createSseDecoder } from "../transport/sse";

// Records for the replay from a file's text: a session file (.agui.jsonl), a raw
// text/event-stream capture, a JSON array of events, or NDJSON events. Enough for `replay` and
// `verify` on the files people attach to bug reports; other formats belong to the importer.

export interface LoadedRecords {
  format: "session" | "sse" | "json" | "ndjson";
  records: SessionRecord[];
  /** Lines of a session file that could not be read (the rest was). */
  errors: LineError[];
}

export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoadError";
  }
}

export function recordsFromText(text: string): LoadedRecords {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0]?.trim() ?? "";
  if (isSessionHeader(firstLine)) {
    const parsed = parseSessionFile(body);
    return { format: "session", records: parsed.records, errors: parsed.errors };
  }
  const trimmed = body.trimStart();
  if (/^(data|event|id|retry):|^:/m.test(body) && !trimmed.startsWith("[") && !trimmed.startsWith("{")) {
    return { format: "sse", records: fromSse(body), errors: [] };
  }
  if (trimmed.startsWith("[")) {
    let values: unknown;
    try {
      values = JSON.parse(trimmed);
    } catch (err) {
      throw new LoadError(`not a JSON array of events: ${(err as Error).message}`);
    }
    if (!Array.isArray(values)) throw new LoadError("not a JSON array of events");
    return { format: "json", records: fromValues(values), errors: [] };
  }
  if (trimmed.startsWith("{")) return { format: "ndjson", records: fromNdjson(body), errors: [] };
  throw new LoadError("unrecognised file: expected a session file, an SSE capture, or JSON events");
}

function isSessionHeader(line: string): boolean {
  if (!line.startsWith("{")) return false;
  try {
    return (JSON.parse(line) as { format?: unknown })?.format === SESSION_FORMAT;
  } catch {
    return false;
  }
}

function builder() {
  const records: SessionRecord[] = [];
  const base = () => ({ seq: records.length + 1, t: 0, x: 1, dir: "in" as const });
  return {
    records,
    data(data: string, sse?: { event?: string; id?: string }) {
      const decoded = decodeEventText(data);
      const extra = sse && (sse.event !== undefined || sse.id !== undefined) ? { sse } : {};
      if (decoded.ok) records.push({ ...base(), kind: "event", event: decoded.event, ...extra });
      else records.push({ ...base(), kind: "bad-frame", raw: data, error: decoded.error, ...extra });
    },
    value(value: unknown) {
      const decoded = checkEventShape(value);
      if (decoded.ok) records.push({ ...base(), kind: "event", event: decoded.event });
      else records.push({ ...base(), kind: "bad-frame", raw: JSON.stringify(value) ?? String(value), error: decoded.error });
    },
    comment(text: string) {
      records.push({ ...base(), kind: "comment", text });
    },
    /** The capture ended here: an open run never finished. */
    end(frames: number) {
      records.push({ ...base(), kind: "end", op: "run", outcome: "complete", frames });
      return records;
    },
  };
}

function fromSse(text: string): SessionRecord[] {
  const b = builder();
  let frames = 0;
  const decoder = createSseDecoder({
    frame(frame) {
      frames++;
      b.data(frame.data, { event: frame.event, id: frame.id });
    },
    comment(comment) {
      b.comment(comment);
    },
  });
  decoder.feed(text);
  decoder.end();
  return b.end(frames);
}

function fromValues(values: unknown[]): SessionRecord[] {
  const b = builder();
  for (const v of values) b.value(v);
  return b.end(values.length);
}

function fromNdjson(text: string): SessionRecord[] {
  const b = builder();
  let frames = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    frames++;
    b.data(line);
  }
  return b.end(frames);
}
