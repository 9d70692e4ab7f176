import { tryParseJson } from "../../json";
import { fromBase64 } from "../../transport/proto";
import { createFrameRecorder, recordsFromSseText } from "../../transport/frames";
import { isRecord } from "../../replay/json";
import type { RecordDraft, SessionHeader } from "../record";
import { redactHeaders, redactJson, redactUrl } from "../redact";
import { redactRecordSecrets } from "../redact-record";
import { createSecretValues } from "../redact-values";
import { importedHeader } from "./header";
import type { RecordOut } from "./out";
import { ImportError } from "./types";
import { routeOf, type RouteInfo } from "./route";
import { repairMisDecoded } from "./mojibake";

// HAR 1.2 (Chromium/Playwright/DevTools "Save all as HAR"). Each entry that is a runtime call
// (by route or single-route envelope) or that returned an event stream becomes one exchange:
// the request, the response, its frames, its end. Stream bodies go through the same frame
// recorder as live runs; Chrome's `_eventSourceMessages` ({time (s), eventName, eventId, data})
// are used when present. Other entries (the page, its scripts) are not AG-UI and are skipped.
// Chromium saves event-stream text decoded as windows-1252; such bodies are turned back into
// the UTF-8 text the wire carried, and the response record says so (mojibake.ts).

interface HarHeader {
  name: string;
  value: string;
}

interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string; headers?: HarHeader[]; postData?: { mimeType?: string; text?: string } };
  response?: {
    status?: number;
    headers?: HarHeader[];
    content?: { mimeType?: string; text?: string; encoding?: string };
    _error?: string | null;
  };
  timings?: Record<string, number>;
  _eventSourceMessages?: { time?: number; eventName?: string; eventId?: string; data?: string }[];
}

/** The entries of a HAR document, or null when it is none. */
export function harEntries(doc: unknown): unknown[] | null {
  return isRecord(doc) && isRecord(doc.log) && Array.isArray(doc.log.entries) ? doc.log.entries : null;
}

/** The runtime calls and event streams among a HAR's entries (from harEntries), one exchange each. */
export function readHar(entries: unknown[], out: RecordOut, file: string | undefined): SessionHeader {
  // Array sort is stable: entries that started together (or name no start) keep the file's order.
  // Stryker disable next-line StringLiteral: Date.parse gives NaN for any text that is no date
  const ordered = (entries as HarEntry[]).map((e) => ({ e, at: Date.parse(e?.startedDateTime ?? "") })).sort((a, b) => (a.at || 0) - (b.at || 0));
  const agents: (string | undefined)[] = [];
  let first: RouteInfo | undefined;
  let firstAt: number | undefined;
  for (const { e, at } of ordered) {
    const route = entryRoute(e);
    if (!route) continue;
    if (route.op === "run" || route.op === "connect") agents.push(route.agentId);
    first ??= route;
    firstAt ??= Number.isFinite(at) ? at : undefined;
    readEntry(e, route, Number.isFinite(at) ? at : 0, (draft, t) => out.push(draft, Math.round(t)), out.nextExchange());
  }
  // A HAR of the wrong tab, or saved before the run, would otherwise open as an empty session.
  if (!first) throw new ImportError(noAgUiEntries(ordered.map(({ e }) => e)));
  const fields: Partial<SessionHeader> = {};
  if (firstAt !== undefined) fields.createdAt = new Date(firstAt).toISOString();
  if (first.base && first.transport !== "agui") fields.runtimeUrl = redactUrl(first.base);
  fields.transport = first.transport;
  return importedHeader("har", file, agents, fields);
}

/** Why a HAR gave nothing: how many entries it has, a few of their URLs, and what was looked for. */
function noAgUiEntries(entries: HarEntry[]): string {
  const urls = [...new Set(entries.map((e) => redactUrl(String(e?.request?.url ?? "")).split("?")[0]).filter(Boolean))];
  const shown = urls.slice(0, 3).join(", ") + (urls.length > 3 ? `, … (${urls.length} URLs)` : "");
  return (
    `the HAR holds ${entries.length} ${entries.length === 1 ? "entry" : "entries"}${shown ? ` (${shown})` : ""}, none of them AG-UI traffic: ` +
    "no CopilotKit runtime call (…/info, …/agent/<id>/run or /connect, a single-endpoint POST) and no event stream. " +
    "Save the HAR from the tab where the agent ran, after the run, with DevTools' Network panel open while it ran."
  );
}

function entryRoute(e: HarEntry): RouteInfo | null {
  const method = e?.request?.method ?? "GET";
  // Stryker disable next-line StringLiteral: an absent url matches no route, and a plain stream's base is not kept
  const url = e?.request?.url ?? "";
  const route = routeOf(method, url, tryParseJson(e?.request?.postData?.text));
  if (route) return route;
  if (!isStream(e)) return null;
  // An event stream from an endpoint that is no CopilotKit route: a plain AG-UI run (POST, or GET via EventSource).
  return { op: "run", transport: "agui", base: url };
}

function isStream(e: HarEntry): boolean {
  // Stryker disable next-line StringLiteral: no type and an empty one both fail the test
  return (e?._eventSourceMessages?.length ?? 0) > 0 || /text\/event-stream/i.test(e?.response?.content?.mimeType ?? "") || /text\/event-stream/i.test(headerValue(e?.response?.headers, "content-type") ?? "");
}

type Push = (draft: RecordDraft, t: number) => void;

