import type { FetchLike } from "../transport/exchange";
import { describeErrorBody, InspectorError, networkErrorMessage } from "../transport/errors";
import { tryParseJson } from "../json";

/** A thread as the runtime lists it (in-memory runner or Intelligence). */
export interface RuntimeThread {
  id: string;
  agentId?: string;
  name?: string | null;
  createdAt?: string;
  updatedAt?: string;
  [key: string]: unknown;
}

export interface ThreadsClientOptions {
  url: string;
  /** "rest" calls GET <url>/threads…; "single" wraps the same path in a `resource/request` envelope. */
  transport: "rest" | "single";
  fetch: FetchLike;
  headers?: Record<string, string>;
}

export interface ResourceAnswer {
  url: string;
  method: "GET" | "POST";
  requestBody?: unknown;
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: unknown;
  text: string;
  ms: number;
}

/**
 * The runtime's thread routes: list, and a thread's stored events, messages and state. Each
 * call answers with what was sent and what came back, so callers can record it.
 */
export function createThreadsClient(options: ThreadsClientOptions) {
  const base = options.url.replace(/\/+$/, "");

  async function get(path: string): Promise<ResourceAnswer> {
    const rest = options.transport === "rest";
    const url = rest ? base + path : options.url;
    const requestBody = rest ? undefined : { method: "resource/request", params: { path, httpMethod: "GET" } };
    const headers: Record<string, string> = { Accept: "application/json", ...(options.headers ?? {}) };
    if (requestBody) headers["Content-Type"] = "application/json";
    const started = Date.now();
    let res: Response;
    try {
      res = await options.fetch(url, { method: rest ? "GET" : "POST", headers, ...(requestBody ? { body: JSON.stringify(requestBody) } : {}) });
    } catch (err) {
      throw new InspectorError("unreachable", networkErrorMessage(url, err), { cause: err });
    }
    const text = await res.text();
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((v, k) => (responseHeaders[k] = v));
    const answer: ResourceAnswer = { url, method: rest ? "GET" : "POST", requestBody, status: res.status, contentType: res.headers.get("content-type") ?? "", headers: responseHeaders, body: tryParseJson(text), text, ms: Date.now() - started };
    if (!res.ok) {
      const why = res.status === 422
        ? "this runtime keeps no threads it can list (it needs the in-memory runner or CopilotKit Intelligence)"
        : describeErrorBody(answer.body, text);
      throw new InspectorError("http", `HTTP ${res.status} from ${path}: ${why}`, { status: res.status, body: answer.body ?? text });
    }
    return answer;
  }

  const thread = (id: string, what: "events" | "messages" | "state") => get(`/threads/${encodeURIComponent(id)}/${what}`);

  return {
    async list(agentId?: string): Promise<{ threads: RuntimeThread[]; answer: ResourceAnswer }> {
      const answer = await get(`/threads${agentId ? `?agentId=${encodeURIComponent(agentId)}` : ""}`);
      const threads = (answer.body as { threads?: unknown })?.threads;
      if (!Array.isArray(threads)) throw new InspectorError("http", `/threads answered without a "threads" list`, { body: answer.body });
      return { threads: threads as RuntimeThread[], answer };
    },
    events: (id: string) => thread(id, "events"),
    messages: (id: string) => thread(id, "messages"),
    state: (id: string) => thread(id, "state"),
  };
}

export type ThreadsClient = ReturnType<typeof createThreadsClient>;
