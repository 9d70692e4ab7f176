import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { FULL, ReplayCore, type CoreEnv, type CoreMode, type CoreSnapshot } from "./core";
import type { RuleId } from "./rules";

// The fold a seek re-runs, driven directly: modes, checkpoints (snapshot and restore), requests,
// ends, and failed deltas.

const STATE_ONLY: CoreMode = { state: true, messages: false };
const MESSAGES_ONLY: CoreMode = { state: false, messages: true };

let seq = 0;
const ev = (event: AguiEvent, x = 1): SessionRecord => ({ seq: ++seq, t: 0, x, dir: "in", kind: "event", event });
const request = (op: "run" | "connect" | "stop", body: unknown, x = 1): SessionRecord => ({ seq: ++seq, t: 0, x, dir: "out", kind: "request", op, method: "POST", url: "http://h/", transport: "agui", headers: {}, body });
const end = (x = 1): SessionRecord => ({ seq: ++seq, t: 0, x, dir: "in", kind: "end", op: "run", outcome: "complete", frames: 0 });

function env(overrides: Partial<CoreEnv> = {}) {
  const findings: { rule: RuleId; message: string }[] = [];
  const applied: string[] = [];
  const e: CoreEnv = {
    report: (rule, message) => void findings.push({ rule, message }),
    failedDeltas: new Set(),
    stateBefore: () => ({ restored: true }),
    applied: (event) => void applied.push(event.type),
    ...overrides,
  };
  return { env: e, findings, applied };
}

function core(mode: CoreMode = FULL, from?: CoreSnapshot, overrides: Partial<CoreEnv> = {}) {
  const e = env(overrides);
  return { ...e, core: new ReplayCore(e.env, mode, from) };
}

const chunk = (delta: string, extra: Partial<AguiEvent> = {}): AguiEvent => ({ type: "TEXT_MESSAGE_CHUNK", delta, ...extra });

describe("ReplayCore modes", () => {
  it("a state-only fold keeps no messages, and a messages-only fold no state", () => {
    const events = [
      request("run", { state: { seeded: 1 }, messages: [{ id: "u", role: "user", content: "q" }] }),
      ev({ type: "STATE_SNAPSHOT", snapshot: { a: 1 } }),
      ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/b", value: 2 }] }),
      ev({ type: "TEXT_MESSAGE_START", messageId: "m" }),
      ev({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "hi" }),
    ];
    const state = core(STATE_ONLY);
    const messages = core(MESSAGES_ONLY);
    for (const r of events) {
      state.core.apply(r);
      messages.core.apply(r);
    }
    expect(state.core.state).toEqual({ a: 1, b: 2 });
    expect(state.core.conv.length).toBe(0);
    expect(messages.core.state).toEqual({});
    expect(messages.core.conv.snapshot()).toEqual([{ id: "u", role: "user", content: "q" }, { id: "m", role: "assistant", content: "hi" }]);
  });

  it("a checkpoint restored in one mode takes only that half", () => {
    const full = core();
    full.core.apply(ev({ type: "STATE_SNAPSHOT", snapshot: { a: 1 } }));
    full.core.apply(ev({ type: "TEXT_MESSAGE_START", messageId: "m", role: "assistant" }));
    const snap = full.core.snapshot();
    expect(core(STATE_ONLY, snap).core.conv.length).toBe(0);
    expect(core(STATE_ONLY, snap).core.state).toEqual({ a: 1 });
    expect(core(MESSAGES_ONLY, snap).core.state).toEqual({});
    expect(core(MESSAGES_ONLY, snap).core.conv.snapshot()).toEqual([{ id: "m", role: "assistant", content: "" }]);
  });
});

