import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { RequestRecord } from "../session/record";
import { RunTracker } from "./runs";
import type { RuleId } from "./rules";

function tracker(args: Record<string, string> = {}) {
  const findings: { rule: RuleId; message: string }[] = [];
  const t = new RunTracker((rule, message) => void findings.push({ rule, message }), (id) => args[id]);
  return { t, findings, rules: () => findings.map((f) => f.rule) };
}

const req = (op: RequestRecord["op"], x: number, seq: number, extra: Partial<RequestRecord> = {}): RequestRecord => ({ seq, t: 0, x, dir: "out", kind: "request", op, method: "POST", url: "http://h/", transport: "agui", headers: {}, ...extra });
const started = (runId: unknown = "r", threadId: unknown = "t", input?: unknown): AguiEvent => ({ type: "RUN_STARTED", threadId, runId, ...(input ? { input } : {}) });
const finished = (extra: Record<string, unknown> = {}): AguiEvent => ({ type: "RUN_FINISHED", threadId: "t", runId: "r", ...extra });

describe("RunTracker outcomes", () => {
  it("a finished run succeeds and keeps its result; ids are kept only when they are strings", () => {
    const { t, findings } = tracker();
    t.event(started(), 1, 1);
    t.event(finished({ result: { ok: 1 } }), 1, 2);
    t.event(started(5, null), 2, 3);
    t.event(finished(), 2, 4);
    expect(t.runs).toEqual([
      { runId: "r", threadId: "t", startSeq: 1, endSeq: 2, outcome: "success", pendingInterrupts: [], result: { ok: 1 } },
      { startSeq: 3, endSeq: 4, outcome: "success", pendingInterrupts: [] },
    ]);
    expect(findings).toEqual([]);
    expect(t.finishes).toEqual([{ seq: 2, interrupts: [] }, { seq: 4, interrupts: [] }]);
  });

  it("an interrupt keeps its interrupts, without a null subagent tag; cancelled is cancelled", () => {
    const { t } = tracker();
    t.event(started(), 1, 1);
    const interrupts = [{ id: "i1", reason: "approval", subagentRunId: null }, { id: "i2", reason: "x", subagentRunId: "s" }];
    t.event(finished({ outcome: { type: "interrupt", interrupts } }), 1, 2);
    t.event(started("r2"), 1, 3);
    t.event(finished({ outcome: { type: "cancelled" } }), 1, 4);
    t.event(started("r3"), 1, 5);
    t.event(finished({ outcome: { type: "interrupt", interrupts: "odd" } }), 1, 6);
    expect(t.runs.map((r) => [r.outcome, r.pendingInterrupts])).toEqual([
      ["interrupt", [{ id: "i1", reason: "approval" }, { id: "i2", reason: "x", subagentRunId: "s" }]],
      ["cancelled", []],
      ["interrupt", []],
    ]);
    expect(t.finishes.map((f) => f.interrupts.length)).toEqual([2, 0, 0]);
  });

  it("a bare RUN_FINISHED (the runtime's closer after a stop) stops the run and is reported", () => {
    const { t, findings } = tracker();
    t.event(started(), 1, 1);
    t.event({ type: "RUN_FINISHED" }, 1, 2);
    expect(t.runs[0].outcome).toBe("stopped");
    expect(findings).toEqual([{ rule: "run/bare-finished", message: "RUN_FINISHED without threadId and runId: the runtime's closer after a stop" }]);
    // with one id it is no bare closer
    t.event(started(), 1, 3);
    t.event({ type: "RUN_FINISHED", runId: "r" }, 1, 4);
    expect(t.runs[1].outcome).toBe("success");
  });

  it("a stop request for the run's thread (or for any thread) stops it; one for another thread does not", () => {
    const { t, rules } = tracker();
    t.event(started("a", "t1"), 1, 1);
    t.event(started("b", "t2"), 2, 2);
    t.event(started("c", null), 3, 3);
    t.request(req("stop", 9, 4, { threadId: "t1" }));
    t.event(finished(), 1, 5);
    t.event(finished(), 2, 6);
    t.event(finished(), 3, 7);
    expect(t.runs.map((r) => r.outcome)).toEqual(["stopped", "success", "stopped"]);
    t.event(started("d", "t9"), 1, 8);
    t.request(req("stop", 9, 9));
    t.endStream(1, 10);
    expect(t.runs[3]).toMatchObject({ outcome: "stopped", endSeq: 10 });
    expect(rules()).toEqual([]);
  });

  it("a run whose stream ends without a terminal event is incomplete, and so is one a new RUN_STARTED replaces", () => {
    const { t, findings } = tracker();
    t.event(started("a"), 1, 1);
    t.event(started("b"), 1, 2);
    t.endStream(1, 3);
    t.event({ type: "RUN_STARTED", threadId: "t" }, 2, 4);
    t.request(req("run", 2, 5));
    t.endStream(7, 6);
    expect(t.runs.map((r) => [r.runId, r.outcome, r.endSeq])).toEqual([["a", "incomplete", 2], ["b", "incomplete", 3], [undefined, "incomplete", 5]]);
    expect(findings).toEqual([
      { rule: "run/incomplete", message: "run b has no RUN_FINISHED or RUN_ERROR" },
      { rule: "run/incomplete", message: "run (no id) has no RUN_FINISHED or RUN_ERROR" },
    ]);
    // a stopped run a new RUN_STARTED replaces counts as stopped
    t.event(started("c"), 1, 7);
    t.request(req("stop", 1, 8));
    t.event(started("d"), 1, 9);
    expect(t.runs.find((r) => r.runId === "c")!.outcome).toBe("stopped");
  });

  it("a RUN_ERROR ends the run with its message and code, or stands alone as a run", () => {
    const { t, findings } = tracker();
    t.event(started(), 1, 1);
    t.event({ type: "RUN_ERROR", message: "boom", code: "E1" }, 1, 2);
    t.event({ type: "RUN_ERROR" }, 2, 3);
    expect(t.runs).toEqual([
      { runId: "r", threadId: "t", startSeq: 1, endSeq: 2, outcome: "error", pendingInterrupts: [], error: { message: "boom", code: "E1" } },
      { startSeq: 3, endSeq: 3, outcome: "error", pendingInterrupts: [], error: { message: "" } },
    ]);
    expect(findings).toEqual([
      { rule: "run/error", message: "run r failed: boom (E1)" },
      { rule: "run/error", message: "run (no id) failed: " },
    ]);
    // a run the stream then ends is already closed
    t.endStream(1, 4);
    expect(findings).toHaveLength(2);
  });
});

