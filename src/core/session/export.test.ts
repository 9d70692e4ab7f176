import { describe, expect, it } from "vitest";
import { createHeader } from "./file";
import type { EventRecord, SessionRecord } from "./record";
import { exportHeader, exportLines, exportSession, redactRecord, selectRecords } from "./export";
import { importText } from "./import";

const header = createHeader({ id: "orig", createdAt: "2026-01-01T00:00:00.000Z", name: "demo" });
const input = (runId: string) => ({ threadId: "t", runId, state: { plan: "plan B", n: 3, ok: true, list: [{ a: "x" }], none: null }, messages: [{ id: "u", role: "user", content: "my card is 4111" }, { id: "u2", role: "user", content: [{ type: "text", text: "see pic" }, { type: "image", source: { type: "data", value: "QUJD", mimeType: "image/png" } }] }], tools: [], context: [] });
const records: SessionRecord[] = [
  { seq: 1, t: 1, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://h/r/agent/a/run?api_key=k1", transport: "rest", headers: { Authorization: "Bearer abc", "X-Trace": "1" }, body: input("r1"), runId: "r1" },
  { seq: 2, t: 2, x: 1, dir: "in", kind: "response", op: "run", status: 200, contentType: "text/event-stream", headers: { "set-cookie": "s=1" }, ms: 3, runId: "r1" },
  { seq: 3, t: 3, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r1", input: input("r1") }, runId: "r1" },
  { seq: 4, t: 4, x: 1, dir: "in", kind: "event", event: { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "your card 4111 is" }, raw: '{"type":"TEXT_MESSAGE_CONTENT","messageId":"m","delta":"your card 4111 is" }', runId: "r1" },
  { seq: 5, t: 5, x: 1, dir: "in", kind: "event", event: { type: "STATE_DELTA", delta: [{ op: "replace", path: "/plan", value: "plan C" }, { op: "remove", path: "/n" }] }, runId: "r1" },
  { seq: 6, t: 6, x: 1, dir: "in", kind: "bad-frame", raw: "card 4111", error: "invalid JSON", runId: "r1" },
  { seq: 7, t: 7, x: 1, dir: "in", kind: "end", op: "run", outcome: "complete", frames: 4, runId: "r1" },
  { seq: 8, t: 8, x: 2, dir: "in", kind: "comment", text: "keep-alive" },
  { seq: 9, t: 9, x: 2, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r2" }, runId: "r2" },
  { seq: 10, t: 10, x: 2, dir: "in", kind: "event", event: { type: "TOOL_CALL_RESULT", messageId: "tr", toolCallId: "c", content: "balance 100" }, runId: "r2" },
  { seq: 11, t: 11, x: 2, dir: "in", kind: "event", event: { type: "STATE_SNAPSHOT", snapshot: { user: { name: "Ann", age: 40 } } }, runId: "r2" },
  { seq: 12, t: 12, x: 2, dir: "in", kind: "event", event: { type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", content: "hi Ann", toolCalls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] }] }, runId: "r2" },
  { seq: 13, t: 13, x: 2, dir: "in", kind: "end", op: "run", outcome: "complete", frames: 4 },
];

const eventOf = (r: SessionRecord) => (r as EventRecord).event;

describe("selectRecords", () => {
  it("selects a run with the untagged records of its exchange, a range, or chosen seqs, keeping seqs", () => {
    expect(selectRecords(records, { kind: "run", runId: "r2" }).map((r) => r.seq)).toEqual([8, 9, 10, 11, 12, 13]);
    expect(selectRecords(records, { kind: "run", runId: "r1" }).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(selectRecords(records, { kind: "range", from: 4, to: 6 }).map((r) => r.seq)).toEqual([4, 5, 6]);
    expect(selectRecords(records, { kind: "seqs", seqs: [13, 2] }).map((r) => r.seq)).toEqual([2, 13]);
    expect(selectRecords(records)).toEqual(records);
  });
});

describe("export redaction", () => {
  it("always redacts header secrets and URL keys, idempotently", () => {
    const once = redactRecord(records[0]);
    expect(once).toMatchObject({ url: "http://h/r/agent/a/run?api_key=%5Bredacted%5D", headers: { Authorization: "[redacted]", "X-Trace": "1" } });
    expect(redactRecord(once)).toEqual(once);
    expect(redactRecord(records[1])).toMatchObject({ headers: { "set-cookie": "[redacted]" } });
    expect(redactRecord(records[3])).toBe(records[3]);
  });

  it("masks message text everywhere it travels, and drops raw text that would give it back", () => {
    const text = exportSession(header, records, { redact: { messageText: true } });
    expect(text).not.toMatch(/4111|see pic|QUJD|balance 100|hi Ann/);
    const back = importText(text).records;
    expect(back[3]).toEqual({ seq: 4, t: 4, x: 1, dir: "in", kind: "event", event: { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "[redacted]" }, runId: "r1" });
    expect(back[5]).toMatchObject({ kind: "bad-frame", raw: "[redacted]", error: "invalid JSON" });
    // structure survives: ids, roles, tool calls; state untouched
    expect((back[11] as { event: unknown }).event).toEqual({ type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", content: "[redacted]", toolCalls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] }] });
    expect((back[0] as { body: { state: unknown; messages: unknown[] } }).body.state).toEqual(input("r1").state);
    expect((back[0] as { body: { messages: unknown[] } }).body.messages[1]).toEqual({ id: "u2", role: "user", content: [{ type: "text", text: "[redacted]" }, { type: "image", source: { type: "data", value: "[redacted]", mimeType: "image/png" } }] });
  });

  it("masks state values by type, keeping keys and patch paths", () => {
    const back = importText(exportSession(header, records, { redact: { stateValues: true } })).records;
    const masked = { plan: "[redacted]", n: 0, ok: false, list: [{ a: "[redacted]" }], none: null };
    expect((back[0] as { body: { state: unknown } }).body.state).toEqual(masked);
    expect((eventOf(back[2]).input as { state: unknown }).state).toEqual(masked);
    expect((back[4] as { event: unknown }).event).toEqual({ type: "STATE_DELTA", delta: [{ op: "replace", path: "/plan", value: "[redacted]" }, { op: "remove", path: "/n" }] });
    expect((back[10] as { event: unknown }).event).toEqual({ type: "STATE_SNAPSHOT", snapshot: { user: { name: "[redacted]", age: 0 } } });
    expect(eventOf(back[3]).delta).toBe("your card 4111 is");
  });

  it("masks the input inside a single-route envelope", () => {
    const envelope: SessionRecord = { ...records[0], transport: "single", body: { method: "agent/run", params: { agentId: "a" }, body: input("r1") } } as SessionRecord;
    const out = redactRecord(envelope, { messageText: true, stateValues: true }) as { body: { method: string; body: { messages: { content: unknown }[]; state: { plan: string } } } };
    expect(out.body.method).toBe("agent/run");
    expect(out.body.body.messages[0].content).toBe("[redacted]");
    expect(out.body.body.state.plan).toBe("[redacted]");
  });
});

describe("tool-call arguments", () => {
  it("are message text: argument fragments are emptied and recorded calls keep their shape", () => {
    const args: SessionRecord = { seq: 1, t: 1, x: 1, dir: "in", kind: "event", event: { type: "TOOL_CALL_ARGS", toolCallId: "c", delta: '{"card":"4111"}' } };
    const snapshot: SessionRecord = { seq: 2, t: 2, x: 1, dir: "in", kind: "event", event: { type: "MESSAGES_SNAPSHOT", messages: [{ id: "a", role: "assistant", toolCalls: [{ id: "c", type: "function", function: { name: "pay", arguments: '{"card":"4111"}' } }] }] } };
    const [a, b] = [args, snapshot].map((r) => redactRecord(r, { messageText: true }) as EventRecord);
    expect(a.event).toEqual({ type: "TOOL_CALL_ARGS", toolCallId: "c", delta: "" });
    expect(b.event.messages).toEqual([{ id: "a", role: "assistant", toolCalls: [{ id: "c", type: "function", function: { name: "pay", arguments: "{}" } }] }]);
    expect(redactRecord(args, { stateValues: true })).toEqual(args);
  });
});

describe("export header", () => {
  it("records the redaction, keeps what the source had redacted, and gives partial exports a new id", () => {
    expect(exportHeader(header)).toEqual(header);
    const h = exportHeader({ ...header, redaction: { headers: true, stateValues: true } }, { redact: { messageText: true }, name: "bug 12" });
    expect(h.redaction).toEqual({ headers: true, messageText: true, stateValues: true });
    expect(h.name).toBe("bug 12");
    expect(h.id).not.toBe("orig");
    expect(exportHeader(header, { select: { kind: "run", runId: "r1" } }).id).not.toBe("orig");
  });

  it("streams large sessions in batches of lines", () => {
    const many: SessionRecord[] = Array.from({ length: 2500 }, (_, i) => ({ seq: i + 1, t: 0, x: 1, dir: "in", kind: "comment", text: `c${i}` }));
    const parts = [...exportLines(header, many)];
    expect(parts).toHaveLength(1 + 3);
    expect(importText(parts.join("")).records).toEqual(many);
  });
});
