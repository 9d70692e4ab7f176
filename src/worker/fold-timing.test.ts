import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSession, createIdbSink } from "../storage";
import { freshDb, header } from "../storage/test-util";
import { runMetrics } from "../core/timing";
import { toolCallIndex } from "../core/summary";
import { generateMixedSession } from "../../test/session-generator";
import { createSessionService } from "./service";

// A stored session's Runs tab, waterfall and tool-call summaries come from the worker's first
// pass: they must equal what the same records give in memory.

const records = generateMixedSession(30);

describe("the fold's run timing and tool calls", () => {
  it("equal the in-memory figures for the same records, and survive a reopen", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    for (let i = 0; i < records.length; i += 500) await sink.write(records.slice(i, i + 500));
    await sink.flushNow();
    sink.dispose();

    const want = runMetrics(records);
    expect(want.length).toBeGreaterThan(5);
    expect(want.some((r) => r.toolCalls.length > 0)).toBe(true);
    const first = await createSessionService(db, { checkpointEvery: 50 }).overview(s.id);
    expect(first.runTimings).toEqual(want);
    // The CUSTOM event before any RUN_STARTED (seq 3, no run) makes no pseudo-run, here or in memory.
    const custom = records[2];
    expect(custom.kind === "event" && custom.event.type === "CUSTOM" && custom.runId === undefined).toBe(true);
    expect(first.runTimings.every((r) => r.runId !== undefined && r.startSeq > custom.seq)).toBe(true);
    const calls = toolCallIndex(records);
    expect(first.toolCalls.length).toBeGreaterThan(0);
    for (const [id, call] of first.toolCalls) expect(call).toEqual(calls.toolCall!(id));

    // A second service reads the stored fold index instead of folding again.
    const again = await createSessionService(db).overview(s.id);
    expect(again.runTimings).toEqual(want);
    expect(again.toolCalls).toEqual(first.toolCalls);
  });
});
