import type { AguiEvent } from "../protocol/events";
import type { RequestRecord } from "../session/record";
import { isRecord } from "./json";
import type { Report } from "./rules";

// Run segmentation: a run opens at RUN_STARTED and ends at RUN_FINISHED, RUN_ERROR or the end
// of its stream. A /connect replay holds several runs back to back, so segmentation is by
// RUN_STARTED, never by request.

export type RunOutcome = "running" | "success" | "error" | "interrupt" | "cancelled" | "stopped" | "incomplete";

export interface Interrupt {
  id: string;
  reason: string;
  message?: string;
  toolCallId?: string;
  [key: string]: unknown;
}

export interface RunInfo {
  runId?: string;
  threadId?: string;
  /** Seq of RUN_STARTED (or of a RUN_ERROR that arrived outside any run). */
  startSeq: number;
  /** Seq of the terminal event or of the stream's end; absent while the run is open. */
  endSeq?: number;
  outcome: RunOutcome;
  /** Interrupts the run finished with (outcome "interrupt"), awaiting a resume. */
  pendingInterrupts: Interrupt[];
  error?: { message: string; code?: string };
  result?: unknown;
}

interface OpenRun {
  info: RunInfo;
  /** Tool calls started in the run, by id → tool name. */
  calls: Map<string, string>;
  answered: Set<string>;
  /** Names of the tools the client declared for the run; undefined when unknown. */
  tools?: Set<string>;
  stopRequested: boolean;
}

interface Finish {
  seq: number;
  interrupts: Interrupt[];
}

export class RunTracker {
  readonly runs: RunInfo[] = [];
  /** Every RUN_FINISHED, for the client's thread-level pendingInterrupts at any seq. */
  readonly finishes: Finish[] = [];
  private open = new Map<unknown, OpenRun>();
  private requestTools = new Map<unknown, Set<string> | undefined>();

  constructor(
    private report: Report,
    private argsOf: (toolCallId: string) => string | undefined,
  ) {}

  request(record: RequestRecord): void {
    if (record.op === "run" || record.op === "connect") {
      this.endStream(record.x, record.seq);
      const tools = isRecord(record.body) ? toolNames(record.body.tools) : undefined;
      this.requestTools.set(record.x, tools);
    } else if (record.op === "stop") {
      for (const run of this.open.values()) {
        if (!record.threadId || !run.info.threadId || run.info.threadId === record.threadId) run.stopRequested = true;
      }
    }
  }

  /** The stream of exchange x ended; a run still open there never finished. */
  endStream(x: unknown, seq: number): void {
    const run = this.open.get(x);
    if (!run) return;
    if (run.stopRequested) return this.close(x, run, "stopped", seq);
    this.report("run/incomplete", `run ${run.info.runId ?? "(no id)"} has no RUN_FINISHED or RUN_ERROR`);
    this.close(x, run, "incomplete", seq);
  }

  event(event: AguiEvent, x: unknown, seq: number): void {
    switch (event.type) {
      case "RUN_STARTED":
        return this.started(event, x, seq);
      case "RUN_FINISHED":
        return this.finished(event, x, seq);
      case "RUN_ERROR":
        return this.errored(event, x, seq);
      case "TOOL_CALL_START": {
        const run = this.open.get(x);
        if (run && typeof event.toolCallId === "string") run.calls.set(event.toolCallId, String(event.toolCallName));
        return;
      }
      case "TOOL_CALL_END":
        return this.checkArgs(event);
      case "TOOL_CALL_RESULT":
        if (typeof event.toolCallId === "string") this.open.get(x)?.answered.add(event.toolCallId);
        return;
      default:
        return;
    }
  }

  private started(event: AguiEvent, x: unknown, seq: number): void {
    const previous = this.open.get(x);
    // The verifier reports the overlap itself; here the old run just ends where the new begins.
    if (previous) this.close(x, previous, previous.stopRequested ? "stopped" : "incomplete", seq);
    const input = isRecord(event.input) ? event.input : undefined;
    const info: RunInfo = { startSeq: seq, outcome: "running", pendingInterrupts: [] };
    if (typeof event.runId === "string") info.runId = event.runId;
    if (typeof event.threadId === "string") info.threadId = event.threadId;
    this.runs.push(info);
    this.open.set(x, {
      info,
      calls: new Map(),
      answered: new Set(),
      tools: (input && toolNames(input.tools)) ?? this.requestTools.get(x),
      stopRequested: false,
    });
  }

