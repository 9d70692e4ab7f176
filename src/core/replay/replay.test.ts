import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { createReplay, type ReplayOptions } from "./replay";

let x = 1;
function stream(events: AguiEvent[], start = 1, options: { x?: number; end?: boolean } = {}): SessionRecord[] {
  const ex = options.x ?? x;
  const out: SessionRecord[] = events.map((event, i) => ({ seq: start + i, t: 0, x: ex, dir: "in", kind: "event", event }));
  if (options.end) out.push({ seq: start + out.length, t: 0, x: ex, dir: "in", kind: "end", op: "run", outcome: "complete", frames: events.length });
  return out;
}

const started = (runId = "r1"): AguiEvent => ({ type: "RUN_STARTED", threadId: "t1", runId });
const finished = (runId = "r1", extra: Record<string, unknown> = {}): AguiEvent => ({ type: "RUN_FINISHED", threadId: "t1", runId, ...extra });
const text = (id: string, ...deltas: string[]): AguiEvent[] => [
  { type: "TEXT_MESSAGE_START", messageId: id, role: "assistant" },
  ...deltas.map((delta) => ({ type: "TEXT_MESSAGE_CONTENT", messageId: id, delta })),
  { type: "TEXT_MESSAGE_END", messageId: id },
];
const delta = (...ops: unknown[]): AguiEvent => ({ type: "STATE_DELTA", delta: ops });

/** A session with text, tools, snapshots, deltas and a failing delta, for seek tests. */
function mixedSession(): SessionRecord[] {
  const events: AguiEvent[] = [started(), ...text("a0", "before", " any snapshot"), delta({ op: "add", path: "/pre", value: 1 })];
  for (let round = 0; round < 6; round++) {
    events.push({ type: "STATE_SNAPSHOT", snapshot: { round, items: [], nested: { list: [round] } } });
    for (let i = 0; i < 5; i++) {
      events.push(delta({ op: "add", path: "/items/-", value: { i, round } }, { op: "replace", path: "/nested/list/0", value: i }));
      events.push(...text(`m${round}-${i}`, "x", String(i)));
    }
    if (round === 2) events.push(delta({ op: "replace", path: "/round", value: 99 }, { op: "remove", path: "/missing" }));
    events.push({ type: "TOOL_CALL_START", toolCallId: `c${round}`, toolCallName: "f", parentMessageId: `m${round}-0` });
    events.push({ type: "TOOL_CALL_ARGS", toolCallId: `c${round}`, delta: "{}" });
    events.push({ type: "TOOL_CALL_END", toolCallId: `c${round}` });
    events.push({ type: "TOOL_CALL_RESULT", messageId: `tr${round}`, toolCallId: `c${round}`, content: "ok" });
  }
  events.push(finished());
  return stream(events, 1, { end: true });
}

function fromScratch(records: SessionRecord[], seq: number) {
  const replay = createReplay({ checkpointEvery: 1e9, checkpointPatchOps: 1e9 });
  replay.append(records.filter((r) => r.seq <= seq));
  return replay.at(seq);
}

