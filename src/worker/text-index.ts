import { searchNeedle } from "../core/search/search-text";
import { gramProbe, GRAMS_VERSION } from "../core/search/text-grams";
import { iterateChunks, readChunksStarting, readGrams, type ChunkGrams, type InspectorDb, type StoredChunk } from "../storage";

// A search consults the chunks' text indexes (the "grams" store, a few hundred bytes a chunk)
// before reading any record, and reads only the chunks whose index may hold the needle, plus
// the chunks that have no index (written before there was one). The steps come in seq order,
// so the scan that consumes them builds its rows exactly as a scan of every chunk would.

/** Indexes read at once: ~300 KB for 1,000 chunks of 100 records. */
const GRAMS_PER_READ = 1000;
/** Chunks a search reads in one transaction (a first screen waits for no more than these). */
const CHUNKS_PER_READ = 16;

/** Whether a chunk's index may hold the search `text`; undefined when the index cannot tell (a needle under 3 characters). */
export function textIndexProbe(text: string): ((g: ChunkGrams) => boolean) | undefined {
  const probe = gramProbe(searchNeedle(text));
  if (!probe) return undefined;
  return (g) => g.v !== GRAMS_VERSION || probe(g.bits);
}

/** A chunk to look at, or: every record up to `passed` has been accounted for. */
export type ScanStep = { chunk: StoredChunk } | { passed: number };

/**
 * The chunks from seq `from` to `end` that a search must look at: those whose index `mayHold`
 * the needle and those without an index. Everything else is passed over unread.
 */
export async function* indexedChunks(db: InspectorDb, sessionId: string, from: number, end: number, mayHold: (g: ChunkGrams) => boolean): AsyncGenerator<ScanStep> {
  let pos = from;
  async function* unindexed(to: number): AsyncGenerator<ScanStep> {
    for await (const chunk of iterateChunks(db, sessionId, pos, 50, to)) yield { chunk };
    yield { passed: to };
    pos = to + 1;
  }
  while (pos <= end) {
    const grams = await readGrams(db, sessionId, pos, GRAMS_PER_READ);
    const ahead = grams.filter((g) => g.firstSeq <= end && g.lastSeq >= pos);
    for (let i = 0; i < ahead.length; ) {
      if (ahead[i].firstSeq > pos) yield* unindexed(ahead[i].firstSeq - 1);
      // A run of indexes with no chunk between them: their candidates are read in one transaction.
      const wanted: number[] = [];
      let k = i;
      while (k < ahead.length && (k === i || ahead[k].firstSeq === ahead[k - 1].lastSeq + 1) && wanted.length < CHUNKS_PER_READ) {
        if (mayHold(ahead[k])) wanted.push(ahead[k].firstSeq);
        k++;
      }
      const chunks = new Map((await readChunksStarting(db, sessionId, wanted)).map((c) => [c.firstSeq, c]));
      for (; i < k; i++) {
        const chunk = chunks.get(ahead[i].firstSeq);
        if (chunk) yield { chunk };
        yield { passed: Math.min(ahead[i].lastSeq, end) };
        pos = ahead[i].lastSeq + 1;
      }
    }
    // Indexes ran out before `end`: what is left has none (or grew since its index was read).
    if (grams.length < GRAMS_PER_READ || ahead.length < grams.length) break;
  }
  if (pos <= end) yield* unindexed(end);
}
