import type { InspectorDb } from "./db";
import { sessionRange, type ChunkGrams, type GramPage } from "./schema";

// The chunks' text indexes are stored GRAM_PAGE_CHUNKS consecutive chunks to a value, so a search
// of a million-event session reads 100 values, not 10,000. A page is keyed by its first chunk's
// seq and holds chunks in seq order; two pages never interleave, so reading pages in key order
// gives every index in seq order.

export const GRAM_PAGE_CHUNKS = 100;

const entry = ({ sessionId: _, ...g }: ChunkGrams): GramPage["grams"][number] => g;

/**
 * The pages a session's sink writes: chunk k (aligned, size C) goes to the page starting at
 * chunk ⌊k/100⌋·100. A put replaces a page whole, so the sink keeps each page until every chunk
 * before its end has committed, and puts it again with every new index in the transaction that
 * writes that index's chunk. An index kept from a write that failed describes a prefix-extension
 * of its chunk as stored (records never change once accepted), so a page never lacks any text.
 */
export function createGramPages(sessionId: string, chunkSize: number) {
  const span = chunkSize * GRAM_PAGE_CHUNKS;
  const keyOf = (seq: number) => Math.floor((seq - 1) / span) * span + 1;
  const pages = new Map<number, Map<number, GramPage["grams"][number]>>();
  return {
    /** Take in these chunks' indexes; the pages they fall in, whole, to put beside the chunks. */
    add(grams: readonly ChunkGrams[]): GramPage[] {
      const touched = new Set<number>();
      for (const g of grams) {
        const key = keyOf(g.firstSeq);
        let page = pages.get(key);
        if (!page) pages.set(key, (page = new Map()));
        page.set(g.firstSeq, entry(g));
        touched.add(key);
      }
      return [...touched].map((key) => ({ sessionId, firstSeq: key, grams: [...pages.get(key)!.values()].sort((a, b) => a.firstSeq - b.firstSeq) }));
    },
    /** Every record before `seq` has committed: pages wholly before its page are not written again. */
    committed(seq: number): void {
      const key = keyOf(seq);
      for (const k of pages.keys()) if (k < key) pages.delete(k);
    },
    /** Pages held (at most two or three: the one being filled and any a write in flight spans). */
    held: () => pages.size,
  };
}

/**
 * Text indexes of the chunks from the one holding `fromSeq` on, from at most `pages` pages, in
 * seq order, without reading a record. None at all: no page from there on. Chunks written
 * before v5 have none: the seqs between two indexes (or after the last) are chunks to read.
 */
export async function readGrams(db: InspectorDb, sessionId: string, fromSeq: number, pages: number): Promise<ChunkGrams[]> {
  const store = db.idb.transaction("grams").store;
  const holding = (await store.openCursor(sessionRange(sessionId, -Infinity, fromSeq), "prev"))?.value;
  const got = await store.getAll(sessionRange(sessionId, holding?.firstSeq ?? fromSeq), pages);
  const out: ChunkGrams[] = [];
  for (const page of got) for (const g of page.grams) if (g.lastSeq >= fromSeq) out.push({ sessionId, ...g });
  return out;
}

/** Runs of adjacent chunks' indexes, at most a page each. */
function runsOf(grams: readonly ChunkGrams[]): ChunkGrams[][] {
  const sorted = [...new Map(grams.map((g) => [`${g.sessionId}\u0000${g.firstSeq}`, g])).values()].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.firstSeq - b.firstSeq));
  const runs: ChunkGrams[][] = [];
  for (const g of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.sessionId === g.sessionId && g.firstSeq === last.lastSeq + 1 && run.length < GRAM_PAGE_CHUNKS) run.push(g);
    else runs.push([g]);
  }
  return runs;
}

/**
 * Store the text indexes of chunks that have none (written before v5, or imported and not yet
 * reached by the first fold), built from the chunks as read, a page per run of adjacent chunks.
 * Such chunks never change (a sink writes only into a session it started). In the same
 * transaction a run is checked: its session still there (a session's chunks, pages and record go
 * in one transaction, so a deleted one's pages are never written back) and no page covering any
 * of it, so a page is never replaced and pages never interleave. Only the "grams" and "sessions"
 * stores are locked: reading chunks goes on meanwhile. Returns how many indexes were stored.
 */
export async function addMissingGrams(db: InspectorDb, grams: readonly ChunkGrams[]): Promise<number> {
  const tx = db.idb.transaction(["sessions", "grams"], "readwrite");
  const sessions = tx.objectStore("sessions");
  const pages = tx.objectStore("grams");
  let added = 0;
  for (const run of runsOf(grams)) {
    const id = run[0].sessionId;
    const first = run[0].firstSeq;
    const last = run[run.length - 1].lastSeq;
    if ((await sessions.getKey(id)) === undefined) continue;
    const before = (await pages.openCursor(sessionRange(id, -Infinity, first), "prev"))?.value;
    if (before && before.grams.some((g) => g.lastSeq >= first)) continue;
    if ((await pages.count(sessionRange(id, first, last))) > 0) continue;
    await pages.put({ sessionId: id, firstSeq: first, grams: run.map(entry) });
    added += run.length;
  }
  await tx.done;
  return added;
}

/** The session's chunks all have their text index now (stored by its first fold): its stats stop saying `unindexed`. */
export async function markIndexed(db: InspectorDb, sessionId: string): Promise<void> {
  const tx = db.idb.transaction("stats", "readwrite");
  const stats = await tx.store.get(sessionId);
  if (stats?.unindexed) {
    delete stats.unindexed;
    await tx.store.put(stats);
  }
  await tx.done;
}
