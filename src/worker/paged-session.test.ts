import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSession, createIdbSink, type InspectorDb } from "../storage";
import { freshDb, header } from "../storage/test-util";
import { createSessionView } from "../models/session-view";
import { NO_FILTER, type RecordFamily, type TimelineFilter } from "../models/filters";
import { exportSession, type ExportOptions } from "../core/session/export";
import type { SessionRecord } from "../core/session/record";
import { generateMixedSession } from "../../test/session-generator";
import { patchShared } from "../models/patch-shared";
import { openPagedSession, type PagedSession } from "./paged-session";

// The paged session must answer exactly what the in-memory session view answers for the same
// records: rows under every filter, state and messages at every seq, findings, runs, exports.

const records = generateMixedSession(45);

async function stored(keepWriting = false) {
  const db: InspectorDb = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id);
  for (let i = 0; i < records.length; i += 700) await sink.write(records.slice(i, i + 700));
  await sink.flushNow();
  if (!keepWriting) sink.dispose();
  return { db, id: s.id, sink };
}

function inMemory() {
  const view = createSessionView();
  view.reset(records);
  return view;
}

const filters: [string, TimelineFilter][] = [
  ["nothing", NO_FILTER],
  ["text hidden", { ...NO_FILTER, hidden: new Set<RecordFamily>(["text"]) }],
  ["only state", { ...NO_FILTER, hidden: new Set<RecordFamily>(["lifecycle", "text", "tool", "messages", "activity", "reasoning", "step", "subagent", "custom", "unknown", "wire"]) }],
  ["search", { ...NO_FILTER, text: "Needle1" }],
  ["run", { ...NO_FILTER, runId: "r5" }],
  ["thread + family", { ...NO_FILTER, threadId: "t2", hidden: new Set<RecordFamily>(["wire"]) }],
  ["no match", { ...NO_FILTER, text: "nothing has this" }],
];

async function allRows(paged: PagedSession, filter: TimelineFilter, coalesce: boolean) {
  const answer = await paged.rows({ filter, coalesce }, 0, 1e9);
  expect(answer.complete).toBe(true);
  return answer.rows.map((r) => [r.record.seq, r.count]);
}

