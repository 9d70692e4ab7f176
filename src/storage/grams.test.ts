import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../core/session/record";
import { generateMixedSession } from "../../test/session-generator";
import { buildIndexedChunks } from "./chunks";
import { chunkGrams, onlyPlainEvents } from "./grams";
import { gramProbe } from "../core/search/text-grams";

// The text index's size per chunk, and the test that lets a chunk stored before the index be
// indexed from its JSON text without decoding it.

const token = (seq: number): SessionRecord =>
  ({ seq, t: 1_700_000_000_000 + seq, x: 1, dir: "in", kind: "event", threadId: "t1", runId: "r1", event: { type: "TEXT_MESSAGE_CONTENT", messageId: `a1-${seq >> 6}`, delta: ["the ", "agent ", "says ", "hello ", "world ", "again "][seq % 6] + seq } }) as SessionRecord;

describe("the text index of a chunk", () => {
  it("is a few hundred bytes for 100 token events, and at most ~1 KB a chunk for a mixed session", () => {
    const tokens = Array.from({ length: 1000 }, (_, i) => token(i + 1));
    const { chunks, grams } = buildIndexedChunks("s", tokens, 100);
    expect(grams.map((g) => [g.firstSeq, g.lastSeq])).toEqual(chunks.map((c) => [c.firstSeq, c.lastSeq]));
    // 10,000 such chunks (1M events) would hold 2.5–5 MB of index.
    for (const g of grams) expect(g.bits.length).toBeLessThanOrEqual(512);
    const mixed = buildIndexedChunks("s", generateMixedSession(100), 100).grams;
    expect(mixed.reduce((n, g) => n + g.bits.length, 0) / mixed.length).toBeLessThanOrEqual(1024);
  });

  it("is built from the JSON text alone only when every record is an event without raw", () => {
    const plain = [token(1), token(2)];
    expect(onlyPlainEvents(JSON.stringify(plain))).toBe(true);
    // An event whose payload says "kind" or "raw" errs towards decoding, never the other way.
    expect(onlyPlainEvents(JSON.stringify([{ ...plain[0], event: { type: "CUSTOM", name: "x", value: { kind: "thing", raw: 1 } } }]))).toBe(false);
    const others = generateMixedSession(2).filter((r) => r.kind !== "event");
    expect(new Set(others.map((r) => r.kind)).size).toBeGreaterThanOrEqual(4);
    for (const odd of others) expect(onlyPlainEvents(JSON.stringify([...plain, odd])), odd.kind).toBe(false);
    expect(onlyPlainEvents(JSON.stringify([...plain, { ...plain[0], raw: 'data {"type": "X"}' }]))).toBe(false);
    expect(onlyPlainEvents(JSON.stringify([...plain, { ...plain[0], raw: null }]))).toBe(false);
    expect(onlyPlainEvents(JSON.stringify([...plain, { ...plain[0], kind: 5 }]))).toBe(false);
  });

  it("holds what the records say and nothing they do not: a chunk of plain events rules out words it lacks", () => {
    const tokens = Array.from({ length: 100 }, (_, i) => token(i + 1));
    const json = JSON.stringify(tokens);
    const { bits } = chunkGrams({ sessionId: "s", firstSeq: 1, lastSeq: 100 }, json, tokens);
    for (const word of ["hello", "text_message_content", "agent", "a1-1"]) expect(gramProbe(word)!(bits), word).toBe(true);
    // Not even the text a missing value renders as: nothing here is undefined.
    for (const word of ["undefined", "zebra", "tool_call_start"]) expect(gramProbe(word)!(bits), word).toBe(false);
  });
});
