import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSessionLibrary, iterateRecords } from "../storage";
import { freshDb } from "../storage/test-util";
import { createHeader, encodeSessionFile } from "../core/session/file";
import { importText } from "../core/session/import";
import type { SessionRecord } from "../core/session/record";
import { generateMixedSession } from "../../test/session-generator";
import { importIntoLibrary } from "./import";
import { readGrams } from "../storage/gram-pages";
import { createIdbSink, createSession } from "../storage";
import { openPagedSession } from "./paged-session";
import { matcher, NO_FILTER } from "../models/filters";

// The library import reads a file as a stream and stores it a batch at a time; what it stores
// is what a whole-text import of the same file gives.

const records = generateMixedSession(30);

async function stored(db: Awaited<ReturnType<typeof freshDb>>, id: string): Promise<SessionRecord[]> {
  const out: SessionRecord[] = [];
  for await (const page of iterateRecords(db, id, { pageSize: 5000 })) out.push(...page);
  return out;
}

/** A Blob whose stream hands out small pieces, so lines cross piece boundaries. */
function blobOf(text: string): Blob {
  const bytes = new TextEncoder().encode(text);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 3001) parts.push(bytes.slice(i, i + 3001));
  return new Blob(parts as BlobPart[]);
}

describe("importing into the library as the file is read", () => {
  it("stores every record of a session file with its header, and reports progress", async () => {
    const db = await freshDb();
    const text = encodeSessionFile(createHeader({ id: "orig", name: "from a file", runtimeUrl: "http://127.0.0.1:9/rest" }), records);
    const progress: number[] = [];
    const result = await importIntoLibrary(db, blobOf(text), "big.agui.jsonl", (p) => progress.push(p.bytes));
    expect(result).toMatchObject({ records: records.length, errors: [], format: "agui-inspector" });
    expect(await stored(db, result.id)).toEqual(records);
    const [session] = await createSessionLibrary(db).list();
    expect(session.header.importedFrom).toBe("orig");
    expect(session).toMatchObject({ id: result.id, name: "from a file", runtimeUrl: "http://127.0.0.1:9/rest", events: records.filter((r) => r.kind === "event").length });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(new TextEncoder().encode(text).byteLength);
  });

  it("reports progress a hundred times a file at most (and five times a second), the last at the whole file", async () => {
    const db = await freshDb();
    const text = encodeSessionFile(createHeader({ id: "many-pieces" }), generateMixedSession(120));
    // ~400 pieces of 3,001 bytes: one report each would be four times the cap.
    expect(new TextEncoder().encode(text).byteLength / 3001).toBeGreaterThan(400);
    const progress: number[] = [];
    const started = Date.now();
    await importIntoLibrary(db, blobOf(text), "pieces.agui.jsonl", (p) => progress.push(p.bytes));
    expect(progress.length).toBeGreaterThan(20);
    expect(progress.length).toBeLessThanOrEqual(101 + Math.ceil((Date.now() - started) / 200));
    expect(progress.at(-1)).toBe(new TextEncoder().encode(text).byteLength);
  });

  it("renumbers a selection dense from 1 and keeps going past bad lines, naming them", async () => {
    const db = await freshDb();
    const run = records.filter((r) => r.runId === "r3");
    const lines = encodeSessionFile(createHeader({ id: "sel" }), run).split("\n");
    lines.splice(5, 0, "this is not json");
    const text = lines.join("\n");
    const result = await importIntoLibrary(db, blobOf(text), "sel.agui.jsonl");
    const want = importText(text, { file: "sel.agui.jsonl" });
    expect(result.errors).toEqual(want.errors);
    expect(result.errors[0].line).toBe(6);
    const got = await stored(db, result.id);
    expect(got.map((r) => r.seq)).toEqual(want.records.map((_, i) => i + 1));
    expect(got.map(({ seq: _s, ...r }) => r)).toEqual(want.records.map(({ seq: _s, ...r }) => r));
  });

  it("a file that cannot be imported leaves nothing behind", async () => {
    const db = await freshDb();
    await expect(importIntoLibrary(db, blobOf('{"format":"agui-inspector-session","version":9}\n'), "bad.agui.jsonl")).rejects.toThrow();
    expect(await createSessionLibrary(db).list()).toEqual([]);
  });
});

