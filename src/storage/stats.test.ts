import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../core/session/record";
import { addToStats, countInto, emptyStats } from "./stats";
import { records } from "./test-util";

// A session's stats are counted two ways: the recording sink copies them per transaction (a
// failed write must be counted again from the stats last committed), the import's writer counts
// into one object. Both must count the same, and the copy must leave what it was given alone.

const tagged = (from: number, to: number, tag: (seq: number) => Partial<SessionRecord>): SessionRecord[] => records(from, to).map((r) => ({ ...r, ...tag(r.seq) }) as SessionRecord);

describe("session stats", () => {
  it("count records, events, runs, threads, agents and times, the same copied or in place", () => {
    const first = tagged(1, 6, (seq) => ({ runId: seq < 4 ? "r1" : "r2", threadId: "t1", agentId: "a1" }));
    const second = [
      ...tagged(7, 8, (seq) => ({ runId: "r2", threadId: seq === 7 ? "t2" : "t1", agentId: "a2" })),
      // A record outside any run, thread or agent counts only as a record.
      { seq: 9, t: 9, x: 1, dir: "in", kind: "comment", text: "ping" } as SessionRecord,
    ];
    const copied = addToStats(addToStats(emptyStats("s", 5), first), second);
    const inPlace = emptyStats("s", 5);
    countInto(inPlace, first);
    countInto(inPlace, second);
    expect(inPlace).toEqual(copied);
    expect(copied).toMatchObject({ records: 9, events: 8, lastSeq: 9, firstT: first[0].t, lastT: 9, agents: ["a1", "a2"] });
    expect(Object.keys(copied.runs)).toEqual(["r1", "r2"]);
    expect(copied.runs.r1).toMatchObject({ firstSeq: 1, lastSeq: 3, records: 3, threadId: "t1", agentId: "a1" });
    expect(copied.runs.r2).toMatchObject({ firstSeq: 4, lastSeq: 8, records: 5, threadId: "t1", agentId: "a1" });
    expect(copied.threads).toEqual({ t1: { threadId: "t1", firstSeq: 1, lastSeq: 8, records: 7 }, t2: { threadId: "t2", firstSeq: 7, lastSeq: 7, records: 1 } });
  });

  it("a copy leaves the stats it was given as they were, runs, threads and agents included", () => {
    const before = addToStats(emptyStats("s", 5), tagged(1, 4, () => ({ runId: "r1", threadId: "t1", agentId: "a1" })));
    const kept = structuredClone(before);
    const after = addToStats(before, tagged(5, 9, (seq) => ({ runId: "r1", threadId: "t1", agentId: seq === 9 ? "a2" : "a1" })));
    expect(before).toEqual(kept);
    expect(after.runs.r1.records).toBe(9);
    expect(after.threads.t1.records).toBe(9);
    expect(after.agents).toEqual(["a1", "a2"]);
  });
});
