import type { SessionHeader, SessionRecord } from "./record";
import { newId } from "./ids";

// Session file v1 (`.agui.jsonl`): line 1 a header, then one record per line in seq order.
// Full format: docs/session-format.md.

export const SESSION_FORMAT = "agui-inspector-session";
export const SESSION_VERSION = 1;

export const TOOL_INFO = { name: "agui-inspector", version: "0.1.0" };

export function createHeader(fields: Partial<SessionHeader> = {}): SessionHeader {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    id: fields.id ?? newId(),
    createdAt: fields.createdAt ?? new Date().toISOString(),
    tool: TOOL_INFO,
    redaction: { headers: true },
    ...fields,
  } as SessionHeader;
}

export function encodeHeaderLine(header: SessionHeader): string {
  return JSON.stringify(header) + "\n";
}

export function encodeRecordLine(record: SessionRecord): string {
  return JSON.stringify(record) + "\n";
}

export function encodeSessionFile(header: SessionHeader, records: Iterable<SessionRecord>): string {
  let out = encodeHeaderLine(header);
  for (const r of records) out += encodeRecordLine(r);
  return out;
}

export interface LineError {
  line: number;
  error: string;
}

export interface ParsedSessionFile {
  header: SessionHeader;
  records: SessionRecord[];
  errors: LineError[];
}

export class SessionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SessionFileError";
  }
}

/** Parse a v1 session file. A corrupt record line is reported by line number; the rest is read. */
export function parseSessionFile(text: string): ParsedSessionFile {
  const lines = text.split(/\r?\n/);
  let header: SessionHeader | undefined;
  const records: SessionRecord[] = [];
  const errors: LineError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      if (!header) throw new SessionFileError(`line ${i + 1}: the header is not JSON (${(err as Error).message})`);
      errors.push({ line: i + 1, error: `invalid JSON: ${(err as Error).message}` });
      continue;
    }
    if (!header) {
      header = checkHeader(value, i + 1);
      continue;
    }
    const problem = checkRecord(value);
    if (problem) errors.push({ line: i + 1, error: problem });
    else records.push(value as SessionRecord);
  }
  if (!header) throw new SessionFileError("empty file: no session header");
  return { header, records, errors };
}

function checkHeader(value: unknown, line: number): SessionHeader {
  const h = value as Partial<SessionHeader> | null;
  if (!h || typeof h !== "object" || h.format !== SESSION_FORMAT) {
    throw new SessionFileError(`line ${line}: not an agui-inspector session (header "format" must be "${SESSION_FORMAT}")`);
  }
  if (h.version !== SESSION_VERSION) {
    throw new SessionFileError(`line ${line}: session format version ${String(h.version)} is not supported (this build reads ${SESSION_VERSION})`);
  }
  return h as SessionHeader;
}

const KINDS = new Set(["request", "response", "event", "bad-frame", "comment", "end"]);

function checkRecord(value: unknown): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "record is not a JSON object";
  const r = value as Partial<SessionRecord>;
  if (typeof r.seq !== "number" || !Number.isInteger(r.seq) || r.seq < 1) return "record has no valid seq";
  if (r.dir !== "in" && r.dir !== "out") return `record ${r.seq}: dir must be "in" or "out"`;
  if (typeof r.kind !== "string" || !KINDS.has(r.kind)) return `record ${r.seq}: unknown kind ${JSON.stringify(r.kind)}`;
  if (r.kind === "event" && (!("event" in r) || typeof (r as { event?: { type?: unknown } }).event?.type !== "string")) {
    return `record ${r.seq}: event record without an event`;
  }
  return null;
}
