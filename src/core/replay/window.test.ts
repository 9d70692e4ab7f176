import { describe, expect, it } from "vitest";
import { generateMixedSession } from "../../../test/session-generator";
import { createReplay } from "./replay";
import { foldFrom, type CoreSnapshot } from "./resume";
import type { SessionRecord } from "../session/record";

// One thread's records, as the paged session folds them (the view folds per thread).
const records = generateMixedSession(40).filter((r) => r.threadId === "t1");

describe("a windowed replay", () => {
  it("folds to the same findings, runs and final state as a full one while holding one checkpoint interval", () => {
    const full = createReplay({ checkpointEvery: 100 });
    full.append(records);
    const kept: { seq: number; snap: CoreSnapshot }[] = [];
    const windowed = createReplay({ checkpointEvery: 100, retain: "window", onCheckpoint: (seq, snap) => kept.push({ seq, snap: structuredClone(snap) }) });
    let most = 0;
    for (let i = 0; i < records.length; i += 37) {
      windowed.append(records.slice(i, i + 37));
      most = Math.max(most, windowed.stats().records, windowed.stats().checkpoints);
    }
    expect(records.length).toBeGreaterThan(1000);
    expect(most).toBeLessThanOrEqual(100);
    expect(kept.length).toBeGreaterThan(5);
    expect(windowed.findingsUpTo()).toEqual(full.findingsUpTo());
    expect(windowed.findingsUpTo().some((f) => f.rule.startsWith("state/"))).toBe(true);
    expect(windowed.runs()).toEqual(full.runs());
    expect(windowed.at(windowed.lastSeq)).toEqual(full.at(full.lastSeq));
    expect(() => windowed.at(records[5].seq)).toThrow(/folded and let go/);
    // Every seq, rebuilt from a kept (structured-cloned, as a store would) checkpoint plus the records after it.
    const failed = new Set(full.findingsUpTo().filter((f) => f.rule === "state/patch-failed").map((f) => f.seq));
    expect(failed.size).toBeGreaterThan(0);
    for (let i = 0; i < records.length; i += 7) {
      const seq = records[i].seq;
      const ck = [...kept].reverse().find((k) => k.seq <= seq);
      const after: SessionRecord[] = records.filter((r) => r.seq > (ck?.seq ?? 0) && r.seq <= seq);
      const here = foldFrom(ck?.snap, after, failed);
      const want = full.at(seq);
      expect(here.state, `state at ${seq}`).toEqual(want.state);
      expect(here.messages, `messages at ${seq}`).toEqual(want.messages);
    }
  });
});
