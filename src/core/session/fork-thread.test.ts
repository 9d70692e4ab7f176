import { describe, expect, it } from "vitest";
import type { AguiEvent, Message } from "../protocol/events";
import type { SessionRecord } from "./record";
import { forkInputAt } from "./fork";

const ev = (seq: number, event: AguiEvent, extra: Partial<SessionRecord> = {}): SessionRecord => ({ seq, t: 0, x: 1, dir: "in", kind: "event", event, ...extra }) as SessionRecord;

describe("forkInputAt: the thread to continue", () => {
  const records: SessionRecord[] = [
    { seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "before anything" },
    { seq: 2, t: 0, x: 1, dir: "in", kind: "comment", text: "tagged", threadId: "from-record" },
    ev(3, { type: "RUN_STARTED", threadId: "t1", runId: "r1" }),
    ev(4, { type: "RUN_FINISHED", threadId: "t1", runId: "r1" }),
    { seq: 5, t: 0, x: 1, dir: "in", kind: "comment", text: "between runs", threadId: "later-record" },
    ev(6, { type: "RUN_STARTED", threadId: "t2", runId: "r2" }),
  ];

  it("is the run's at seq, the latest run's before it, or the latest record's that named one", () => {
    // nothing up to seq 1 names a thread: the first one the session names
    expect(forkInputAt(records, 1).threadId).toBe("from-record");
    expect(forkInputAt(records, 2).threadId).toBe("from-record");
    expect(forkInputAt(records, 3).threadId).toBe("t1");
    expect(forkInputAt(records, 5).threadId).toBe("t1");
    expect(forkInputAt(records, 6).threadId).toBe("t2");
    expect(forkInputAt(records, 99)).toMatchObject({ seq: 6, threadId: "t2" });
    expect(forkInputAt(records, -3).seq).toBe(0);
  });

  it("without runs, takes the last record up to seq that names a thread", () => {
    const plain: SessionRecord[] = [
      { seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "a", threadId: "ta" },
      { seq: 2, t: 0, x: 1, dir: "in", kind: "comment", text: "b" },
      { seq: 3, t: 0, x: 1, dir: "in", kind: "comment", text: "c", threadId: "tc" },
    ];
    expect(forkInputAt(plain, 2).threadId).toBe("ta");
    expect(forkInputAt(plain, 3).threadId).toBe("tc");
    const none: SessionRecord[] = [{ seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "a" }];
    expect(forkInputAt(none)).not.toHaveProperty("threadId");
  });
});

describe("forkInputAt: pending tool calls", () => {
  it("lists the assistant's unanswered calls with their name and arguments, in order", () => {
    const assistant: Message = { id: "a", role: "assistant", toolCalls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }, { id: "c2", type: "function", function: { name: "g", arguments: '{"x":1}' } }] };
    const records: SessionRecord[] = [
      { seq: 1, t: 0, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/", transport: "agui", headers: {}, body: { threadId: "t", runId: "r", messages: [assistant, { id: "t1", role: "tool", toolCallId: "c1", content: "ok" }, { id: "u", role: "user", content: "q", toolCalls: [{ id: "c3", type: "function", function: { name: "h", arguments: "" } }] }] } },
    ];
    expect(forkInputAt(records).pendingToolCalls).toEqual([{ toolCallId: "c2", name: "g", arguments: '{"x":1}', messageId: "a" }]);
  });
});
