// CopilotKit web inspector exports that differ from the sample in test/fixtures/import: damaged
// entries, a clock that stepped back, missing timestamps, RAW events, a single agent.
// (The sample itself: formats.test.ts.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EndRecord, EventRecord, SessionRecord } from "../record";
import { importText } from "./importer";

type Entry = { id: string; agentId: string; type: string; timestamp?: number; payload: Record<string, unknown> };
const FIXTURE = join(import.meta.dirname, "../../../../test/fixtures/import/copilotkit-inspector-events.json");
const NOW = Date.parse("2026-01-01T00:00:00.000Z");
const events = (records: SessionRecord[]) => records.filter((r): r is EventRecord => r.kind === "event");
/** One element per line, as a hand-edited export might be laid out: element i is on line i + 2. */
const perLine = (elements: unknown[]) => `[\n${elements.map((e) => JSON.stringify(e)).join(",\n")}\n]`;
const entry = (agentId: string, counter: number, timestamp: number | undefined, payload: Record<string, unknown>): Entry => ({
  id: `${agentId}:${counter}`,
  agentId,
  type: String(payload.type),
  ...(timestamp !== undefined ? { timestamp } : {}),
  payload,
});
/** One run of `agentId`, newest first as the inspector exports it, counters from `first`, times from `t0` (or none). */
const runOf = (agentId: string, runId: string, first: number, t0?: number) =>
  [
    { type: "RUN_STARTED", threadId: "t", runId },
    { type: "TEXT_MESSAGE_START", messageId: `${runId}-m`, role: "assistant" },
    { type: "TEXT_MESSAGE_CONTENT", messageId: `${runId}-m`, delta: "hi" },
    { type: "TEXT_MESSAGE_END", messageId: `${runId}-m` },
    { type: "RUN_FINISHED", threadId: "t", runId },
  ]
    .map((e, i) => entry(agentId, first + i, t0 === undefined ? undefined : t0 + i, e))
    .reverse();

describe("CopilotKit inspector export: the sample's exchanges", () => {
  it("ends each run's exchange with its agent, its frame count and the time of its last event", () => {
    const source = (JSON.parse(readFileSync(FIXTURE, "utf8")) as Entry[]).slice().reverse();
    const r = importText(readFileSync(FIXTURE, "utf8"));
    const ends = r.records.filter((x): x is EndRecord => x.kind === "end");
    const ofExchange = (x: number) => events(r.records).filter((e) => e.x === x);
    expect(ends.map((e) => e.x).sort()).toEqual([1, 2, 3]);
    for (const end of ends) {
      const own = ofExchange(end.x);
      expect(end).toMatchObject({ dir: "in", kind: "end", agentId: own[0].agentId, op: "run", outcome: "complete", frames: own.length, t: own.at(-1)!.t });
    }
    expect(ends.reduce((n, e) => n + e.frames, 0)).toBe(source.length);
  });

  it("names the agent in the header when the export holds one agent only", () => {
    const r = importText(JSON.stringify([...runOf("support", "r2", 6, 2000), ...runOf("support", "r1", 1, 1000)], null, 2));
    expect(r.format).toBe("copilotkit-inspector");
    expect(r.header).toMatchObject({ agentId: "support", createdAt: new Date(1000).toISOString(), source: { kind: "copilotkit-inspector" } });
    expect(events(r.records).map((e) => [e.x, e.runId])).toEqual([...Array(5).fill([1, "r1"]), ...Array(5).fill([2, "r2"])]);
  });
});

