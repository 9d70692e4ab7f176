import type { AguiEvent, RunAgentInput } from "../protocol/events";
import type { Recorder } from "../recorder/recorder";
import type { Transport } from "../session/record";
import { describeErrorBody, InspectorError } from "./errors";
import { describeTally, exchange, type ExchangeEnv, type ExchangeRequest, type ExchangeResult, type FetchLike } from "./exchange";
import { parseRuntimeInfo, versionAtLeast, type RuntimeInfo } from "./info";
import { PROTO_MEDIA_TYPE } from "./proto";
import type { FrameTally } from "./frames";

export type TransportChoice = "auto" | Transport;

export const TRANSPORTS: TransportChoice[] = ["auto", "rest", "single", "agui"];

export interface RuntimeClientOptions {
  url: string;
  transport?: TransportChoice;
  headers?: Record<string, string>;
  fetch?: FetchLike;
  recorder: Recorder;
  /**
   * Ask for the binary protobuf encoding (`Accept: application/vnd.ag-ui.event+proto` first):
   * a plain AG-UI endpoint may answer with it; a CopilotKit runtime always answers SSE.
   */
  preferProto?: boolean;
  /** Page origin in a browser, to name CORS refusals. */
  origin?: string;
  /** Read a stream in slices of this many ms, giving the thread back between (see ExchangeEnv.sliceMs). */
  sliceMs?: number;
}

export interface Discovery {
  transport: Transport;
  /** null for a plain AG-UI endpoint, which has no /info. */
  info: RuntimeInfo | null;
  /** What was checked to get here, for a person (e.g. how a plain endpoint answered, or "not checked"). */
  note?: string;
}

export type RunStatus = "finished" | "run-error" | "failed" | "aborted";

export interface RunOutcome {
  status: RunStatus;
  /** How the last run in the stream ended, if it did. */
  terminal?: AguiEvent;
  events: AguiEvent[];
  /** Frames that arrived (all recorded), bad ones among them, and whether the body ended inside one. */
  tally: FrameTally;
  error?: InspectorError;
  x: number;
}

export interface StreamCallOptions {
  signal?: AbortSignal;
  onEvent?: (event: AguiEvent) => void;
  /** false: the outcome's `events` stays empty; every event is still recorded (see ExchangeRequest). */
  keepEvents?: boolean;
}

export interface StopResult {
  stopped: boolean;
  body: unknown;
}

const STOP_RUN_ID_SINCE = "1.72";

