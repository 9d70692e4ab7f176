import { describe, expect, it } from "vitest";
import { compare } from "fast-json-patch";
import { createPlayback, MAX_GAP_MS } from "./playback";
import { beforeAfter, comparePoints, createComparePicks } from "./state-diff";
import { findJump } from "./jumps";
import { createToolsModel, parseTool, toolsKey } from "./tools";
import { createInputHistory, HISTORY_LIMIT } from "./input-history";
import { memoryPrefs } from "./prefs";
import { signal } from "@preact/signals";
import { createSessionView } from "./session-view";
import type { SessionRecord } from "../core/session/record";
import { buildRunInput } from "../core/transport/input";

function manualClock() {
  const queue: { fn: () => void; ms: number }[] = [];
  return {
    clock: { schedule: (fn: () => void, ms: number) => (queue.push({ fn, ms }), () => void queue.splice(queue.findIndex((q) => q.fn === fn), 1)) },
    queue,
    next() {
      const q = queue.shift();
      q?.fn();
      return q?.ms;
    },
  };
}

const ev = (seq: number, t: number, event: Record<string, unknown>, threadId = "th"): SessionRecord => ({ seq, t, x: 1, dir: "in", kind: "event", threadId, runId: "r1", event: event as never });

/** A run on one thread: snapshot, text, two deltas, a tool call and the end. */
function sampleRecords(): SessionRecord[] {
  return [
    ev(1, 1000, { type: "RUN_STARTED", threadId: "th", runId: "r1" }),
    ev(2, 1010, { type: "STATE_SNAPSHOT", snapshot: { counter: 0, items: [], last: null } }),
    ev(3, 1100, { type: "TEXT_MESSAGE_START", messageId: "m1", role: "assistant" }),
    ev(4, 1150, { type: "TEXT_MESSAGE_CONTENT", messageId: "m1", delta: "hi" }),
    ev(5, 1160, { type: "TEXT_MESSAGE_END", messageId: "m1" }),
    ev(6, 1400, { type: "STATE_DELTA", delta: [{ op: "replace", path: "/counter", value: 1 }, { op: "add", path: "/items/-", value: { text: "a" } }] }),
    ev(7, 9000, { type: "TOOL_CALL_START", toolCallId: "c1", toolCallName: "lookup", parentMessageId: "m1" }),
    ev(8, 9010, { type: "TOOL_CALL_END", toolCallId: "c1" }),
    ev(9, 9020, { type: "STATE_DELTA", delta: [{ op: "replace", path: "/last", value: "a" }, { op: "remove", path: "/items/0" }] }),
    ev(10, 9030, { type: "RUN_FINISHED", threadId: "th", runId: "r1" }),
  ];
}

function target(records: SessionRecord[]) {
  const cursor = signal(records[0].seq);
  const visited: number[] = [];
  return {
    visited,
    cursor,
    target: {
      seqs: () => records.map((r) => r.seq),
      timeOf: (seq: number) => records.find((r) => r.seq === seq)!.t,
      cursor: () => cursor.value,
      select: (seq: number) => ((cursor.value = seq), visited.push(seq)),
    },
  };
}

describe("playback", () => {
  it("visits every row in order, waiting recorded time ÷ speed (long gaps shortened), and stops at the end", () => {
    const records = sampleRecords();
    const t = target(records);
    const c = manualClock();
    const p = createPlayback(t.target, c.clock);
    p.setSpeed(2);
    p.play();
    expect(p.playing.value).toBe(true);
    const waits: number[] = [];
    while (c.queue.length) waits.push(c.next()!);
    expect(t.visited).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(waits).toEqual([5, 45, 25, 5, 120, MAX_GAP_MS / 2, 5, 5, 5]);
    expect(p.playing.value).toBe(false);
    expect(t.cursor.value).toBe(10);
  });

  it("plays a range only, restarts from its start when at its end, and pauses", () => {
    const records = sampleRecords();
    const t = target(records);
    const c = manualClock();
    const p = createPlayback(t.target, c.clock);
    p.range.value = { from: 3, to: 6 };
    p.setSpeed(0.25);
    p.play();
    expect(t.cursor.value).toBe(3);
    expect(c.next()).toBe(200);
    c.next();
    p.pause();
    expect(c.queue).toHaveLength(0);
    expect(t.visited).toEqual([3, 4, 5]);
    p.play();
    while (c.queue.length) c.next();
    expect(t.visited).toEqual([3, 4, 5, 6]);
    expect(p.playing.value).toBe(false);
    p.play();
    expect(t.cursor.value).toBe(3);
    p.pause();
    expect(() => p.setSpeed(16)).toThrow(/Speed must be one of/);
  });
});

describe("jumps", () => {
  const records = sampleRecords();
  const seqs = records.map((r) => r.seq);
  const at = (seq: number) => records.find((r) => r.seq === seq);
  it("find the next and previous state change, message, tool call and event of a type", () => {
    expect(findJump(seqs, at, 1, 1, "state")).toBe(2);
    expect(findJump(seqs, at, 2, 1, "state")).toBe(6);
    expect(findJump(seqs, at, 9, -1, "state")).toBe(6);
    expect(findJump(seqs, at, 9, 1, "state")).toBeNull();
    expect(findJump(seqs, at, 1, 1, "message")).toBe(3);
    expect(findJump(seqs, at, 1, 1, "tool")).toBe(7);
    expect(findJump(seqs, at, 10, -1, "tool")).toBe(7);
    expect(findJump(seqs, at, 4, 1, "type", "TOOL_CALL_END")).toBe(8);
    expect(findJump(seqs, at, 4, -1, "type", "TOOL_CALL_END")).toBeNull();
  });
});

