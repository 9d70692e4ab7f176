import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createIdbSink, createSession, iterateChunks, readGrams, readRecords, type InspectorDb } from "../storage";
import { freshDb, header } from "../storage/test-util";
import { matcher, NO_FILTER } from "../models/filters";
import { searchText } from "../core/search/search-text";
import type { SessionRecord } from "../core/session/record";
import { generateMixedSession } from "../../test/session-generator";
import { openPagedSession } from "./paged-session";
import { indexedChunks, textIndexProbe } from "./text-index";

// A search reads only the chunks whose text index may hold its needle. The index must never
// rule out a chunk holding a match: over every short substring of the records' text (JSON
// escapes, letters that lowercase oddly, numbers, raw frames, requests), a search through the
// index answers what a search of every record answers, and it reads few chunks for a rare needle.

const ODD: Omit<SessionRecord, "seq">[] = [
  { t: 1, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: 'say "Hi"\\there\nNEXT\ttab', value: "İstanbul KELVIN-\u212A ΟΔΟΣ ΣΑΣ straße" }, raw: 'data {"type":"CUSTOM","name":"say \\"Hi\\""}' },
  { t: 2, x: 1, dir: "in", kind: "bad-frame", error: "invalid JSON: Unexpected token", raw: "{not json\tTAB\u0007bell ΑΣ." },
  { t: 3, x: 1, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:4318/agent/a-b/run?x=1", transport: "rest", headers: {}, body: { q: "Ünïcode ÆØÅ \u{1F600} \ud800 lone" } },
  { t: 4, x: 1, dir: "in", kind: "response", op: "run", status: 503, contentType: "text/plain", headers: {}, text: "Service-Unavailable #5", ms: 3 },
  // Not a number: stored as null, and searched as the record read back holds it.
  { t: 5, x: 1, dir: "in", kind: "response", op: "info", status: NaN, contentType: "application/json", headers: {}, body: { n: 1e21, z: -0, f: 0.1, big: 12345678901234567890 }, ms: 1 },
  { t: 6, x: 1, dir: "in", kind: "end", op: "run", outcome: "error", frames: 0, error: "cut@byte=42" },
  { t: 7, x: 1, dir: "in", kind: "comment", text: "keep-alive: ping/pong ΣΊΣΥΦΟΣ" },
  { t: 8, x: 1, dir: "in", kind: "event", event: { type: "TEXT_MESSAGE_CONTENT", messageId: "m\"1", delta: "Ǆemo ǅ ǆ ΐ ﬃ İİ" } },
  { t: 9, x: 1, dir: "in", kind: "event", event: { type: "RAW", event: "zq-rare-needle-7f3a" } },
] as unknown as Omit<SessionRecord, "seq">[];

/** The odd records first, then a generated session, seqs dense from 1; the rare needle's record goes near the middle. */
function sessionRecords(): SessionRecord[] {
  const generated = generateMixedSession(12);
  const all = [...ODD.slice(0, -1), ...generated.slice(0, 400), ODD[ODD.length - 1], ...generated.slice(400)];
  return all.map((r, i) => ({ ...r, seq: i + 1 }) as SessionRecord);
}

async function stored(records: SessionRecord[], chunkSize = 10): Promise<{ db: InspectorDb; id: string }> {
  const db = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id, { chunkSize });
  for (let i = 0; i < records.length; i += 97) await sink.write(records.slice(i, i + 97));
  await sink.flushNow();
  sink.dispose();
  return { db, id: s.id };
}