describe("RunTracker tool calls", () => {
  const tools = (...names: string[]) => names.map((name) => ({ name, description: "", parameters: {} }));

  it("tells a call the client must answer from one to a tool it never declared, from the run's input or its request", () => {
    const { t, findings } = tracker();
    t.request(req("run", 1, 1, { body: { tools: tools("pick") } }));
    t.event(started(), 1, 2);
    t.event({ type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "pick" }, 1, 3);
    t.event({ type: "TOOL_CALL_START", toolCallId: "c2", toolCallName: "search" }, 1, 4);
    t.event({ type: "TOOL_CALL_START", toolCallId: "c3", toolCallName: "search" }, 1, 5);
    t.event({ type: "TOOL_CALL_RESULT", toolCallId: "c3", messageId: "m", content: "ok" }, 1, 6);
    t.event(finished(), 1, 7);
    expect(findings).toEqual([
      { rule: "tool/frontend-call-unanswered", message: 'run ended awaiting the client\'s result for tool call "c1" (pick)' },
      { rule: "tool/call-without-result", message: 'run ended with tool call "c2" (search) unanswered, and "search" is not a tool the client declared' },
    ]);
    // the run's own input wins over the request's
    const other = tracker();
    other.t.request(req("run", 1, 1, { body: { tools: tools("pick") } }));
    other.t.event(started("r", "t", { tools: tools("search") }), 1, 2);
    other.t.event({ type: "TOOL_CALL_START", toolCallId: "c2", toolCallName: "search" }, 1, 3);
    other.t.event(finished(), 1, 4);
    expect(other.rules()).toEqual(["tool/frontend-call-unanswered"]);
  });

  it("without declared tools every unanswered call awaits the client; calls an interrupt or the outcome names are not unanswered", () => {
    const { t, rules } = tracker();
    t.event(started(), 1, 1);
    t.event({ type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "x" }, 1, 2);
    t.event(finished(), 1, 3);
    expect(rules()).toEqual(["tool/frontend-call-unanswered"]);
    const awaited = tracker();
    awaited.t.request(req("run", 1, 1, { body: { tools: [] } }));
    awaited.t.event(started(), 1, 2);
    awaited.t.event({ type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "x" }, 1, 3);
    awaited.t.event({ type: "TOOL_CALL_START", toolCallId: "c2", toolCallName: "y" }, 1, 4);
    awaited.t.event({ type: "TOOL_CALL_START", toolCallId: 7, toolCallName: "z" }, 1, 5);
    awaited.t.event(finished({ outcome: { type: "interrupt", interrupts: [{ id: "i", reason: "tool_call", toolCallId: "c1" }, null], pendingToolCallIds: ["c2"] } }), 1, 6);
    expect(awaited.rules()).toEqual(["tool/frontend-call-unanswered"]);
    expect(awaited.findings[0].message).toContain('"c2"');
  });

  it("checks a call's arguments at its end: empty is fine, malformed text is reported", () => {
    const { t, findings } = tracker({ good: '{"a":1}', bad: '{"a":', empty: "" });
    for (const id of ["good", "bad", "empty", "unknown"]) t.event({ type: "TOOL_CALL_END", toolCallId: id }, 1, 1);
    t.event({ type: "TOOL_CALL_END", toolCallId: 5 }, 1, 2);
    expect(findings.map((f) => f.rule)).toEqual(["tool/args-not-json"]);
    expect(findings[0].message).toMatch(/^tool call "bad" ended with arguments that are not JSON: /);
  });

  it("ignores tool events outside a run", () => {
    const { t, findings } = tracker();
    t.event({ type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "x" }, 1, 1);
    t.event({ type: "TOOL_CALL_RESULT", toolCallId: "c1", messageId: "m", content: "" }, 1, 2);
    t.event({ type: "CUSTOM", name: "n", value: 1 }, 1, 3);
    expect(t.runs).toEqual([]);
    expect(findings).toEqual([]);
  });
});

