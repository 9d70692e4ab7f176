import jsonpatch from "fast-json-patch";
import { changedPaths } from "./json-diff";
import { eventFamily, type AguiEvent, type EventFamily, type RunAgentInput } from "../protocol/events";
import { createReplay, type Finding, type Interrupt, type Replay, type RunOutcome } from "../replay";
import { cloneJson, isRecord, str } from "../replay/json";
import type { EventRecord, RequestRecord, SessionRecord } from "../session/record";

// A run as a comparison sees it: "beats" instead of events. A beat is one thing the agent did
// (a message, a tool call, a state change, a step), however many frames it was streamed in, so
// two runs that chunk the same text differently have the same beats. Ids are kept aside: they
// are matched between runs, never compared.

export type BeatKind = "run-start" | "run-end" | "text" | "reasoning" | "tool-call" | "tool-result" | "state" | "step" | "activity" | "custom" | "messages" | "other";

export interface Beat {
  kind: BeatKind;
  /** What alignment matches on: kind plus role or name, never an id or a value. */
  key: string;
  family: EventFamily;
  /** Seq of the first record the beat came from, and its time. */
  seq: number;
  t: number;
  /** The generated id the beat carries (message, tool call), matched between runs. */
  id?: string;
  role?: string;
  /** Tool, step, custom event or activity type name. */
  name?: string;
  /** Text as streamed: message text, tool-call arguments, tool-result content. */
  text?: string;
  /** Custom event value, activity content, run outcome. */
  value?: unknown;
  /** For a tool result: the call it answers. */
  toolCallId?: string;
  /** For a state beat: the state right after it, and the paths it changed. */
  state?: unknown;
  touched?: string[];
  /** Last seq folded into the beat (state beats merge consecutive snapshots and deltas). */
  lastSeq: number;
}

export interface RunTiming {
  /** From the run request (or RUN_STARTED) to the terminal event, in ms. */
  durationMs?: number;
  /** From the run request to the first streamed text, in ms. */
  firstTokenMs?: number;
}

export { changedPaths, jsonDiff, type DiffOp } from "./json-diff";

export interface RunDigest {
  /** 1-based position of the run in its session. */
  index: number;
  runId?: string;
  threadId?: string;
  agentId?: string;
  /** The RunAgentInput as recorded in the request (redacted as stored). */
  input?: RunAgentInput;
  /** How the run was asked for: a run request, or a /connect that replayed it. */
  op?: "run" | "connect";
  startSeq: number;
  endSeq: number;
  outcome: RunOutcome;
  interrupts: Interrupt[];
  beats: Beat[];
  finalState: unknown;
  findings: Finding[];
  timing: RunTiming;
  /** Every generated id seen in the run (run, thread, messages, tool calls, interrupts). */
  ids: string[];
}

export interface SessionDigest {
  runs: RunDigest[];
  replay: Replay;
}