  private finished(event: AguiEvent, x: unknown, seq: number): void {
    const outcome = isRecord(event.outcome) ? event.outcome : undefined;
    const interrupts = outcome?.type === "interrupt" && Array.isArray(outcome.interrupts) ? (outcome.interrupts as Interrupt[]).map(withoutNullTag) : [];
    this.finishes.push({ seq, interrupts });
    const bare = event.threadId === undefined && event.runId === undefined;
    if (bare) this.report("run/bare-finished", "RUN_FINISHED without threadId and runId: the runtime's closer after a stop");
    const run = this.open.get(x);
    if (!run) return;
    this.checkUnanswered(run, interrupts, outcome);
    run.info.pendingInterrupts = interrupts;
    if (event.result !== undefined) run.info.result = event.result;
    const kind: RunOutcome = bare || run.stopRequested ? "stopped" : outcome?.type === "interrupt" ? "interrupt" : outcome?.type === "cancelled" ? "cancelled" : "success";
    this.close(x, run, kind, seq);
  }

  private errored(event: AguiEvent, x: unknown, seq: number): void {
    let run = this.open.get(x);
    if (!run) {
      // RUN_ERROR may come first (or alone): it still ends something worth listing.
      const info: RunInfo = { startSeq: seq, outcome: "running", pendingInterrupts: [] };
      this.runs.push(info);
      run = { info, calls: new Map(), answered: new Set(), stopRequested: false };
    }
    const message = String(event.message ?? "");
    run.info.error = { message, ...(typeof event.code === "string" ? { code: event.code } : {}) };
    this.report("run/error", `run ${run.info.runId ?? "(no id)"} failed: ${message}${typeof event.code === "string" ? ` (${event.code})` : ""}`);
    this.close(x, run, "error", seq);
  }

  private close(x: unknown, run: OpenRun, outcome: RunOutcome, seq: number): void {
    run.info.outcome = outcome;
    run.info.endSeq = seq;
    if (this.open.get(x) === run) this.open.delete(x);
  }

  private checkArgs(event: AguiEvent): void {
    if (typeof event.toolCallId !== "string") return;
    const args = this.argsOf(event.toolCallId);
    // No arguments at all is how a parameterless tool is called; only malformed text is wrong.
    if (!args) return;
    try {
      JSON.parse(args);
    } catch (err) {
      this.report("tool/args-not-json", `tool call "${event.toolCallId}" ended with arguments that are not JSON: ${(err as Error).message}`);
    }
  }

  private checkUnanswered(run: OpenRun, interrupts: Interrupt[], outcome: Record<string, unknown> | undefined): void {
    const awaited = new Set(interrupts.map((i) => i?.toolCallId).filter((id): id is string => typeof id === "string"));
    const declaredPending = new Set(Array.isArray(outcome?.pendingToolCallIds) ? (outcome.pendingToolCallIds as string[]) : []);
    for (const [id, name] of run.calls) {
      if (run.answered.has(id) || awaited.has(id)) continue;
      if (run.tools && !run.tools.has(name) && !declaredPending.has(id)) {
        this.report("tool/call-without-result", `run ended with tool call "${id}" (${name}) unanswered, and "${name}" is not a tool the client declared`);
      } else {
        this.report("tool/frontend-call-unanswered", `run ended awaiting the client's result for tool call "${id}" (${name})`);
      }
    }
  }
}

function toolNames(tools: unknown): Set<string> | undefined {
  if (!Array.isArray(tools)) return undefined;
  return new Set(tools.filter(isRecord).map((t) => String(t.name)));
}

function withoutNullTag(interrupt: Interrupt): Interrupt {
  if (!isRecord(interrupt) || interrupt.subagentRunId !== null) return interrupt;
  const { subagentRunId: _null, ...rest } = interrupt;
  return rest as Interrupt;
}
