import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSession, createIdbSink } from "../storage";
import { freshDb, header } from "../storage/test-util";
import { drawnWaterfall, runMetrics, waterfall } from "../core/timing";
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
    const service = createSessionService(db, { checkpointEvery: 50 });
    const first = await service.overview(s.id);
    // The overview says how many; the timing itself comes a page at a time.
    expect(first.runCount).toBe(want.length);
    expect(await service.runTimings(s.id, 0, 1e9)).toEqual(want);
    expect(await service.runTimings(s.id, 3, 7)).toEqual(want.slice(3, 7));
    expect(first.waterfall).toEqual(drawnWaterfall(waterfall(want)));
    // Merged into slices when a lane has more bars than the buckets: as many bars as buckets at most.
    const merged = drawnWaterfall(waterfall(want), 4);
    expect(merged.lanes.every((l) => l.bars.filter((b) => b.kind === "run").length <= 4)).toBe(true);
    expect(merged.lanes.some((l) => l.bars.some((b) => (b.count ?? 1) > 1))).toBe(true);
    // The CUSTOM event before any RUN_STARTED (seq 3, no run) makes no pseudo-run, here or in memory.
    const custom = records[2];
    expect(custom.kind === "event" && custom.event.type === "CUSTOM" && custom.runId === undefined).toBe(true);
    expect(want.every((r) => r.runId !== undefined && r.startSeq > custom.seq)).toBe(true);
    const calls = toolCallIndex(records);
    expect(first.toolCalls.length).toBeGreaterThan(0);
    for (const [id, call] of first.toolCalls) expect(call).toEqual(calls.toolCall!(id));

    // A second service reads the stored fold index instead of folding again.
    const second = createSessionService(db);
    const again = await second.overview(s.id);
    expect(await second.runTimings(s.id, 0, 1e9)).toEqual(want);
    expect(again.waterfall).toEqual(first.waterfall);
    expect(again.toolCalls).toEqual(first.toolCalls);
  });
});
