import type { AguiEvent, KnownEventType, Message } from "../protocol/events";
import { isKnownEventType } from "../protocol/events";
import type { EventRecord, SessionRecord } from "../session/record";
import { cloneLanes, expandChunks, type Lanes } from "./chunks";
import { Conversation } from "./conversation";
import { cloneJson, isRecord } from "./json";
import * as msg from "./messages";
import { applyPatchInPlace } from "./patch";
import { copyForOp } from "./copy-on-write";
import type { Report } from "./rules";
import { isThinking, newThinkingIds, translateThinking, type ThinkingIds } from "./thinking";

// The part of the fold a seek re-runs: state, messages and the per-stream expansion state.
// Everything here is a pure function of the records, so a checkpoint plus a re-fold lands on
// exactly what the first pass computed. Findings and runs live in the head pass (replay.ts).

export interface CoreEnv {
  report: Report;
  /** Each event after chunk expansion and THINKING_* conversion, once it has been applied. */
  applied?: (event: AguiEvent, record: EventRecord) => void;
  /** Seqs of STATE_DELTAs known to fail; a re-fold skips them instead of applying them. */
  failedDeltas: Set<number>;
  /** State right before record seq, for undoing a delta that failed half-applied. */
  stateBefore(seq: number): unknown;
}

export interface CoreMode {
  state: boolean;
  messages: boolean;
}

export const FULL: CoreMode = { state: true, messages: true };

interface Stream {
  lanes: Lanes;
  thinking: ThinkingIds;
}

/** What a checkpoint keeps. `stateSource` is the immutable value the state was adopted from. */
export interface CoreSnapshot {
  stateJson?: string;
  stateSource?: { value: unknown };
  /** stateJson parsed once, kept on the checkpoint in use so nearby seeks clone instead of parse. */
  stateWarm?: { value: unknown };
  messages: Message[];
  streams: Map<unknown, Stream>;
}

export class ReplayCore {
  /** The client starts from `{}` until a snapshot arrives. */
  state: unknown = {};
  readonly conv: Conversation;
  /** Patch operations applied since the state was last adopted whole (drives checkpointing). */
  patchOps = 0;
  /** Set: deltas write copy on write (the objects copied so far in this batch), leaving the state before them whole. */
  copies: WeakSet<object> | undefined;
  private source: { value: unknown } | undefined = { value: {} };
  private streams = new Map<unknown, Stream>();

  constructor(
    private env: CoreEnv,
    private mode: CoreMode = FULL,
    from?: CoreSnapshot,
  ) {
    if (!from) {
      this.conv = new Conversation();
      return;
    }
    this.conv = new Conversation(mode.messages ? from.messages.slice() : []);
    if (mode.state) {
      if (from.stateSource) this.adopt(from.stateSource.value);
      else if (from.stateWarm) this.state = cloneJson(from.stateWarm.value);
      else this.state = from.stateJson === undefined ? undefined : JSON.parse(from.stateJson);
      if (!from.stateSource) this.source = undefined;
    }
    for (const [x, s] of from.streams) this.streams.set(x, { lanes: cloneLanes(s.lanes), thinking: { ...s.thinking } });
  }

  snapshot(): CoreSnapshot {
    const streams = new Map<unknown, Stream>();
    for (const [x, s] of this.streams) if (s.lanes.size || s.thinking.span || s.thinking.message) streams.set(x, { lanes: cloneLanes(s.lanes), thinking: { ...s.thinking } });
    const snap: CoreSnapshot = { messages: this.conv.snapshot(), streams };
    if (this.source) snap.stateSource = this.source;
    else if (this.state !== undefined) snap.stateJson = JSON.stringify(this.state);
    return snap;
  }

  /** True when the state is still exactly what a snapshot or request carried (a free checkpoint). */
  get statePristine(): boolean {
    return this.source !== undefined;
  }

  apply(record: SessionRecord): void {
    switch (record.kind) {
      // Stryker disable StringLiteral,ConditionalExpression: these cases only return, as the switch does for a kind no case names
      case "response":
      case "bad-frame":
      case "comment":
        return;
      // Stryker restore StringLiteral,ConditionalExpression
      case "event":
        return this.applyEvent(record);
      case "request":
        if (record.op !== "run" && record.op !== "connect") return;
        this.streams.delete(record.x);
        if (record.op === "run") this.seed(record.body);
        return;
      case "end":
        this.streams.delete(record.x);
        return;
    }
  }

  /**
   * A run request is what the agent starts from: its state replaces ours, its messages merge
   * like a MESSAGES_SNAPSHOT (client-only activity messages are never sent, so they survive).
   */
  private seed(body: unknown): void {
    if (!isRecord(body)) return;
    if (this.mode.state && body.state !== undefined) this.adopt(body.state);
    if (this.mode.messages && Array.isArray(body.messages)) msg.applyMessagesSnapshot(this.conv, body.messages, undefined);
  }

  private adopt(value: unknown): void {
    this.state = cloneJson(value);
    this.source = { value };
    this.patchOps = 0;
  }

  private stream(x: unknown): Stream {
    let s = this.streams.get(x);
    if (!s) {
      s = { lanes: new Map(), thinking: newThinkingIds() };
      this.streams.set(x, s);
    }
    return s;
  }