/** Fold a session's records and cut it into run digests. */
export function digestSession(records: readonly SessionRecord[]): SessionDigest {
  const replay = createReplay();
  replay.append(records);
  const bySeq = new Map<number, SessionRecord>();
  for (const r of records) bySeq.set(r.seq, r);
  const findings = replay.findingsUpTo();
  const runs = replay.runs().map((run, i): RunDigest => {
    const start = bySeq.get(run.startSeq);
    const x = start?.x;
    const endSeq = run.endSeq ?? replay.lastSeq;
    const request = findRequest(records, x, run.startSeq);
    const events = records.filter((r): r is EventRecord => r.kind === "event" && r.x === x && r.seq >= run.startSeq && r.seq <= endSeq);
    const fromSeq = request?.seq ?? run.startSeq;
    const beats = beatsOf(events, replay);
    const t0 = request?.t ?? start?.t ?? 0;
    const end = bySeq.get(endSeq);
    const firstText = events.find((e) => (e.event.type === "TEXT_MESSAGE_CONTENT" || e.event.type === "TEXT_MESSAGE_CHUNK") && str(e.event.delta));
    const ids = new Set<string>();
    for (const id of [run.runId, run.threadId, ...run.pendingInterrupts.map((p) => p.id)]) if (id) ids.add(id);
    for (const e of events) for (const k of ["messageId", "toolCallId", "parentMessageId"]) if (str(e.event[k])) ids.add(e.event[k] as string);
    return {
      index: i + 1,
      ...(run.runId ? { runId: run.runId } : {}),
      ...(run.threadId ? { threadId: run.threadId } : {}),
      ...(request?.agentId ?? start?.agentId ? { agentId: request?.agentId ?? start?.agentId } : {}),
      ...(request && isRecord(request.body) ? { input: inputOf(request) } : {}),
      ...(request ? { op: request.op as "run" | "connect" } : {}),
      startSeq: run.startSeq,
      endSeq,
      outcome: run.outcome,
      interrupts: run.pendingInterrupts,
      beats,
      finalState: replay.stateAt(endSeq),
      findings: findings.filter((f) => f.seq >= fromSeq && f.seq <= endSeq),
      timing: {
        ...(end ? { durationMs: end.t - t0 } : {}),
        ...(firstText ? { firstTokenMs: firstText.t - t0 } : {}),
      },
      ids: [...ids],
    };
  });
  return { runs, replay };
}

/** The run request of exchange x: CopilotKit's single route wraps the input in {method, body}. */
function findRequest(records: readonly SessionRecord[], x: number | undefined, beforeSeq: number): RequestRecord | undefined {
  let found: RequestRecord | undefined;
  for (const r of records) {
    if (r.seq > beforeSeq) break;
    if (r.kind === "request" && r.x === x && (r.op === "run" || r.op === "connect")) found = r;
  }
  return found;
}

function inputOf(request: RequestRecord): RunAgentInput {
  const body = request.body as Record<string, unknown>;
  const wrapped = (request.transport === "single" || typeof body.method === "string") && isRecord(body.body);
  return (wrapped ? body.body : body) as unknown as RunAgentInput;
}

