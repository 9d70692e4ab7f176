import { describe, expect, it } from "vitest";
import { numbered } from "./numbered";
import type { RecordDraft } from "./record";

describe("numbered", () => {
  it("copies the draft with its seq and time, keys in the spread's order, leaving the draft as it was", () => {
    const draft: RecordDraft = { dir: "in", kind: "comment", x: 2, text: "hi" };
    const record = numbered(draft, 7, 1234);
    expect(record).toEqual({ dir: "in", kind: "comment", x: 2, text: "hi", seq: 7, t: 1234 });
    expect(Object.keys(record)).toEqual(["dir", "kind", "x", "text", "seq", "t"]);
    expect(draft).toEqual({ dir: "in", kind: "comment", x: 2, text: "hi" });
    expect(record).not.toBe(draft);
  });

  it("renumbers a record that already has a seq and time, in place of the old ones", () => {
    const record = numbered({ seq: 1, t: 5, dir: "in", kind: "comment", x: 1, text: "a" }, 9, 10);
    expect(record).toEqual({ seq: 9, t: 10, dir: "in", kind: "comment", x: 1, text: "a" });
    expect(Object.keys(record)).toEqual(["seq", "t", "dir", "kind", "x", "text"]);
  });
});
