// What the in-page hook tells the extension about one request, in order: start, response,
// chunk…, end. It crosses from the page's MAIN world to the isolated content script as a JSON
// string (the only thing a DOM event carries between worlds), then to the service worker over a
// port. The page can forge any of it, so the service worker checks every message (parseWire).

/** The DOM event the hook dispatches on window; the isolated relay listens for it. */
export const WIRE_EVENT = "agui-inspector:capture";
/** The port name the relay opens to the service worker. */
export const CAPTURE_PORT = "agui-inspector-capture";

export type WireApi = "fetch" | "xhr" | "eventsource";

export type WireMessage =
  | { kind: "start"; id: string; api: WireApi; t: number; method: string; url: string; headers: [string, string][]; body?: string }
  | { kind: "response"; id: string; t: number; status: number; headers: [string, string][] }
  /** Body bytes as they reached the page, base64 (text and protobuf alike). */
  | { kind: "chunk"; id: string; t: number; data: string }
  /** `gone`: the stream broke because the page was going away (reload, navigation, closing). */
  | { kind: "end"; id: string; t: number; outcome: "complete" | "aborted" | "error"; error?: string; gone?: true };

/** Limits on what one message may carry, so a page cannot make the worker hold unbounded data. */
export const WIRE_LIMITS = { id: 64, url: 8192, method: 16, headers: 200, header: 8192, body: 8 * 1024 * 1024, chunk: 16 * 1024 * 1024, error: 2000 };

const isStr = (v: unknown, max: number): v is string => typeof v === "string" && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v > 0;

function headersOk(v: unknown): v is [string, string][] {
  return Array.isArray(v) && v.length <= WIRE_LIMITS.headers && v.every((h) => Array.isArray(h) && h.length === 2 && isStr(h[0], 256) && isStr(h[1], WIRE_LIMITS.header));
}

/** A wire message, or null when the data is not one (wrong shape, too large). */
export function parseWire(raw: unknown): WireMessage | null {
  if (!raw || typeof raw !== "object") return null;
  const m = raw as Record<string, unknown>;
  if (!isStr(m.id, WIRE_LIMITS.id) || !m.id || !isTime(m.t)) return null;
  switch (m.kind) {
    case "start":
      if ((m.api !== "fetch" && m.api !== "xhr" && m.api !== "eventsource") || !isStr(m.method, WIRE_LIMITS.method) || !isStr(m.url, WIRE_LIMITS.url) || !headersOk(m.headers)) return null;
      if (m.body !== undefined && !isStr(m.body, WIRE_LIMITS.body)) return null;
      return { kind: "start", id: m.id, api: m.api, t: m.t, method: m.method, url: m.url, headers: m.headers, ...(m.body !== undefined ? { body: m.body } : {}) };
    case "response":
      if (typeof m.status !== "number" || !Number.isInteger(m.status) || m.status < 0 || m.status > 999 || !headersOk(m.headers)) return null;
      return { kind: "response", id: m.id, t: m.t, status: m.status, headers: m.headers };
    case "chunk":
      if (!isStr(m.data, WIRE_LIMITS.chunk)) return null;
      return { kind: "chunk", id: m.id, t: m.t, data: m.data };
    case "end":
      if (m.outcome !== "complete" && m.outcome !== "aborted" && m.outcome !== "error") return null;
      if (m.error !== undefined && !isStr(m.error, WIRE_LIMITS.error)) return null;
      return { kind: "end", id: m.id, t: m.t, outcome: m.outcome, ...(m.error !== undefined ? { error: m.error } : {}), ...(m.gone === true ? { gone: true as const } : {}) };
    default:
      return null;
  }
}
