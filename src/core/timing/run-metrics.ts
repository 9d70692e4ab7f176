import type { SessionRecord } from "../session/record";
import { gapStats, type GapStats } from "./stats";

// Per-run timing from arrival times (`t` on each record), so live, imported and observed sessions
// all get figures wherever their source had times. A run opens at its request (when the session
// has one) or at RUN_STARTED, and a /connect replay holding several runs is split at each
// RUN_STARTED, as the replay fold does.

export const DEFAULT_STALL_MS = 2000;

export interface ToolCallTiming {
  toolCallId: string;
  name: string;
  startT: number;
  /** TOOL_CALL_END arrival; absent while the arguments are still streaming. */
  endT?: number;
  /** TOOL_CALL_RESULT arrival, when the result came back in the stream. */
  resultT?: number;
  /** From start to end (args streamed), or to the result when there is one. */
  latencyMs?: number;
  startSeq: number;
}

export interface Stall {
  afterSeq: number;
  ms: number;
}

export interface RunMetrics {
  /** A stable key: the run id when known, else exchange and position. */
  key: string;
  runId?: string;
  threadId?: string;
  x: number;
  startSeq: number;
  endSeq: number;
  startT: number;
  endT: number;
  /** Whether the run has ended (terminal event or end of stream). */
  done: boolean;
  outcome?: "success" | "error" | "interrupt" | "cancelled" | "stopped" | "incomplete";
  /** Request → first record that came back (status line or first frame); absent without a request. */
  ttfbMs?: number;
  firstTokenMs?: number;
  firstReasoningMs?: number;
  durationMs: number;
  gaps: GapStats;
  stalls: Stall[];
  toolCalls: ToolCallTiming[];
  patchCount: number;
  patchBytes: number;
  eventsByType: Record<string, number>;
  events: number;
  badFrames: number;
}

const TOKEN_TYPES = new Set(["TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CHUNK"]);
const REASONING_TYPES = new Set(["REASONING_MESSAGE_CONTENT", "REASONING_MESSAGE_CHUNK", "THINKING_TEXT_MESSAGE_CONTENT"]);

interface Open {
  m: RunMetrics;
  requestT?: number;
  lastInT?: number;
  lastInSeq?: number;
  gaps: number[];
  sawStart: boolean;
  calls: Map<string, ToolCallTiming>;
  /** What the last read handed out; never mutated after. */
  snap?: RunMetrics;
}

/** Every run of `records`, timed. */
export function runMetrics(records: Iterable<SessionRecord>, opts: { stallMs?: number } = {}): RunMetrics[] {
  const timer = createRunTimer(opts);
  for (const r of records) timer.add(r);
  return timer.metrics();
}

/**
 * Incremental form for a live session: add records as they arrive, read metrics when drawing.
 * Adding is O(1); reading re-derives only the runs that changed since the last read.
 */
