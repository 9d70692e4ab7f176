// The library import's writer builds each chunk the moment it is whole and holds chunk text, not
// records. What it stores (chunks, stats) must be exactly what the recording sink stores for the
// same records, less the text index (left to the first fold, the stats say so), and every way a
// write can fail must fail the import cleanly.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventRecord, SessionRecord } from "../core/session/record";
import { createChunkWriter, type ChunkWriterOptions } from "./chunk-writer";
import type { InspectorDb } from "./db";
import { SequenceError, SessionBusyError, SessionGoneError, StorageWriteError } from "./errors";
import { readGrams } from "./gram-pages";
import { readRecords } from "./read";
import { createSession, deleteSessionData } from "./sessions";
import { createIdbSink } from "./sink";
import { eventRecord, freshDb, header, instrumentDb, manualClock, quotaError, records } from "./test-util";
import { unwrap } from "idb";

/** Every stored chunk of a session as the store holds it, and its stats (less who wrote them, and when). */
async function storedForm(db: InspectorDb, id: string) {
  const chunks = (await db.idb.getAll("chunks")).filter((c) => c.sessionId === id).map(({ sessionId: _, runKeys, threadKeys, ...c }) => ({ ...c, runs: runKeys.map((k) => k[1]), threads: threadKeys.map((k) => k[1]) }));
  const { writer: _w, updatedAt: _u, id: _id, ...stats } = (await db.idb.get("stats", id))!;
  return { chunks, stats };
}

/** Records of a few runs, threads and agents, so chunks and stats differ in their keys too. */
const mixed = (from: number, to: number): SessionRecord[] =>
  records(from, to).map((r) => ({ ...r, runId: `run-${Math.floor(r.seq / 70)}`, threadId: `thread-${r.seq % 3}`, agentId: `agent-${r.seq % 2}` }) as SessionRecord);

/** What the recording sink stores for these records. */
async function writtenBySink(recs: SessionRecord[], options: { chunkSize?: number; txRecords?: number } = {}) {
  const db = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id, options);
  await sink.write(recs);
  sink.dispose();
  return storedForm(db, s.id);
}

/** A writer on a new session of a new database. */
async function writer(options: ChunkWriterOptions = {}) {
  const db = await freshDb();
  const s = await createSession(db, header());
  return { db, id: s.id, out: await createChunkWriter(db, s.id, options) };
}

/** Hand `recs` over in pieces of `piece` (ending mid-chunk), writing after each, as the import does. */
async function feed(out: Awaited<ReturnType<typeof createChunkWriter>>, recs: SessionRecord[], piece: number) {
  for (let i = 0; i < recs.length; i += piece) {
    out.add(recs.slice(i, i + piece));
    await out.write();
  }
  await out.end();
}

afterEach(() => vi.restoreAllMocks());

/**
 * Every readwrite transaction the writer starts over "chunks": its durability, and how many of
 * them were started and not yet complete at its start (the writer's transactions in flight).
 */
function watchTransactions(db: InspectorDb) {
  const raw = unwrap(db.idb) as IDBDatabase;
  const original = raw.transaction.bind(raw);
  const seen = { started: 0, open: 0, mostOpen: 0, durability: new Set<string | undefined>() };
  raw.transaction = ((stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
    const tx = original(stores, mode, options);
    if (mode !== "readwrite" || !([] as string[]).concat(stores).includes("chunks")) return tx;
    seen.started++;
    seen.durability.add(options?.durability);
    seen.mostOpen = Math.max(seen.mostOpen, ++seen.open);
    const close = () => void seen.open--;
    tx.addEventListener("complete", close);
    tx.addEventListener("abort", close);
    return tx;
  }) as IDBDatabase["transaction"];
  return seen;
}

