import { otherToolFixture } from "../../../test/other-tool-fixtures";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createReplay } from "../replay";
import type { EventRecord, SessionRecord } from "./record";
import { forkInputAt } from "./fork";
import { importText } from "./import";

const STREAMS = join(import.meta.dirname, "../../../test/fixtures/streams");
const load = (path: string) => importText(readFileSync(path, "utf8"), { now: 0 }).records;
const seqOf = (records: SessionRecord[], pred: (e: EventRecord) => boolean) => records.find((r): r is EventRecord => r.kind === "event" && pred(r))!.seq;

describe("forkInputAt", () => {
  it("lists the frontend tool call the recorded run ended waiting for", () => {
    const records = load(join(STREAMS, "frontend-tool.sse"));
    const fork = forkInputAt(records);
    expect(fork.seq).toBe(records.at(-1)!.seq);
    expect(fork.threadId).toBe("t1");
    expect(fork.pendingToolCalls).toEqual([{ toolCallId: "c1", name: "pick_colour", arguments: '{"options":["red","blue"]}', messageId: expect.any(String) }]);
    expect(fork.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(fork.pendingInterrupts).toEqual([]);
  });

  it("forks at any seq: before the call there is nothing to answer", () => {
    const records = load(join(STREAMS, "frontend-tool.sse"));
    const before = forkInputAt(records, seqOf(records, (e) => e.event.type === "TOOL_CALL_START") - 1);
    expect(before.pendingToolCalls).toEqual([]);
    expect(before.messages.map((m) => m.role)).toEqual(["user"]);
  });

  it("lists open interrupts, which a resumed run must answer", () => {
    const fork = forkInputAt(load(join(STREAMS, "interrupt.sse")));
    expect(fork.pendingInterrupts).toEqual([{ id: "i1", reason: "tool_call", toolCallId: "c1", message: "Delete /tmp/x?" }]);
    expect(fork.state).toEqual({ pending: "approval" });
    expect(fork.pendingToolCalls.map((c) => c.toolCallId)).toEqual(["c1"]);
  });

  it("takes state and thread from the replay at the cursor (DevTools capture, violation and all)", () => {
    const records = load(otherToolFixture("ag-ui-devtools-demo.agui.jsonl"));
    const firstDelta = seqOf(records, (e) => e.event.type === "STATE_DELTA");
    expect(forkInputAt(records, firstDelta).state).toEqual({ order: { id: "4417", status: "in_transit", carrier: "Northwind" }, steps: 0 });
    const run1End = seqOf(records, (e) => e.event.type === "RUN_FINISHED");
    expect(forkInputAt(records, run1End).state).toEqual({ order: { id: "4417", status: "in_transit", carrier: "Northwind" }, steps: 2 });
    expect(forkInputAt(records, run1End).messages.map((m) => m.id)).toEqual(["m_user_r_demo_1", "m_1", "m_tool_1", "m_2"]);
    // the second run's request carried its own state and messages, which the agent adopts
    const end = forkInputAt(records);
    expect(end.state).toEqual({ order: null, steps: 0 });
    expect(end.threadId).toBe("t_demo");
    expect(end.messages.map((m) => m.id)).toEqual(["m_user_r_demo_2"]);
    expect(forkInputAt(records, 1).messages.map((m) => m.id)).toEqual(["m_user_r_demo_1"]);
  });

  it("leaves out client-only activity messages, which are never sent upstream", () => {
    const records = load(join(STREAMS, "activity.sse"));
    const replay = createReplay();
    replay.append(records);
    expect(replay.messagesAt(replay.lastSeq).some((m) => m.role === "activity")).toBe(true);
    expect(forkInputAt(records).messages.some((m) => m.role === "activity")).toBe(false);
  });

  it("reuses a replay the caller already holds, with the same answer", () => {
    const records = load(join(STREAMS, "frontend-tool.sse"));
    const replay = createReplay();
    replay.append(records);
    expect(forkInputAt(records, 3, replay)).toEqual(forkInputAt(records, 3));
  });
});
