import { describe, expect, it } from "vitest";
import type { AguiEvent } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { createReplay } from "./replay";

const recs = (events: AguiEvent[], x = 1, start = 1): SessionRecord[] => events.map((event, i) => ({ seq: start + i, t: 0, x, dir: "in", kind: "event", event }));
const R = (runId = "r"): AguiEvent => ({ type: "RUN_STARTED", threadId: "t", runId });
const F = (runId = "r", extra: Record<string, unknown> = {}): AguiEvent => ({ type: "RUN_FINISHED", threadId: "t", runId, ...extra });

describe("Replay checkpoints", () => {
  it("takes a snapshot as a free checkpoint, but not more often than every 64 records", () => {
    const seen: number[] = [];
    const replay = createReplay({ checkpointEvery: 1e9, checkpointPatchOps: 1e9, onCheckpoint: (seq) => seen.push(seq) });
    const events: AguiEvent[] = [R()];
    for (let i = 0; i < 200; i++) events.push({ type: "STATE_SNAPSHOT", snapshot: { i } });
    replay.append(recs(events));
    expect(seen).toEqual([64, 128, 192]);
    expect(replay.stats().checkpointSeqs).toEqual([0, 64, 128, 192]);
    expect(replay.stateAt(100)).toEqual({ i: 98 });
  });

  it("a patched state is no free checkpoint; the patch budget and the record count still take them", () => {
    const byOps: number[] = [];
    const ops = createReplay({ checkpointEvery: 1e9, checkpointPatchOps: 3, onCheckpoint: (seq) => byOps.push(seq) });
    const events: AguiEvent[] = [R()];
    for (let i = 0; i < 100; i++) events.push({ type: "STATE_DELTA", delta: [{ op: "add", path: `/k${i}`, value: i }] });
    ops.append(recs(events));
    expect(byOps.slice(0, 3)).toEqual([4, 7, 10]);
    const byCount: number[] = [];
    const count = createReplay({ checkpointEvery: 10, checkpointPatchOps: 1e9, onCheckpoint: (seq) => byCount.push(seq) });
    count.append(recs(events));
    expect(byCount.slice(0, 3)).toEqual([10, 20, 30]);
    expect(count.stateAt(25)).toEqual(Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`k${i}`, i])));
  });
});

describe("Replay queries", () => {
  const replay = createReplay();
  replay.append(
    recs([
      R("r1"),
      { type: "TOOL_CALL_START", toolCallId: "c", toolCallName: "ask" },
      { type: "TOOL_CALL_END", toolCallId: "c" },
      F("r1", { outcome: { type: "interrupt", interrupts: [{ id: "i1", reason: "tool_call", toolCallId: "c" }] } }),
      { type: "CUSTOM", name: "between", value: 1 },
      R("r2"),
      F("r2"),
    ]),
  );

  it("finds the run at a seq, the one before it when between runs, or none before the first", () => {
    expect(replay.runAt(0)).toBeUndefined();
    expect(replay.runAt(1)?.runId).toBe("r1");
    expect(replay.runAt(4)?.runId).toBe("r1");
    // seq 5 lies between runs (and is a stray event the verifier reports)
    expect(replay.runAt(5)).toBeUndefined();
    expect(replay.runAt(7)?.runId).toBe("r2");
    expect(replay.runs().map((r) => [r.runId, r.startSeq, r.endSeq, r.outcome])).toEqual([["r1", 1, 4, "interrupt"], ["r2", 6, 7, "success"]]);
  });

  it("answers the interrupts pending after each seq, as copies", () => {
    expect(replay.pendingInterruptsAt(3)).toEqual([]);
    expect(replay.pendingInterruptsAt(4)).toEqual([{ id: "i1", reason: "tool_call", toolCallId: "c" }]);
    expect(replay.pendingInterruptsAt(6)).toEqual([{ id: "i1", reason: "tool_call", toolCallId: "c" }]);
    expect(replay.pendingInterruptsAt(7)).toEqual([]);
    replay.pendingInterruptsAt(4).pop();
    expect(replay.pendingInterruptsAt(4)).toHaveLength(1);
    replay.runs()[0].pendingInterrupts.pop();
    expect(replay.runs()[0].pendingInterrupts).toHaveLength(1);
    expect(replay.runAt(1)!.pendingInterrupts).toHaveLength(1);
  });

  it("counts what it holds", () => {
    expect(replay.stats()).toEqual({ records: 7, checkpoints: 1, checkpointSeqs: [0], findings: replay.findingsUpTo().length, failedDeltas: 0 });
    expect(replay.findingsUpTo(4).every((f) => f.seq <= 4)).toBe(true);
  });
});

