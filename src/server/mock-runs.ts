import type { AguiEvent } from "../core/protocol/events";
import type { RequestRecord, SessionHeader, SessionRecord } from "../core/session/record";

// What a mock runtime replays: the recorded run streams, per agent in recording order, each as
// the exact SSE text the wire carried (raw data text where it was kept, bad frames and comments
// included), with the recorded times for real-time pacing.

export interface RecordedFrame {
  /** One complete SSE frame, ready to write. */
  text: string;
  /** When it arrived (epoch ms, as recorded). */
  t: number;
  event?: AguiEvent;
  /** The frame's SSE fields, kept when an event is rewritten. */
  sse?: { event?: string; id?: string };
}

export interface RecordedRun {
  agentId: string;
  runId?: string;
  threadId?: string;
  /** When the request went out, if the file has it: the first frame's delay is measured from here. */
  requestT?: number;
  frames: RecordedFrame[];
}

export interface RecordedSession {
  /** Runs per agent, in the order they were recorded. */
  agents: Map<string, RecordedRun[]>;
  /** The last /info the recording saw, if any. */
  info?: { version?: unknown; agents?: Record<string, unknown> };
}

interface Exchange {
  request?: RequestRecord;
  agentId?: string;
  frames: SessionRecord[];
}

const NOT_RUNS = new Set(["info", "stop", "connect", "observe", "other"]);

export function recordedSession(records: readonly SessionRecord[], header?: SessionHeader, defaultAgent = "default"): RecordedSession {
  const exchanges = new Map<number, Exchange>();
  let info: RecordedSession["info"];
  for (const r of records) {
    let ex = exchanges.get(r.x);
    if (!ex) exchanges.set(r.x, (ex = { frames: [] }));
    if (r.kind === "request") ex.request = r;
    else if (r.kind === "event" || r.kind === "bad-frame" || r.kind === "comment") ex.frames.push(r);
    else if (r.kind === "response" && r.op === "info" && r.body && typeof r.body === "object" && "agents" in r.body) info = r.body as RecordedSession["info"];
    ex.agentId ??= r.agentId;
  }
  const agents = new Map<string, RecordedRun[]>();
  for (const ex of exchanges.values()) {
    if (ex.request && NOT_RUNS.has(ex.request.op)) continue;
    const agentId = ex.agentId ?? header?.agentId ?? defaultAgent;
    let list = agents.get(agentId);
    for (const run of splitRuns(ex, agentId)) {
      if (!list) agents.set(agentId, (list = []));
      list.push(run);
    }
  }
  return { agents, ...(info ? { info } : {}) };
}

/** A stream may hold several runs back to back: each RUN_STARTED after the first opens the next. */
function splitRuns(ex: Exchange, agentId: string): RecordedRun[] {
  const runs: RecordedRun[] = [];
  let current: RecordedRun | undefined;
  let started = false;
  for (const r of ex.frames) {
    const frame = sseFrame(r);
    if (!frame) continue;
    const isStart = frame.event?.type === "RUN_STARTED";
    if (!current || (isStart && started)) {
      current = { agentId, frames: [] };
      if (!runs.length && ex.request) current.requestT = ex.request.t;
      runs.push(current);
      started = false;
    }
    if (isStart) {
      started = true;
      if (typeof frame.event!.runId === "string") current.runId = frame.event!.runId;
      if (typeof frame.event!.threadId === "string") current.threadId = frame.event!.threadId;
    }
    current.frames.push(frame);
  }
  return runs;
}

/** The SSE text of one recorded frame; null for what SSE cannot carry (a protobuf frame). */
export function sseFrame(r: SessionRecord): RecordedFrame | null {
  switch (r.kind) {
    case "event": {
      const data = r.raw !== undefined && r.rawEncoding !== "base64" ? r.raw : JSON.stringify(r.event);
      return { text: `${fields(r.sse)}${dataLines(data)}\n`, t: r.t, event: r.event, ...(r.sse ? { sse: r.sse } : {}) };
    }
    case "bad-frame":
      if (r.rawEncoding === "base64") return null;
      return { text: `${fields(r.sse)}${dataLines(r.raw)}\n`, t: r.t };
    case "comment":
      return { text: `${r.text.split("\n").map((line) => `: ${line}\n`).join("")}\n`, t: r.t };
    default:
      return null;
  }
}

/** An SSE frame for an event rewritten from the recorded one: same `event:`/`id:` fields, new data. */
export function eventFrameText(event: AguiEvent, sse?: { event?: string; id?: string }): string {
  return `${fields(sse)}${dataLines(JSON.stringify(event))}\n`;
}

function fields(sse?: { event?: string; id?: string }): string {
  return `${sse?.event !== undefined ? `event: ${sse.event}\n` : ""}${sse?.id !== undefined ? `id: ${sse.id}\n` : ""}`;
}

function dataLines(data: string): string {
  return data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join("");
}

/**
 * The /info a CopilotKit client expects: the recorded answer as the runtime gave it (every field
 * kept, so clients see the same capabilities), listing the file's agents; built when none was recorded.
 */
export function runtimeInfo(session: RecordedSession, source: string): Record<string, unknown> {
  const agents: Record<string, unknown> = {};
  for (const [id, runs] of session.agents) {
    const recorded = session.info?.agents?.[id];
    agents[id] =
      recorded && typeof recorded === "object"
        ? recorded
        : { name: id, className: "RecordedAgent", description: `${runs.length} recorded run${runs.length === 1 ? "" : "s"} from ${source}` };
  }
  // The single-route block describes the recorded transport, not the one the client uses now;
  // thread endpoints are not served, so a client must not be told to call them.
  const { singleRoute: _singleRoute, ...recorded } = (session.info ?? {}) as Record<string, unknown>;
  return {
    audioFileTranscriptionEnabled: false,
    mode: "sse",
    ...recorded,
    threadEndpoints: { list: false, inspect: false, mutations: false, realtimeMetadata: false },
    version: typeof session.info?.version === "string" ? session.info.version : "1.75.0",
    agents,
  };
}