describe("seeks", () => {
  const records = mixedSession();
  const options: ReplayOptions = { checkpointEvery: 7, checkpointPatchOps: 1e9 };

  it("land on what a from-scratch fold computes, at every seq", () => {
    const replay = createReplay(options);
    replay.append(records);
    expect(replay.stats().checkpoints).toBeGreaterThan(10);
    for (let seq = 0; seq <= replay.lastSeq; seq++) {
      const expected = fromScratch(records, seq);
      expect(replay.at(seq), `seq ${seq}`).toEqual(expected);
      expect(replay.stateAt(seq)).toEqual(expected.state);
      expect(replay.messagesAt(seq)).toEqual(expected.messages);
    }
  });

  it("before the first snapshot, on a checkpoint and between checkpoints", () => {
    const replay = createReplay(options);
    replay.append(records);
    // The first STATE_SNAPSHOT is seq 7; 14 is a checkpoint (every 7); 17 lies between two.
    expect((records[6].kind === "event" && records[6].event.type) || "").toBe("STATE_SNAPSHOT");
    expect(replay.stats().checkpointSeqs).toContain(14);
    expect(replay.stats().checkpointSeqs).not.toContain(17);
    expect(replay.stateAt(0)).toEqual({});
    expect(replay.stateAt(5)).toEqual({});
    expect(replay.stateAt(6)).toEqual({ pre: 1 });
    expect(replay.messagesAt(5)).toEqual([{ id: "a0", role: "assistant", content: "before any snapshot" }]);
    for (const seq of [3, 6, 14, 17]) expect(replay.at(seq)).toEqual(fromScratch(records, seq));
  });

  it("with checkpoints driven by patch operations alone", () => {
    const replay = createReplay({ checkpointEvery: 1e9, checkpointPatchOps: 4 });
    replay.append(records);
    expect(replay.stats().checkpoints).toBeGreaterThan(5);
    for (let seq = 0; seq <= replay.lastSeq; seq += 3) expect(replay.at(seq)).toEqual(fromScratch(records, seq));
  });

  it("clamp past the last record and hand out copies", () => {
    const replay = createReplay(options);
    replay.append(records);
    const last = replay.at(replay.lastSeq + 100);
    expect(last.seq).toBe(replay.lastSeq);
    (last.state as { round: number }).round = -1;
    last.messages.length = 0;
    expect(replay.at(replay.lastSeq).state).toMatchObject({ round: 5 });
    expect(replay.at(replay.lastSeq).messages.length).toBeGreaterThan(0);
    const mid = replay.stateAt(40) as { items: unknown[] };
    mid.items.push("mine");
    expect(replay.stateAt(40)).toEqual(fromScratch(records, 40).state);
  });

  it("leave the stored records untouched", () => {
    const events: AguiEvent[] = [
      { type: "RUN_STARTED", threadId: "t", runId: "r", input: { threadId: "t", runId: "r", messages: [{ id: "u1", role: "user", content: "hi" }], tools: [], context: [] } },
      { type: "STATE_SNAPSHOT", snapshot: { list: [{ n: 1 }], obj: {} } },
      delta({ op: "add", path: "/obj/v", value: { deep: { n: 1 } } }),
      delta({ op: "replace", path: "/obj/v/deep/n", value: 2 }, { op: "add", path: "/list/0/m", value: [1] }),
      delta({ op: "add", path: "/list/0/m/-", value: 2 }),
      { type: "MESSAGES_SNAPSHOT", messages: [{ id: "u1", role: "user", content: "hi" }, { id: "a1", role: "assistant", content: "yo", toolCalls: [{ id: "c1", type: "function", function: { name: "f", arguments: "" } }] }] },
      { type: "TEXT_MESSAGE_START", messageId: "a1", role: "assistant" },
      { type: "TEXT_MESSAGE_CONTENT", messageId: "a1", delta: "!" },
      { type: "TEXT_MESSAGE_END", messageId: "a1" },
      { type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "g" },
      { type: "TOOL_CALL_ARGS", toolCallId: "c1", delta: "{}" },
      { type: "ACTIVITY_SNAPSHOT", messageId: "act", activityType: "A", content: { steps: [{ s: 1 }] } },
      { type: "ACTIVITY_DELTA", messageId: "act", activityType: "A", patch: [{ op: "add", path: "/steps/0/t", value: { x: 1 } }] },
      { type: "ACTIVITY_DELTA", messageId: "act", activityType: "A", patch: [{ op: "replace", path: "/steps/0/t/x", value: 2 }] },
      finished("r"),
    ];
    const records = stream(events, 1, { end: true });
    const before = JSON.stringify(records);
    const replay = createReplay({ checkpointEvery: 3 });
    replay.append(records);
    for (let seq = 0; seq <= replay.lastSeq; seq++) replay.at(seq);
    expect(JSON.stringify(records)).toBe(before);
    expect(replay.stateAt(replay.lastSeq)).toEqual({ list: [{ n: 1, m: [1, 2] }], obj: { v: { deep: { n: 2 } } } });
    expect(replay.messagesAt(replay.lastSeq).find((m) => m.id === "act")?.content).toEqual({ steps: [{ s: 1, t: { x: 2 } }] });
  });
});

