import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSession, createIdbSink } from "../storage";
import { freshDb, header } from "../storage/test-util";
import { createSessionView } from "../models/session-view";
import { NO_FILTER, type RecordFamily, type TimelineFilter } from "../models/filters";
import { exportSession } from "../core/session/export";
import { generateMixedSession } from "../../test/session-generator";
import { runMetrics } from "../core/timing";
import { toolCallIndex } from "../core/summary";
import { openPagedSession, type PagedSession } from "./paged-session";

// A session still being recorded, held as a window: after each grow() the paged session must
// answer what the in-memory view answers for the records stored so far — rows under every filter
// (scans started before the growth go on from where they were), state and messages at any seq,
// the whole-session facts, and the export.

const records = generateMixedSession(45);
// Cut points that split chunks (of 100) in the middle, so the last chunk fills up between grows.
const cuts = [333, 1010, 1777, records.length];

const filters: [string, TimelineFilter][] = [
  ["nothing", NO_FILTER],
  ["text hidden", { ...NO_FILTER, hidden: new Set<RecordFamily>(["text"]) }],
  ["search", { ...NO_FILTER, text: "Needle1" }],
  ["run", { ...NO_FILTER, runId: "r5" }],
  ["thread + family", { ...NO_FILTER, threadId: "t2", hidden: new Set<RecordFamily>(["wire"]) }],
  ["errors only", { ...NO_FILTER, errorsOnly: true }],
];

function inMemory(upTo: number) {
  const view = createSessionView();
  view.reset(records.slice(0, upTo));
  return view;
}

function wantRows(view: ReturnType<typeof inMemory>, filter: TimelineFilter, coalesce: boolean) {
  view.filter.value = filter;
  view.coalesce.value = coalesce;
  return view.rows.value.map((row) => [view.records()[row.index].seq, row.count]);
}

async function gotRows(paged: PagedSession, filter: TimelineFilter, coalesce: boolean) {
  const answer = await paged.rows({ filter, coalesce }, 0, 1e9);
  expect(answer.complete).toBe(true);
  return answer.rows.map((r) => [r.record.seq, r.count]);
}

async function growing() {
  const db = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id);
  let written = 0;
  return {
    db,
    id: s.id,
    async writeTo(n: number) {
      await sink.write(records.slice(written, n));
      await sink.flushNow();
      written = n;
    },
    done: () => sink.dispose(),
  };
}

