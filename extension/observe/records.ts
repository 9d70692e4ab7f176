import { tryParseJson, withoutUndefined } from "../../src/core/json";
import { createHeader } from "../../src/core/session/file";
import type { RecordDraft, SessionHeader, SessionRecord } from "../../src/core/session/record";
import { redactHeaders, redactJson, redactUrl } from "../../src/core/session/redact";
import { redactRecordSecrets } from "../../src/core/session/redact-record";
import { createSecretValues } from "../../src/core/session/redact-values";
import { recordsFromSseText, createFrameRecorder } from "../../src/core/transport/frames";
import { createProtoFramer, fromBase64, PROTO_MEDIA_TYPE } from "../../src/core/transport/proto";
import type { Classified } from "./classify";
import { headerRecord, headerValue, type HarContent, type HarEntryLike } from "./har";

export const OBSERVED_SOURCE = "observed";

export interface ObservedSession {
  header: SessionHeader;
  records: SessionRecord[];
}

/**
 * One request the inspected page made, as a session of its own: the request, the response,
 * every frame of the body (through the same frame recorder live runs use), and how it ended.
 * Times come from the HAR entry, so the timeline shows when the page did it.
 */
export function observedSession(id: string, entry: HarEntryLike, what: Classified, content: HarContent): ObservedSession {
  const started = Date.parse(entry.startedDateTime);
  const t0 = Number.isFinite(started) ? started : 0;
  const headersAt = t0 + untilHeaders(entry);
  const endAt = t0 + Math.max(entry.time ?? 0, headersAt - t0);
  const records: SessionRecord[] = [];
  let at = t0;
  // What the page sent under secret names is scrubbed from every record, echoes included.
  const secrets = createSecretValues();
  secrets.learn({ url: entry.request.url, headers: headerRecord(entry.request.headers), body: what.body });
  const push = (draft: RecordDraft) => records.push({ ...redactRecordSecrets(draft, secrets), seq: records.length + 1, t: at } as SessionRecord);

  const ids = withoutUndefined({ agentId: what.agentId, threadId: what.threadId, runId: what.runId });
  const x = 1;
  push({
    dir: "out",
    kind: "request",
    x,
    ...ids,
    op: what.op,
    method: entry.request.method.toUpperCase(),
    url: redactUrl(entry.request.url),
    transport: what.transport,
    headers: redactHeaders(headerRecord(entry.request.headers)),
    ...(what.body !== undefined ? { body: redactJson(what.body) } : entry.request.postData?.text ? { body: entry.request.postData.text } : {}),
  });

  const failed = entry.response._error ?? (entry.response.status === 0 ? "no response" : null);
  if (failed && !(entry.response.status > 0)) {
    at = endAt;
    const aborted = /ERR_ABORTED|cancel/i.test(failed);
    push({ dir: "in", kind: "end", x, ...ids, op: what.op, outcome: aborted ? "aborted" : "error", ...(aborted ? {} : { code: "unreachable", error: `The page's request failed: ${failed}` }), frames: 0 });
    return { header: headerFor(id, entry, what), records };
  }

  at = headersAt;
  const contentType = headerValue(entry.response.headers, "content-type") ?? entry.response.content?.mimeType ?? "";
  const status = entry.response.status;
  const stream = status >= 200 && status < 300 && /text\/event-stream|application\/vnd\.ag-ui\.event\+proto/i.test(contentType);
  const response = { dir: "in" as const, kind: "response" as const, x, ...ids, op: what.op, status, contentType, headers: redactHeaders(headerRecord(entry.response.headers)), ms: Math.round(headersAt - t0) };

  if (!stream) {
    const text = bodyText(content);
    const body = tryParseJson(text);
    push({ ...response, ...(body !== undefined ? { body } : text ? { text } : {}) });
    at = endAt;
    if (failed) return { header: headerFor(id, entry, what), records: interrupted(records, push, failed, { text: null }, { x, ...ids }, what.op, contentType) };
    const ok = status >= 200 && status < 300;
    push({ dir: "in", kind: "end", x, ...ids, op: what.op, outcome: ok ? "complete" : "error", ...(ok ? {} : { code: "http", error: `HTTP ${status} from ${redactUrl(entry.request.url)}` }), frames: 0 });
    return { header: headerFor(id, entry, what), records };
  }

  push(response);
  // DevTools gives the body only once complete, so every frame is stamped with the end time.
  at = endAt;
  if (failed) return { header: headerFor(id, entry, what), records: interrupted(records, push, failed, content, { x, ...ids }, what.op, contentType) };
  if (content.text === null) {
    push({ dir: "in", kind: "end", x, ...ids, op: what.op, outcome: "error", code: "body-unavailable", error: "DevTools kept no body for this response (too large, or evicted from its buffer).", frames: 0 });
    return { header: headerFor(id, entry, what), records };
  }
  const frameCtx = { x, ...ids };
  const proto = contentType.toLowerCase().includes(PROTO_MEDIA_TYPE);
  const frames = proto ? protoFrames(content, frameCtx, push) : { count: recordsFromSseText(bodyText(content) ?? "", frameCtx, push), leftover: false };
  if (frames.leftover) {
    push({ dir: "in", kind: "end", x, ...ids, op: what.op, outcome: "error", code: "cut-stream", error: `The stream ended inside a protobuf frame after ${frames.count} frame(s).`, frames: frames.count });
  } else {
    push({ dir: "in", kind: "end", x, ...ids, op: what.op, outcome: "complete", frames: frames.count });
  }
  return { header: headerFor(id, entry, what), records };
}

