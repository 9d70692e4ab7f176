import { classifyEntry } from "../observe/classify";
import type { HarEntryLike } from "../observe/har";
import { isKnownEventType } from "../../src/core/protocol/events";
import type { WireApi, WireMessage } from "./wire";

// The in-page half of live capture, run in the page's MAIN world before the page's own scripts.
// fetch, XMLHttpRequest and EventSource are wrapped (as Proxies, so they still look native);
// a request that is AG-UI traffic gets its body teed and every chunk reported with its arrival
// time. What the page sees does not change: the same Response object, the same bytes, the same
// error object, no waiting on the capture. Anything that goes wrong here is swallowed: the
// page must never fail because it is being watched.

export type Post = (message: WireMessage) => void;

const MARK = Symbol.for("agui-inspector.capture");

/** Epoch ms with the sub-millisecond part the browser gives, so chunks in one ms stay apart. */
const now = () => Math.round((performance.timeOrigin + performance.now()) * 1000) / 1000;

/** Set once the page starts to unload: streams breaking after that were cut by the page going away. */
let leaving = false;

let counter = 0;
const newId = () => `${now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const STREAM_TYPES = /text\/event-stream|application\/vnd\.ag-ui\.event\+proto/i;
/** Bodies read besides streams: /info answers, stop answers and error bodies (all small JSON). */
const SMALL_TYPES = /application\/json|text\/plain/i;

interface RequestInfo {
  api: WireApi;
  t: number;
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
}

/** Worth looking at once the answer comes: a POST (its body decides) or a GET of …/info. */
function interesting(method: string, url: string): boolean {
  const m = method.toUpperCase();
  if (m === "POST") return true;
  if (m !== "GET") return false;
  try {
    return new URL(url).pathname.replace(/\/+$/, "").endsWith("/info");
  } catch {
    return false;
  }
}

function harOf(req: RequestInfo, status: number, headers: [string, string][]): HarEntryLike {
  return {
    startedDateTime: new Date(req.t).toISOString(),
    request: { method: req.method, url: req.url, headers: req.headers.map(([name, value]) => ({ name, value })), ...(req.body !== undefined ? { postData: { text: req.body } } : {}) },
    response: { status, headers: headers.map(([name, value]) => ({ name, value })) },
  };
}

function bodyText(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  if (ArrayBuffer.isView(body)) return new TextDecoder().decode(body);
  if (body instanceof URLSearchParams) return body.toString();
  return undefined;
}

/** One captured exchange: says nothing until the answer shows it is AG-UI traffic. */
function exchange(post: Post, req: RequestInfo, known = false) {
  const id = newId();
  let open = false;
  const send = (m: WireMessage) => {
    try {
      post(m);
    } catch {
      // the relay is gone (page unloading): nothing more to say
    }
  };
  return {
    /** The response headers arrived; true when this is AG-UI traffic and its body should be read. */
    answered(status: number, headers: [string, string][], t = now()): boolean {
      if (!known && !classifyEntry(harOf(req, status, headers))) return false;
      open = true;
      send({ kind: "start", id, api: req.api, t: req.t, method: req.method, url: req.url, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) });
      send({ kind: "response", id, t, status, headers });
      return true;
    },
    chunk(bytes: Uint8Array) {
      if (open && bytes.length) send({ kind: "chunk", id, t: now(), data: toBase64(bytes) });
    },
    end(outcome: "complete" | "aborted" | "error", error?: string) {
      if (!open) return;
      open = false;
      if (leaving && outcome !== "complete") send({ kind: "end", id, t: now(), outcome: "aborted", error: `interrupted: the page reloaded or navigated away before the response ended (${error ?? "no error"})`, gone: true });
      else send({ kind: "end", id, t: now(), outcome, ...(error !== undefined ? { error } : {}) });
    },
    /** No response at all (refused, blocked, aborted before headers): recorded if the request alone is AG-UI. */
    failed(outcome: "aborted" | "error", error: string) {
      if (open || !classifyEntry(harOf(req, 0, []))) return;
      send({ kind: "start", id, api: req.api, t: req.t, method: req.method, url: req.url, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) });
      open = true;
      this.end(outcome, error);
    },
  };
}

const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
const isAbort = (err: unknown, signal?: AbortSignal | null) => !!signal?.aborted || (err instanceof DOMException && err.name === "AbortError");

function wrapFetch(win: Window & typeof globalThis, post: Post) {
  const original = win.fetch;
  win.fetch = new Proxy(original, {
    apply(target, thisArg, args: [RequestInfo | URL | Request, RequestInit?]) {
      let req: RequestInfo | null = null;
      let bodyLater: Promise<string | undefined> | null = null;
      let signal: AbortSignal | null = null;
      try {
        const [input, init] = args;
        const isRequest = typeof Request !== "undefined" && input instanceof Request;
        const method = (init?.method ?? (isRequest ? (input as Request).method : "GET")).toUpperCase();
        const url = new URL(isRequest ? (input as Request).url : String(input), win.location.href).href;
        if (interesting(method, url)) {
          const headers = [...new Headers(init?.headers ?? (isRequest ? (input as Request).headers : undefined)).entries()];
          signal = init?.signal ?? (isRequest ? (input as Request).signal : null);
          req = { api: "fetch", t: now(), method, url, headers };
          if (init?.body !== undefined && init.body !== null) req.body = bodyText(init.body);
          // A Request's body is read from a copy made before fetch takes the original.
          else if (isRequest && (input as Request).body) bodyLater = (input as Request).clone().text().catch(() => undefined);
        }
      } catch {
        req = null;
      }
      const pending: Promise<Response> = Reflect.apply(target, thisArg, args);
      if (!req) return pending;
      const info = req;
      return pending.then(
        (response) => {
          try {
            observeResponse(post, info, bodyLater, response, signal);
          } catch {
            // never the page's problem
          }
          return response;
        },
        (error: unknown) => {
          void (bodyLater ?? Promise.resolve(info.body)).then((body) => {
            if (body !== undefined) info.body = body;
            exchange(post, info).failed(isAbort(error, signal) ? "aborted" : "error", errorText(error));
          });
          throw error;
        },
      );
    },
  });
}

function observeResponse(post: Post, req: RequestInfo, bodyLater: Promise<string | undefined> | null, response: Response, signal: AbortSignal | null) {
  const type = response.headers.get("content-type") ?? "";
  const readable = !!response.body && (STREAM_TYPES.test(type) || SMALL_TYPES.test(type));
  // Clone now, before the page can read its body; the copy is dropped if this is not AG-UI traffic.
  const copy = readable ? response.clone() : null;
  const headers = [...response.headers.entries()];
  const t = now();
  void (bodyLater ?? Promise.resolve(req.body)).then((body) => {
    if (body !== undefined) req.body = body;
    const ex = exchange(post, req);
    if (!ex.answered(response.status, headers, t)) {
      void copy?.body?.cancel().catch(() => {});
      return;
    }
    if (!copy?.body) return ex.end("complete");
    const reader = copy.body.getReader();
    const pump = (): Promise<void> =>
      reader.read().then(({ done, value }) => {
        if (done) return ex.end("complete");
        ex.chunk(value);
        return pump();
      });
    pump().catch((error: unknown) => ex.end(isAbort(error, signal) ? "aborted" : "error", errorText(error)));
  });
}

function wrapXhr(win: Window & typeof globalThis, post: Post) {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const state = new WeakMap<XMLHttpRequest, RequestInfo>();
  proto.open = new Proxy(proto.open, {
    apply(target, xhr: XMLHttpRequest, args: [string, string | URL, ...unknown[]]) {
      try {
        state.set(xhr, { api: "xhr", t: 0, method: String(args[0]).toUpperCase(), url: new URL(String(args[1]), win.location.href).href, headers: [] });
      } catch {
        state.delete(xhr);
      }
      return Reflect.apply(target, xhr, args);
    },
  });
  proto.setRequestHeader = new Proxy(proto.setRequestHeader, {
    apply(target, xhr: XMLHttpRequest, args: [string, string]) {
      const result = Reflect.apply(target, xhr, args);
      state.get(xhr)?.headers.push([String(args[0]).toLowerCase(), String(args[1])]);
      return result;
    },
  });
  proto.send = new Proxy(proto.send, {
    apply(target, xhr: XMLHttpRequest, args: [unknown?]) {
      const req = state.get(xhr);
      if (req && interesting(req.method, req.url)) {
        try {
          req.t = now();
          const body = bodyText(args[0]);
          if (body !== undefined) req.body = body;
          watchXhr(xhr, exchange(post, req));
        } catch {
          // not watched
        }
      }
      return Reflect.apply(target, xhr, args);
    },
  });
}

function watchXhr(xhr: XMLHttpRequest, ex: ReturnType<typeof exchange>) {
  const encoder = new TextEncoder();
  let answered = false;
  let sent = 0;
  let how: "aborted" | "error" | null = null;
  let why = "";
  const textual = () => xhr.responseType === "" || xhr.responseType === "text";
  const flush = () => {
    if (!answered || !textual()) return;
    const text = xhr.responseText;
    if (text.length > sent) {
      ex.chunk(encoder.encode(text.slice(sent)));
      sent = text.length;
    }
  };
  xhr.addEventListener("readystatechange", () => {
    if (xhr.readyState !== XMLHttpRequest.HEADERS_RECEIVED || answered) return;
    const headers = xhr
      .getAllResponseHeaders()
      .trim()
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line): [string, string] => {
        const at = line.indexOf(":");
        return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
      });
    answered = ex.answered(xhr.status, headers);
  });
  xhr.addEventListener("progress", flush);
  xhr.addEventListener("abort", () => ((how = "aborted"), (why = "AbortError: the page aborted the XMLHttpRequest")));
  xhr.addEventListener("error", () => ((how = "error"), (why = "NetworkError: the XMLHttpRequest failed")));
  xhr.addEventListener("timeout", () => ((how = "error"), (why = "TimeoutError: the XMLHttpRequest timed out")));
  xhr.addEventListener("loadend", () => {
    flush();
    if (!answered) ex.failed(how ?? "error", why || "no response");
    else if (how) ex.end(how, why);
    else {
      // A binary or JSON responseType is read whole at the end.
      if (!textual() && xhr.response instanceof ArrayBuffer) ex.chunk(new Uint8Array(xhr.response));
      ex.end("complete");
    }
  });
}

function wrapEventSource(win: Window & typeof globalThis, post: Post) {
  const Original = win.EventSource;
  if (!Original) return;
  const onClose = new WeakMap<EventSource, () => void>();
  Original.prototype.close = new Proxy(Original.prototype.close, {
    apply(target, es: EventSource, args: []) {
      const result = Reflect.apply(target, es, args);
      onClose.get(es)?.();
      return result;
    },
  });
  win.EventSource = new Proxy(Original, {
    construct(target, args: [string | URL, EventSourceInit?], newTarget) {
      const es = Reflect.construct(target, args, newTarget) as EventSource;
      try {
        watchEventSource(es, post, { api: "eventsource", t: now(), method: "GET", url: es.url, headers: [["accept", "text/event-stream"]] }, onClose);
      } catch {
        // not watched
      }
      return es;
    },
  });
}

/**
 * EventSource hides the bytes; its messages are re-framed as SSE. It is AG-UI traffic when its
 * first message is an AG-UI event; only unnamed ("message") events are seen.
 */
function watchEventSource(es: EventSource, post: Post, req: RequestInfo, onClose: WeakMap<EventSource, () => void>) {
  const encoder = new TextEncoder();
  let state: "unknown" | "yes" | "no" = "unknown";
  let ex: ReturnType<typeof exchange> | null = null;
  es.addEventListener("message", (e: MessageEvent) => {
    if (state === "no") return;
    const data = typeof e.data === "string" ? e.data : "";
    if (state === "unknown") {
      let type: unknown;
      try {
        type = (JSON.parse(data) as { type?: unknown })?.type;
      } catch {
        type = undefined;
      }
      if (typeof type !== "string" || !isKnownEventType(type)) {
        state = "no";
        return;
      }
      state = "yes";
      ex = exchange(post, req, true);
      ex.answered(200, [["content-type", "text/event-stream"]]);
    }
    const id = e.lastEventId ? `id: ${e.lastEventId}\n` : "";
    ex!.chunk(encoder.encode(`${id}${data.split("\n").map((line) => `data: ${line}`).join("\n")}\n\n`));
  });
  es.addEventListener("error", () => {
    if (!ex || es.readyState !== EventSource.CLOSED) return;
    ex.end("error", "the EventSource connection failed");
  });
  onClose.set(es, () => ex?.end("aborted", "AbortError: the page closed the EventSource"));
}

/** Install the wrappers once per page. */
export function installCapture(win: Window & typeof globalThis, post: Post): boolean {
  const marked = win as unknown as Record<symbol, boolean>;
  if (marked[MARK]) return false;
  marked[MARK] = true;
  win.addEventListener("pagehide", () => (leaving = true), { capture: true });
  win.addEventListener("pageshow", () => (leaving = false), { capture: true });
  wrapFetch(win, post);
  wrapXhr(win, post);
  wrapEventSource(win, post);
  return true;
}
