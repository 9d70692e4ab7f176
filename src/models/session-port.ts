import type { SessionHeader, SessionRecord } from "../core/session/record";
import type { Message, Tool } from "../core/protocol/events";
import type { Finding, Interrupt, RunInfo } from "../core/replay";
import type { ExportOptions } from "../core/session/export";
import type { TimelineFilter } from "./filters";
import type { OpenToolCall } from "./open-tool-calls";
import type { StateChange } from "./state-change";
import type { Operation } from "fast-json-patch";
import type { RunMetrics, Waterfall } from "../core/timing";

// What the session view asks of a stored session it holds as a window. The page's worker
// answers (src/worker/); everything crosses a message port, so every call is async and every
// value plain data.

export interface RowQuery {
  filter: TimelineFilter;
  coalesce: boolean;
}

export interface PagedRow {
  record: SessionRecord;
  count: number;
}

export interface RowsAnswer {
  /** Rows known so far under the query; final when `complete`. */
  total: number;
  complete: boolean;
  /** Position of the first row returned. */
  from: number;
  rows: PagedRow[];
}

export interface SeekAnswer {
  seq: number;
  /** Names this answer: pass it back as `heldId` on the next seek, and only what changed is sent. */
  id: number;
  /** Left out (undefined, with sameState) when the held answer's state is still right. */
  state: unknown;
  sameState?: true;
  /** Instead of `state`: the operations that turn the held answer's state into this one (models/patch-shared.ts). */
  statePatch?: Operation[];
  /**
   * The conversation right after seq is `messageCount` messages; only the window of its last ones
   * that was asked for crosses, from `messagesFrom` on. Of that window, the first `keptMessages`
   * are the held answer's (at the same positions, still right); `messages` are the rest.
   */
  messages: Message[];
  keptMessages: number;
  messagesFrom: number;
  messageCount: number;
  /** Instead of `messages` when they are many: their JSON text (see models/lazy-messages.ts). */
  messagesJson?: string;
  /** What the record at seq changed in the state (computed where the state before it is). */
  change: StateChange;
  threadId: string | undefined;
}

export interface PagedSessionInfo {
  firstSeq: number;
  lastSeq: number;
  records: number;
  /** The fold index is there (now, or from an earlier open). */
  folded: boolean;
  foldedBefore: boolean;
}

/** Whole-session facts, known once the session is folded. */
export interface SessionOverview {
  findings: Finding[];
  runs: RunInfo[];
  threads: string[];
  openToolCalls: OpenToolCall[];
  pendingInterrupts: { threadId: string; runId?: string; interrupts: Interrupt[] }[];
  declaredTools: [string, Tool[] | undefined][];
  /** How many runs the worker timed in its first pass (their timing is asked for a page at a time: runTimings). */
  runCount: number;
  /** The runs' waterfall as drawn (bars merged into slices of the span: bounded, however many runs). */
  waterfall: Waterfall;
  /** Tool calls' names and argument prefixes, for `name(args)` summaries. */
  toolCalls: [string, { name: string; args: string }][];
}

export interface SessionPort {
  open(sessionId: string): Promise<PagedSessionInfo>;
  /** Take in what was stored since (a session still being recorded); answers the new extent. */
  grow(sessionId: string): Promise<PagedSessionInfo>;
  /**
   * Rows [from, to) under the query. While the worker is still scanning for them it may answer
   * fewer (`complete` false): ask again with `seen` = the end of what you hold to get more.
   */
  rows(sessionId: string, query: RowQuery, from: number, to: number, seen?: number): Promise<RowsAnswer>;
  positionOf(sessionId: string, query: RowQuery, seq: number): Promise<{ position: number; total: number }>;
  record(sessionId: string, seq: number): Promise<SessionRecord | undefined>;
  /** The state at seq and the last `shown` messages of its conversation (all of them when undefined). */
  at(sessionId: string, seq: number, heldId?: number, shown?: number): Promise<SeekAnswer>;
  /** All of the messages and the state right after seq: what a fork from there sends. */
  seedAt(sessionId: string, seq: number): Promise<{ messages: Message[]; state: unknown; threadId: string | undefined }>;
  /** A thread's messages and state after its last record, as the JSON text of `{ messages, state }`: what a follow-up run sends. */
  threadEnd(sessionId: string, threadId: string): Promise<string | undefined>;
  overview(sessionId: string): Promise<SessionOverview>;
  /** Per-run timing of runs [from, to), in start order. */
  runTimings(sessionId: string, from: number, to: number): Promise<RunMetrics[]>;
  exportFile(sessionId: string, header: SessionHeader, options: ExportOptions): Promise<Blob>;
  close(sessionId: string): Promise<void>;
}
