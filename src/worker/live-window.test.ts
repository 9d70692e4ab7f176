import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { createSession, createIdbSink } from "../storage";
import { freshDb } from "../storage/test-util";
import { createSessionView } from "../models/session-view";
import { createRecordingModel } from "../models/recording";
import type { InspectorHost, SessionStorePort } from "../models/host";
import type { RecordDraft, SessionRecord } from "../core/session/record";
import { generateMixedSession } from "../../test/session-generator";
import { createSessionService } from "./service";

// A live recording past the window: the view hands it over to the worker's paged session and
// follows it as it grows. The page never holds more than the window (plus one frame's records),
// and what it shows at the end equals the whole recording held in memory.

const WINDOW = 300;
const drafts: RecordDraft[] = generateMixedSession(30).map(({ seq: _s, t: _t, ...draft }) => draft as RecordDraft);

async function liveHost(options: { paged?: boolean; commitDelayMs?: number } = {}) {
  const db = await freshDb();
  const sessions: string[] = [];
  const service = createSessionService(db, { checkpointEvery: 50 });
  const host: InspectorHost = {
    kind: "web",
    fetch: async () => new Response("{}"),
    liveWindow: WINDOW,
    async createSink(header) {
      const s = await createSession(db, header);
      sessions.push(s.id);
      const sink = await createIdbSink(db, s.id);
      if (!options.commitDelayMs) return sink;
      // A slow disk: each batch commits a while after the frame that drew it.
      const write = sink.write.bind(sink);
      return Object.assign(sink, { write: async (records: SessionRecord[]) => (await new Promise((r) => setTimeout(r, options.commitDelayMs)), write(records)) });
    },
    ...(options.paged === false ? {} : { store: { paged: service } as unknown as SessionStorePort }),
  };
  return { db, host, sessions, service };
}

/** Push the drafts a few at a time, letting frames and timers run between, as a stream does. */
async function stream(push: (d: RecordDraft) => SessionRecord, list: RecordDraft[]) {
  const recorded: SessionRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    recorded.push(push(list[i]));
    if (i % 40 === 39) await new Promise((r) => setTimeout(r, 1));
  }
  return recorded;
}