describe("diffs", () => {
  const view = createSessionView();
  view.append(sampleRecords());
  const at = (seq: number) => view.forkAt(seq);

  it("the two-event diff equals fast-json-patch's compare of the two states (and of the messages)", () => {
    for (const [a, b] of [[2, 9], [6, 9], [9, 2], [2, 2]] as const) {
      const r = comparePoints(at, a, b);
      expect(r.state).toEqual(compare(at(a).state as object, at(b).state as object));
      expect(r.messages).toEqual(compare(at(a).messages, at(b).messages));
    }
    expect(comparePoints(at, 2, 9).state.length).toBeGreaterThan(0);
    expect(comparePoints(at, 2, 5).messages.length).toBeGreaterThan(0);
  });

  it("picks recompute when both are set and clear together", () => {
    const picks = createComparePicks(at, view.version);
    expect(picks.result.value).toBeNull();
    picks.a.value = 2;
    picks.b.value = 6;
    expect(picks.result.value?.state).toEqual(compare({ counter: 0, items: [], last: null }, { counter: 1, items: [{ text: "a" }], last: null }));
    picks.clear();
    expect(picks.result.value).toBeNull();
  });

  it("before → after for every path an event changed", () => {
    const before = at(6).state;
    const after = at(9).state;
    const changes = beforeAfter(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { op: "replace", path: "/last", before: null, after: "a" },
        { op: "remove", path: "/items/0", before: { text: "a" }, after: undefined },
      ]),
    );
    expect(changes).toHaveLength(compare(before as object, after as object).length);
    expect(beforeAfter(undefined, { a: 1 })).toEqual([{ op: "add", path: "/a", before: undefined, after: 1 }]);
  });
});

describe("tools per runtime and agent", () => {
  it("are checked as typed: a name, a description and a schema object", () => {
    expect(parseTool("", "d", "{}").error).toMatch(/Name/);
    expect(parseTool("ok", " ", "{}").error).toMatch(/Description/);
    expect(parseTool("ok", "d", "{nope").error).toMatch(/not valid JSON/);
    expect(parseTool("ok", "d", "[1]").error).toMatch(/JSON Schema object/);
    expect(parseTool(" ok ", " d ", '{"type":"object"}').tool).toEqual({ name: "ok", description: "d", parameters: { type: "object" } });
  });

  it("are kept per runtime URL (without secrets) and agent, and survive a new model (a reload)", () => {
    const prefs = memoryPrefs();
    const url = signal("http://127.0.0.1:9/rest?api_key=s3cret");
    const agent = signal<string | null>("frontend-tool");
    const tools = createToolsModel(prefs, { runtimeUrl: () => url.value, agentId: () => agent.value });
    tools.put({ name: "confirm", description: "Confirm", parameters: { type: "object" } });
    tools.put({ name: "confirm", description: "Confirm it", parameters: { type: "object" } });
    expect(tools.list.value.map((t) => t.description)).toEqual(["Confirm it"]);
    expect(JSON.stringify(prefs.data)).not.toContain("s3cret");
    agent.value = "other";
    expect(tools.list.value).toEqual([]);
    url.value = "http://127.0.0.1:10/rest";
    agent.value = "frontend-tool";
    expect(tools.list.value).toEqual([]);
    url.value = "http://127.0.0.1:9/rest?api_key=s3cret";
    const again = createToolsModel(prefs, { runtimeUrl: () => url.value, agentId: () => agent.value });
    expect(again.list.value.map((t) => t.name)).toEqual(["confirm"]);
    again.remove("confirm");
    expect(tools.list.value).toEqual(prefs.get(toolsKey(url.value, "frontend-tool")));
  });
});

describe("input history", () => {
  it("keeps every input sent per agent, newest first, up to the limit, across a reload", () => {
    const prefs = memoryPrefs();
    const h = createInputHistory(prefs, () => 5);
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) h.add("a", buildRunInput({ threadId: `t${i}` }));
    h.add("b", buildRunInput({ threadId: "tb" }));
    const again = createInputHistory(prefs);
    expect(again.forAgent("a")).toHaveLength(HISTORY_LIMIT);
    expect(again.forAgent("a")[0].input.threadId).toBe(`t${HISTORY_LIMIT + 2}`);
    expect(again.forAgent("b").map((e) => e.input.threadId)).toEqual(["tb"]);
    expect(again.forAgent(null)).toEqual([]);
  });

  it("survives whatever else is stored under its keys (and so do the tools)", () => {
    const prefs = memoryPrefs({ "input-history": { a: "nope", b: [{ at: 1, agentId: "b", input: { messages: [] } }, { at: "x" }, null] }, [toolsKey("http://h/", "a")]: { name: "x" } });
    expect(createInputHistory(prefs).forAgent("a")).toEqual([]);
    expect(createInputHistory(prefs).forAgent("b")).toHaveLength(1);
    expect(createInputHistory(memoryPrefs({ "input-history": [1, 2] })).all.value).toEqual({});
    const tools = createToolsModel(prefs, { runtimeUrl: () => "http://h/", agentId: () => "a" });
    expect(tools.list.value).toEqual([]);
    prefs.set(toolsKey("http://h/", "a"), [{ name: "ok", description: "d" }, { name: 3 }, null]);
    expect(createToolsModel(prefs, { runtimeUrl: () => "http://h/", agentId: () => "a" }).list.value).toEqual([{ name: "ok", description: "d" }]);
  });
});