describe("live use", () => {
  it("messages handed out earlier never change as the head folds on", () => {
    const replay = createReplay();
    replay.append(stream([started(), { type: "TEXT_MESSAGE_START", messageId: "a", role: "assistant" }, { type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: "one" }]));
    const held = replay.at(replay.lastSeq);
    const heldJson = JSON.stringify(held);
    replay.append(stream([
      { type: "TEXT_MESSAGE_CONTENT", messageId: "a", delta: " two" },
      { type: "TEXT_MESSAGE_END", messageId: "a", metadata: { k: 1 } },
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "f", parentMessageId: "a" },
      { type: "TOOL_CALL_ARGS", toolCallId: "c", delta: "{}" },
      { type: "TOOL_CALL_END", toolCallId: "c" },
      { type: "TOOL_CALL_RESULT", messageId: "r", toolCallId: "c", content: "ok" },
      { type: "STATE_SNAPSHOT", snapshot: { n: 1 } },
      delta({ op: "replace", path: "/n", value: 2 }),
    ], 4));
    expect(JSON.stringify(held)).toBe(heldJson);
    const now = replay.at(replay.lastSeq);
    expect(now.messages[0]).toMatchObject({ content: "one two", metadata: { k: 1 }, toolCalls: [{ id: "c", function: { arguments: "{}" } }] });
    expect(now.messages[1]).toMatchObject({ id: "r", role: "tool" });
    expect(now.state).toEqual({ n: 2 });
  });
});

describe("failed patches", () => {
  it("are rejected whole; later deltas still apply; seeks agree", () => {
    const events: AguiEvent[] = [
      started(),
      { type: "STATE_SNAPSHOT", snapshot: { n: 0, list: ["a"] } },
      delta({ op: "replace", path: "/n", value: 1 }),
      delta({ op: "replace", path: "/n", value: 50 }, { op: "add", path: "/list/-", value: "b" }, { op: "remove", path: "/gone" }),
      delta({ op: "replace", path: "/n", value: 2 }),
      delta({ op: "move", from: "/list", path: "/list/0/inside" }),
      delta({ op: "add", path: "/list/-", value: "c" }),
      finished(),
    ];
    const records = stream(events, 1, { end: true });
    for (const every of [1, 2, 3, 100]) {
      const replay = createReplay({ checkpointEvery: every });
      replay.append(records);
      expect(replay.stateAt(3)).toEqual({ n: 1, list: ["a"] });
      expect(replay.stateAt(4)).toEqual({ n: 1, list: ["a"] });
      expect(replay.stateAt(5)).toEqual({ n: 2, list: ["a"] });
      expect(replay.stateAt(6)).toEqual({ n: 2, list: ["a"] });
      expect(replay.stateAt(7)).toEqual({ n: 2, list: ["a", "c"] });
      const failures = replay.findingsUpTo().filter((f) => f.rule === "state/patch-failed");
      expect(failures.map((f) => [f.seq, f.opIndex, f.path])).toEqual([
        [4, 2, "/gone"],
        [6, 0, "/list/0/inside"],
      ]);
      expect(failures[0]).toMatchObject({ severity: "error" });
      expect(failures[0].message).toContain("OPERATION_PATH_UNRESOLVABLE");
      expect(replay.stats().failedDeltas).toBe(2);
    }
  });

  it("a delta before any snapshot patches the client's initial {}", () => {
    const replay = createReplay();
    replay.append(stream([started(), delta({ op: "add", path: "/a", value: 1 }), delta({ op: "add", path: "/b/c", value: 1 })]));
    expect(replay.stateAt(3)).toEqual({ a: 1 });
    expect(replay.findingsUpTo().map((f) => f.rule)).toEqual(["state/patch-failed"]);
  });
});

