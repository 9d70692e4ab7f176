import { tryParseJson } from "../../src/core/json";
import type { Op, Transport } from "../../src/core/session/record";
import { headerValue, type HarEntryLike } from "./har";

/** What an observed request was, read from the request alone (the body is fetched only for these). */
export interface Classified {
  op: Extract<Op, "info" | "run" | "connect" | "stop">;
  transport: Transport;
  /** The URL a client would connect to: the REST mount, the single-route endpoint, or the plain endpoint. */
  runtimeUrl: string;
  agentId?: string;
  threadId?: string;
  runId?: string;
  /** The request body as JSON (the envelope for single-route), when it was JSON. */
  body?: unknown;
}

const REST_STREAM = /^(.*)\/agent\/([^/]+)\/(run|connect)$/;
const REST_STOP = /^(.*)\/agent\/([^/]+)\/stop\/([^/]+)$/;
const SINGLE_STREAM = new Set(["agent/run", "agent/connect"]);

/** Is this request one a CopilotKit runtime or AG-UI endpoint serves (docs/architecture.md)? */
export function classifyEntry(entry: HarEntryLike): Classified | null {
  const { method, url } = entry.request;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const path = parsed.pathname.replace(/\/+$/, "");
  const base = (p: string) => `${parsed.origin}${p}`;
  const verb = method.toUpperCase();

  if (verb === "GET" && path.endsWith("/info")) return { op: "info", transport: "rest", runtimeUrl: base(path.slice(0, -"/info".length)) };
  if (verb !== "POST") return null;

  const body = tryParseJson(entry.request.postData?.text);
  const input = isObject(body) ? body : undefined;
  const rest = REST_STREAM.exec(path);
  if (rest && (isStreamResponse(entry) || typeof input?.threadId === "string")) {
    return { op: rest[3] as "run" | "connect", transport: "rest", runtimeUrl: base(rest[1]), agentId: decode(rest[2]), ...idsOf(input, rest[3] === "run"), ...(body !== undefined ? { body } : {}) };
  }
  const stop = REST_STOP.exec(path);
  if (stop) {
    return { op: "stop", transport: "rest", runtimeUrl: base(stop[1]), agentId: decode(stop[2]), threadId: decode(stop[3]), ...(body !== undefined ? { body } : {}) };
  }
  if (input && typeof input.method === "string") return classifyEnvelope(input, url);
  if (input && typeof input.threadId === "string" && Array.isArray(input.messages) && isStreamResponse(entry)) {
    return { op: "run", transport: "agui", runtimeUrl: url, ...idsOf(input, true), body };
  }
  return null;
}

/** Single-route: one POST endpoint, `{method, params, body}` (docs/architecture.md, "Single-route"). */
function classifyEnvelope(envelope: Record<string, unknown>, url: string): Classified | null {
  const method = envelope.method as string;
  const params = isObject(envelope.params) ? envelope.params : {};
  const agentId = typeof params.agentId === "string" ? params.agentId : undefined;
  if (method === "info") return { op: "info", transport: "single", runtimeUrl: url, body: envelope };
  if (SINGLE_STREAM.has(method) && agentId) {
    const input = isObject(envelope.body) ? envelope.body : undefined;
    return { op: method === "agent/run" ? "run" : "connect", transport: "single", runtimeUrl: url, agentId, ...idsOf(input, method === "agent/run"), body: envelope };
  }
  if (method === "agent/stop" && agentId) {
    return { op: "stop", transport: "single", runtimeUrl: url, agentId, ...(typeof params.threadId === "string" ? { threadId: params.threadId } : {}), body: envelope };
  }
  return null;
}

export function isStreamResponse(entry: HarEntryLike): boolean {
  const type = (entry.response.content?.mimeType || headerValue(entry.response.headers, "content-type") || "").toLowerCase();
  return type.includes("text/event-stream") || type.includes("application/vnd.ag-ui.event+proto");
}

/** A connect names no run: a RUN_STARTED in its replay does. */
function idsOf(input: Record<string, unknown> | undefined, withRun: boolean): { threadId?: string; runId?: string } {
  const out: { threadId?: string; runId?: string } = {};
  if (typeof input?.threadId === "string") out.threadId = input.threadId;
  if (withRun && typeof input?.runId === "string") out.runId = input.runId;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