export function headerFor(id: string, entry: HarEntryLike, what: Classified): SessionHeader {
  let where = what.runtimeUrl;
  try {
    const u = new URL(what.runtimeUrl);
    where = u.host + u.pathname;
  } catch {
    // keep the raw URL
  }
  // The thread tells runs of one page apart at a glance (they share agent and URL).
  const name = `Observed ${what.op}${what.agentId ? ` · ${what.agentId}` : ""} · ${where}${what.threadId ? ` · thread ${what.threadId.slice(0, 8)}` : ""}`;
  return createHeader({
    id,
    name,
    createdAt: Number.isFinite(Date.parse(entry.startedDateTime)) ? new Date(entry.startedDateTime).toISOString() : undefined,
    runtimeUrl: redactUrl(what.runtimeUrl),
    transport: what.transport,
    ...(what.agentId ? { agentId: what.agentId } : {}),
    source: { kind: OBSERVED_SOURCE },
  });
}

function protoFrames(content: HarContent, ctx: { x: number }, push: (d: RecordDraft) => void): { count: number; leftover: boolean } {
  const frames = createFrameRecorder(ctx, push);
  const framer = createProtoFramer(({ bytes }) => frames.proto(bytes));
  framer.push(content.encoding === "base64" ? fromBase64(content.text ?? "") : new TextEncoder().encode(content.text ?? ""));
  const left = framer.leftover();
  if (left.length) frames.protoLeftover(left);
  return { count: frames.frames(), leftover: left.length > 0 };
}

/** ms from the start of the request to the response headers (HAR timings; -1 means "not applicable"). */
function untilHeaders(entry: HarEntryLike): number {
  const t = entry.timings ?? {};
  let sum = 0;
  for (const k of ["blocked", "dns", "connect", "send", "wait"] as const) sum += Math.max(0, t[k] ?? 0);
  return sum;
}

function bodyText(content: HarContent): string | null {
  if (content.text === null) return null;
  return content.encoding === "base64" ? new TextDecoder().decode(fromBase64(content.text)) : content.text;
}


/**
 * The answer began (status and headers arrived) and then broke: the page aborted it, the server
 * cut it, the page went away. Chrome keeps no body for these, so the record says exactly that;
 * if a body did come, its frames are kept.
 */
function interrupted(records: SessionRecord[], push: (d: RecordDraft) => void, failed: string, content: HarContent, ctx: { x: number; agentId?: string; threadId?: string; runId?: string }, op: Classified["op"], contentType: string): SessionRecord[] {
  const aborted = /ERR_ABORTED|cancel/i.test(failed);
  let frames = 0;
  if (content.text !== null && content.text !== "") {
    frames = contentType.toLowerCase().includes(PROTO_MEDIA_TYPE) ? protoFrames(content, ctx, push).count : recordsFromSseText(bodyText(content) ?? "", ctx, push);
  }
  const error = frames ? `interrupted after ${frames} frame(s) (${failed})` : `interrupted: the browser kept no body (${failed})`;
  push({ dir: "in", kind: "end", ...ctx, op, outcome: aborted ? "aborted" : "error", ...(aborted ? {} : { code: "interrupted" }), error, frames });
  return records;
}