describe("ReplayCore checkpoints", () => {
  it("keeps the state's source while it is pristine and its JSON once a delta changed it", () => {
    const { core: c } = core();
    expect(c.statePristine).toBe(true);
    const value = { a: 1 };
    c.apply(ev({ type: "STATE_SNAPSHOT", snapshot: value }));
    expect(c.statePristine).toBe(true);
    const pristine = c.snapshot();
    expect(pristine.stateSource?.value).toBe(value);
    expect(pristine.stateJson).toBeUndefined();
    c.apply(ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/b", value: 2 }] }));
    expect(c.statePristine).toBe(false);
    expect(c.patchOps).toBe(1);
    const patched = c.snapshot();
    expect(patched.stateSource).toBeUndefined();
    expect(patched.stateJson).toBe('{"a":1,"b":2}');
    // the recorded snapshot value is never written to
    expect(value).toEqual({ a: 1 });
  });

  it("restores from a source (pristine), from JSON, from a parsed warm copy (neither pristine), or from no state at all", () => {
    const fromSource = core(FULL, { stateSource: { value: { s: 1 } }, messages: [], streams: new Map() }).core;
    expect([fromSource.state, fromSource.statePristine]).toEqual([{ s: 1 }, true]);
    const fromJson = core(FULL, { stateJson: '{"j":1}', messages: [], streams: new Map() }).core;
    expect([fromJson.state, fromJson.statePristine]).toEqual([{ j: 1 }, false]);
    const warmValue = { w: 1 };
    const fromWarm = core(FULL, { stateJson: '{"w":1}', stateWarm: { value: warmValue }, messages: [], streams: new Map() }).core;
    expect([fromWarm.state, fromWarm.statePristine]).toEqual([{ w: 1 }, false]);
    expect(fromWarm.state).not.toBe(warmValue);
    const none = core(FULL, { messages: [], streams: new Map() }).core;
    expect(none.state).toBeUndefined();
    // a later delta on a restored state leaves the checkpoint's copies alone
    fromWarm.apply(ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/x", value: 1 }] }));
    expect(warmValue).toEqual({ w: 1 });
  });

  it("carries open chunk streams and thinking ids through a checkpoint, and only the streams that hold something", () => {
    const events = [
      ev(chunk("a", { messageId: "m1" }), 1),
      ev({ type: "THINKING_START" }, 2),
      ev({ type: "THINKING_TEXT_MESSAGE_START" }, 3),
      ev({ type: "RUN_STARTED", threadId: "t", runId: "r" }, 4),
    ];
    const rest = [ev(chunk("b"), 1), ev({ type: "THINKING_END" }, 2), ev({ type: "THINKING_TEXT_MESSAGE_CONTENT", delta: "why" }, 3), ev({ type: "THINKING_TEXT_MESSAGE_END" }, 3)];
    const straight = core();
    for (const r of [...events, ...rest]) straight.core.apply(r);
    const first = core();
    for (const r of events) first.core.apply(r);
    const snap = first.core.snapshot();
    expect([...snap.streams.keys()]).toEqual([1, 2, 3]);
    const resumed = core(FULL, snap);
    for (const r of rest) resumed.core.apply(r);
    expect(resumed.core.conv.snapshot()).toEqual(straight.core.conv.snapshot());
    expect(resumed.findings).toEqual(straight.findings);
    expect(resumed.applied).toEqual(straight.applied.slice(-resumed.applied.length));
    // the checkpoint's streams are not the live ones
    first.core.apply(ev(chunk("late"), 1));
    expect(snap.streams.get(1)!.lanes.get(undefined)!.id).toBe("m1");
    const again = core(FULL, snap);
    for (const r of rest) again.core.apply(r);
    expect(again.core.conv.snapshot()).toEqual(straight.core.conv.snapshot());
  });
});

describe("ReplayCore records", () => {
  it("a run request seeds state and messages; connect and stop do not; run and connect start the exchange's streams afresh", () => {
    const { core: c, findings } = core();
    c.apply(ev(chunk("a", { messageId: "m1" })));
    c.apply(request("stop", { state: { no: 1 } }));
    c.apply(ev(chunk("b")));
    expect(c.conv.snapshot()).toEqual([{ id: "m1", role: "assistant", content: "ab" }]);
    c.apply(request("connect", { state: { no: 2 }, messages: "not a list" }));
    expect(c.state).toEqual({});
    c.apply(ev(chunk("c")));
    expect(findings.map((f) => f.rule)).toEqual(["chunk/missing-id"]);
    c.apply(request("run", { state: { seeded: true }, messages: [{ id: "u", role: "user", content: "q" }] }));
    expect(c.state).toEqual({ seeded: true });
    // like a MESSAGES_SNAPSHOT: the input's messages replace the conversation
    expect(c.conv.snapshot().map((m) => m.id)).toEqual(["u"]);
    c.apply(request("run", undefined));
    c.apply(request("run", { messages: [{ id: "u", role: "user", content: "q" }] }));
    expect(c.state).toEqual({ seeded: true });
  });

  it("an end closes the exchange's streams; other records change nothing", () => {
    const { core: c, findings } = core();
    c.apply(ev(chunk("a", { messageId: "m1" })));
    const before = c.snapshot();
    c.apply({ seq: ++seq, t: 0, x: 1, dir: "in", kind: "response", op: "run", status: 200, contentType: "text/event-stream", headers: {}, ms: 0 });
    c.apply({ seq: ++seq, t: 0, x: 1, dir: "in", kind: "comment", text: "ka" });
    c.apply({ seq: ++seq, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: "{", error: "bad" });
    expect(c.snapshot()).toEqual(before);
    c.apply(end());
    c.apply(ev(chunk("b")));
    expect(findings.map((f) => f.rule)).toEqual(["chunk/missing-id"]);
  });

  it("does not apply an event without a known type, nor tell anyone it did", () => {
    const { core: c, applied } = core();
    c.apply(ev({ type: "FANCY" }));
    c.apply({ seq: ++seq, t: 0, x: 1, dir: "in", kind: "event", event: null as unknown as AguiEvent });
    c.apply({ seq: ++seq, t: 0, x: 1, dir: "in", kind: "event", event: { type: 5 } as unknown as AguiEvent });
    expect(applied).toEqual([]);
    expect(c.conv.length).toBe(0);
  });

  it("opens a text message as assistant unless told otherwise, and ends reasoning messages with their metadata", () => {
    const { core: c } = core();
    c.apply(ev({ type: "TEXT_MESSAGE_START", messageId: "m" }));
    c.apply(ev({ type: "REASONING_MESSAGE_START", messageId: "r", role: "reasoning" }));
    c.apply(ev({ type: "REASONING_MESSAGE_END", messageId: "r", metadata: { done: true } }));
    expect(c.conv.snapshot()).toEqual([
      { id: "m", role: "assistant", content: "" },
      { id: "r", role: "reasoning", content: "", metadata: { done: true } },
    ]);
  });
});

describe("ReplayCore failed deltas", () => {
  it("skips a delta already known to fail, without looking at it again", () => {
    const { core: c, findings } = core(FULL, undefined, { failedDeltas: new Set([seq + 1]) });
    c.apply(ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/a", value: 1 }] }));
    expect(c.state).toEqual({});
    expect(findings).toEqual([]);
  });

  it("restores the state before a delta that failed half-way, and only then", () => {
    const calls: number[] = [];
    const { core: c, findings, env: e } = core(FULL, undefined, { stateBefore: (s) => (calls.push(s), { restored: s }) });
    c.apply(ev({ type: "STATE_SNAPSHOT", snapshot: { a: 1 } }));
    c.apply(ev({ type: "STATE_DELTA", delta: [{ op: "test", path: "/a", value: 1 }, { op: "remove", path: "/zz" }] }));
    expect(calls).toEqual([]);
    expect(c.state).toEqual({ a: 1 });
    const dirty = ev({ type: "STATE_DELTA", delta: [{ op: "add", path: "/b", value: 1 }, { op: "remove", path: "/zz" }] });
    c.apply(dirty);
    expect(calls).toEqual([dirty.seq]);
    expect(c.state).toEqual({ restored: dirty.seq });
    expect(e.failedDeltas.has(dirty.seq)).toBe(true);
    expect(findings.map((f) => f.message)).toEqual([
      'STATE_DELTA rejected: op 1 at "/zz" Cannot perform the operation at a path that does not exist (OPERATION_PATH_UNRESOLVABLE); state unchanged',
      'STATE_DELTA rejected: op 1 at "/zz" Cannot perform the operation at a path that does not exist (OPERATION_PATH_UNRESOLVABLE); state unchanged',
    ]);
  });

  it("says what it can of a delta that is no patch or holds an op that is no object", () => {
    const { core: c, findings } = core();
    c.apply(ev({ type: "STATE_DELTA", delta: { op: "add" } }));
    c.apply(ev({ type: "STATE_DELTA", delta: ["nope"] }));
    expect(findings).toEqual([
      { rule: "state/patch-failed", message: "STATE_DELTA rejected: the patch is not an array of operations; state unchanged" },
      { rule: "state/patch-failed", message: "STATE_DELTA rejected: op 0 Operation is not an object (OPERATION_NOT_AN_OBJECT); state unchanged" },
    ]);
  });
});