export function createRunTimer(opts: { stallMs?: number } = {}) {
  const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  const all: Open[] = [];
  const open = new Map<number, Open>();
  const runsInX = new Map<number, number>();
  const dirty = new Set<Open>();

  const begin = (r: SessionRecord, requestT?: number): Open => {
    const n = (runsInX.get(r.x) ?? 0) + 1;
    runsInX.set(r.x, n);
    const m: RunMetrics = {
      key: `x${r.x}.${n}`,
      runId: r.runId,
      threadId: r.threadId,
      x: r.x,
      startSeq: r.seq,
      endSeq: r.seq,
      startT: r.t,
      endT: r.t,
      done: false,
      durationMs: 0,
      gaps: gapStats([]),
      stalls: [],
      toolCalls: [],
      patchCount: 0,
      patchBytes: 0,
      eventsByType: {},
      events: 0,
      badFrames: 0,
    };
    const o: Open = { m, requestT, gaps: [], sawStart: false, calls: new Map() };
    all.push(o);
    open.set(r.x, o);
    return o;
  };
  const close = (o: Open, outcome?: RunMetrics["outcome"]) => {
    o.m.done = true;
    if (outcome && !o.m.outcome) o.m.outcome = outcome;
    open.delete(o.m.x);
  };
  const finish = (o: Open) => {
    o.m.durationMs = o.m.endT - o.m.startT;
    o.m.gaps = gapStats(o.gaps);
    o.m.toolCalls = [...o.calls.values()].map((c) => ({ ...c }));
    if (o.m.runId) o.m.key = o.m.runId;
  };

  function add(r: SessionRecord) {
    let o = open.get(r.x);
    if (r.kind === "request") {
      if (o) {
        close(o, "incomplete");
        dirty.add(o);
      }
      if (r.op === "run" || r.op === "connect") dirty.add(begin(r, r.t));
      return;
    }
    if (r.kind === "event" && r.event.type === "RUN_STARTED") {
      if (o && o.sawStart) {
        close(o, "incomplete");
        dirty.add(o);
        o = undefined;
      }
      o ??= begin(r);
      o.sawStart = true;
      if (typeof r.event.runId === "string") o.m.runId = r.event.runId;
      if (typeof r.event.threadId === "string") o.m.threadId = r.event.threadId;
    }
    if (!o) {
      // Records outside any run (an info answer, a CUSTOM event before any RUN_STARTED) have no
      // run to time: a pseudo-run of them would read "running" forever. An event the recorder
      // placed in a run (a stream observed after its RUN_STARTED) opens that run.
      if ((r.kind !== "event" && r.kind !== "bad-frame") || r.runId === undefined) return;
      o = begin(r);
    }
    dirty.add(o);
    const m = o.m;
    m.endSeq = r.seq;
    m.endT = r.t;
    if (o.requestT !== undefined && m.ttfbMs === undefined && r.dir === "in") m.ttfbMs = r.t - o.requestT;
    if (r.kind === "event" || r.kind === "bad-frame" || r.kind === "comment") {
      if (o.lastInT !== undefined) {
        const gap = r.t - o.lastInT;
        o.gaps.push(gap);
        if (gap > stallMs) m.stalls.push({ afterSeq: o.lastInSeq!, ms: gap });
      }
      o.lastInT = r.t;
      o.lastInSeq = r.seq;
    }
    if (r.kind === "bad-frame") m.badFrames++;
    if (r.kind === "end") {
      close(o, r.outcome === "error" ? "error" : r.outcome === "aborted" ? "stopped" : "incomplete");
      return;
    }
    if (r.kind !== "event") return;
    const e = r.event;
    m.events++;
    m.eventsByType[e.type] = (m.eventsByType[e.type] ?? 0) + 1;
    const since = r.t - m.startT;
    if (m.firstTokenMs === undefined && TOKEN_TYPES.has(e.type) && typeof e.delta === "string" && e.delta !== "") m.firstTokenMs = since;
    if (m.firstReasoningMs === undefined && REASONING_TYPES.has(e.type) && typeof e.delta === "string" && e.delta !== "") m.firstReasoningMs = since;
    if (e.type === "STATE_DELTA") {
      m.patchCount++;
      m.patchBytes += r.raw !== undefined ? r.raw.length : safeLength(e.delta);
    }
    const callId = typeof e.toolCallId === "string" ? e.toolCallId : undefined;
    if (callId) {
      let c = o.calls.get(callId);
      if (!c && (e.type === "TOOL_CALL_START" || e.type === "TOOL_CALL_CHUNK")) {
        c = { toolCallId: callId, name: typeof e.toolCallName === "string" ? e.toolCallName : "?", startT: r.t, startSeq: r.seq };
        o.calls.set(callId, c);
      }
      if (c && e.type === "TOOL_CALL_END") {
        c.endT = r.t;
        c.latencyMs ??= r.t - c.startT;
      }
      if (c && e.type === "TOOL_CALL_RESULT") {
        c.resultT = r.t;
        c.latencyMs = r.t - c.startT;
      }
    }
    if (e.type === "RUN_FINISHED") {
      const type = (e.outcome as { type?: string } | undefined)?.type;
      m.outcome = type === "interrupt" ? "interrupt" : type === "cancelled" ? "cancelled" : "success";
      m.done = true;
    } else if (e.type === "RUN_ERROR") {
      m.outcome = "error";
      m.done = true;
    }
  }

  /** Metrics of every run so far, in start order; fresh objects for the runs that changed. */
  function metrics(): RunMetrics[] {
    for (const o of dirty) {
      finish(o);
      o.snap = { ...o.m, stalls: [...o.m.stalls], eventsByType: { ...o.m.eventsByType } };
    }
    dirty.clear();
    return all.map((o) => o.snap!);
  }

  return { add, metrics };
}

function safeLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return 0;
  }
}
