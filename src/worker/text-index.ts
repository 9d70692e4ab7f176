import { searchNeedle } from "../core/search/search-text";
import { gramProbe, GRAMS_VERSION } from "../core/search/text-grams";
import { addMissingGrams, chunkGrams, iterateChunks, onlyPlainEvents, readChunksStarting, readGrams, type ChunkGrams, type InspectorDb, type StoredChunk } from "../storage";

// A search consults the chunks' text indexes (the "grams" store, a few hundred bytes a chunk)
// before reading any record, and reads only the chunks whose index may hold the needle, plus
// the chunks that have no index (written before there was one). The steps come in seq order,
// so the scan that consumes them builds its rows exactly as a scan of every chunk would.

/** Index pages read at once: 1,000 chunks' indexes, ~300 KB for chunks of 100 token events. */
const PAGES_PER_READ = 10;
/** Chunks a search reads in one transaction (a first screen waits for no more than these). */
const CHUNKS_PER_READ = 16;

/** Whether a chunk's index may hold the search `text`; undefined when the index cannot tell (a needle under 3 characters). */
export function textIndexProbe(text: string): ((g: ChunkGrams) => boolean) | undefined {
  const probe = gramProbe(searchNeedle(text));
  if (!probe) return undefined;
  return (g) => g.v !== GRAMS_VERSION || probe(g.bits);
}

/** A chunk to look at (`indexed`: it has a text index), or: every record up to `passed` has been accounted for. */
export type ScanStep = { chunk: StoredChunk; indexed: boolean } | { passed: number };

/**
 * The chunks from seq `from` to `end` that a search must look at: those whose index `mayHold`
 * the needle and those without an index. Everything else is passed over unread.
 */
export async function* indexedChunks(db: InspectorDb, sessionId: string, from: number, end: number, mayHold: (g: ChunkGrams) => boolean, pagesPerRead = PAGES_PER_READ): AsyncGenerator<ScanStep> {
  let pos = from;
  async function* unindexed(to: number): AsyncGenerator<ScanStep> {
    for await (const chunk of iterateChunks(db, sessionId, pos, 50, to)) yield { chunk, indexed: false };
    yield { passed: to };
    pos = to + 1;
  }
  while (pos <= end) {
    const grams = await readGrams(db, sessionId, pos, pagesPerRead);
    const ahead = grams.filter((g) => g.firstSeq <= end && g.lastSeq >= pos);
    if (!ahead.length) break;
    for (let i = 0; i < ahead.length; ) {
      if (ahead[i].firstSeq > pos) yield* unindexed(ahead[i].firstSeq - 1);
      // A run of indexes with no chunk between them: their candidates are read in one transaction.
      const wanted: number[] = [];
      let k = i;
      while (k < ahead.length && (k === i || ahead[k].firstSeq === ahead[k - 1].lastSeq + 1) && wanted.length < CHUNKS_PER_READ) {
        if (mayHold(ahead[k])) wanted.push(ahead[k].firstSeq);
        k++;
      }
      const chunks = wanted.length ? new Map((await readChunksStarting(db, sessionId, wanted)).map((c) => [c.firstSeq, c])) : undefined;
      for (; i < k; i++) {
        const chunk = chunks?.get(ahead[i].firstSeq);
        if (chunk) yield { chunk, indexed: true };
        pos = ahead[i].lastSeq + 1;
      }
      // One step for the whole run: a rare needle's scan passes a thousand chunks at a time.
      yield { passed: Math.min(pos - 1, end) };
    }
    // Indexes past `end`: the scan is there. (Indexes that ran out: what is left has none, or grew since its index was read.)
    if (ahead.length < grams.length) break;
  }
  if (pos <= end) yield* unindexed(end);
}

/** The text index of a chunk read without one; undefined when its records cannot be written as JSON (a chunk from before v4 may hold a BigInt). */
function gramsOfRead(sessionId: string, chunk: StoredChunk): ChunkGrams | undefined {
  const key = { sessionId, firstSeq: chunk.firstSeq, lastSeq: chunk.lastSeq };
  try {
    // Since v4 a search sees the records decoded from the stored text, whose index needs the records
    // decoded only when the text shows some that are not plain events; before, the records themselves.
    if (chunk.json !== undefined) return chunkGrams(key, chunk.json, onlyPlainEvents(chunk.json) ? [] : chunk.records);
    return chunkGrams(key, JSON.stringify(chunk.records), chunk.records, false);
  } catch {
    return undefined;
  }
}

/**
 * Indexes the chunks written before the text index existed as a search reads them, so the next
 * search reads them no more. Stored `batch` at a time, one write after another; a failed write
 * only leaves those chunks to be read again.
 */
export function createGramBackfill(db: InspectorDb, sessionId: string, batch = 64) {
  let queued: ChunkGrams[] = [];
  let writing: Promise<void> = Promise.resolve();
  let added = 0;
  function flush(): Promise<void> {
    if (queued.length) {
      const grams = queued;
      queued = [];
      writing = writing.then(() => addMissingGrams(db, grams)).then(
        (n) => void (added += n),
        () => {},
      );
    }
    return writing;
  }
  return {
    offer(chunk: StoredChunk): void {
      const g = gramsOfRead(sessionId, chunk);
      if (g) queued.push(g);
      if (queued.length >= batch) void flush();
    },
    flush,
    added: () => added,
  };
}