function readEntry(e: HarEntry, route: RouteInfo, startedAt: number, pushRaw: Push, x: number): void {
  const body = tryParseJson(e.request?.postData?.text);
  // What this request sent under secret names is scrubbed from its answer too (a 401 echoing headers).
  const secrets = createSecretValues();
  secrets.learn({ url: e.request?.url, headers: headerMap(e.request?.headers), body });
  const push: Push = (draft, t) => pushRaw(redactRecordSecrets(draft, secrets), t);
  const ids: { agentId?: string; threadId?: string; runId?: string } = {};
  if (route.agentId !== undefined) ids.agentId = route.agentId;
  if (route.threadId !== undefined) ids.threadId = route.threadId;
  if (route.runId !== undefined) ids.runId = route.runId;
  const request = e.request ?? {};
  const postText = request.postData?.text;
  push(
    {
      dir: "out",
      kind: "request",
      x,
      ...ids,
      op: route.op,
      method: request.method ?? "GET",
      url: redactUrl(request.url ?? ""),
      transport: route.transport,
      headers: redactHeaders(headerMap(request.headers)),
      ...(postText !== undefined && postText !== "" ? { body: body !== undefined ? redactJson(body) : postText } : {}),
    },
    startedAt,
  );

  const response = e.response ?? {};
  const status = response.status ?? 0;
  const waited = sumTimings(e.timings);
  const total = typeof e.time === "number" && e.time >= 0 ? e.time : waited;
  const contentType = response.content?.mimeType ?? headerValue(response.headers, "content-type") ?? "";
  const stream = isStream(e);
  let content = bodyText(response.content);
  // A message saved as null is kept as an empty frame, like one saved without data.
  let messages = (e._eventSourceMessages ?? []).map((m) => (isRecord(m) ? m : {}));
  // Stryker disable next-line ArrayDeclaration: only the names "repaired" and "unrepairable" are looked for below
  const repairs: string[] = [];
  if (stream && response.content?.encoding !== "base64") {
    const body = repairMisDecoded(content);
    content = body.text;
    repairs.push(body.state);
    messages = messages.map((m) => {
      // Stryker disable next-line ConditionalExpression: a non-string comes back from repairMisDecoded as it went in
      if (typeof m.data !== "string") return m;
      const data = repairMisDecoded(m.data);
      repairs.push(data.state);
      return { ...m, data: data.text };
    });
  }
  const misDecoded = repairs.includes("unrepairable") ? { as: "windows-1252" as const, repaired: false } : repairs.includes("repaired") ? { as: "windows-1252" as const, repaired: true } : undefined;
  if (status > 0) {
    const record: RecordDraft = { dir: "in", kind: "response", x, ...ids, op: route.op, status, contentType, headers: redactHeaders(headerMap(response.headers)), ms: Math.round(waited), ...(misDecoded ? { misDecoded } : {}) };
    if (!stream && content) {
      const json = tryParseJson(content);
      if (json !== undefined) (record as { body?: unknown }).body = json;
      else (record as { text?: string }).text = content;
    }
    push(record, startedAt + waited);
  }

  let frames = 0;
  if (stream) frames = readFrames(messages, content, { x, ...ids }, startedAt + waited, push);
  push({ dir: "in", kind: "end", x, ...ids, op: route.op, frames, ...endOf(status, response._error) }, startedAt + total);
}

function readFrames(messages: NonNullable<HarEntry["_eventSourceMessages"]>, content: string, ctx: { x: number; agentId?: string; threadId?: string; runId?: string }, at: number, push: Push): number {
  if (messages.length === 0) return recordsFromSseText(content, ctx, (draft) => push(draft, at));
  // Chrome stamps each message with a monotonic time in seconds: kept as offsets from the first
  // one stamped. A message without a time keeps the time of the one before it.
  const t0 = messages.find((m) => typeof m.time === "number")?.time ?? 0;
  let t = at;
  const frames = createFrameRecorder(ctx, (draft) => push(draft, t));
  for (const m of messages) {
    if (typeof m.time === "number") t = at + Math.max(0, (m.time - t0) * 1000);
    frames.sse({
      data: String(m.data ?? ""),
      ...(m.eventName && m.eventName !== "message" ? { event: m.eventName } : {}),
      ...(m.eventId ? { id: m.eventId } : {}),
    });
  }
  return frames.frames();
}

/** How the browser said the exchange ended, in the transport's error codes. */
function endOf(status: number, error: string | null | undefined): { outcome: "complete" | "aborted" | "error"; code?: string; error?: string } {
  if (!error && status > 0) return { outcome: "complete" };
  const message = error || "the HAR records no response (status 0)";
  if (/ABORTED/i.test(message)) return { outcome: "aborted", error: message };
  return { outcome: "error", code: status > 0 ? "cut-stream" : "unreachable", error: message };
}

function bodyText(content: { text?: string; encoding?: string } | undefined): string {
  const text = content?.text ?? "";
  if (content?.encoding !== "base64" || !text) return text;
  return new TextDecoder().decode(fromBase64(text));
}

function sumTimings(t: Record<string, number> | undefined): number {
  if (!t) return 0;
  let sum = 0;
  // Stryker disable next-line EqualityOperator: adding a timing of 0 changes nothing
  for (const k of ["blocked", "dns", "connect", "send", "wait"]) if (typeof t[k] === "number" && t[k] > 0) sum += t[k];
  return sum;
}

function headerMap(list: HarHeader[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  // Stryker disable next-line ArrayDeclaration: a list holding a string adds no header, as an empty one
  for (const h of list ?? []) if (h && typeof h.name === "string") out[h.name] = String(h.value ?? "");
  return out;
}

function headerValue(list: HarHeader[] | undefined, name: string): string | undefined {
  return list?.find((h) => h?.name?.toLowerCase() === name)?.value;
}

