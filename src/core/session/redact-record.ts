import type { RecordDraft, SessionRecord } from "./record";
import { REDACTED, redactHeaders, redactJson, redactUrl } from "./redact";
import type { SecretValues } from "./redact-values";

// The one place a record is made safe to keep: names first (headers, URL, JSON keys of request
// and response bodies and of the input the runtime echoes in RUN_STARTED), then every secret
// value the inspector sent, wherever it appears in the record. The recorder applies it to
// every record before it is numbered, so storage, the live view and exports never see the
// secret; export applies it again to what was stored by older versions.

type AnyRecord = RecordDraft | SessionRecord;

export function redactRecordSecrets<R extends AnyRecord>(record: R, secrets?: SecretValues): R {
  const byName = redactNames(record);
  return secrets && secrets.size() > 0 ? scrubValues(byName, secrets) : byName;
}

function redactNames<R extends AnyRecord>(r: R): R {
  switch (r.kind) {
    case "request":
      return { ...r, url: redactUrl(r.url), headers: redactHeaders(r.headers), ...(r.body !== undefined ? { body: redactJson(r.body) } : {}) };
    case "response":
      return { ...r, headers: redactHeaders(r.headers), ...(r.body !== undefined ? { body: redactJson(r.body) } : {}) };
    case "event": {
      const event = r.event as { type: string; input?: unknown };
      if (event.type !== "RUN_STARTED" || event.input === undefined) return r;
      const input = redactJson(event.input);
      if (JSON.stringify(input) === JSON.stringify(event.input)) return r;
      // The wire text would give back what was just redacted.
      const { raw: _raw, rawEncoding: _enc, ...rest } = r;
      return { ...rest, event: { ...r.event, input } } as unknown as R;
    }
    default:
      return r;
  }
}

function scrubValues<R extends AnyRecord>(r: R, secrets: SecretValues): R {
  const out = secrets.value(r);
  if ((out.kind === "event" || out.kind === "bad-frame") && out.raw !== undefined && out.rawEncoding === "base64" && secrets.found(latin1(out.raw))) {
    // Protobuf bytes cannot be edited in place. An event keeps its decoded (scrubbed) form; a
    // bad frame has none, so its raw bytes are replaced by the mark.
    const { raw: _raw, rawEncoding: _enc, ...rest } = out;
    return (out.kind === "bad-frame" ? { ...rest, raw: REDACTED } : rest) as R;
  }
  return out;
}

function latin1(base64: string): string {
  try {
    return atob(base64);
  } catch {
    return "";
  }
}
