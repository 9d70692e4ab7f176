// prepare(): a sink builds the stored form of whole chunks ahead of their transaction (the
// library import does it while the previous transaction commits). What is stored, its text
// index and what a failed write keeps must be exactly what a sink that never prepared gives.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventRecord, SessionRecord } from "../core/session/record";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { readRecords } from "./read";
import { readGrams } from "./gram-pages";
import { gramBits } from "../core/search/text-grams";
import type { GramBuilder } from "./sink";
import { StorageWriteError } from "./errors";
import { eventRecord, freshDb, header, instrumentDb, manualClock, quotaError, records } from "./test-util";
import type { InspectorDb } from "./db";

/** Every stored chunk of a session as the store holds it, and its text indexes. */
async function storedForm(db: InspectorDb, id: string) {
  const chunks = (await db.idb.getAll("chunks")).filter((c) => c.sessionId === id).map(({ sessionId: _, runKeys, threadKeys, ...c }) => ({ ...c, runs: runKeys.map((k) => k[1]), threads: threadKeys.map((k) => k[1]) }));
  const grams = (await readGrams(db, id, 1, 1000)).map(({ sessionId: _, ...g }) => g);
  return { chunks, grams };
}

/** Records of a few runs and threads, so chunks differ in their keys too. */
const mixed = (from: number, to: number): SessionRecord[] => records(from, to).map((r) => ({ ...r, runId: `run-${Math.floor(r.seq / 70)}`, threadId: `thread-${r.seq % 3}` }) as SessionRecord);

async function writtenPlain(recs: SessionRecord[], options = {}) {
  const db = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id, options);
  await sink.write(recs);
  sink.dispose();
  return storedForm(db, s.id);
}

afterEach(() => vi.restoreAllMocks());

describe("IndexedDB sink, chunks built ahead (prepare)", () => {
  it("stores the same chunks and text index as a sink that builds them in its transaction, and builds each whole chunk once", async () => {
    const all = mixed(1, 257);
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 50, txRecords: 100 });
    // Accepted in pieces that end mid-chunk: each prepare() builds only the chunks now whole.
    sink.accept(all.slice(0, 120));
    sink.prepare();
    sink.accept(all.slice(120, 257));
    sink.prepare();
    const stringify = vi.spyOn(JSON, "stringify");
    await sink.write(all);
    // Only the last chunk (251-257, not whole) is built by a transaction: once, in the one that writes it.
    const chunkTexts = stringify.mock.calls.filter(([v]) => Array.isArray(v) && (v as SessionRecord[])[0]?.seq !== undefined);
    expect(chunkTexts.map(([v]) => (v as SessionRecord[])[0].seq)).toEqual([251]);
    stringify.mockRestore();
    expect((await readRecords(db, s.id, { limit: 1e9 })).records).toEqual(all);
    expect(await storedForm(db, s.id)).toEqual(await writtenPlain(all, { chunkSize: 50, txRecords: 100 }));
    sink.dispose();
  });

  it("with a builder elsewhere (the import's helper worker), stores the same text index, built there and not again", async () => {
    const all = mixed(1, 257);
    const asked: number[] = [];
    const elsewhere: GramBuilder = async (texts) => (asked.push(texts.length), texts.map(gramBits));
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 50, txRecords: 100 });
    sink.accept(all.slice(0, 120));
    await sink.prepare(elsewhere);
    sink.accept(all.slice(120, 257));
    await sink.prepare(elsewhere);
    await sink.write(all);
    // Chunks 1-50, 51-100, then 101-150 … 201-250; 251-257 is not whole, its transaction indexes it.
    expect(asked).toEqual([2, 3]);
    expect((await readRecords(db, s.id, { limit: 1e9 })).records).toEqual(all);
    expect(await storedForm(db, s.id)).toEqual(await writtenPlain(all, { chunkSize: 50, txRecords: 100 }));
    sink.dispose();
  });

  it("a builder that fails, answers short or throws leaves those chunks to their transaction: the same index is stored", async () => {
    const builders: GramBuilder[] = [
      () => Promise.reject(new Error("helper gone")),
      async (texts) => texts.slice(1).map(gramBits),
      () => {
        throw new Error("cannot post");
      },
    ];
    for (const builder of builders) {
      const all = mixed(1, 140);
      const db = await freshDb();
      const s = await createSession(db, header());
      const sink = await createIdbSink(db, s.id, { chunkSize: 50 });
      sink.accept(all);
      await expect(sink.prepare(builder)).resolves.toBeUndefined();
      await sink.write(all);
      expect((await readRecords(db, s.id, { limit: 1e9 })).records).toEqual(all);
      expect(await storedForm(db, s.id)).toEqual(await writtenPlain(all, { chunkSize: 50 }));
      sink.dispose();
    }
  });

  it("a record JSON cannot hold stops the building ahead there; its transaction swaps it and stores everything after it", async () => {
    const bad = { ...eventRecord(25), event: { type: "CUSTOM", name: "big", value: 1n } } as unknown as EventRecord;
    const all = [...records(1, 24), bad, ...records(26, 60)];
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 10 });
    sink.accept(all);
    expect(() => sink.prepare()).not.toThrow();
    await sink.write(all);
    const stored = (await readRecords(db, s.id, { limit: 1e9 })).records;
    expect(stored.map((r) => r.seq)).toEqual(all.map((r) => r.seq));
    expect(stored.filter((r) => r.kind === "bad-frame").map((r) => r.seq)).toEqual([25]);
    expect(sink.state()).toMatchObject({ status: "saved", replaced: 1 });
    sink.dispose();
  });

  it("a full disk after chunks were built ahead is reported, loses nothing, and a retry stores them once", async () => {
    const all = mixed(1, 230);
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = true;
    instrumentDb(db, () => (full ? quotaError() : null));
    const sink = await createIdbSink(db, s.id, { chunkSize: 50, clock: manualClock() });
    sink.accept(all);
    sink.prepare();
    const err = await sink.write(all).catch((e) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect(err.problem.kind).toBe("quota");
    expect(sink.state()).toMatchObject({ status: "failing", savedSeq: 0, unsaved: 230 });
    expect(sink.unsaved()).toEqual(all);
    full = false;
    await sink.retry();
    expect((await readRecords(db, s.id, { limit: 1e9 })).records).toEqual(all);
    expect(await storedForm(db, s.id)).toEqual(await writtenPlain(all, { chunkSize: 50 }));
    sink.dispose();
  });
});