export function createRuntimeClient(options: RuntimeClientOptions) {
  const base = options.url.replace(/\/+$/, "");
  const env: ExchangeEnv = {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    recorder: options.recorder,
    headers: { ...(options.headers ?? {}) },
    origin: options.origin,
    sliceMs: options.sliceMs,
  };
  const choice = options.transport ?? "auto";
  let discovered: Discovery | null = choice === "agui" ? { transport: "agui", info: null } : null;

  async function infoOver(transport: "rest" | "single"): Promise<ExchangeResult> {
    return transport === "rest"
      ? exchange(env, { op: "info", transport, method: "GET", url: `${base}/info` })
      : exchange(env, { op: "info", transport, method: "POST", url: options.url, body: { method: "info" } });
  }

  function acceptInfo(transport: Transport, result: ExchangeResult): Discovery {
    const info = parseRuntimeInfo(result.body);
    if (!info) {
      throw new InspectorError("bad-info", `${transport === "rest" ? `${base}/info` : options.url} answered, but not with a runtime /info object (no "agents" map). Is this a CopilotKit runtime URL?`, { body: result.body });
    }
    if (info.mode === "intelligence") {
      throw new InspectorError(
        "intelligence",
        `This runtime runs in "intelligence" mode: runs stream over a WebSocket (${String((info.intelligence as { wsUrl?: string } | undefined)?.wsUrl ?? "Phoenix channel")}), which the inspector does not support yet. Point it at an SSE runtime.`,
      );
    }
    discovered = { transport, info };
    return discovered;
  }

  async function discover(): Promise<Discovery> {
    if (choice === "agui") return (discovered = await checkPlainEndpoint());
    if (choice === "rest" || choice === "single") {
      const result = await infoOver(choice);
      if (result.error) throw result.error;
      return acceptInfo(choice, result);
    }
    // auto, as CopilotKit's client does it: GET /info with runtime info → REST; otherwise
    // POST {method:"info"}. Neither: say what each answered and whether a plain AG-UI endpoint is there.
    const rest = await infoOver("rest");
    if (!rest.error && rest.response && rest.response.status < 300 && parseRuntimeInfo(rest.body)) return acceptInfo("rest", rest);
    const single = await infoOver("single");
    if (!single.error && parseRuntimeInfo(single.body)) return acceptInfo("single", single);
    throw await notARuntime(rest, single);
  }

  function answered(result: ExchangeResult): string {
    if (result.error && !result.response) return result.error.message;
    const status = result.response?.status ?? 0;
    if (result.events.length || /event-stream|proto/.test(result.response?.contentType ?? "")) return `${status}, an event stream`;
    if (status < 300) return `${status}, but no runtime /info (no "agents" map)`;
    // The error keeps the body as text when it was no JSON: show that text, not "(empty body)".
    const body = result.error?.body;
    return `${status}${result.error ? ` (${describeErrorBody(body, typeof body === "string" ? body : undefined)})` : ""}`;
  }

  /** A GET that stops at the first event: an endpoint that streams on GET must not hold discovery open. */
  function peek(url: string): Promise<ExchangeResult> {
    const stop = new AbortController();
    return exchange(env, { op: "info", transport: "agui", method: "GET", url, signal: stop.signal, onEvent: () => stop.abort() });
  }

  /** Why auto found no runtime, and whether the URL looks like a plain AG-UI endpoint. */
  async function notARuntime(rest: ExchangeResult, single: ExchangeResult): Promise<InspectorError> {
    const tried = `Tried: REST GET ${base}/info → ${answered(rest)}; single-route POST ${options.url} {"method":"info"} → ${answered(single)}`;
    const status = single.response?.status ?? 0;
    let evidence: string | undefined;
    if (single.events.length || /event-stream|proto/.test(single.response?.contentType ?? "")) evidence = 'it answered {"method":"info"} with an event stream, as an AG-UI endpoint answers any POST';
    else if ((status === 400 || status === 422) && /threadId|runId|messages/.test(JSON.stringify(single.body ?? ""))) evidence = `it refused {"method":"info"} as a run request (its ${status} names RunAgentInput fields)`;
    else if (single.response) {
      // Without posting anything to an agent: does the URL take only POST, as an AG-UI endpoint does?
      const get = await peek(options.url);
      const allow = get.response?.headers.allow ?? get.response?.headers.Allow ?? "";
      if (get.response?.status === 405 && /POST/i.test(allow)) evidence = "GET on it answers 405 (POST only), as an AG-UI endpoint does";
    }
    if (evidence) {
      return new InspectorError("plain-agui", `${options.url} is no CopilotKit runtime but looks like a plain AG-UI endpoint: ${evidence}. Pick transport "agui" to run agents at this URL. ${tried}.`, { status, body: single.body });
    }
    const err = single.error ?? rest.error;
    return new InspectorError(err?.code ?? "bad-info", `No runtime found at ${options.url}, and nothing there looks like a plain AG-UI endpoint. ${tried}. Check the URL (a CopilotKit runtime URL ends at its base path, e.g. /api/copilotkit).`, { status, body: single.body });
  }

  /**
   * Transport "agui" runs POST the input to the URL itself. Before saying "connected", see that
   * the URL answers — with a GET, so no agent is sent a message — and that it is not a
   * CopilotKit runtime's base URL (where a run would get 404).
   */
  async function checkPlainEndpoint(): Promise<Discovery> {
    const get = await peek(options.url);
    if (!get.response) {
      if (get.error?.code === "cors") return { transport: "agui", info: null, note: "not checked: this page may not read the endpoint's answers (CORS), so whether it answers is unknown" };
      throw get.error ?? new InspectorError("unreachable", `Cannot reach ${options.url}.`);
    }
    const status = get.response.status;
    if (status === 404) {
      const info = await exchange(env, { op: "info", transport: "rest", method: "GET", url: `${base}/info` });
      const runtime = info.response && info.response.status < 300 ? parseRuntimeInfo(info.body) : null;
      if (runtime) {
        const agents = Object.keys(runtime.agents);
        throw new InspectorError("wrong-transport", `${options.url} is a CopilotKit runtime (its /info lists ${agents.length ? agents.join(", ") : "no agents"}), not a plain AG-UI endpoint: a run posted to the URL itself would get 404. Pick transport auto, rest or single.`, { status });
      }
      throw new InspectorError("http", `Nothing at ${options.url}: GET answers 404, so a run posted there would get 404 too. Check the URL of the AG-UI endpoint.`, { status, body: get.body });
    }
    const allow = get.response.headers.allow ?? get.response.headers.Allow ?? "";
    const how = status === 405 && /POST/i.test(allow) ? " (POST only, as an AG-UI endpoint)" : "";
    return { transport: "agui", info: null, note: `checked: GET ${options.url} answered ${status}${how}` };
  }

  async function ensureDiscovered(): Promise<Discovery> {
    return discovered ?? discover();
  }

  function streamRequest(d: Discovery, op: "run" | "connect", agentId: string, input: RunAgentInput, call: StreamCallOptions): ExchangeRequest {
    const accept = options.preferProto ? `${PROTO_MEDIA_TYPE}, text/event-stream` : "text/event-stream";
    const common = { op, transport: d.transport, method: "POST" as const, accept, agentId, threadId: input.threadId, runId: op === "run" ? input.runId : undefined, signal: call.signal, onEvent: call.onEvent, keepEvents: call.keepEvents };
    switch (d.transport) {
      case "rest":
        return { ...common, url: `${base}/agent/${encodeURIComponent(agentId)}/${op}`, body: input };
      case "single":
        return { ...common, url: options.url, body: { method: `agent/${op}`, params: { agentId }, body: input } };
      case "agui":
        return { ...common, url: options.url, body: input };
    }
  }

  async function stream(op: "run" | "connect", agentId: string, input: RunAgentInput, call: StreamCallOptions = {}): Promise<RunOutcome> {
    const d = await ensureDiscovered();
    if (op === "connect" && d.transport === "agui") {
      throw new InspectorError("unsupported", "A plain AG-UI endpoint has no connect route; connect needs a CopilotKit runtime (rest or single transport).");
    }
    const result = await exchange(env, streamRequest(d, op, agentId, input, call));
    return toOutcome(d, op, agentId, result);
  }

  function toOutcome(d: Discovery, op: "run" | "connect", agentId: string, result: ExchangeResult): RunOutcome {
    const terminal = result.terminal;
    const outcome: RunOutcome = { status: "finished", terminal, events: result.events, tally: result.tally, x: result.x };
    if (result.outcome === "aborted") return { ...outcome, status: "aborted", error: result.error };
    if (result.error) {
      let error = result.error;
      if (error.code === "http" && error.status === 404 && isAgentNotFound(error.body)) {
        const known = d.info ? Object.keys(d.info.agents) : [];
        error = new InspectorError("unknown-agent", `The runtime has no agent "${agentId}".${known.length ? ` Agents: ${known.join(", ")}.` : ""}`, { status: 404, body: error.body });
      }
      return { ...outcome, status: terminal?.type === "RUN_ERROR" ? "run-error" : "failed", error };
    }
    if (op === "run" && result.frames === 0) {
      return {
        ...outcome,
        status: "failed",
        error: new InspectorError(
          "empty-run",
          "The runtime answered 200 with an empty stream. CopilotKit does this when the thread already has a run in progress (\"Thread already running\"): stop that run, wait for it, or use a new thread.",
        ),
      };
    }
    if (op === "run" && !terminal) {
      return { ...outcome, status: "failed", error: new InspectorError("incomplete-stream", `The stream ended without RUN_FINISHED or RUN_ERROR. ${describeTally(result.tally)}`) };
    }
    if (terminal?.type === "RUN_ERROR") return { ...outcome, status: "run-error" };
    return outcome;
  }

  async function stop(agentId: string, threadId: string, runId?: string): Promise<StopResult> {
    const d = await ensureDiscovered();
    if (d.transport === "agui") {
      throw new InspectorError("unsupported", "A plain AG-UI endpoint has no stop route: cancel the run's request instead.");
    }
    const scoped = runId && versionAtLeast(d.info?.version, STOP_RUN_ID_SINCE) ? { runId } : undefined;
    const req: ExchangeRequest =
      d.transport === "rest"
        ? { op: "stop", transport: "rest", method: "POST", url: `${base}/agent/${encodeURIComponent(agentId)}/stop/${encodeURIComponent(threadId)}`, body: scoped, agentId, threadId, runId }
        : { op: "stop", transport: "single", method: "POST", url: options.url, body: { method: "agent/stop", params: { agentId, threadId }, ...(scoped ? { body: scoped } : {}) }, agentId, threadId, runId };
    const result = await exchange(env, req);
    if (result.error) throw result.error;
    const body = result.body as { stopped?: unknown } | undefined;
    return { stopped: body?.stopped === true, body: result.body };
  }

  return {
    discover,
    run: (agentId: string, input: RunAgentInput, call?: StreamCallOptions) => stream("run", agentId, input, call),
    connect: (agentId: string, input: RunAgentInput, call?: StreamCallOptions) => stream("connect", agentId, input, call),
    stop,
    get discovery(): Discovery | null {
      return discovered;
    },
    url: options.url,
  };
}

export type RuntimeClient = ReturnType<typeof createRuntimeClient>;

function isAgentNotFound(body: unknown): boolean {
  return !!body && typeof body === "object" && /agent not found/i.test(String((body as { error?: unknown }).error ?? ""));
}