describe("incremental append", () => {
  it("folds live batches to the same result as one append", () => {
    const records = mixedSession();
    const whole = createReplay({ checkpointEvery: 9 });
    whole.append(records);
    const live = createReplay({ checkpointEvery: 9 });
    for (let i = 0; i < records.length; i += 4) {
      live.append(records.slice(i, i + 4));
      const seq = live.lastSeq;
      expect(live.at(seq)).toEqual(whole.at(seq));
    }
    live.append(records.slice(0, 10));
    expect(live.findingsUpTo()).toEqual(whole.findingsUpTo());
    expect(live.runs()).toEqual(whole.runs());
    expect(live.stats().records).toBe(records.length);
  });

  it("findingsUpTo is a prefix by seq", () => {
    const replay = createReplay();
    replay.append(stream([{ type: "TEXT_MESSAGE_CONTENT", messageId: "x", delta: "a" }, started(), delta(), finished(), { type: "CUSTOM", name: "n", value: 1 }]));
    expect(replay.findingsUpTo(0)).toEqual([]);
    expect(replay.findingsUpTo(1).map((f) => f.rule)).toEqual(["run/event-before-run-started", "text/not-open"]);
    expect(replay.findingsUpTo(3).map((f) => f.rule)).toContain("event/empty-delta");
    expect(replay.findingsUpTo(4).map((f) => f.rule)).not.toContain("run/event-after-run-finished");
    expect(replay.findingsUpTo().map((f) => f.rule)).toContain("run/event-after-run-finished");
  });
});

describe("runs", () => {
  it("segments a replay with several runs back to back and records each outcome", () => {
    const events: AguiEvent[] = [
      started("r1"),
      finished("r1"),
      started("r2"),
      { type: "RUN_ERROR", message: "boom", code: "E1" },
      started("r3"),
      finished("r3", { outcome: { type: "interrupt", interrupts: [{ id: "i1", reason: "confirmation" }] } }),
      started("r4"),
      finished("r4", { outcome: { type: "cancelled" } }),
      started("r5"),
      ...text("a5", "partial"),
    ];
    const replay = createReplay();
    replay.append(stream(events));
    const runs = replay.runs();
    expect(runs.map((r) => [r.runId, r.outcome, r.startSeq, r.endSeq])).toEqual([
      ["r1", "success", 1, 2],
      ["r2", "error", 3, 4],
      ["r3", "interrupt", 5, 6],
      ["r4", "cancelled", 7, 8],
      ["r5", "running", 9, undefined],
    ]);
    expect(runs[1].error).toEqual({ message: "boom", code: "E1" });
    expect(runs[2].pendingInterrupts).toEqual([{ id: "i1", reason: "confirmation" }]);
    expect(replay.pendingInterruptsAt(5)).toEqual([]);
    expect(replay.pendingInterruptsAt(6)).toEqual([{ id: "i1", reason: "confirmation" }]);
    expect(replay.pendingInterruptsAt(8)).toEqual([]);
    expect(replay.runAt(4)?.runId).toBe("r2");
    expect(replay.runAt(11)?.runId).toBe("r5");
    expect(replay.findingsUpTo().map((f) => f.rule)).toEqual(["run/error"]);

    replay.append({ seq: 13, t: 0, x, dir: "in", kind: "end", op: "run", outcome: "aborted", frames: 12 });
    expect(replay.runs()[4]).toMatchObject({ outcome: "incomplete", endSeq: 13 });
    expect(replay.findingsUpTo().map((f) => f.rule)).toContain("run/incomplete");
  });

  it("marks a run stopped by the bare RUN_FINISHED or by a stop request", () => {
    const bare = createReplay();
    bare.append(stream([started(), { type: "RUN_FINISHED" }]));
    expect(bare.runs()[0].outcome).toBe("stopped");

    const requested = createReplay();
    requested.append([
      ...stream([started(), ...text("a", "x")], 1, { x: 1 }),
      { seq: 5, t: 0, x: 2, dir: "out", kind: "request", op: "stop", method: "POST", url: "http://h/agent/a/stop/t1", transport: "rest", headers: {}, threadId: "t1" },
      { seq: 6, t: 0, x: 1, dir: "in", kind: "end", op: "run", outcome: "complete", frames: 4 },
    ]);
    expect(requested.runs()[0]).toMatchObject({ outcome: "stopped", endSeq: 6 });
    expect(requested.findingsUpTo().map((f) => f.rule)).not.toContain("run/incomplete");
  });

  it("keeps each exchange's stream apart: a new stream after a cut one is not an overlap", () => {
    const replay = createReplay();
    replay.append([
      ...stream([started("r1"), ...text("a1", "cut")], 1, { x: 1, end: true }),
      ...stream([started("r1"), ...text("a2", "again"), finished("r1")], 7, { x: 2, end: true }),
    ]);
    const rules = replay.findingsUpTo().map((f) => f.rule);
    expect(rules).toEqual(["run/incomplete"]);
    expect(replay.runs().map((r) => r.outcome)).toEqual(["incomplete", "success"]);
  });
});

