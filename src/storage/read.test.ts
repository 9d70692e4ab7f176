import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { countRecords, iterateRecords, readRecords } from "./read";
import { eventRecord, freshDb, header } from "./test-util";

/** 1000 records; runs alternate every 150 seqs (r0, r1, r0 …), threads every 400. */
async function seeded() {
  const db = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id, { chunkSize: 100 });
  const all = Array.from({ length: 1000 }, (_, i) => eventRecord(i + 1, { runId: `r${Math.floor(i / 150) % 2}`, threadId: `t${Math.floor(i / 400)}` }));
  await sink.write(all.slice(0, 333));
  await sink.write(all.slice(333));
  return { db, id: s.id, all };
}

describe("reading records", () => {
  it("pages by seq from any point", async () => {
    const { db, id } = await seeded();
    const first = await readRecords(db, id, { limit: 100 });
    expect(first.records.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(first.nextSeq).toBe(101);
    const middle = await readRecords(db, id, { fromSeq: 250, limit: 100 });
    expect(middle.records[0].seq).toBe(250);
    expect(middle.records[99].seq).toBe(349);
    expect(middle.nextSeq).toBe(350);
    const last = await readRecords(db, id, { fromSeq: 950, limit: 100 });
    expect(last.records.map((r) => r.seq)).toEqual(Array.from({ length: 51 }, (_, i) => 950 + i));
    expect(last.nextSeq).toBeNull();
    expect(await readRecords(db, id, { fromSeq: 1001 })).toEqual({ records: [], nextSeq: null });
  });

  it("returns exactly the stored records, unchanged", async () => {
    const { db, id, all } = await seeded();
    const pages: unknown[] = [];
    for await (const page of iterateRecords(db, id, { pageSize: 70 })) pages.push(...page);
    expect(pages).toEqual(all);
  });

  it("pages one run or one thread through the indexes", async () => {
    const { db, id, all } = await seeded();
    const r1 = all.filter((r) => r.runId === "r1");
    const page = await readRecords(db, id, { runId: "r1", limit: 100 });
    expect(page.records).toEqual(r1.slice(0, 100));
    expect(page.nextSeq).toBe(r1[100].seq);
    const rest = await readRecords(db, id, { runId: "r1", fromSeq: page.nextSeq!, limit: 1000 });
    expect(rest.records).toEqual(r1.slice(100));
    expect(rest.nextSeq).toBeNull();
    const t1 = await readRecords(db, id, { threadId: "t1", fromSeq: 500, limit: 1000 });
    expect(t1.records).toEqual(all.filter((r) => r.threadId === "t1" && r.seq >= 500));
    expect((await readRecords(db, id, { runId: "nope" })).records).toEqual([]);
  });

  it("counts records per session, run and thread", async () => {
    const { db, id, all } = await seeded();
    expect(await countRecords(db, id)).toBe(1000);
    expect(await countRecords(db, id, { runId: "r0" })).toBe(all.filter((r) => r.runId === "r0").length);
    expect(await countRecords(db, id, { threadId: "t2" })).toBe(200);
    expect(await countRecords(db, "missing")).toBe(0);
  });

  it("keeps sessions apart", async () => {
    const { db, id } = await seeded();
    const other = await createSession(db, header());
    const sink = await createIdbSink(db, other.id);
    await sink.write([eventRecord(1)]);
    expect((await readRecords(db, other.id, { limit: 10 })).records).toHaveLength(1);
    expect((await readRecords(db, id, { fromSeq: 995, limit: 10 })).records.map((r) => r.seq)).toEqual([995, 996, 997, 998, 999, 1000]);
  });
});
