import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSession, createIdbSink } from "../storage";
import { freshDb, header } from "../storage/test-util";
import { generateMixedSession } from "../../test/session-generator";
import { NO_FILTER } from "../models/filters";
import { createSessionService } from "./service";

// A session closed and opened again soon after (a reload reopens the last session, then the
// user clicks it in the library) is taken up where it was: the same fold answers, and what was
// stored meanwhile is taken in. After the keep, it is read again from storage.

const records = generateMixedSession(12);
const half = Math.floor(records.length / 2);

async function stored(upTo: number) {
  const db = await freshDb();
  const s = await createSession(db, header());
  const sink = await createIdbSink(db, s.id);
  await sink.write(records.slice(0, upTo));
  await sink.flushNow();
  return { db, id: s.id, sink };
}

/** The last record of the first record's thread among the first n: a seek there answers from the thread's end. */
function threadEnd(n: number): number {
  const thread = records.find((r) => r.threadId !== undefined)!.threadId;
  return records.slice(0, n).filter((r) => r.threadId === thread && r.kind === "event").at(-1)!.seq;
}

describe("a closed session kept a while", () => {
  it("opened again within the keep, answers as the same session", async () => {
    const { db, id, sink } = await stored(records.length);
    sink.dispose();
    const service = createSessionService(db, { checkpointEvery: 50, keepClosedMs: 60_000 });
    expect((await service.open(id)).lastSeq).toBe(records.length);
    const last = threadEnd(records.length);
    const a = await service.at(id, last, undefined, 100);
    expect(a.messageCount).toBeGreaterThan(2);
    await service.close(id);
    expect((await service.open(id)).lastSeq).toBe(records.length);
    const b = await service.at(id, last, a.id, 100);
    // The same fold answers: its answers are numbered on from before the close.
    expect(b.id).toBe(a.id + 1);
    expect(b.messageCount).toBe(a.messageCount);
  });

  it("by default, is still kept once the tasks queued at its close have run", async () => {
    const { db, id, sink } = await stored(records.length);
    sink.dispose();
    const service = createSessionService(db, { checkpointEvery: 50 });
    await service.open(id);
    const a = await service.at(id, threadEnd(records.length), undefined, 100);
    await service.close(id);
    await new Promise((r) => setTimeout(r, 0));
    await service.open(id);
    expect((await service.at(id, threadEnd(records.length), a.id, 100)).id).toBe(a.id + 1);
  });

  it("opened again within the keep, takes in what was stored after it closed", async () => {
    const { db, id, sink } = await stored(half);
    const service = createSessionService(db, { checkpointEvery: 50, keepClosedMs: 60_000 });
    expect((await service.open(id)).lastSeq).toBe(half);
    await service.close(id);
    await sink.write(records.slice(half));
    await sink.flushNow();
    sink.dispose();
    const info = await service.open(id);
    expect(info.lastSeq).toBe(records.length);
    const rows = await service.rows(id, { filter: NO_FILTER, coalesce: false }, records.length - 3, records.length);
    expect(rows.rows.map((r) => r.record.seq)).toEqual([records.length - 2, records.length - 1, records.length]);
  });

  it("after the keep, is read again: its answers start over and it holds nothing from before", async () => {
    const { db, id, sink } = await stored(records.length);
    sink.dispose();
    const service = createSessionService(db, { checkpointEvery: 50, keepClosedMs: 0 });
    await service.open(id);
    const last = threadEnd(records.length);
    const a = await service.at(id, last, undefined, 100);
    await service.close(id);
    // The keep's timer (0 ms) runs before this one.
    await new Promise((r) => setTimeout(r, 0));
    expect((await service.open(id)).lastSeq).toBe(records.length);
    const b = await service.at(id, last, a.id, 100);
    // A new session numbers its answers from the start, and holds nothing of the old one's.
    expect(b.id).toBe(a.id);
    expect(b.keptMessages).toBe(0);
    expect(b.messages.length + (b.messagesJson ? JSON.parse(b.messagesJson).length : 0)).toBe(b.messageCount - b.messagesFrom);
  });
});