describe("Replay records", () => {
  it("takes one record or a list, and ignores a seq it has already folded", () => {
    const replay = createReplay();
    const [a, b] = recs([R(), F()]);
    replay.append(a);
    replay.append([a, b, a]);
    expect(replay.lastSeq).toBe(2);
    expect(replay.stats().records).toBe(2);
    expect(replay.runs()[0].outcome).toBe("success");
  });

  it("reports an event record without an event, and a body saved mis-decoded", () => {
    const replay = createReplay();
    replay.append([
      { seq: 1, t: 0, x: 1, dir: "in", kind: "response", op: "run", status: 200, contentType: "text/event-stream", headers: {}, ms: 0, misDecoded: { as: "windows-1252", repaired: true } },
      { seq: 2, t: 0, x: 1, dir: "in", kind: "event", event: { type: 7 } as unknown as AguiEvent },
      { seq: 3, t: 0, x: 1, dir: "in", kind: "event", event: null as unknown as AguiEvent },
      { seq: 4, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: "{", error: "invalid JSON" },
    ]);
    expect(replay.findingsUpTo().map((f) => [f.seq, f.rule, f.message])).toEqual([
      [1, "import/body-repaired", "the body was saved as UTF-8 read as windows-1252; repaired on import"],
      [2, "frame/unparseable", "event record without an event object with a string type"],
      [3, "frame/unparseable", "event record without an event object with a string type"],
      [4, "frame/unparseable", "frame not decoded: invalid JSON"],
    ]);
  });
});

describe("Replay free checkpoints and streams", () => {
  const comment = (seq: number, x = 1): SessionRecord => ({ seq, t: 0, x, dir: "in", kind: "comment", text: "ka" });

  it("only a snapshot or a run request's state is a free checkpoint; other records, however many, are not", () => {
    const seen: number[] = [];
    const replay = createReplay({ checkpointEvery: 1e9, checkpointPatchOps: 1e9, onCheckpoint: (seq) => seen.push(seq) });
    const list: SessionRecord[] = [];
    for (let i = 1; i <= 70; i++) list.push(comment(i));
    list.push(...recs([R(), ...Array.from({ length: 70 }, (): AguiEvent => ({ type: "CUSTOM", name: "n", value: 1 }))], 1, 71));
    list.push({ seq: 142, t: 0, x: 1, dir: "out", kind: "request", op: "connect", method: "POST", url: "http://h/", transport: "agui", headers: {}, body: { state: { c: 1 } } });
    list.push({ seq: 143, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: "{", error: "bad" });
    expect(seen).toEqual([]);
    replay.append(list);
    expect(seen).toEqual([]);
    replay.append({ seq: 144, t: 0, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/", transport: "agui", headers: {}, body: { state: { s: 1 } } });
    expect(seen).toEqual([144]);
    expect(replay.stateAt(144)).toEqual({ s: 1 });
  });

  it("a run or connect request starts its exchange's stream checks afresh; a stop request does not", () => {
    const request = (seq: number, op: "run" | "connect" | "stop"): SessionRecord => ({ seq, t: 0, x: 1, dir: "out", kind: "request", op, method: "POST", url: "http://h/", transport: "agui", headers: {}, body: {} });
    const text = (seq: number): SessionRecord => ({ seq, t: 0, x: 1, dir: "in", kind: "event", event: { type: "TEXT_MESSAGE_START", messageId: `m${seq}` } });
    const rulesAfter = (op: "run" | "connect" | "stop") => {
      const replay = createReplay();
      replay.append([...recs([R(), F()]), request(3, op), text(4)]);
      return replay.findingsUpTo().filter((f) => f.seq === 4).map((f) => f.rule);
    };
    expect(rulesAfter("run")).toEqual(["run/event-before-run-started"]);
    expect(rulesAfter("connect")).toEqual(["run/event-before-run-started"]);
    expect(rulesAfter("stop")).toEqual(["run/event-after-run-finished"]);
  });
});