describe("the import's chunk writer", () => {
  it("stores exactly the chunks and stats the recording sink stores for the same records, and no text index, saying so", async () => {
    const all = mixed(1, 257);
    const sink = await writtenBySink(all, { chunkSize: 50, txRecords: 100 });
    for (const piece of [1, 37, 100, 257]) {
      const { db, id, out } = await writer({ chunkSize: 50, txRecords: 100 });
      await feed(out, all, piece);
      expect((await readRecords(db, id, { limit: 1e9 })).records).toEqual(all);
      expect(await storedForm(db, id)).toEqual({ ...sink, stats: { ...sink.stats, unindexed: true } });
      expect(await readGrams(db, id, 1, 1000)).toEqual([]);
    }
  });

  it("builds each chunk once, as soon as it is whole, before any transaction asks for it", async () => {
    const all = mixed(1, 130);
    const { out } = await writer({ chunkSize: 50, txRecords: 100 });
    const stringify = vi.spyOn(JSON, "stringify");
    const built = () => stringify.mock.calls.filter(([v]) => Array.isArray(v) && (v as SessionRecord[])[0]?.seq !== undefined).map(([v]) => (v as SessionRecord[])[0].seq);
    out.add(all.slice(0, 50));
    expect(built()).toEqual([1]);
    out.add(all.slice(50, 60));
    expect(built()).toEqual([1]);
    out.add(all.slice(60, 130));
    expect(built()).toEqual([1, 51]);
    await out.write();
    await out.end();
    // The last, part-full chunk is built at the end, and nothing is built twice.
    expect(built()).toEqual([1, 51, 101]);
  });

  it("a record JSON cannot hold (a BigInt, a cycle) is stored as a bad frame in its place; every other record of its chunk is kept", async () => {
    const big = { ...eventRecord(25), event: { type: "CUSTOM", name: "big", value: 1n } } as unknown as EventRecord;
    const cyclic = { ...eventRecord(27), event: { type: "CUSTOM", name: "loop", value: {} as Record<string, unknown> } } as unknown as EventRecord & { event: { value: Record<string, unknown> } };
    cyclic.event.value.self = cyclic.event.value;
    const all = [...records(1, 24), big, eventRecord(26), cyclic, ...records(28, 60)];
    const { db, id, out } = await writer({ chunkSize: 10 });
    await feed(out, all, 60);
    const stored = (await readRecords(db, id, { limit: 1e9 })).records;
    expect(stored.map((r) => r.seq)).toEqual(all.map((r) => r.seq));
    expect(stored.filter((r) => r.kind === "bad-frame").map((r) => r.seq)).toEqual([25, 27]);
    expect(stored.find((r) => r.seq === 25)).toMatchObject({ kind: "bad-frame", error: expect.stringMatching(/refused this frame \(TypeError: .*BigInt/) });
    expect(stored.filter((r) => r.seq >= 21 && r.seq <= 30 && r.kind === "event").map((r) => r.seq)).toEqual([21, 22, 23, 24, 26, 28, 29, 30]);
    expect(out.replaced()).toBe(2);
    const stats = await db.idb.get("stats", id);
    expect(stats).toMatchObject({ records: 60, events: 58, lastSeq: 60 });
  });

  it("a full disk fails the writing with the quota problem, reported once every transaction in flight has settled", async () => {
    const all = mixed(1, 450);
    const { db, id, out } = await writer({ chunkSize: 50, txRecords: 100 });
    const writes = instrumentDb(db, () => quotaError());
    const err = await feed(out, all, 50).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem.kind).toBe("quota");
    // The first failure stops the writing: at most the two transactions in flight were issued after it.
    expect(writes.writes).toBeLessThanOrEqual(3);
    await out.idle();
    expect(await db.idb.count("chunks")).toBe(0);
    expect(await db.idb.get("stats", id)).toMatchObject({ records: 0, lastSeq: 0 });
  });

  it("a session deleted while it is written: the writing fails with SessionGoneError and leaves none of its data", async () => {
    const all = mixed(1, 400);
    const { db, id, out } = await writer({ chunkSize: 50, txRecords: 100 });
    out.add(all.slice(0, 100));
    await out.write();
    await deleteSessionData(db, id);
    const err = await feed(out, all.slice(100), 100).catch((e) => e);
    expect(err).toBeInstanceOf(SessionGoneError);
    await out.idle();
    const left = (await db.idb.getAll("chunks")).filter((c) => c.sessionId === id);
    expect(left).toEqual([]);
    expect(await db.idb.get("stats", id)).toBeUndefined();
  });

  it("takes seqs dense from 1 only, and claims its session: a second writer of it is refused", async () => {
    const { db, id, out } = await writer();
    expect(() => out.add(records(2, 3))).toThrow(new SequenceError(1, 2));
    out.add(records(1, 3));
    expect(() => out.add(records(5, 6))).toThrow(new SequenceError(4, 5));
    expect(() => out.add([...records(4, 5), ...records(7, 7)])).toThrow("Expected record seq 6, got 7.");
    await expect(createChunkWriter(db, id)).rejects.toBeInstanceOf(SessionBusyError);
  });

  it("an empty import stores no chunk, and its times come from the clock it is given", async () => {
    const clock = manualClock(1_800_000_000_000);
    const { db, id, out } = await writer({ clock });
    await out.end();
    expect(await db.idb.count("chunks")).toBe(0);
    expect(await db.idb.get("stats", id)).toMatchObject({ records: 0, writer: expect.any(String) });
    // Nothing stored, so nothing for a fold to index.
    expect(await db.idb.get("stats", id)).not.toHaveProperty("unindexed");
    const full = await writer({ clock, chunkSize: 10 });
    await feed(full.out, records(1, 15), 15);
    expect(await full.db.idb.get("stats", full.id)).toMatchObject({ updatedAt: 1_800_000_000_000, records: 15, lastSeq: 15 });
  });
  it("puts txRecords records (whole chunks) to a transaction, relaxed, with at most two of them in flight", async () => {
    const all = mixed(1, 1010);
    const { db, id, out } = await writer({ chunkSize: 50, txRecords: 120 });
    const seen = watchTransactions(db);
    await feed(out, all, 30);
    // 120 rounds down to 100 a transaction (two chunks): 10 whole ones, then the last 10 records.
    expect(seen.started).toBe(11);
    expect(seen.durability).toEqual(new Set(["relaxed"]));
    expect(seen.mostOpen).toBe(2);
    expect((await readRecords(db, id, { limit: 1e9 })).records).toEqual(all);

    const strict = await writer({ chunkSize: 10, txRecords: 5, durability: "strict" });
    const strictSeen = watchTransactions(strict.db);
    await feed(strict.out, all.slice(0, 35), 10);
    // Never less than a chunk a transaction: one each time a chunk is whole, and the last part-full one.
    expect(strictSeen.started).toBe(4);
    expect(strictSeen.durability).toEqual(new Set(["strict"]));
    const byDefault = await writer();
    const defaultSeen = watchTransactions(byDefault.db);
    await feed(byDefault.out, records(1, 20_001), 1000);
    expect(defaultSeen.started).toBe(2);
  });

  it("a transaction that fails last still fails the end, and none after a failure is waited for in vain", async () => {
    const all = mixed(1, 250);
    const { db, out } = await writer({ chunkSize: 50, txRecords: 100 });
    let n = 0;
    // The first transaction takes the four chunks built by then; the second, issued by end(), fails.
    instrumentDb(db, () => (++n === 2 ? quotaError() : null));
    out.add(all.slice(0, 200));
    await out.write();
    out.add(all.slice(200));
    const err = await out.end().catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem.kind).toBe("quota");
    await expect(out.idle()).resolves.toBeUndefined();
  });
  it("a chunk JSON cannot hold even with its odd records swapped (longer than a string can be) fails the import, naming why", async () => {
    const { out } = await writer({ chunkSize: 10 });
    const stringify = JSON.stringify;
    // A chunk's text over V8's longest string cannot be made real here: its stringify is made to fail as it would.
    vi.spyOn(JSON, "stringify").mockImplementation(((value: unknown, ...rest: []) => {
      if (Array.isArray(value) && (value as SessionRecord[])[0]?.seq !== undefined) throw new RangeError("Invalid string length");
      return stringify(value, ...rest);
    }) as typeof JSON.stringify);
    let error: unknown;
    try {
      out.add(records(1, 10));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as StorageWriteError).message).toMatch(/Invalid string length/);
  });

  it("a database closed under it fails the writing as closed", async () => {
    const { db, out } = await writer({ chunkSize: 10, txRecords: 10 });
    out.add(records(1, 25));
    db.idb.close();
    const err = await out.write().then(() => out.end()).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem.kind).toBe("closed");
  });
});