describe("CopilotKit inspector export: order", () => {
  it("follows the inspector's counter, not the clock, when the clock stepped back mid-run (ids past 9, agent names holding ':<digits>')", () => {
    // Counters 10..14; the clock went back 600 ms after the second event.
    const exported = runOf("crew:7", "r1", 10, 1000).map((e) => (Number(e.id.split(":").at(-1)) >= 12 ? { ...e, timestamp: e.timestamp! - 600 } : e));
    const r = importText(JSON.stringify(exported, null, 2));
    expect(events(r.records).map((e) => e.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"]);
    expect(events(r.records).every((e) => e.agentId === "crew:7" && e.x === 1)).toBe(true);
  });

  it("orders by time when some ids carry no counter (two exports merged by hand)", () => {
    const merged = [...runOf("a", "r2", 1, 2000), ...runOf("a", "r1", 1, 1000).map((e) => ({ ...e, id: `imported-${e.timestamp}` }))];
    const r = importText(JSON.stringify(merged));
    expect(events(r.records).map((e) => [e.event.type, e.t])).toEqual([
      ...["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"].map((type, i) => [type, 1000 + i]),
      ...["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"].map((type, i) => [type, 2000 + i]),
    ]);
  });

  it("gives the tail of a run cut off by the inspector's buffer its own exchange, before the next run's", () => {
    const full = runOf("a", "r1", 1, 1000);
    const truncated = [...runOf("a", "r2", 6, 2000), ...full.slice(0, 3)];
    const r = importText(JSON.stringify(truncated));
    expect(events(r.records).map((e) => [e.x, e.event.type])).toEqual([
      [1, "TEXT_MESSAGE_CONTENT"],
      [1, "TEXT_MESSAGE_END"],
      [1, "RUN_FINISHED"],
      ...["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"].map((type) => [2, type]),
    ]);
    // The tail's RUN_STARTED was dropped: its records name no run.
    expect(events(r.records).filter((e) => e.x === 1).every((e) => !("runId" in e))).toBe(true);
    expect(r.records.filter((x) => x.kind === "end").map((x) => [x.x, (x as EndRecord).frames])).toEqual([
      [1, 3],
      [2, 5],
    ]);
  });

  it("stamps entries without a timestamp with the import's time, in counter order", () => {
    const r = importText(JSON.stringify(runOf("a", "r1", 1)), { now: NOW });
    expect(r.errors).toEqual([]);
    expect(events(r.records).map((e) => [e.event.type, e.t])).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"].map((t) => [t, NOW]));
    expect(r.header.createdAt).toBe(new Date(NOW).toISOString());
  });
});

describe("CopilotKit inspector export: entries", () => {
  it("keeps a RAW event whole: its own `event` field (the provider's event, with a type) is not the inspector's wrapper", () => {
    const raw = { type: "RAW", event: { type: "response.output_text.delta", delta: "Hi" }, source: "openai" };
    const exported = [{ id: "a:6", agentId: "a", type: "RAW_EVENT", timestamp: 1005, payload: raw }, ...runOf("a", "r1", 1, 1000)];
    const r = importText(JSON.stringify(exported));
    expect(events(r.records).map((e) => e.event)).toContainEqual(raw);
    expect(r.records.filter((x) => x.kind === "bad-frame")).toEqual([]);
  });

  it("keeps an entry whose payload is no event as a bad frame holding the entry's text, with the reason", () => {
    const odd = [
      { id: "a:6", agentId: "a", type: "RUN_FINISHED", timestamp: 1005, payload: { event: { threadId: "t" }, result: "[undefined]" } },
      { id: "a:7", agentId: "a", type: "STATE_SNAPSHOT", timestamp: 1006, payload: { snapshot: "[Truncated depth]" } },
      { id: "a:8", agentId: "a", type: "CUSTOM_EVENT", timestamp: 1007, payload: null },
      { id: "a:9", agentId: "a", type: "RAW_EVENT", timestamp: 1008, payload: "[undefined]" },
    ];
    const r = importText(JSON.stringify([...[...odd].reverse(), ...runOf("a", "r1", 1, 1000)]));
    const bad = r.records.filter((x) => x.kind === "bad-frame");
    expect(bad.every((b) => b.agentId === "a" && b.runId === "r1")).toBe(true);
    expect(bad.map((b) => [b.x, JSON.parse(b.raw), b.error])).toEqual([
      [1, odd[0], 'not an event: missing string field "type"'],
      [1, odd[1], 'not an event: missing string field "type"'],
      [1, odd[2], "not an event: expected a JSON object, got null"],
      [1, odd[3], "not an event: expected a JSON object, got string"],
    ]);
  });

  it("reports an entry that is not JSON by its line, first one included, and imports the others", () => {
    const entries = runOf("a", "r1", 1, 1000).map((e) => JSON.stringify(e));
    entries[0] = entries[0].replace('"agentId":"a"', '"agentId":a');
    entries[2] = entries[2].replace('"payload":', '"payload"');
    const r = importText(`[\n${entries.join(",\n")}\n]`);
    expect(r.format).toBe("copilotkit-inspector");
    expect(r.errors).toEqual([
      { line: 2, error: expect.stringMatching(/^invalid JSON/) },
      { line: 4, error: expect.stringMatching(/^invalid JSON/) },
    ]);
    expect(events(r.records).map((e) => e.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_END"]);
  });

  it("reports each damaged entry by its line and imports the others", () => {
    const [finishedEntry, ...rest] = runOf("a", "r1", 1, 1000);
    const damaged = [
      { ...finishedEntry, id: 51 },
      { id: "a:52", type: "RUN_STARTED", timestamp: 1, payload: { type: "RUN_STARTED", threadId: "t", runId: "x" } },
      { id: "a:53", agentId: "a", timestamp: 1, payload: { type: "RUN_STARTED", threadId: "t", runId: "x" } },
      { id: "a:54", agentId: "a", type: "RUN_STARTED", timestamp: 1 },
      null,
    ];
    const r = importText(perLine([...rest, ...damaged]));
    const message = "not a CopilotKit inspector event ({id, agentId, type, timestamp, payload})";
    expect(r.format).toBe("copilotkit-inspector");
    expect(r.errors).toEqual([6, 7, 8, 9, 10].map((line) => ({ line, error: message })));
    expect(events(r.records).map((e) => e.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END"]);
  });
});
