import { describe, expect, it } from "vitest";
import { capRaw, MAX_DEPTH, nestsDeeperThan, RAW_CAP } from "./limits";
import { checkEventShape, decodeEventText } from "./decode";

describe("capRaw", () => {
  it("keeps text up to RAW_CAP as it is, with no length", () => {
    const text = "y".repeat(RAW_CAP);
    expect(capRaw(text)).toEqual({ raw: text });
    expect(capRaw("")).toEqual({ raw: "" });
  });
  it("cuts longer text at RAW_CAP and gives the whole length", () => {
    const text = "ab".repeat(RAW_CAP / 2) + "!";
    const capped = capRaw(text);
    expect(capped.raw).toBe(text.slice(0, RAW_CAP));
    expect(capped.rawLength).toBe(RAW_CAP + 1);
  });
  it("is 1 MiB", () => expect(RAW_CAP).toBe(1024 * 1024));
});

describe("nestsDeeperThan", () => {
  const arrays = (n: number): unknown => JSON.parse("[".repeat(n) + "]".repeat(n));
  const objects = (n: number): unknown => JSON.parse('{"a":'.repeat(n - 1) + "{}" + "}".repeat(n - 1));
  it("counts a scalar as no nesting and a container as one level", () => {
    expect(nestsDeeperThan("x", 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({}, 1)).toBe(false);
  });
  it("arrays and objects alike, exactly at the limit", () => {
    for (const make of [arrays, objects]) {
      expect(nestsDeeperThan(make(MAX_DEPTH))).toBe(false);
      expect(nestsDeeperThan(make(MAX_DEPTH + 1))).toBe(true);
      expect(nestsDeeperThan(make(100_000))).toBe(true);
    }
  });
  it("finds the deep branch among shallow siblings, in arrays and in objects", () => {
    expect(nestsDeeperThan([1, "a", [2], { b: [[[]]] }], 4)).toBe(true);
    expect(nestsDeeperThan([1, "a", [2], { b: [[[]]] }], 5)).toBe(false);
    expect(nestsDeeperThan({ x: 1, y: { z: [[{}]] } }, 4)).toBe(true);
    expect(nestsDeeperThan({ x: 1, y: { z: [[{}]] } }, 5)).toBe(false);
  });
  it("defaults to MAX_DEPTH, 1000", () => expect(MAX_DEPTH).toBe(1000));
});

describe("the nesting check of an event read from text", () => {
  /** The shortest event text nesting `depth` levels: the event's object, then arrays. */
  const deepest = (depth: number) => `{"type":"X","a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;

  it("refuses an event one level too deep, however short its text can be, and takes one at the limit", () => {
    const over = deepest(MAX_DEPTH + 1);
    const at = deepest(MAX_DEPTH);
    expect(JSON.parse(over).a).toBeDefined();
    const refused = decodeEventText(over);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.error).toMatch(/^nested more than 1000 levels deep/);
    expect(decodeEventText(at).ok).toBe(true);
    // The same through an NDJSON import's line, and with the value and its length given.
    expect(checkEventShape(JSON.parse(over), over.length).ok).toBe(false);
    expect(checkEventShape(JSON.parse(at), at.length).ok).toBe(true);
  });

  it("skips the walk only for text too short to nest too deep: a wrong length given is believed", () => {
    const over = JSON.parse(deepest(MAX_DEPTH + 1));
    // A length under two characters a level cannot hold MAX_DEPTH + 1 levels: the walk is skipped.
    expect(checkEventShape(over, 2 * (MAX_DEPTH + 1) - 1).ok).toBe(true);
    expect(checkEventShape(over, 2 * (MAX_DEPTH + 1)).ok).toBe(false);
    expect(checkEventShape(over).ok).toBe(false);
  });
});