describe("a paged session that grows equals the same records in memory", () => {
  it("rows under every filter, scans going on from where they ended, after each growth", async () => {
    const g = await growing();
    await g.writeTo(cuts[0]);
    const paged = await openPagedSession(g.db, g.id, { cacheChunks: 4, checkpointEvery: 50 });
    for (const n of cuts) {
      await g.writeTo(n);
      const info = await paged.grow();
      expect(info.lastSeq).toBe(records[n - 1].seq);
      expect(info.records).toBe(n);
      const view = inMemory(n);
      for (const [name, filter] of filters) {
        for (const coalesce of [false, true]) {
          const want = wantRows(view, filter, coalesce);
          expect(await gotRows(paged, filter, coalesce), `${name}, coalesce ${coalesce}, ${n} records`).toEqual(want);
          if (want.length) expect((await paged.positionOf({ filter, coalesce }, Number.MAX_SAFE_INTEGER)).total).toBe(want.length);
        }
      }
    }
    // The rows do grow across cuts: a test over a session that did not would prove nothing.
    expect(inMemory(cuts[0]).rows.value.length).toBeLessThan(inMemory(records.length).rows.value.length);
    g.done();
  });

  it("a scan asked for before the growth and read after it has every row once", async () => {
    const g = await growing();
    await g.writeTo(cuts[1]);
    const paged = await openPagedSession(g.db, g.id, { cacheChunks: 4, checkpointEvery: 50 });
    const q = { filter: { ...NO_FILTER, text: "a" }, coalesce: true };
    const early = await paged.rows(q, 0, 1e9);
    expect(early.complete).toBe(true);
    await g.writeTo(cuts[2]);
    await paged.grow();
    const want = wantRows(inMemory(cuts[2]), q.filter, q.coalesce);
    // Rows found before keep their places; the new ones follow, with the last group's count grown.
    expect(want.slice(0, early.rows.length - 1)).toEqual(early.rows.slice(0, -1).map((r) => [r.record.seq, r.count]));
    expect(await gotRows(paged, q.filter, q.coalesce)).toEqual(want);
    g.done();
  });

  it("state, messages and what changed at any seq, and the whole-session facts, after each growth", async () => {
    const g = await growing();
    await g.writeTo(cuts[0]);
    const paged = await openPagedSession(g.db, g.id, { cacheChunks: 4, checkpointEvery: 50 });
    await paged.ready();
    for (const n of cuts.slice(1)) {
      // A seek before the growth leaves the worker's live fold somewhere in the middle.
      await paged.at(Math.floor(n / 3));
      await g.writeTo(n);
      await paged.grow();
      const view = inMemory(n);
      const seqs = [1, 2, n - 1, n, Math.floor(n / 3) + 1];
      for (let s = 3; s < n; s += 97) seqs.push(s);
      for (const seq of seqs) {
        view.select(seq);
        const got = await paged.at(seq);
        expect(got.state, `state at ${seq} of ${n}`).toEqual(view.view.value.state);
        expect(got.messages, `messages at ${seq} of ${n}`).toEqual(view.view.value.messages);
        expect(got.change, `what ${seq} changed, of ${n}`).toEqual(view.stateChange.value);
        expect(got.threadId).toEqual(view.view.value.threadId);
      }
      expect(await paged.findings(), `findings of ${n}`).toEqual(view.findings.value);
      expect(await paged.runs(), `runs of ${n}`).toEqual(view.runs.value);
      expect(await paged.threads()).toEqual(view.threads.value);
      // Each record timed and indexed once, however many grows its chunk was read in.
      expect(await paged.runTimings(), `run timings of ${n}`).toEqual(runMetrics(records.slice(0, n)));
      const calls = toolCallIndex(records.slice(0, n));
      const got = await paged.toolCalls();
      expect(got.length).toBeGreaterThan(0);
      for (const [callId, call] of got) expect(call).toEqual(calls.toolCall!(callId));
      expect(await paged.openToolCalls()).toEqual(view.openToolCalls.value);
      expect(await paged.pendingInterrupts()).toEqual(view.pendingInterrupts.value);
      for (const t of view.threads.value) {
        expect(await paged.threadMessages(t), `${t} messages of ${n}`).toEqual(view.threadMessages(t));
        expect(await paged.threadState(t)).toEqual(view.threadState(t));
      }
      let exported = "";
      for await (const part of paged.exportLines(header({ id: "x" }))) exported += part;
      expect(exported.split("\n").slice(1)).toEqual(exportSession(header({ id: "x" }), records.slice(0, n)).split("\n").slice(1));
    }
    g.done();
  });

  it("once growth pauses its fold index is written: a reopen folds nothing and answers the same", async () => {
    const g = await growing();
    await g.writeTo(cuts[0]);
    const paged = await openPagedSession(g.db, g.id, { checkpointEvery: 50, indexWriteMs: 10 });
    await paged.ready();
    await g.writeTo(cuts[2]);
    await paged.grow();
    await paged.persist();
    g.done();
    const progress: number[] = [];
    const again = await openPagedSession(g.db, g.id, { checkpointEvery: 50, onFoldProgress: (n) => progress.push(n) });
    expect(again.info()).toMatchObject({ foldedBefore: true, lastSeq: records[cuts[2] - 1].seq });
    for (const seq of [5, 400, 1500, cuts[2]]) expect(await again.at(seq)).toEqual(await paged.at(seq));
    expect(progress).toEqual([]);
  });

  it("a session reopened from its stored index grows too (its fold starts over, in the background)", async () => {
    const g = await growing();
    await g.writeTo(cuts[1]);
    await (await openPagedSession(g.db, g.id, { checkpointEvery: 50 })).ready();
    const reopened = await openPagedSession(g.db, g.id, { checkpointEvery: 50 });
    expect(reopened.info().foldedBefore).toBe(true);
    await g.writeTo(cuts[3]);
    await reopened.grow();
    const view = inMemory(cuts[3]);
    for (const seq of [10, cuts[1], cuts[1] + 1, cuts[3]]) {
      view.select(seq);
      expect((await reopened.at(seq)).state, `state at ${seq}`).toEqual(view.view.value.state);
    }
    expect(await reopened.findings()).toEqual(view.findings.value);
    g.done();
  });

  it("growing with nothing new changes nothing; a record read at the old end, then its chunk fills: the new records are read", async () => {
    const g = await growing();
    await g.writeTo(cuts[0]);
    const paged = await openPagedSession(g.db, g.id, { cacheChunks: 2 });
    const before = paged.info();
    expect(await paged.grow()).toEqual(before);
    const end = records[cuts[0] - 1].seq;
    expect(await paged.record(end)).toEqual(records[cuts[0] - 1]);
    await g.writeTo(cuts[0] + 5);
    await paged.grow();
    for (let i = cuts[0]; i < cuts[0] + 5; i++) expect(await paged.record(records[i].seq)).toEqual(records[i]);
    expect((await paged.rows({ filter: NO_FILTER, coalesce: false }, cuts[0] - 1, cuts[0] + 5)).rows.map((r) => r.record)).toEqual(records.slice(cuts[0] - 1, cuts[0] + 5));
    g.done();
  });
});
