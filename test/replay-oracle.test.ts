import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { importText } from "../src/core/session/import";
import { encodeSessionFile, createHeader } from "../src/core/session/file";
import type { Message } from "../src/core/protocol/events";
import type { RequestRecord, SessionRecord } from "../src/core/session/record";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { clientFold, compareExchanges, eventsOf, fixtureCases, fixtureRecords, fixtureText, ourFold, plain, STREAMS } from "./replay-helpers";

// The oracle: for valid streams, the fold's final messages and state equal what
// @ag-ui/client's own pipeline computes from the same events, run side by side here.
// The fold follows 1.0.0; where 0.0.59 (CopilotKit 1.75's client) differs, the difference is
// asserted explicitly (see docs/replay-rules.md).

const VALID = fixtureCases(STREAMS, ".sse").filter((name) => !fixtureText(name).startsWith(": not-valid"));
/** Findings a valid stream may still carry: the client tolerates these and goes on. */
const TOLERATED_ERRORS = new Set(["state/patch-failed", "activity/patch-failed"]);


/** THINKING_* get random ids in the client and seq-derived ones here; compare them by position. */
function maskReasoningIds(messages: Message[]): Message[] {
  let n = 0;
  return messages.map((m) => (m.role === "reasoning" ? { ...m, id: `reasoning#${n++}` } : m));
}

describe("oracle: @ag-ui/client 1.0.0", () => {
  it("has valid fixtures to compare", () => {
    expect(VALID.length).toBeGreaterThanOrEqual(14);
  });

  for (const name of VALID) {
    it(`${name}: same final messages, state and pending interrupts`, async () => {
      const records = fixtureRecords(name);
      const replay = ourFold(records);
      const ours = replay.at(replay.lastSeq);
      const client = await clientFold(eventsOf(records), "1.0.0");
      expect(client.error).toBeUndefined();
      const mask = name === "thinking.sse" ? maskReasoningIds : (m: Message[]) => m;
      expect(plain(mask(ours.messages))).toEqual(plain(mask(client.messages)));
      expect(plain(ours.state)).toEqual(plain(client.state));
      expect(replay.pendingInterruptsAt(replay.lastSeq)).toEqual(plain(client.pendingInterrupts));
      const errors = replay.findingsUpTo().filter((f) => f.severity === "error" && !TOLERATED_ERRORS.has(f.rule));
      expect(errors).toEqual([]);
    });
  }
});

describe("oracle: @ag-ui/client 0.0.59", () => {
  it("has valid fixtures to compare", () => {
    expect(VALID.length).toBeGreaterThanOrEqual(14);
  });

  for (const name of VALID) {
    it(`${name}: agrees with the 0.0.59 pipeline, THINKING_* aside`, async () => {
      const records = fixtureRecords(name);
      const replay = ourFold(records);
      const ours = replay.at(replay.lastSeq);
      const client = await clientFold(eventsOf(records), "0.0.59");
      expect(client.error).toBeUndefined();
      // 0.0.59 drops THINKING_* outright; 1.0.0 (and the fold) keep them as reasoning.
      const expected = name === "thinking.sse" ? ours.messages.filter((m) => !m.id.startsWith("thinking-")) : ours.messages;
      if (name === "thinking.sse") expect(expected.length).toBe(ours.messages.length - 1);
      expect(plain(client.messages)).toEqual(plain(expected));
      expect(plain(client.state)).toEqual(plain(ours.state));
    });
  }
});

describe("oracle: the stop closers (not a valid stream)", () => {
  it("0.0.59 finishes the run as the fold does; 1.0.0 rejects the bare RUN_FINISHED", async () => {
    const records = fixtureRecords("stop.sse");
    const replay = ourFold(records);
    const ours = replay.at(replay.lastSeq);
    const old = await clientFold(eventsOf(records), "0.0.59");
    expect(old.error).toBeUndefined();
    expect(plain(old.messages)).toEqual(plain(ours.messages));
    const current = await clientFold(eventsOf(records), "1.0.0");
    expect(current.error).toMatch(/threadId|runId/);
    expect(replay.runs()[0].outcome).toBe("stopped");
    expect(replay.findingsUpTo().map((f) => f.rule)).toEqual(["run/bare-finished"]);
  });
});


describe("oracle: session files", () => {
  it("a two-run session recorded with requests, exchange by exchange", async () => {
    const request = (seq: number, x: number, body: unknown): RequestRecord => ({ seq, t: seq, x, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:1/agent/a/run", transport: "rest", headers: {}, body });
    const exchange = (name: string, x: number, start: number): SessionRecord[] =>
      fixtureRecords(name).map((r, i) => ({ ...r, seq: start + i, x }));
    const first = exchange("text-basic.sse", 1, 2);
    const second = exchange("state-patches.sse", 2, first.length + 3);
    const records: SessionRecord[] = [
      request(1, 1, { threadId: "t1", runId: "r1", messages: [{ id: "u0", role: "user", content: "earlier" }], state: { seeded: true }, tools: [], context: [] }),
      ...first,
      request(first.length + 2, 2, { threadId: "t1", runId: "r2", messages: [{ id: "u1", role: "user", content: "Hi there" }, { id: "a1", role: "assistant", content: "Hello, how can I help?" }], state: { kept: 1 }, tools: [], context: [] }),
      ...second,
    ];
    const text = encodeSessionFile(createHeader({ id: "s1", createdAt: "2025-01-01T00:00:00.000Z" }), records);
    const loaded = importText(text);
    expect(loaded.format).toBe("agui-inspector");
    expect(await compareExchanges(loaded.records)).toBe(2);
  });

  // Captures from the real runtime land here (.agui.jsonl session files or raw .sse).
  const RUNTIME = join(import.meta.dirname, "fixtures/runtime");
  const captured = fixtureCases(RUNTIME, ".agui.jsonl", ".sse");
  it("has runtime captures to compare", () => {
    expect(captured.length).toBeGreaterThanOrEqual(6);
  });
  for (const name of captured) {
    it(`runtime capture ${name}`, async () => {
      const { records } = importText(fixtureText(name, RUNTIME), { file: name });
      expect(await compareExchanges(records)).toBeGreaterThan(0);
    });
  }
});

describe("cases built from a folder", () => {
  it("an empty or missing folder is an error, not zero passing cases", () => {
    const dir = mkdtempSync(join(tmpdir(), "agui-cases-"));
    try {
      expect(() => fixtureCases(dir, ".agui.jsonl", ".sse")).toThrow(/No test cases/);
      expect(() => fixtureCases(join(dir, "missing"), ".sse")).toThrow(/No test cases/);
      writeFileSync(join(dir, "notes.txt"), "not a case");
      expect(() => fixtureCases(dir, ".sse")).toThrow(/No test cases/);
      writeFileSync(join(dir, "one.sse"), "data: {}\n\n");
      expect(fixtureCases(dir, ".agui.jsonl", ".sse")).toEqual(["one.sse"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