describe("RunTracker edges", () => {
  it("a connect ends the exchange's open run; an info request stops nothing", () => {
    const { t } = tracker();
    t.event(started("a"), 1, 1);
    t.request(req("info", 1, 2));
    expect(t.runs[0].outcome).toBe("running");
    t.request(req("connect", 1, 3, { body: {} }));
    expect(t.runs[0]).toMatchObject({ outcome: "incomplete", endSeq: 3 });
    t.event(started("b"), 2, 4);
    t.request(req("info", 9, 5));
    t.event(finished(), 2, 6);
    expect(t.runs[1].outcome).toBe("success");
  });

  it("a RUN_FINISHED with only a threadId is no bare closer; one outside any run is still counted for interrupts", () => {
    const { t, rules } = tracker();
    t.event(started(), 1, 1);
    t.event({ type: "RUN_FINISHED", threadId: "t" }, 1, 2);
    expect(t.runs[0].outcome).toBe("success");
    expect(t.runs[0]).not.toHaveProperty("result");
    t.event(finished({ outcome: { type: "interrupt", interrupts: [{ id: "i", reason: "r" }] } }), 5, 3);
    expect(t.finishes.at(-1)).toEqual({ seq: 3, interrupts: [{ id: "i", reason: "r" }] });
    expect(t.runs).toHaveLength(1);
    expect(rules()).toEqual([]);
  });

  it("an error without a code records none", () => {
    const { t } = tracker();
    t.event({ type: "RUN_ERROR", message: "m", code: 5 }, 1, 1);
    expect(Object.keys(t.runs[0].error!)).toEqual(["message"]);
  });
});
