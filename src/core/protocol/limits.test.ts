import { describe, expect, it } from "vitest";
import { capRaw, MAX_DEPTH, nestsDeeperThan, RAW_CAP } from "./limits";

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
