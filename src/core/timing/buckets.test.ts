import { describe, expect, it } from "vitest";
import { bucketBars, WATERFALL_BUCKETS } from "./buckets";
import type { WaterfallBar } from "./waterfall";

const run = (i: number, over: Partial<WaterfallBar> = {}): WaterfallBar => ({ kind: "run", label: `run r${i}`, startMs: i * 10, endMs: i * 10 + 8, open: false, seq: i * 100 + 1, runKey: `k${i}`, outcome: "success", ...over });
const tool = (i: number, over: Partial<WaterfallBar> = {}): WaterfallBar => ({ kind: "tool", label: `search · ${i} ms`, startMs: i * 10 + 2, endMs: i * 10 + 5, open: false, seq: i * 100 + 5, runKey: `k${i}`, ...over });

describe("bucketBars", () => {
  it("leaves a lane within the limit as it is, in its order", () => {
    const bars = Array.from({ length: WATERFALL_BUCKETS }, (_, i) => [run(i), tool(i)]).flat();
    const out = bucketBars(bars, WATERFALL_BUCKETS * 10);
    expect(out).toEqual(bars);
    expect(out.every((b) => b.count === undefined)).toBe(true);
    // Not merged however close they are, up to the limit itself.
    const crowded = Array.from({ length: 10 }, (_, i) => run(i, { startMs: 0, endMs: 1 }));
    expect(bucketBars(crowded, 1000, 10)).toEqual(crowded);
    expect(bucketBars([...crowded, run(10, { startMs: 0, endMs: 1 })], 1000, 10)).toEqual([{ ...crowded[0], count: 11 }]);
  });

  it("merges a long lane into at most one bar a slice, accounting for every bar", () => {
    const bars = Array.from({ length: 1000 }, (_, i) => run(i));
    const span = 1000 * 10;
    const out = bucketBars(bars, span, 100);
    expect(out).toHaveLength(100);
    expect(out.reduce((n, b) => n + (b.count ?? 1), 0)).toBe(1000);
    for (const b of out) {
      const members = bars.filter((m) => Math.min(99, Math.floor(m.startMs / (span / 100))) === Math.min(99, Math.floor(b.startMs / (span / 100))));
      expect(b.count).toBe(members.length);
      expect(b.startMs).toBe(Math.min(...members.map((m) => m.startMs)));
      expect(b.endMs).toBe(Math.max(...members.map((m) => m.endMs)));
      // The earliest member's place and name: Enter moves the cursor there.
      expect(b.seq).toBe(members[0].seq);
      expect(b.label).toBe(members[0].label);
      expect(b.runKey).toBe(members[0].runKey);
    }
    expect(out.map((b) => b.startMs)).toEqual([...out.map((b) => b.startMs)].sort((a, b) => a - b));
  });

  it("keeps the earliest member whatever order the bars come in (by seq at the same start), and a lone bar in its slice unmerged", () => {
    const same = bucketBars([run(5, { startMs: 0 }), run(2, { startMs: 0 }), run(9, { startMs: 0 })], 10, 1);
    expect(same).toMatchObject([{ seq: run(2).seq, label: "run r2", runKey: "k2", count: 3 }]);
    // earliest by time, not by seq
    expect(bucketBars([run(5, { startMs: 0 }), run(2, { startMs: 5 })], 10, 1)).toMatchObject([{ seq: run(5).seq, count: 2 }]);
    const bars = [run(3), run(1), run(2), run(500)];
    const out = bucketBars(bars, 5010, 2);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ seq: run(1).seq, label: "run r1", startMs: 10, endMs: 38, count: 3 });
    expect(out[1]).toEqual(run(500));
  });

  it("a failed or open run among many still shows on its merged bar", () => {
    const bars = Array.from({ length: 40 }, (_, i) => run(i, i === 7 ? { outcome: "error" } : i === 8 ? { outcome: "interrupt" } : i === 25 ? { open: true, outcome: undefined } : {}));
    const out = bucketBars(bars, 400, 4);
    expect(out.map((b) => [b.count, b.outcome, b.open])).toEqual([
      [10, "error", false],
      [10, "success", false],
      [10, "success", true],
      [10, "success", false],
    ]);
    // interrupt outranks success, error outranks interrupt, in whichever order they come
    const mixed = bucketBars([run(1, { outcome: "error" }), run(2, { outcome: "interrupt" }), run(3, { outcome: "incomplete" }), run(4)], 40, 1);
    expect(mixed[0].outcome).toBe("error");
    expect(bucketBars([run(1), run(2, { outcome: "incomplete" }), run(3, { outcome: "interrupt" })], 40, 1)[0].outcome).toBe("interrupt");
    expect(bucketBars([run(1), run(2, { outcome: "incomplete" })], 40, 1)[0].outcome).toBe("incomplete");
    // Among outcomes equally bad, the earliest's.
    expect(bucketBars([run(1), run(2, { outcome: "stopped" })], 40, 1)[0].outcome).toBe("success");
    expect(bucketBars([run(1, { outcome: "error" }), run(2, { outcome: "error", label: "later" })], 40, 1)[0]).toMatchObject({ outcome: "error", label: "run r1" });
  });

  it("merges runs and tool calls each on their own count, runs drawn before tool calls at the same time", () => {
    const bars = [...Array.from({ length: 30 }, (_, i) => run(i)), tool(3), tool(20)];
    const out = bucketBars(bars, 300, 10);
    expect(out.filter((b) => b.kind === "tool")).toEqual([tool(3), tool(20)]);
    expect(out.filter((b) => b.kind === "run")).toHaveLength(10);
    const same = bucketBars([tool(0, { startMs: 0 }), run(0), run(1), run(2)], 30, 1);
    expect(same.map((b) => b.kind)).toEqual(["run", "tool"]);
    // Drawn in time order, runs and tool calls interleaved as they happened.
    const both = bucketBars([...Array.from({ length: 30 }, (_, i) => run(i)), ...Array.from({ length: 30 }, (_, i) => tool(i))], 300, 10);
    expect(both.map((b) => b.startMs)).toEqual([...both.map((b) => b.startMs)].sort((a, b) => a - b));
    expect(both.slice(0, 2).map((b) => b.kind)).toEqual(["run", "tool"]);
  });

  it("puts a bar that starts at the very end in the last slice, and copes with a zero span", () => {
    const out = bucketBars([run(0), run(1), run(2, { startMs: 20 }), run(3, { startMs: 30 })], 30, 2);
    expect(out.map((b) => b.count ?? 1)).toEqual([2, 2]);
    expect(bucketBars([run(0, { startMs: 0, endMs: 0 }), run(1, { startMs: 0, endMs: 0 })], 0, 1)).toEqual([{ ...run(0, { startMs: 0, endMs: 0 }), count: 2 }]);
  });
});