function beatsOf(events: EventRecord[], replay: Replay): Beat[] {
  const beats: Beat[] = [];
  const open = new Map<string, Beat>();
  const push = (record: EventRecord, fields: Omit<Beat, "seq" | "t" | "lastSeq" | "family">): Beat => {
    const beat: Beat = { ...fields, family: eventFamily(record.event.type), seq: record.seq, t: record.t, lastSeq: record.seq };
    beats.push(beat);
    return beat;
  };
  /** The beat a streamed message or call belongs to; a chunk with a new id opens one. */
  const streamed = (record: EventRecord, idKey: string, opener: () => Omit<Beat, "seq" | "t" | "lastSeq" | "family">): Beat | undefined => {
    const id = str(record.event[idKey]);
    const key = `${idKey}:${id ?? ""}`;
    let beat = open.get(key);
    if (!beat) open.set(key, (beat = push(record, opener())));
    beat.lastSeq = record.seq;
    return beat;
  };
  const append = (beat: Beat | undefined, delta: unknown) => {
    if (beat && typeof delta === "string") beat.text = (beat.text ?? "") + delta;
  };

  for (const record of events) {
    const e: AguiEvent = record.event;
    switch (e.type) {
      case "RUN_STARTED":
        push(record, { kind: "run-start", key: "run-start" });
        break;
      case "RUN_FINISHED":
      case "RUN_ERROR":
        push(record, { kind: "run-end", key: "run-end", value: outcomeOf(e) });
        break;
      case "TEXT_MESSAGE_START":
      case "TEXT_MESSAGE_CONTENT":
      case "TEXT_MESSAGE_CHUNK":
      case "TEXT_MESSAGE_END": {
        const role = str(e.role) ?? "assistant";
        const beat = streamed(record, "messageId", () => ({ kind: "text", key: `text:${role}`, id: str(e.messageId), role, text: "" }));
        if (e.type !== "TEXT_MESSAGE_START") append(beat, e.delta);
        break;
      }
      case "REASONING_MESSAGE_START":
      case "REASONING_MESSAGE_CONTENT":
      case "REASONING_MESSAGE_CHUNK":
      case "REASONING_MESSAGE_END":
      case "THINKING_TEXT_MESSAGE_START":
      case "THINKING_TEXT_MESSAGE_CONTENT":
      case "THINKING_TEXT_MESSAGE_END": {
        const beat = streamed(record, "messageId", () => ({ kind: "reasoning", key: "reasoning", id: str(e.messageId), role: "reasoning", text: "" }));
        append(beat, e.delta);
        break;
      }
      case "REASONING_START":
      case "REASONING_END":
      case "REASONING_ENCRYPTED_VALUE":
      case "THINKING_START":
      case "THINKING_END":
      case "STEP_FINISHED":
        // Brackets around beats that are compared already; STEP_STARTED names the step.
        break;
      case "TOOL_CALL_START":
      case "TOOL_CALL_ARGS":
      case "TOOL_CALL_CHUNK":
      case "TOOL_CALL_END": {
        const beat = streamed(record, "toolCallId", () => ({ kind: "tool-call", key: "tool-call", id: str(e.toolCallId), name: str(e.toolCallName) ?? "", text: "" }));
        if (beat && !beat.name && str(e.toolCallName)) beat.name = e.toolCallName as string;
        if (e.type !== "TOOL_CALL_START") append(beat, e.delta);
        break;
      }
      case "TOOL_CALL_RESULT":
        push(record, { kind: "tool-result", key: "tool-result", id: str(e.messageId), toolCallId: str(e.toolCallId), text: typeof e.content === "string" ? e.content : JSON.stringify(e.content ?? null) });
        break;
      case "STATE_SNAPSHOT":
      case "STATE_DELTA": {
        const last = beats[beats.length - 1];
        if (last?.kind === "state") last.lastSeq = record.seq;
        else push(record, { kind: "state", key: "state" });
        break;
      }
      case "STEP_STARTED": {
        const name = str(e.stepName) ?? "";
        push(record, { kind: "step", key: `step:${name}`, name });
        break;
      }
      case "ACTIVITY_SNAPSHOT":
      case "ACTIVITY_DELTA": {
        const type = str(e.activityType) ?? "";
        const beat = streamed(record, "messageId", () => ({ kind: "activity", key: `activity:${type}`, id: str(e.messageId), name: type, value: null }));
        if (beat) beat.value = e.type === "ACTIVITY_SNAPSHOT" ? cloneJson(e.content) : patched(beat.value, e.patch);
        break;
      }
      case "CUSTOM":
      case "RAW": {
        const name = e.type === "RAW" ? "raw" : (str(e.name) ?? "");
        push(record, { kind: "custom", key: `custom:${name}`, name, value: e.type === "RAW" ? e.event : e.value });
        break;
      }
      case "MESSAGES_SNAPSHOT":
        push(record, { kind: "messages", key: "messages", value: Array.isArray(e.messages) ? e.messages.map((m) => (isRecord(m) ? m.role : null)) : [] });
        break;
      default:
        push(record, { kind: "other", key: `other:${e.type}`, name: e.type });
    }
  }
  for (const beat of beats) {
    if (beat.kind !== "state") continue;
    const before = replay.stateAt(beat.seq - 1);
    beat.state = replay.stateAt(beat.lastSeq);
    beat.touched = changedPaths(before, beat.state);
  }
  return beats;
}

function outcomeOf(e: AguiEvent): unknown {
  if (e.type === "RUN_ERROR") return { type: "error", message: e.message ?? null };
  const outcome = isRecord(e.outcome) ? e.outcome : undefined;
  if (outcome?.type === "interrupt" && Array.isArray(outcome.interrupts)) {
    return { type: "interrupt", reasons: outcome.interrupts.map((i) => (isRecord(i) ? (i.reason ?? null) : null)) };
  }
  return { type: str(outcome?.type) ?? "success" };
}

function patched(doc: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) return doc;
  try {
    return jsonpatch.applyPatch(cloneJson(doc), cloneJson(patch), false, true).newDocument;
  } catch {
    return doc;
  }
}