describe("run requests", () => {
  it("seed the state and messages the agent starts from", () => {
    const body = (messages: unknown[], state: unknown) => ({ threadId: "t1", runId: "r", messages, state, tools: [], context: [] });
    const request = (seq: number, xx: number, b: unknown): SessionRecord => ({ seq, t: 0, x: xx, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/agent/a/run", transport: "rest", headers: {}, body: b });
    const replay = createReplay();
    replay.append([
      request(1, 1, body([{ id: "u1", role: "user", content: "hi" }], { draft: true })),
      ...stream([started("r1"), { type: "ACTIVITY_SNAPSHOT", messageId: "act", activityType: "A", content: {} }, ...text("a1", "hello"), delta({ op: "add", path: "/n", value: 1 }), finished("r1")], 2, { x: 1, end: true }),
      request(10, 2, body([{ id: "u1", role: "user", content: "hi" }, { id: "a1", role: "assistant", content: "hello" }, { id: "u2", role: "user", content: "more" }], { edited: 1 })),
    ]);
    expect(replay.stateAt(1)).toEqual({ draft: true });
    expect(replay.stateAt(8)).toEqual({ draft: true, n: 1 });
    expect(replay.stateAt(10)).toEqual({ edited: 1 });
    expect(replay.messagesAt(10).map((m) => m.id)).toEqual(["u1", "act", "a1", "u2"]);
  });
});

describe("robustness", () => {
  it("ignores unknown types and odd records without throwing", () => {
    const replay = createReplay();
    replay.append([
      ...stream([started(), { type: "SOMETHING_NEW", x: 1 }]),
      { seq: 3, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: "{oops", error: "invalid JSON" },
      { seq: 4, t: 0, x: 1, dir: "in", kind: "comment", text: "keep-alive" },
      { seq: 5, t: 0, x: 1, dir: "in", kind: "event", event: null as unknown as AguiEvent },
      ...stream([delta({ op: "add", path: "/a", value: 1 }), { type: "STATE_DELTA", delta: "nope" }, { type: "MESSAGES_SNAPSHOT", messages: "nope" }, finished()], 6),
    ]);
    expect(replay.findingsUpTo().map((f) => [f.seq, f.rule])).toEqual([
      [2, "event/unknown-type"],
      [3, "frame/unparseable"],
      [5, "frame/unparseable"],
      [7, "state/patch-failed"],
    ]);
    expect(replay.at(9)).toEqual({ seq: 9, state: { a: 1 }, messages: [] });
  });
});
