import type { AguiEvent, RunAgentInput } from "../protocol/events";
import type { Recorder } from "../recorder/recorder";
import type { Transport } from "../session/record";
import { InspectorError } from "./errors";
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
  /** Ask a plain AG-UI endpoint for the binary protobuf encoding. */
  preferProto?: boolean;
  /** Page origin in a browser, to name CORS refusals. */
  origin?: string;
}

export interface Discovery {
  transport: Transport;
  /** null for a plain AG-UI endpoint, which has no /info. */
  info: RuntimeInfo | null;
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
    if (choice === "agui") return (discovered = { transport: "agui", info: null });
    if (choice === "rest" || choice === "single") {
      const result = await infoOver(choice);
      if (result.error) throw result.error;
      return acceptInfo(choice, result);
    }
    // auto, as CopilotKit's client does it: GET /info 2xx → REST; otherwise POST {method:"info"}.
    const rest = await infoOver("rest");
    if (!rest.error && rest.response && rest.response.status < 300) return acceptInfo("rest", rest);
    const single = await infoOver("single");
    if (!single.error) return acceptInfo("single", single);
    const restWhy = rest.error?.message ?? `HTTP ${rest.response?.status}`;
    const err = single.error!;
    throw new InspectorError(err.code, `No runtime found at ${options.url}. REST: ${restWhy} — single-route: ${err.message}`, { status: err.status, body: err.body });
  }

  async function ensureDiscovered(): Promise<Discovery> {
    return discovered ?? discover();
  }

  function streamRequest(d: Discovery, op: "run" | "connect", agentId: string, input: RunAgentInput, call: StreamCallOptions): ExchangeRequest {
    const accept = options.preferProto && d.transport === "agui" ? `${PROTO_MEDIA_TYPE}, text/event-stream` : "text/event-stream";
    const common = { op, transport: d.transport, method: "POST" as const, accept, agentId, threadId: input.threadId, runId: op === "run" ? input.runId : undefined, signal: call.signal, onEvent: call.onEvent };
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
    const terminal = lastTerminal(result.events);
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

function lastTerminal(events: AguiEvent[]): AguiEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const t = events[i].type;
    if (t === "RUN_FINISHED" || t === "RUN_ERROR") return events[i];
    if (t === "RUN_STARTED") return undefined;
  }
  return undefined;
}

function isAgentNotFound(body: unknown): boolean {
  return !!body && typeof body === "object" && /agent not found/i.test(String((body as { error?: unknown }).error ?? ""));
}
