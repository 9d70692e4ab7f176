import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openDB, type IDBPDatabase } from "idb";
import { DB_VERSION, migrate, MIGRATIONS } from "./migrations";
import { openInspectorDb, StorageVersionError } from "./db";
import { createSessionLibrary } from "./library";
import { readRecords } from "./read";
import { nearestCheckpoint, putCheckpoints } from "./checkpoints";
import { addToStats, emptyStats } from "./stats";
import { header, records } from "./test-util";
import type { InspectorSchema } from "./schema";

// One seed per earlier version: data written in that version's shape. Adding a migration
// without a seed for the version before it fails the first test.
const SESSION = header({ id: "11111111-1111-4111-8111-111111111111", name: "old session" });
const RECORDS = [...records(1, 150, { runId: "run-a", threadId: "th" }), ...records(151, 230, { runId: "run-b", threadId: "th" })];
const stored = { id: SESSION.id, header: SESSION, name: "old session", tags: ["kept"], createdAt: 1 };
const stats = { ...addToStats(emptyStats(SESSION.id, 1), RECORDS), bytes: 999 };

async function putRaw(db: IDBPDatabase<unknown>, store: string, values: unknown[]) {
  const tx = db.transaction(store, "readwrite");
  for (const v of values) await tx.store.put(v);
  await tx.done;
}

const v1Chunks = [0, 100, 200].map((start) => {
  const recs = RECORDS.slice(start, start + 100);
  return { sessionId: SESSION.id, firstSeq: start + 1, lastSeq: recs[recs.length - 1].seq, records: recs, bytes: 333 };
});

const SEEDS: Record<number, (db: IDBPDatabase<unknown>) => Promise<void>> = {
  1: async (db) => {
    await putRaw(db, "sessions", [stored]);
    await putRaw(db, "stats", [stats]);
    await putRaw(db, "chunks", v1Chunks);
    await putRaw(db, "settings", [{ key: "retention", value: { maxSessions: 9 } }]);
  },
  2: async (db) => {
    await SEEDS[1](db);
    const tx = db.transaction("chunks", "readwrite");
    for (const c of v1Chunks) {
      const runs = [...new Set(c.records.map((r) => r.runId!))];
      await tx.store.put({ ...c, runKeys: runs.map((r) => [SESSION.id, r, c.firstSeq]), threadKeys: [[SESSION.id, "th", c.firstSeq]] });
    }
    await tx.done;
  },
  // v3 added the checkpoints store; its chunks are v2's (record arrays), read as they are in v4.
  3: async (db) => {
    await SEEDS[2](db);
    await putRaw(db, "checkpoints", [{ sessionId: SESSION.id, seq: 100, value: { old: true } }]);
  },
  // v4 wrote new chunks as JSON text; a database may hold both shapes. v5 added the text index
  // (grams); v4's chunks have none and are read as they are.
  4: async (db) => {
    await SEEDS[3](db);
    const tx = db.transaction("chunks", "readwrite");
    const { records, ...last } = (await tx.store.get([SESSION.id, 201])) as { records: unknown[] };
    await tx.store.put({ ...last, json: JSON.stringify(records) });
    await tx.done;
  },
};

let n = 0;
const dbName = () => `migrate-${++n}-${Math.random().toString(36).slice(2)}`;

async function openAt(name: string, version: number) {
  return openDB<InspectorSchema>(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      void migrate(db, tx, oldVersion, version);
    },
  });
}

describe("schema upgrades", () => {
  it("has a seed for every earlier version", () => {
    expect(MIGRATIONS.length).toBe(DB_VERSION);
    expect(Object.keys(SEEDS).map(Number)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  });

  it("creates every store and index on a fresh database", async () => {
    const db = await openInspectorDb({ name: dbName() });
    expect(db.idb.version).toBe(DB_VERSION);
    expect([...db.idb.objectStoreNames].sort()).toEqual(["checkpoints", "chunks", "grams", "sessions", "settings", "stats"]);
    const tx = db.idb.transaction("chunks");
    expect([...tx.store.indexNames].sort()).toEqual(["run", "thread"]);
    expect(tx.store.index("run").multiEntry).toBe(true);
    db.close();
  });

  for (let from = 1; from < DB_VERSION; from++) {
    it(`upgrades v${from} → v${DB_VERSION} keeping every record, indexed`, async () => {
      const name = dbName();
      const old = await openAt(name, from);
      await SEEDS[from](old as unknown as IDBPDatabase<unknown>);
      old.close();

      const db = await openInspectorDb({ name });
      expect(db.idb.version).toBe(DB_VERSION);
      const library = createSessionLibrary(db, { storage: {} });
      const [s] = await library.list();
      expect(s).toMatchObject({ id: SESSION.id, name: "old session", tags: ["kept"], records: 230, runs: 2 });
      expect(await library.getRetention()).toEqual({ maxSessions: 9 });
      expect((await readRecords(db, SESSION.id, { limit: 1000 })).records).toEqual(RECORDS);
      expect((await readRecords(db, SESSION.id, { runId: "run-b", limit: 1000 })).records).toEqual(RECORDS.slice(150));
      expect((await readRecords(db, SESSION.id, { threadId: "th", fromSeq: 200, limit: 1000 })).records).toEqual(RECORDS.slice(199));
      await putCheckpoints(db, SESSION.id, [{ seq: 100, value: { ok: true } }]);
      expect((await nearestCheckpoint(db, SESSION.id, 150))?.value).toEqual({ ok: true });
      db.close();
    });
  }

  it("aborts the whole upgrade when a step fails, leaving the old version as it was", async () => {
    const name = dbName();
    // Claims v1 but lacks v1's stores, so the v2 step cannot run.
    (await openDB(name, 1)).close();
    await expect(openInspectorDb({ name })).rejects.toThrow();
    const after = await openDB(name);
    expect(after.version).toBe(1);
    expect([...after.objectStoreNames]).toEqual([]);
    after.close();
  });

  it("refuses a database written by a newer inspector, in plain words", async () => {
    const name = dbName();
    (await openDB(name, DB_VERSION + 1)).close();
    const err = await openInspectorDb({ name }).catch((e) => e);
    expect(err).toBeInstanceOf(StorageVersionError);
    expect(err.message).toMatch(/newer version of the inspector/);
  });
});
