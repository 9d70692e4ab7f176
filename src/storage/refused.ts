import { unwrap } from "idb";
import type { SessionRecord } from "../core/session/record";
import { buildChunks } from "./chunks";
import type { InspectorDb } from "./db";

const NOT_THE_RECORD = new Set(["InvalidStateError", "TransactionInactiveError", "QuotaExceededError", "AbortError"]);

/**
 * Which of these records the chunks store refuses by itself (DataCloneError, a value nested
 * deeper than the serializer's stack, JSON that cannot be measured): each is put alone, under a
 * key no session uses, in one transaction that is then aborted, so nothing is kept. Synchronous,
 * so it works inside `pagehide` too. Returns the refused records' seqs with the error of each.
 */
export function findRefused(db: InspectorDb, records: readonly SessionRecord[]): Map<number, unknown> {
  const refused = new Map<number, unknown>();
  const tx = (unwrap(db.idb) as IDBDatabase).transaction("chunks", "readwrite");
  // The abort below fails every request that did go in; that is the point, not news.
  tx.onabort = (e) => e.stopPropagation();
  tx.onerror = (e) => {
    e.preventDefault();
    e.stopPropagation();
  };
  const store = tx.objectStore("chunks");
  const probe = `\u0000probe:${crypto.randomUUID()}`;
  try {
    for (const record of records) {
      try {
        store.put(buildChunks(probe, [record], 1)[0]);
      } catch (error) {
        // A closed connection or a full disk is no record's fault: let the caller handle it as such.
        if (NOT_THE_RECORD.has((error as { name?: string })?.name ?? "")) throw error;
        refused.set(record.seq, error);
      }
    }
  } finally {
    tx.abort();
  }
  return refused;
}