describe("a paged session equals the same session in memory", () => {
  it("rows under every filter, whole and by window", async () => {
    const { db, id } = await stored();
    const paged = await openPagedSession(db, id, { cacheChunks: 4, checkpointEvery: 50 });
    const view = inMemory();
    for (const [name, filter] of filters) {
      for (const coalesce of [false, true]) {
        view.filter.value = filter;
        view.coalesce.value = coalesce;
        const want = view.rows.value.map((row) => [view.records()[row.index].seq, row.count]);
        expect(await allRows(paged, filter, coalesce), `${name}, coalesce ${coalesce}`).toEqual(want);
        const window = await paged.rows({ filter, coalesce }, 37, 90);
        expect(window.rows.map((r) => [r.record.seq, r.count]), `${name} window`).toEqual(want.slice(37, 90));
        expect(window.rows.map((r) => r.record), `${name} records`).toEqual(view.rows.value.slice(37, 90).map((row) => view.records()[row.index]));
        if (want.length) {
          const seq = want[Math.floor(want.length / 2)][0] + 1;
          const { position } = await paged.positionOf({ filter, coalesce }, seq);
          expect(want[position][0]).toBeLessThanOrEqual(seq);
          expect(want[position + 1]?.[0] ?? Infinity).toBeGreaterThan(seq);
        }
      }
    }
    expect(paged.cacheStats().chunks).toBeLessThanOrEqual(4);
  });

  it("a running scan streams its rows: early answers are the in-memory rows' prefix, positions are final once the scan has passed them", async () => {
    const { db, id } = await stored();
    const view = inMemory();
    for (const [name, filter, coalesce] of [
      ["search", { ...NO_FILTER, text: "a" }, false],
      ["coalesced", NO_FILTER, true],
      ["family", { ...NO_FILTER, hidden: new Set<RecordFamily>(["text"]) }, false],
    ] as const) {
      // A fresh session each time: no scan of an earlier query is reused.
      const paged = await openPagedSession(db, id, { cacheChunks: 4, checkpointEvery: 50 });
      view.filter.value = filter;
      view.coalesce.value = coalesce;
      const want = view.rows.value.map((row) => [view.records()[row.index].seq, row.count]);
      expect(want.length, name).toBeGreaterThan(500);
      const q = { filter, coalesce };
      const first = await paged.rows(q, 0, 1e9, 0);
      // The first answer comes with what the scan had found, not with the whole range.
      expect(first.complete, name).toBe(false);
      expect(first.total, name).toBe(first.rows.length);
      expect(first.rows.length, name).toBeGreaterThan(0);
      // A position the scan has passed is answered without waiting for the rest.
      const seq = first.rows.at(-1)!.record.seq;
      const at = await paged.positionOf(q, seq);
      expect(at.position, name).toBe(want.findIndex(([s]) => s === seq));
      // One the scan has not reached waits for it.
      const later = want[Math.floor(want.length * 0.9)][0];
      expect((await paged.positionOf(q, later)).position, name).toBe(Math.floor(want.length * 0.9));
      const got = first.rows.map((r) => [r.record.seq, r.count]);
      let answer = first;
      while (!answer.complete) {
        answer = await paged.rows(q, got.length, 1e9, got.length);
        expect(answer.from, name).toBe(got.length);
        got.push(...answer.rows.map((r) => [r.record.seq, r.count]));
      }
      // (coalesced: a group's count may still grow after its row was answered, so counts are checked at the end)
      expect(got.map(([s]) => s), name).toEqual(want.map(([s]) => s));
      expect((await paged.rows(q, 0, 1e9)).rows.map((r) => [r.record.seq, r.count]), name).toEqual(want);
      expect(await paged.positionOf(q, Number.MAX_SAFE_INTEGER), name).toEqual({ position: want.length - 1, total: want.length });
    }
  });

  it("a scan stops when another query is asked for, answering what it found, and starts again when asked again", async () => {
    const { db, id } = await stored();
    const paged = await openPagedSession(db, id, { cacheChunks: 4, checkpointEvery: 50 });
    const view = inMemory();
    const a = { filter: { ...NO_FILTER, text: "a" }, coalesce: false };
    const b = { filter: { ...NO_FILTER, hidden: new Set<RecordFamily>(["text"]) }, coalesce: false };
    view.filter.value = a.filter;
    const wantA = view.rows.value.map((row) => view.records()[row.index].seq);
    view.filter.value = b.filter;
    const wantB = view.rows.value.map((row) => view.records()[row.index].seq);
    // b is asked for while a's scan has read nothing yet: a's scan stops, and says so.
    const firstA = paged.rows(a, 0, 1e9, 0);
    const pendingA = paged.positionOf(a, Number.MAX_SAFE_INTEGER);
    const gotB = paged.rows(b, 0, 1e9);
    const partial = await pendingA;
    expect(partial.total).toBeLessThan(wantA.length);
    expect((await firstA).complete).toBe(false);
    expect((await firstA).rows.map((r) => r.record.seq)).toEqual(wantA.slice(0, (await firstA).rows.length));
    expect((await gotB).rows.map((r) => r.record.seq)).toEqual(wantB);
    const again = await paged.rows(a, 0, 1e9);
    expect(again.complete).toBe(true);
    expect(again.rows.map((r) => r.record.seq)).toEqual(wantA);
  });

  it("state, messages, what the record changed and lane at every 11th seq, and what the whole session says", async () => {
    const { db, id } = await stored();
    const paged = await openPagedSession(db, id, { cacheChunks: 4, checkpointEvery: 50 });
    const view = inMemory();
    const seqs = [0, 1, 2, 3, 4, records.length - 1, records.length];
    for (let s = 5; s < records.length; s += 11) seqs.push(s);
    for (const seq of seqs) {
      view.select(seq);
      const want = view.view.value;
      const got = await paged.at(seq);
      expect(got.state, `state at ${seq}`).toEqual(want.state);
      expect(got.messages, `messages at ${seq}`).toEqual(want.messages);
      expect(got.change, `what ${seq} changed`).toEqual(view.stateChange.value);
      expect(got.threadId, `lane at ${seq}`).toEqual(want.threadId);
    }
    expect(await paged.findings()).toEqual(view.findings.value);
    expect(view.findings.value.some((f) => f.rule === "state/patch-failed")).toBe(true);
    expect(await paged.runs()).toEqual(view.runs.value);
    expect(await paged.threads()).toEqual(view.threads.value);
    expect(view.openToolCalls.value.length).toBeGreaterThan(0);
    expect(await paged.openToolCalls()).toEqual(view.openToolCalls.value);
    expect(view.pendingInterrupts.value.length).toBe(1);
    expect(await paged.pendingInterrupts()).toEqual(view.pendingInterrupts.value);
    for (const t of ["t1", "t2"]) {
      expect(await paged.threadMessages(t)).toEqual(view.threadMessages(t));
      expect(await paged.threadState(t)).toEqual(view.threadState(t));
    }
    expect(await paged.runTools("r3")).toEqual(view.runTools("r3"));
    expect(paged.cacheStats().chunks).toBeLessThanOrEqual(4);
  });

  it("seeks step by step and jump about: a held state the worker says is still right equals the in-memory one", async () => {
    const { db, id } = await stored();
    const paged = await openPagedSession(db, id, { cacheChunks: 4, checkpointEvery: 50, messagesAsText: 5 });
    const view = inMemory();
    // As the page does: keep the last answer, put together; a copy, as the port's clone makes.
    let held: { id: number; state: unknown; messages: unknown[] } | undefined;
    let same = 0;
    let sent = 0;
    let patched = 0;
    let keptMessages = 0;
    let asText = 0;
    const seqs: number[] = [];
    for (let s = 300; s < 420; s++) seqs.push(s);
    seqs.push(2000, 2001, 2002, 150, 151, 7, 8, records.length - 1, records.length, 1, 2, 1234, 1235);
    for (const seq of seqs) {
      const got = structuredClone(await paged.at(seq, held?.id));
      if (got.sameState) same++;
      else if (got.statePatch) patched++;
      else sent++;
      // Never both: a patch answer leaves the state out, a full one sends no patch.
      expect(got.statePatch === undefined || got.state === undefined).toBe(true);
      const before = held && JSON.stringify(held.state);
      if (got.keptMessages) keptMessages++;
      if (got.messagesJson !== undefined) asText++;
      const tail = got.messagesJson !== undefined ? JSON.parse(got.messagesJson) : got.messages;
      const state = got.sameState ? held!.state : got.statePatch ? patchShared(held!.state, got.statePatch) : got.state;
      // The held state is built on, never changed.
      if (got.statePatch) expect(JSON.stringify(held!.state)).toBe(before);
      held = { id: got.id, state, messages: [...(got.keptMessages ? held!.messages.slice(0, got.keptMessages) : []), ...tail] };
      view.select(seq);
      expect(held.state, `state at ${seq}`).toEqual(view.view.value.state);
      expect(held.messages, `messages at ${seq}`).toEqual(view.view.value.messages);
      expect(got.change, `what ${seq} changed`).toEqual(view.stateChange.value);
    }
    // An answer not the last one is not built on: everything is sent again.
    const fresh = await paged.at(1236, held!.id - 1);
    expect(fresh.sameState).toBeUndefined();
    expect(fresh.statePatch).toBeUndefined();
    expect(fresh.keptMessages).toBe(0);
    view.select(1236);
    expect(fresh.messagesJson !== undefined ? JSON.parse(fresh.messagesJson) : fresh.messages).toEqual(view.view.value.messages);
    expect(keptMessages).toBeGreaterThan(10);
    expect(asText, "long lists cross as JSON text").toBeGreaterThan(0);
    // Both ways were taken: records that leave the state alone, and ones that change it.
    expect(same).toBeGreaterThan(10);
    // Step by step, a changed state crosses as operations on the held one; after a jump, whole.
    expect(patched).toBeGreaterThanOrEqual(5);
    expect(sent).toBeGreaterThan(3);
  });

  it("a seek sends only the window of the last messages asked for, built on the held window, and it equals the in-memory view's", async () => {
    const { db, id } = await stored();
    const paged = await openPagedSession(db, id, { cacheChunks: 4, checkpointEvery: 50, messagesAsText: 3 });
    const view = inMemory();
    const whole = inMemory();
    whole.messagesShown.value = 1e9;
    let held: { id: number; from: number; messages: unknown[] } | undefined;
    let keptAfterSkip = 0;
    let windowed = 0;
    // Step by step with a small window (it slides on), a larger one, a jump back, a smaller one.
    const steps: [number, number][] = [];
    for (let s = 300; s < 400; s++) steps.push([s, 4]);
    steps.push([400, 9], [401, 9], [150, 9], [151, 2], [152, 2], [records.length - 1, 5], [records.length, 5], [7, 5], [2000, 1e9]);
    for (const [seq, shown] of steps) {
      const got = structuredClone(await paged.at(seq, held?.id, shown));
      const tail = got.messagesJson !== undefined ? JSON.parse(got.messagesJson) : got.messages;
      // Never more than the window crosses.
      expect(got.keptMessages + tail.length, `window at ${seq}`).toBeLessThanOrEqual(shown);
      if (got.keptMessages) expect(got.messagesFrom).toBeGreaterThanOrEqual(held!.from);
      if (got.keptMessages && got.messagesFrom > held!.from) keptAfterSkip++;
      const skip = got.keptMessages ? got.messagesFrom - held!.from : 0;
      held = { id: got.id, from: got.messagesFrom, messages: [...held!?.messages.slice(skip, skip + got.keptMessages) ?? [], ...tail] };
      view.messagesShown.value = shown;
      view.select(seq);
      const want = view.view.value;
      if (want.messagesFrom > 0) windowed++;
      expect(held.messages, `messages at ${seq}`).toEqual(want.messages);
      expect([got.messagesFrom, got.messageCount], `window at ${seq}`).toEqual([want.messagesFrom, want.messageCount]);
      // The window is the conversation's end.
      whole.select(seq);
      expect(whole.view.value.messages.length).toBe(want.messageCount);
      expect(want.messages).toEqual(whole.view.value.messages.slice(want.messagesFrom));
    }
    expect(windowed, "windows that leave earlier messages out").toBeGreaterThan(50);
    expect(keptAfterSkip, "a sliding window keeps what it held").toBeGreaterThan(10);
  });

  it("a fork's seed and a thread's end: all of the messages and the state, asked for one at a time", async () => {
    const { db, id } = await stored();
    const paged = await openPagedSession(db, id, { cacheChunks: 4, checkpointEvery: 50 });
    const view = inMemory();
    for (const seq of [1, 2, 333, 1234, records.length - 1, records.length]) {
      const seed = await paged.seedAt(seq);
      const want = view.forkAt(seq);
      expect(seed.messages.filter((m) => m.role !== "activity"), `messages at ${seq}`).toEqual(want.messages);
      expect(seed.state, `state at ${seq}`).toEqual(want.state);
      // (the seek's lane: a record of no thread is in none, where a fork picks the run's)
      if (seq > 2) expect(seed.threadId).toEqual(want.threadId);
    }
    // A seed leaves the held seek alone: the next seek still builds on it.
    const held = await paged.at(500, undefined, 10);
    await paged.seedAt(40);
    expect((await paged.at(501, held.id, 10)).keptMessages).toBeGreaterThan(0);
    for (const t of ["t1", "t2"]) expect(JSON.parse((await paged.threadEnd(t))!)).toEqual({ messages: view.threadMessages(t), state: view.threadState(t) });
    expect(view.threadMessages("t1").length).toBeGreaterThan(10);
    expect(await paged.threadEnd("no-such-thread")).toBeUndefined();
  });

  it("exports: the whole session, a run, a redacted copy", async () => {
    const { db, id } = await stored();
    const paged = await openPagedSession(db, id, { cacheChunks: 4 });
    const h = header({ id: "exported" });
    const cases: ExportOptions[] = [{}, { select: { kind: "run", runId: "r4" } }, { redact: { messageText: true, stateValues: true } }, { select: { kind: "range", from: 100, to: 900 } }];
    for (const options of cases) {
      let got = "";
      for await (const part of paged.exportLines(h, options)) got += part;
      const want = exportSession(h, records, options);
      // A partial export gets a fresh id: compare everything else.
      const body = (text: string) => text.split("\n").slice(1);
      const head = (text: string) => ({ ...JSON.parse(text.split("\n")[0]), id: undefined });
      expect(body(got), JSON.stringify(options)).toEqual(body(want));
      expect(head(got)).toEqual(head(want));
      expect(body(want).length).toBeGreaterThan(10);
    }
  });

  it("reopening reads the stored fold instead of folding again, and answers the same", async () => {
    const { db, id } = await stored();
    const progress: number[] = [];
    const first = await openPagedSession(db, id, { checkpointEvery: 50, onFoldProgress: (n) => progress.push(n) });
    await first.ready();
    expect(first.info()).toMatchObject({ foldedBefore: false, folded: true, lastSeq: records.length });
    expect(progress.at(-1)).toBe(records.length);
    const again: number[] = [];
    const second = await openPagedSession(db, id, { checkpointEvery: 50, onFoldProgress: (n) => again.push(n) });
    expect(second.info()).toMatchObject({ foldedBefore: true, folded: true });
    for (const seq of [7, 500, 1234, records.length - 5]) expect(await second.at(seq)).toEqual(await first.at(seq));
    expect(await second.findings()).toEqual(await first.findings());
    expect(again).toEqual([]);
  });

  it("a session that grew after its fold is folded again", async () => {
    const { db, id, sink } = await stored(true);
    await (await openPagedSession(db, id)).ready();
    const more: SessionRecord[] = [{ seq: records.length + 1, t: 0, x: 999, dir: "in", kind: "event", threadId: "t1", event: { type: "STATE_SNAPSHOT", snapshot: { grown: true } } }];
    await sink.write(more);
    await sink.flushNow();
    sink.dispose();
    const reopened = await openPagedSession(db, id);
    expect(reopened.info().foldedBefore).toBe(false);
    expect((await reopened.at(records.length + 1)).state).toEqual({ grown: true });
  });
});