/** Substrings up to 8 characters of each record's text as searched and as stored, as typed and upper-cased. */
function needlesOf(records: SessionRecord[], step: number): string[] {
  const out = new Set<string>(["zzz-no-match", "POST run", "undefined", "nan", "null", "in", "k", "\u212A", "ς", "σ", "Σ", "ΟΣ ", "i̇", "İ", '"hi"', "\\", "\\n", "1e+21", "-0", "12345678901234567000", "straße", "STRASSE"]);
  for (const r of records) {
    for (const text of [searchText(r), JSON.stringify(r)]) {
      for (let i = 0; i < text.length; i += step) {
        for (let n = 1; n <= 8; n++) {
          const s = text.slice(i, i + n);
          out.add(s);
          out.add(s.toUpperCase());
        }
      }
    }
  }
  return [...out];
}

/** Every record's seq a search of every record matches. */
function matching(records: SessionRecord[], text: string): number[] {
  const match = matcher({ ...NO_FILTER, text });
  return records.filter((r) => match(r)).map((r) => r.seq);
}

async function searched(paged: Awaited<ReturnType<typeof openPagedSession>>, text: string): Promise<number[]> {
  const answer = await paged.rows({ filter: { ...NO_FILTER, text }, coalesce: false }, 0, 1e9);
  expect(answer.complete).toBe(true);
  return answer.rows.map((r) => r.record.seq);
}

/**
 * Turn some chunks into ones written before the index (no text index), about half as JSON text,
 * half as record arrays as recorded (before v4: a NaN stays NaN).
 */
async function dropIndexOf(db: InspectorDb, id: string, records: SessionRecord[], keep: (firstSeq: number) => boolean) {
  const tx = db.idb.transaction(["chunks", "grams"], "readwrite");
  const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
  for (let p = await tx.objectStore("grams").openCursor(range); p; p = await p.continue()) {
    const grams = p.value.grams.filter((g) => keep(g.firstSeq));
    if (grams.length) await p.update({ ...p.value, grams });
    else await p.delete();
  }
  let odd = false;
  for (let c = await tx.objectStore("chunks").openCursor(range); c; c = await c.continue()) {
    // (the odd records' NaN, seq 5, always among those kept as recorded)
    if (keep(c.value.firstSeq) || (!(odd = !odd) && !(c.value.firstSeq <= 5 && c.value.lastSeq >= 5))) continue;
    const { json: _, ...rest } = c.value;
    await c.update({ ...rest, records: records.slice(c.value.firstSeq - 1, c.value.lastSeq) });
  }
  await tx.done;
}

