import type { IDBPDatabase, IDBPTransaction, StoreNames } from "idb";
import { chunkKeys } from "./chunks";
import type { InspectorSchema } from "./schema";

// The schema is the list of steps below; the database version is their count. A shipped step is
// never edited: a change is a new step, with a seed for its predecessor in migrations.test.ts.
// Records are never dropped by a step; derived stores (checkpoints) may be cleared and rebuilt.

export type UpgradeDb = IDBPDatabase<InspectorSchema>;
export type UpgradeTx = IDBPTransaction<InspectorSchema, StoreNames<InspectorSchema>[], "versionchange">;

export interface Migration {
  /** Why the step exists, for whoever reads the upgrade history. */
  why: string;
  up(db: UpgradeDb, tx: UpgradeTx): void | Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    why: "v1: sessions (user-edited), stats (sink-written counters), record chunks, settings",
    up(db) {
      db.createObjectStore("sessions", { keyPath: "id" }).createIndex("createdAt", "createdAt");
      db.createObjectStore("stats", { keyPath: "id" });
      db.createObjectStore("chunks", { keyPath: ["sessionId", "firstSeq"] });
      db.createObjectStore("settings", { keyPath: "key" });
    },
  },
  {
    why: "v2: find a run's or thread's records without reading the whole session",
    async up(_db, tx) {
      const chunks = tx.objectStore("chunks");
      chunks.createIndex("run", "runKeys", { multiEntry: true });
      chunks.createIndex("thread", "threadKeys", { multiEntry: true });
      // v1 chunks carry no index keys yet: add them so old sessions are indexed too.
      for (let cursor = await chunks.openCursor(); cursor; cursor = await cursor.continue()) {
        const chunk = cursor.value;
        await cursor.update({ ...chunk, ...chunkKeys(chunk.sessionId, chunk.firstSeq, chunk.records ?? []) });
      }
    },
  },
  {
    why: "v3: replay checkpoints (derived; safe to clear)",
    up(db) {
      db.createObjectStore("checkpoints", { keyPath: ["sessionId", "seq"] });
    },
  },
  {
    // IndexedDB copies one string many times faster than the object graph of a hundred records
    // (an import into the library went from 35 to 45 MB/s). Chunks written before keep their
    // record arrays and are read as they are (chunkRecords), so nothing is rewritten; the version
    // moves so that an older inspector, which reads only arrays, refuses this database in plain
    // words instead of misreading it.
    why: "v4: new chunks hold their records as JSON text",
    up() {},
  },
  {
    // A search reads only the chunks whose index says they may hold its needle. Chunks written
    // before have no index and are read as before: indexing them here would read every record
    // stored during the upgrade, which blocks every tab until it ends.
    why: "v5: a text index per chunk (grams), written with the chunk",
    up(db) {
      db.createObjectStore("grams", { keyPath: ["sessionId", "firstSeq"] });
    },
  },
];

export const DB_VERSION = MIGRATIONS.length;

/** Run the steps that take a database from oldVersion to newVersion, in order. */
export async function migrate(db: UpgradeDb, tx: UpgradeTx, oldVersion: number, newVersion: number): Promise<void> {
  for (let v = oldVersion; v < newVersion; v++) await MIGRATIONS[v].up(db, tx);
}
