import type { SessionHeader, SessionRecord } from "./record";
import { encodeHeaderLine, encodeRecordLine } from "./file";
import { newId } from "./ids";
import { REDACTED, redactJson, redactUrl, redactUrlsIn } from "./redact";
import { redactRecordSecrets } from "./redact-record";
import { redactEvent, redactInput, type ContentRedaction } from "./redact-content";

export type { ContentRedaction } from "./redact-content";

// Export: a whole session, one run, or a selection, as a v1 session file. Records keep their
// seq (a selection may have gaps), so a seq quoted in a bug report still points at the same
// record. Headers, URLs and body secrets are always redacted; message text and state values
// on request, and the header says which.

export type ExportSelection =
  | { kind: "session" }
  | { kind: "run"; runId: string }
  | { kind: "range"; from: number; to: number }
  | { kind: "seqs"; seqs: Iterable<number> };

export interface ExportOptions {
  select?: ExportSelection;
  redact?: ContentRedaction;
  /** Name for the exported session (default: the source's). */
  name?: string;
}

/** The records a selection holds, in seq order. A run is its records plus the untagged ones of its exchanges. */
export function selectRecords(records: readonly SessionRecord[], select: ExportSelection = { kind: "session" }): SessionRecord[] {
  switch (select.kind) {
    case "session":
      return records.slice();
    case "range":
      return records.filter((r) => r.seq >= select.from && r.seq <= select.to);
    case "seqs": {
      const wanted = new Set(select.seqs);
      return records.filter((r) => wanted.has(r.seq));
    }
    case "run": {
      const exchanges = new Set<number>();
      for (const r of records) if (r.runId === select.runId) exchanges.add(r.x);
      return records.filter((r) => r.runId === select.runId || (r.runId === undefined && exchanges.has(r.x)));
    }
  }
}

/** A record as exported: secrets out (idempotent on recorded data), chosen content masked. */
export function redactRecord(source: SessionRecord, redact: ContentRedaction = {}): SessionRecord {
  const content = !!(redact.messageText || redact.stateValues);
  // Secret names (headers, URL, request/response bodies, the input RUN_STARTED echoes) always.
  const record = redactRecordSecrets(source);
  switch (record.kind) {
    case "request": {
      if (!content || record.body === undefined) return record;
      return { ...record, body: redactBody(redactJson(record.body), redact) };
    }
    case "response":
      return record;
    case "event": {
      // Stryker disable next-line ConditionalExpression: a shortcut; with nothing chosen redactEvent gives the same event back and the record is returned below
      if (!content) return record;
      const event = redactEvent(record.event, redact);
      if (event === record.event) return record;
      // The wire text would give back what was just masked.
      const { raw: _raw, rawEncoding: _enc, ...rest } = record;
      return { ...rest, event };
    }
    case "bad-frame": {
      if (!content) return record;
      // An undecodable frame cannot be masked field by field.
      const { rawEncoding: _enc, ...rest } = record;
      return { ...rest, raw: REDACTED };
    }
    case "comment":
    case "end":
      return record;
  }
}

/** A single-route envelope carries the input in `body`; REST and plain AG-UI send it as is. */
function redactBody(body: unknown, redact: ContentRedaction): unknown {
  if (body && typeof body === "object" && typeof (body as { method?: unknown }).method === "string") {
    const envelope = body as { body?: unknown };
    return envelope.body === undefined ? body : { ...envelope, body: redactInput(envelope.body, redact) };
  }
  return redactInput(body, redact);
}

export function exportHeader(header: SessionHeader, options: ExportOptions = {}): SessionHeader {
  const r = options.redact ?? {};
  const partial = (options.select && options.select.kind !== "session") || r.messageText || r.stateValues;
  return {
    ...header,
    // A different content is a different session: it must not replace the original on import.
    ...(partial ? { id: newId() } : {}),
    ...(header.runtimeUrl !== undefined ? { runtimeUrl: redactUrl(header.runtimeUrl) } : {}),
    ...(options.name !== undefined ? { name: redactUrlsIn(options.name) } : header.name !== undefined ? { name: redactUrlsIn(header.name) } : {}),
    redaction: {
      headers: true,
      ...(header.redaction?.messageText || r.messageText ? { messageText: true } : {}),
      ...(header.redaction?.stateValues || r.stateValues ? { stateValues: true } : {}),
    },
  };
}

/** The file as lines, a batch at a time, for large sessions. */
export function* exportLines(header: SessionHeader, records: readonly SessionRecord[], options: ExportOptions = {}): Generator<string> {
  yield encodeHeaderLine(exportHeader(header, options));
  let batch = "";
  let n = 0;
  for (const record of selectRecords(records, options.select)) {
    batch += encodeRecordLine(redactRecord(record, options.redact));
    // Stryker disable next-line UpdateOperator: counting down reaches the same multiples of 1000 (-1000 % 1000 === -0 === 0)
    if (++n % 1000 === 0) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

export function exportSession(header: SessionHeader, records: readonly SessionRecord[], options: ExportOptions = {}): string {
  let out = "";
  for (const part of exportLines(header, records, options)) out += part;
  return out;
}