describe("a search through the chunks' text index", () => {
  it("never rules out a chunk holding a match, for every short substring of the records", async () => {
    const { db, id } = await stored(sessionRecords());
    // What a search sees: the records as read back.
    const chunks: { firstSeq: number; records: SessionRecord[] }[] = [];
    for await (const c of iterateChunks(db, id)) chunks.push({ firstSeq: c.firstSeq, records: c.records });
    const grams = new Map((await readGrams(db, id, 1, 1e6)).map((g) => [g.firstSeq, g]));
    expect(grams.size).toBe(chunks.length);
    // (the search's own test, matcher(), on each record's text lowercased once: many needles)
    const texts = chunks.map((c) => c.records.map((r) => searchText(r).toLowerCase()));
    let applied = 0;
    let ruledOut = 0;
    let holding = 0;
    for (const needle of needlesOf(chunks.slice(0, 3).flatMap((c) => c.records), 1).concat(needlesOf(chunks.flatMap((c) => c.records), 11))) {
      const probe = textIndexProbe(needle);
      if (!probe) continue;
      applied++;
      const lower = needle.trim().toLowerCase();
      for (const [i, c] of chunks.entries()) {
        const may = probe(grams.get(c.firstSeq)!);
        if (texts[i].some((t) => t.includes(lower))) {
          holding++;
          expect(may, `${JSON.stringify(needle)} in the chunk from ${c.firstSeq}`).toBe(true);
        } else if (!may) ruledOut++;
      }
    }
    // Many needles, many chunks holding them, and the index did rule chunks out.
    expect(applied).toBeGreaterThan(3000);
    expect(holding).toBeGreaterThan(20_000);
    expect(ruledOut).toBeGreaterThan(applied * 10);
  });

  it("answers what a search of every record answers, reading only the chunks that may match", async () => {
    const records = sessionRecords();
    // Chunks of 3: the indexes span three pages.
    const { db, id } = await stored(records, 3);
    const back = (await readRecords(db, id, { limit: 1e6 })).records;
    const paged = await openPagedSession(db, id, { cacheChunks: 4 });
    const chunks = Math.ceil(records.length / 3);
    const needles = needlesOf(back.slice(0, 12), 7).filter((_, i) => i % 3 === 0);
    expect(needles.length).toBeGreaterThan(150);
    for (const needle of needles) expect(await searched(paged, needle), JSON.stringify(needle)).toEqual(matching(back, needle));

    // A rare needle: its chunk, and at most a false "maybe" or two, are read.
    let before = paged.cacheStats().scanReads;
    expect(await searched(paged, "ZQ-RARE-needle-7F3A")).toEqual([401 + ODD.length - 1]);
    const rare = paged.cacheStats().scanReads - before;
    expect(rare).toBeGreaterThanOrEqual(1);
    expect(rare).toBeLessThanOrEqual(3);
    // A needle of two characters: the index cannot tell, every chunk is read.
    before = paged.cacheStats().scanReads;
    expect(await searched(paged, "zq")).toEqual(matching(back, "zq"));
    expect(paged.cacheStats().scanReads - before).toBe(chunks);
  });

  it("reads the chunks that have no index between those that have, as JSON text or record arrays", async () => {
    const records = sessionRecords();
    const { db, id } = await stored(records, 3);
    const chunks = Math.ceil(records.length / 3);
    // Every other run of 15 chunks has no index, the rare needle's and the odd records' among them.
    await dropIndexOf(db, id, records, (first) => Math.floor((first - 1) / 45) % 2 === 1);
    const back = (await readRecords(db, id, { limit: 1e6 })).records;
    expect(Number.isNaN((back[4] as { status: number }).status)).toBe(true);
    const indexed = (await readGrams(db, id, 1, 1e6)).length;
    expect(indexed).toBeLessThan(chunks / 2 + 15);
    expect(indexed).toBeGreaterThan(chunks / 2 - 15);

    const paged = await openPagedSession(db, id, { cacheChunks: 4 });
    const before = paged.cacheStats().scanReads;
    expect(await searched(paged, "zq-rare-needle-7f3a")).toEqual([401 + ODD.length - 1]);
    // The chunks without an index are read (half the session), those with one mostly not.
    const read = paged.cacheStats().scanReads - before;
    expect(read).toBeGreaterThanOrEqual(chunks - indexed);
    expect(read).toBeLessThan(chunks - indexed + 5);
    for (const needle of ["nan", "NaN info", ...needlesOf(back.slice(0, 12), 13).filter((_, i) => i % 4 === 0)]) expect(await searched(paged, needle), JSON.stringify(needle)).toEqual(matching(back, needle));
    expect(matching(back, "NaN info")).toEqual([5]);
  });

  it("indexes a session stored before the index as a search reads it; the next search reads few chunks", async () => {
    const records = sessionRecords();
    const { db, id } = await stored(records, 3);
    const chunks = Math.ceil(records.length / 3);
    await dropIndexOf(db, id, records, () => false);
    const back = (await readRecords(db, id, { limit: 1e6 })).records;
    expect(await readGrams(db, id, 1, 1e6)).toEqual([]);

    const paged = await openPagedSession(db, id, { cacheChunks: 4 });
    expect(await searched(paged, "zq-rare-needle-7f3a")).toEqual([401 + ODD.length - 1]);
    expect(paged.cacheStats().scanReads).toBe(chunks);
    expect(await paged.indexesStored()).toBe(chunks);
    expect((await readGrams(db, id, 1, 1e6)).map((g) => g.firstSeq)).toEqual(Array.from({ length: chunks }, (_, i) => i * 3 + 1));

    // A session opened afresh reads few chunks and still finds every match ("nan" of a NaN kept as such among them).
    const again = await openPagedSession(db, id, { cacheChunks: 4 });
    expect(await searched(again, "zq-rare-needle-7f3a")).toEqual([401 + ODD.length - 1]);
    expect(again.cacheStats().scanReads).toBeLessThanOrEqual(3);
    for (const needle of ["nan", "NaN info", ...needlesOf(back.slice(0, 12), 17).filter((_, i) => i % 4 === 0)]) expect(await searched(again, needle), JSON.stringify(needle)).toEqual(matching(back, needle));
    // Searching again stores nothing more.
    expect(await again.indexesStored()).toBe(0);
  });

  it("walks the index pages a few at a time: exactly the chunks the index may hold a needle in, in order, to the end", async () => {
    const records = sessionRecords();
    // One record a chunk: nine pages of indexes.
    const { db, id } = await stored(records, 1);
    const grams = await readGrams(db, id, 1, 1e6);
    expect(grams).toHaveLength(records.length);
    for (const needle of ["zq-rare-needle-7f3a", "text_message", "needle"]) {
      const probe = textIndexProbe(needle)!;
      const want = grams.filter((g) => probe(g) && g.firstSeq >= 5 && g.firstSeq <= 700).map((g) => g.firstSeq);
      expect(want.length, needle).toBeGreaterThan(0);
      for (const pages of [1, 2, 10]) {
        const seen: number[] = [];
        let passed = 0;
        for await (const step of indexedChunks(db, id, 5, 700, probe, pages)) {
          if ("chunk" in step) {
            expect(step.chunk.firstSeq).toBeGreaterThan(passed);
            seen.push(step.chunk.firstSeq);
          } else {
            expect(step.passed).toBeGreaterThanOrEqual(passed);
            passed = step.passed;
          }
        }
        expect(seen, `${needle}, ${pages} page(s) a read`).toEqual(want);
        expect(passed).toBe(700);
      }
    }
  });

  it("keeps a growing chunk's index whole: records added to a partial chunk are found", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 10 });
    const records = sessionRecords().slice(0, 25);
    await sink.write(records.slice(0, 23));
    await sink.flushNow();
    const paged = await openPagedSession(db, s.id);
    expect(await searched(paged, "late-needle-q9")).toEqual([]);
    const late = { ...records[23], kind: "comment", text: "a LATE-needle-q9 here" } as SessionRecord;
    await sink.write([late, records[24]]);
    await sink.flushNow();
    await paged.grow();
    expect(await searched(paged, "late-needle-q9")).toEqual([24]);
    // A session opened afresh finds it through the index of the chunk rewritten as it filled.
    const again = await openPagedSession(db, s.id);
    const before = again.cacheStats().scanReads;
    expect(await searched(again, "late-needle-q9")).toEqual([24]);
    expect(again.cacheStats().scanReads - before).toBe(1);
    sink.dispose();
  });

  it("with a run filter, does not trust a fold summary of a chunk that has grown past it", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id, { chunkSize: 10 });
    const records = sessionRecords().slice(0, 30).map((r) => ({ ...r, runId: "ra" }) as SessionRecord);
    await sink.write(records.slice(0, 23));
    await sink.flushNow();
    const paged = await openPagedSession(db, s.id);
    await paged.ready();
    const late = { ...records[23], runId: "rb", kind: "comment", text: "a LATE-needle-q9 here" } as SessionRecord;
    await sink.write([late, records[24]]);
    await sink.flushNow();
    // Asked at once: the fold of the new records (and its summary of the grown chunk) may not be done.
    await paged.grow();
    const answer = await paged.rows({ filter: { ...NO_FILTER, text: "late-needle", runId: "rb" }, coalesce: false }, 0, 100);
    expect(answer.rows.map((r) => r.record.seq)).toEqual([24]);
    sink.dispose();
  });
});