describe("a live recording past the window", () => {
  it("is handed over to the worker and followed to its end; the page holds at most the window", async () => {
    const { host } = await liveHost();
    const view = createSessionView();
    let held = 0;
    const append = view.append;
    view.append = (batch) => {
      append(batch);
      held = Math.max(held, view.records().length);
    };
    const recording = createRecordingModel(host, view, (fn) => setTimeout(fn, 0));
    const rec = await recording.start({ name: "live" });
    const recorded = await stream((d) => rec.push(d), drafts.slice(0, 700));
    // The timeline shows the tail: its page is read while the session is still growing.
    await vi.waitFor(() => expect(view.paged.value?.info.lastSeq).toBe(700), { timeout: 15_000 });
    await vi.waitFor(() => expect(view.paged.value!.complete.value).toBe(true), { timeout: 15_000 });
    const tail = view.rowCount.value - 1;
    await vi.waitFor(() => expect(view.rowAt(tail)?.record.seq).toBe(700), { timeout: 15_000 });
    // A thread's end asked for now (a follow-up run) is asked for again once the recording grew.
    await view.loadThread("t1");
    const early = view.threadMessages("t1");
    expect(early.length).toBeGreaterThan(0);
    recorded.push(...(await stream((d) => rec.push(d), drafts.slice(700))));
    await rec.flush();
    expect(recorded.length).toBeGreaterThan(WINDOW * 4);

    await vi.waitFor(() => expect(view.lastSeq.value).toBe(recorded.length), { timeout: 15_000 });
    const window = view.paged.value!;
    expect(window).not.toBeNull();
    // Records arrive a frame's worth at a time: the frame that would pass the window hands over
    // instead of folding its records here.
    expect(held).toBeLessThanOrEqual(WINDOW);
    expect(held).toBeGreaterThan(WINDOW - 60);
    expect(view.records()).toEqual([]);
    expect(view.following.value).toBe(true);

    const whole = createSessionView();
    whole.reset(recorded);
    await vi.waitFor(() => expect(window.complete.value).toBe(true), { timeout: 15_000 });
    expect(view.rowCount.value).toBe(whole.rowCount.value);
    // The cursor follows the end: its state and messages are the recording's last.
    await vi.waitFor(() => expect(view.view.value.seq).toBe(recorded.length), { timeout: 15_000 });
    await vi.waitFor(() => expect(window.seek.value?.seq).toBe(recorded.length), { timeout: 15_000 });
    expect(view.view.value.state).toEqual(whole.view.value.state);
    expect(view.view.value.messages).toEqual(whole.view.value.messages);
    // The overview catches up with the growth (refreshed at most once a second).
    await vi.waitFor(() => expect(view.findings.value).toEqual(whole.findings.value), { timeout: 15_000 });
    expect(view.runs.value).toEqual(whole.runs.value);
    expect(view.threads.value).toEqual(whole.threads.value);
    await view.loadThread("t1");
    expect(view.threadMessages("t1")).toEqual(whole.threadMessages("t1"));
    expect(view.threadMessages("t1")).not.toEqual(early);
    // Rows the timeline asks for are the recording's.
    const last = whole.rowCount.value - 1;
    view.rowAt(last);
    await vi.waitFor(() => expect(view.rowAt(last)?.record).toEqual(whole.rowAt(last)!.record), { timeout: 15_000 });
    // The page that held the tail before the growth is read again: it holds the rows after it now.
    for (const i of [5, tail, tail + 1, tail + 2]) {
      view.rowAt(i);
      await vi.waitFor(() => expect(view.rowAt(i)?.record, `row ${i}`).toEqual(whole.rowAt(i)!.record), { timeout: 15_000 });
    }
    await recording.stop();
  });

  it("a cursor placed before the handover stays on its record", async () => {
    const { host } = await liveHost();
    const view = createSessionView();
    const recording = createRecordingModel(host, view, (fn) => setTimeout(fn, 0));
    const rec = await recording.start({ name: "live" });
    await stream((d) => rec.push(d), drafts.slice(0, 100));
    await vi.waitFor(() => expect(view.records().length).toBe(100));
    view.select(42);
    await stream((d) => rec.push(d), drafts.slice(100));
    await rec.flush();
    await vi.waitFor(() => expect(view.lastSeq.value).toBe(drafts.length), { timeout: 15_000 });
    expect(view.paged.value).not.toBeNull();
    expect(view.cursorSeq.value).toBe(42);
    await vi.waitFor(() => expect(view.selected.value?.seq).toBe(42), { timeout: 15_000 });
    await recording.stop();
  });

  it("records the sink commits after the frame that drew them are still brought into the window", async () => {
    const { host } = await liveHost({ commitDelayMs: 400 });
    const view = createSessionView();
    const recording = createRecordingModel(host, view, (fn) => setTimeout(fn, 0));
    const rec = await recording.start({ name: "live" });
    await stream((d) => rec.push(d), drafts.slice(0, WINDOW + 50));
    await vi.waitFor(() => expect(view.paged.value).not.toBeNull(), { timeout: 15_000 });
    // One last record, drawn at once and committed 400 ms later: no later frame asks for it.
    rec.push(drafts[WINDOW + 50]);
    await vi.waitFor(() => expect(view.lastSeq.value).toBe(WINDOW + 51), { timeout: 15_000 });
    await recording.stop();
  });

  it("a burst is folded a frame's worth at a time, in order, and one past the window is handed over unfolded", async () => {
    const { host } = await liveHost();
    host.liveWindow = 5_000;
    const view = createSessionView();
    const appended: number[] = [];
    const append = view.append;
    view.append = (batch) => {
      appended.push(batch.length);
      append(batch);
    };
    const frames: (() => void)[] = [];
    const recording = createRecordingModel(host, view, (fn) => void frames.push(fn));
    const rec = await recording.start({ name: "live" });
    // 4,500 records before any frame: folded 2,000 a frame.
    for (let i = 0; i < 4_500; i++) rec.push(drafts[i % drafts.length]);
    while (frames.length) frames.shift()!();
    expect(appended).toEqual([2_000, 2_000, 500]);
    expect(view.records().map((r) => r.seq)).toEqual(Array.from({ length: 4_500 }, (_, i) => i + 1));
    // 1,000 more would pass the window: handed over, none of them folded here.
    for (let i = 0; i < 1_000; i++) rec.push(drafts[i % drafts.length]);
    while (frames.length) frames.shift()!();
    expect(appended).toEqual([2_000, 2_000, 500]);
    await rec.flush();
    await vi.waitFor(() => expect(view.lastSeq.value).toBe(5_500), { timeout: 15_000 });
    expect(view.paged.value).not.toBeNull();
    await recording.stop();
  });

  it("a window that cannot be opened: the view goes on folding what arrives, and says what happened", async () => {
    const { host, service } = await liveHost();
    host.store = { paged: { ...service, open: async () => Promise.reject(new Error("worker gone")) } } as unknown as SessionStorePort;
    const view = createSessionView();
    const recording = createRecordingModel(host, view, (fn) => setTimeout(fn, 0));
    const rec = await recording.start({ name: "live" });
    await stream((d) => rec.push(d), drafts.slice(0, WINDOW + 100));
    await vi.waitFor(() => expect(recording.sinkError.value).toContain("worker gone"), { timeout: 15_000 });
    expect(view.paged.value).toBeNull();
    const before = view.records().length;
    await stream((d) => rec.push(d), drafts.slice(WINDOW + 100, WINDOW + 150));
    await vi.waitFor(() => expect(view.records().length).toBe(before + 50));
    expect(view.lastSeq.value).toBe(WINDOW + 150);
    await recording.stop();
  });

  it("without a library to page from, the view keeps every record (nothing is lost)", async () => {
    const { host } = await liveHost({ paged: false });
    const view = createSessionView();
    const recording = createRecordingModel(host, view, (fn) => setTimeout(fn, 0));
    const rec = await recording.start({ name: "live" });
    await stream((d) => rec.push(d), drafts);
    await rec.flush();
    await vi.waitFor(() => expect(view.records().length).toBe(drafts.length));
    expect(view.paged.value).toBeNull();
    await recording.stop();
  });
});
