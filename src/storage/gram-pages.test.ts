import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSession, deleteSessionData } from "./sessions";
import { createIdbSink } from "./sink";
import { iterateChunks } from "./paged";
import { addMissingGrams, GRAM_PAGE_CHUNKS, markIndexed, readGrams } from "./gram-pages";
import { emptyStats } from "./stats";
import { buildIndexedChunks } from "./chunks";
import { freshDb, header, instrumentDb, quotaError, records } from "./test-util";
import type { InspectorDb } from "./db";

// The sink stores the chunks' text indexes a page of 100 chunks to a value, put whole with every
// transaction that writes one of its chunks. Whatever the batches, transactions and failures,
// every stored chunk ends with exactly one index, describing it as stored.

async function chunksAndIndexes(db: InspectorDb, id: string) {
  const chunks: [number, number][] = [];
  for await (const c of iterateChunks(db, id)) chunks.push([c.firstSeq, c.lastSeq]);
  const grams = (await readGrams(db, id, 1, 1e6)).map((g) => [g.firstSeq, g.lastSeq]);
  return { chunks, grams };
}

describe("text index pages", () => {
  it("hold one index per chunk, as stored, across batches, transactions, a partial chunk and a failed write", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let fail = 0;
    let writes = 0;
    instrumentDb(db, () => (++writes === 3 || fail-- > 0 ? quotaError() : null));
    // Transactions of 300 records (30 chunks), so pages of 100 chunks are written over several.
    const sink = await createIdbSink(db, s.id, { chunkSize: 10, txRecords: 300, backoff: { firstMs: 1, maxMs: 1 } });
    const all = records(1, 2_345);
    for (let i = 0; i < all.length; i += 333) await sink.write(all.slice(i, i + 333)).catch(() => {});
    for (let i = 0; i < 50 && sink.state().status !== "saved"; i++) await sink.retry().catch(() => {});
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 2_345 });
    const { chunks, grams } = await chunksAndIndexes(db, s.id);
    expect(chunks).toHaveLength(235);
    expect(grams).toEqual(chunks);
    expect(await db.idb.count("grams")).toBe(Math.ceil(235 / GRAM_PAGE_CHUNKS));
    // Read from the middle, a page at a time: from the chunk holding the seq on.
    expect((await readGrams(db, s.id, 1_005, 1)).map((g) => g.firstSeq)).toEqual(Array.from({ length: 100 }, (_, i) => 1_001 + i * 10));
    expect((await readGrams(db, s.id, 2_341, 5)).map((g) => [g.firstSeq, g.lastSeq])).toEqual([[2_341, 2_345]]);
    expect(await readGrams(db, s.id, 2_346, 5)).toEqual([]);
    sink.dispose();
  });

  it("store the indexes of chunks that have none a page per run of adjacent chunks, never over a page there is", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 10 });
    await sink.write(records(1, 500));
    sink.dispose();
    await db.idb.clear("grams");
    const built = buildIndexedChunks(s.id, records(1, 500), 10).grams;
    // Chunks 1–10 and 31–50 (two runs), then 1–20 again: 11–20 overlap the first page and are left alone.
    expect(await addMissingGrams(db, [...built.slice(0, 10), ...built.slice(30)])).toBe(30);
    expect(await addMissingGrams(db, built.slice(0, 20))).toBe(0);
    expect(await db.idb.count("grams")).toBe(2);
    expect((await readGrams(db, s.id, 1, 10)).map((g) => g.firstSeq)).toEqual([...built.slice(0, 10), ...built.slice(30)].map((g) => g.firstSeq));
    // A run that starts inside a page there is (chunks 41–50 against the page of 31–50), and one that
    // ends inside the next page (21–40 against 31–50), are left alone; 11–30 fits between them.
    expect(await addMissingGrams(db, built.slice(40, 60))).toBe(0);
    expect(await addMissingGrams(db, built.slice(20, 40))).toBe(0);
    expect(await addMissingGrams(db, built.slice(10, 30))).toBe(20);
    expect((await readGrams(db, s.id, 1, 10)).map((g) => g.firstSeq)).toEqual(built.map((g) => g.firstSeq));
    // A session deleted meanwhile gets none back (its record, chunks and pages go in one transaction).
    await deleteSessionData(db, s.id);
    expect(await addMissingGrams(db, built.slice(15, 25))).toBe(0);
    expect(await db.idb.count("grams")).toBe(0);
  });

  it("an imported session is marked indexed once its first fold stored the index; a session gone meanwhile is no error", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    await db.idb.put("stats", { ...emptyStats(s.id, 1), unindexed: true, records: 3 });
    await markIndexed(db, s.id);
    expect(await db.idb.get("stats", s.id)).toEqual({ ...emptyStats(s.id, 1), records: 3 });
    await markIndexed(db, s.id);
    expect(await db.idb.get("stats", s.id)).toEqual({ ...emptyStats(s.id, 1), records: 3 });
    await deleteSessionData(db, s.id);
    await expect(markIndexed(db, s.id)).resolves.toBeUndefined();
    expect(await db.idb.get("stats", s.id)).toBeUndefined();
  });
});