  private applyEvent(record: EventRecord): void {
    const raw = record.event;
    if (!raw || typeof raw.type !== "string" || !isKnownEventType(raw.type)) return;
    if (!this.mode.messages) {
      // Chunks, THINKING_* and stream bookkeeping never touch state.
      if (raw.type === "STATE_SNAPSHOT" || raw.type === "STATE_DELTA") this.reduce(raw, record.seq);
      return;
    }
    const stream = this.stream(record.x);
    const event = isThinking(raw.type) ? translateThinking(raw, stream.thinking, record.seq) : raw;
    const out: AguiEvent[] = [];
    expandChunks(event, stream.lanes, out, this.env.report);
    for (const e of out) {
      this.reduce(e, record.seq);
      this.env.applied?.(e, record);
    }
  }

  private reduce(event: AguiEvent, seq: number): void {
    if (!isKnownEventType(event.type)) return;
    const type: KnownEventType = event.type;
    const { conv } = this;
    const report = this.env.report;
    const messages = this.mode.messages;
    switch (type) {
      // Stryker disable StringLiteral,ConditionalExpression: these cases only return, as the switch does for a type no case names
      // Lifecycle, steps, subagents, reasoning spans, RAW and CUSTOM change no state or message.
      case "RUN_FINISHED":
      case "RUN_ERROR":
      case "STEP_STARTED":
      case "STEP_FINISHED":
      case "RAW":
      case "CUSTOM":
      case "REASONING_START":
      case "REASONING_END":
      case "SUBAGENT_STARTED":
      case "SUBAGENT_FINISHED":
      case "SUBAGENT_ERROR":
      // Expanded or converted before reduce; never seen here.
      case "TEXT_MESSAGE_CHUNK":
      case "TOOL_CALL_CHUNK":
      case "REASONING_MESSAGE_CHUNK":
      case "THINKING_START":
      case "THINKING_END":
      case "THINKING_TEXT_MESSAGE_START":
      case "THINKING_TEXT_MESSAGE_CONTENT":
      case "THINKING_TEXT_MESSAGE_END":
        return;
      // Stryker restore StringLiteral,ConditionalExpression
      case "STATE_SNAPSHOT":
        if (this.mode.state) this.adopt(event.snapshot);
        return;
      case "STATE_DELTA":
        if (this.mode.state) this.applyStateDelta(event, seq);
        return;
      case "TEXT_MESSAGE_START":
        if (messages) msg.openMessage(conv, event, (event.role as string | undefined) ?? "assistant", report);
        return;
      case "REASONING_MESSAGE_START":
        if (messages) msg.openMessage(conv, event, "reasoning", report);
        return;
      case "TEXT_MESSAGE_CONTENT":
      case "REASONING_MESSAGE_CONTENT":
        if (messages) msg.appendContent(conv, event, report);
        return;
      case "TEXT_MESSAGE_END":
      case "REASONING_MESSAGE_END":
        if (messages) msg.closeMessage(conv, event, report);
        return;
      case "TOOL_CALL_START":
        if (messages) msg.startToolCall(conv, event, report);
        return;
      case "TOOL_CALL_ARGS":
        if (messages) msg.appendToolArgs(conv, event);
        return;
      case "TOOL_CALL_END":
        if (messages) msg.endToolCall(conv, event);
        return;
      case "TOOL_CALL_RESULT":
        if (messages) msg.addToolResult(conv, event, report);
        return;
      case "REASONING_ENCRYPTED_VALUE":
        if (messages) msg.setEncryptedValue(conv, event);
        return;
      case "MESSAGES_SNAPSHOT":
        if (messages) msg.applyMessagesSnapshot(conv, event.messages, event.metadata);
        return;
      case "ACTIVITY_SNAPSHOT":
        if (messages) msg.applyActivitySnapshot(conv, event);
        return;
      case "ACTIVITY_DELTA":
        if (messages) msg.applyActivityDelta(conv, event, report);
        return;
      case "RUN_STARTED":
        if (messages && isRecord(event.input)) msg.addInputMessages(conv, event.input.messages);
        return;
      default: {
        const unreachable: never = type;
        return unreachable;
      }
    }
  }

  private applyStateDelta(event: AguiEvent, seq: number): void {
    if (this.env.failedDeltas.has(seq)) return;
    const copies = this.copies;
    const result = applyPatchInPlace(this.state, event.delta, copies && ((doc, op) => copyForOp(doc, op, copies)));
    if (result.ok) {
      this.state = result.doc;
      this.source = undefined;
      this.patchOps += result.ops;
      return;
    }
    // Rejected whole, as the client does: the state is what it was before this delta.
    this.env.failedDeltas.add(seq);
    if (result.dirty) this.state = this.env.stateBefore(seq);
    const where = result.opIndex === undefined ? "" : ` op ${result.opIndex}${result.path !== undefined ? ` at "${result.path}"` : ""}`;
    this.env.report("state/patch-failed", `STATE_DELTA rejected:${where} ${result.reason}; state unchanged`, {
      path: result.path,
      opIndex: result.opIndex,
    });
  }
}
