import { describe, expect, it } from "vitest";
import { findEventArrays, readEmbeddedEvents } from "./embedded";
import { createRecordOut } from "./out";

const ev = (type: string) => ({ type });

describe("findEventArrays", () => {
  it("finds arrays of mostly known events anywhere within six levels, with their JSON Pointer, in document order", () => {
    const doc = {
      fixtures: [
        { match: "a", events: [ev("RUN_STARTED"), ev("RUN_FINISHED")] },
        { match: "b", "odd/key~x": [ev("RUN_STARTED"), { note: 1 }] },
      ],
      top: [ev("CUSTOM")],
    };
    expect(findEventArrays(doc)).toEqual([
      { path: "/fixtures/0/events", events: [ev("RUN_STARTED"), ev("RUN_FINISHED")] },
      { path: "/fixtures/1/odd~1key~0x", events: [ev("RUN_STARTED"), { note: 1 }] },
      { path: "/top", events: [ev("CUSTOM")] },
    ]);
    expect(findEventArrays([ev("RUN_STARTED")])).toEqual([{ path: "", events: [ev("RUN_STARTED")] }]);
  });

  it("skips arrays where events are fewer than half, unknown types, and anything deeper than six levels", () => {
    expect(findEventArrays({ a: [ev("RUN_STARTED"), 1, 2] })).toEqual([]);
    expect(findEventArrays({ a: [ev("NOT_AN_EVENT"), { type: 5 }] })).toEqual([]);
    const at = (depth: number) => {
      let v: unknown = [ev("RUN_STARTED")];
      for (let i = 0; i < depth; i++) v = { k: v };
      return v;
    };
    expect(findEventArrays(at(6))).toHaveLength(1);
    expect(findEventArrays(at(7))).toEqual([]);
    // an array of events inside an array is found through it, to the same depth
    expect(findEventArrays([[ev("RUN_STARTED")], 1, 2, 3])).toEqual([{ path: "/0", events: [ev("RUN_STARTED")] }]);
    const inArrays = (depth: number) => {
      let v: unknown = [ev("RUN_STARTED")];
      for (let i = 0; i < depth; i++) v = [v, 1, 2, 3];
      return v;
    };
    expect(findEventArrays(inArrays(6))).toHaveLength(1);
    expect(findEventArrays(inArrays(7))).toEqual([]);
  });

  it("takes no empty array for a stream, and walks past nulls and strings", () => {
    const harness = {
      fixtures: [
        { match: { userMessage: "hi", tools: [] }, events: [ev("RUN_STARTED"), ev("RUN_FINISHED")] },
        { match: null, events: [] },
      ],
      notes: [null, "draft", 3],
    };
    expect(findEventArrays(harness)).toEqual([{ path: "/fixtures/0/events", events: [ev("RUN_STARTED"), ev("RUN_FINISHED")] }]);
  });
});

describe("readEmbeddedEvents", () => {
  it("makes each array one exchange, ending with its frame count", () => {
    const out = createRecordOut({});
    const header = readEmbeddedEvents([{ path: "/a", events: [ev("RUN_STARTED"), { no: 1 }] }, { path: "/b", events: [ev("CUSTOM")] }], out, "dir/h.json", 5);
    expect(out.records.map((r) => [r.x, r.kind, r.t])).toEqual([[1, "event", 5], [1, "bad-frame", 5], [1, "end", 5], [2, "event", 5], [2, "end", 5]]);
    expect(out.records.filter((r) => r.kind === "end")).toEqual([
      expect.objectContaining({ dir: "in", kind: "end", x: 1, op: "run", outcome: "complete", frames: 2 }),
      expect.objectContaining({ dir: "in", kind: "end", x: 2, op: "run", outcome: "complete", frames: 1 }),
    ]);
    expect(header).toMatchObject({ name: "h.json", source: { kind: "json-events", file: "h.json" } });
  });
});