describe("an imported session's text index, built by its first fold", () => {
  it("is not written by the import (the stats say so); the first fold stores what a sink would have, then the stats say it is done", async () => {
    const many = generateMixedSession(120);
    const text = encodeSessionFile(createHeader({ id: "indexed-later" }), many);
    const db = await freshDb();
    const result = await importIntoLibrary(db, blobOf(text), "later.agui.jsonl", undefined, { batch: 1000 });
    expect(await readGrams(db, result.id, 1, 1000)).toEqual([]);
    expect(await db.idb.get("stats", result.id)).toMatchObject({ unindexed: true, records: many.length });

    const paged = await openPagedSession(db, result.id, { checkpointEvery: 500 });
    await paged.ready();
    const index = (await readGrams(db, result.id, 1, 1000)).map(({ sessionId: _, ...g }) => g);
    expect(await db.idb.get("stats", result.id)).not.toHaveProperty("unindexed");

    // The same indexes, on the same pages, as a recording sink writes for these records.
    const recorded = await freshDb();
    const s = await createSession(recorded, createHeader({ id: "recorded" }));
    const sink = await createIdbSink(recorded, s.id);
    await sink.write(many);
    sink.dispose();
    expect(index.length).toBe(Math.ceil(many.length / 100));
    expect(index).toEqual((await readGrams(recorded, s.id, 1, 1000)).map(({ sessionId: _, ...g }) => g));
    expect((await recorded.idb.getAll("grams")).map((p) => p.firstSeq)).toEqual((await db.idb.getAll("grams")).filter((p) => p.sessionId === result.id).map((p) => p.firstSeq));

    // A search now reads only the chunks its index lets through, and indexes nothing more.
    const answer = await paged.rows({ filter: { ...NO_FILTER, text: "zq-not-in-any-record" }, coalesce: false }, 0, 1e9);
    expect(answer.rows).toEqual([]);
    expect(paged.cacheStats().scanReads).toBeLessThan(index.length / 4);
    expect(await paged.indexesStored()).toBe(0);

  });

  it("a search before the fold has passed a chunk reads it, and finds what a search of every record finds", async () => {
    const many = generateMixedSession(60);
    const db = await freshDb();
    const result = await importIntoLibrary(db, blobOf(encodeSessionFile(createHeader({ id: "early" }), many)), "early.agui.jsonl");
    const paged = await openPagedSession(db, result.id);
    const needle = String((many.find((r) => r.kind === "event" && r.event.type === "TEXT_MESSAGE_CONTENT") as unknown as { event: { messageId: string } }).event.messageId);
    const answer = await paged.rows({ filter: { ...NO_FILTER, text: needle }, coalesce: false }, 0, 1e9);
    const match = matcher({ ...NO_FILTER, text: needle });
    expect(answer.rows.map((r) => r.record.seq)).toEqual(many.filter((r) => match(r)).map((r) => r.seq));
    expect(answer.rows.length).toBeGreaterThan(0);
    await paged.ready();

  });
});

describe("importing a file larger than one write batch", () => {
  it("stores every record in order while the next batch is parsed during a commit", async () => {
    const db = await freshDb();
    const many = generateMixedSession(600);
    expect(many.length).toBeGreaterThan(12_000);
    const text = encodeSessionFile(createHeader({ id: "many" }), many);
    // Batches of 5,000: three transactions, each next one's chunks built while one commits.
    const result = await importIntoLibrary(db, blobOf(text), "many.agui.jsonl", undefined, { batch: 5000 });
    expect(result.records).toBe(many.length);
    expect(await stored(db, result.id)).toEqual(many);
    const [session] = await createSessionLibrary(db).list();
    expect(session.records).toBe(many.length);
  });
});
