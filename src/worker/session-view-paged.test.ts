import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { effect } from "@preact/signals";
import { storedSession } from "../storage/test-util";
import { createSessionView, MESSAGES_SHOWN, type SessionView } from "../models/session-view";
import { NO_FILTER, type RecordFamily } from "../models/filters";
import type { SessionPort } from "../models/session-port";
import { generateMixedSession } from "../../test/session-generator";
import { connectPort, servePort } from "./port";
import { createSessionService } from "./service";
import { createRunTiming } from "../models/run-timing";

// The session view the UI reads, holding a stored session as a window the worker pages (over a
// real MessageChannel), against the same view holding every record in memory.

const records = generateMixedSession(20);
const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

/** Resolves once `ok` holds, re-checked whenever a signal it reads changes. */
function until(ok: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    let done = false;
    stop = effect(() => {
      if (!done && ok()) {
        done = true;
        queueMicrotask(() => stop?.());
        resolve();
      }
    });
  });
}

async function pagedView(pageSize = 50, maxPages = 3): Promise<{ view: SessionView; port: SessionPort; id: string }> {
  const { db, id: sessionId } = await storedSession(records);
  const channel = new MessageChannel();
  channels.push(channel);
  servePort(channel.port1 as never, createSessionService(db, { checkpointEvery: 40, cacheChunks: 3, messagesAsText: 5 }) as never);
  const port = connectPort<SessionPort & Record<string, never>>(channel.port2 as never).api as SessionPort;
  const view = createSessionView();
  await view.openPaged(port, sessionId, { pageSize, maxPages });
  return { view, port, id: sessionId };
}

function memoryView(): SessionView {
  const view = createSessionView();
  view.reset(records);
  return view;
}

/** Every row through rowAt, waiting for pages as they arrive. */
async function readRows(view: SessionView): Promise<[number, number][]> {
  await until(() => view.paged.value!.complete.value);
  const out: [number, number][] = [];
  for (let i = 0; i < view.rowCount.value; i++) {
    await until(() => view.rowAt(i) !== undefined);
    const row = view.rowAt(i)!;
    out.push([row.record.seq, row.count]);
  }
  return out;
}

describe("the session view holding a window", () => {
  it("shows the same rows under filters, holding a bounded number of them", async () => {
    const { view } = await pagedView();
    const memory = memoryView();
    const memRows = () => Array.from({ length: memory.rowCount.value }, (_, i) => [memory.rowAt(i)!.record.seq, memory.rowAt(i)!.count]);
    expect(view.firstSeq.value).toBe(1);
    expect(view.lastSeq.value).toBe(records.length);
    expect(await readRows(view)).toEqual(memRows());
    expect(view.paged.value!.heldRows()).toBeLessThanOrEqual(150);
    for (const [filter, coalesce] of [[{ ...NO_FILTER, hidden: new Set<RecordFamily>(["text"]) }, true], [{ ...NO_FILTER, text: "needle" }, false]] as const) {
      view.filter.value = memory.filter.value = filter;
      view.coalesce.value = memory.coalesce.value = coalesce;
      expect(await readRows(view)).toEqual(memRows());
    }
  });

  it("seeks, steps and goes home as the in-memory view does; whole-session facts arrive", async () => {
    const { view } = await pagedView();
    const memory = memoryView();
    await until(() => view.findings.value.length > 0);
    expect(view.findings.value).toEqual(memory.findings.value);
    expect(view.runs.value).toEqual(memory.runs.value);
    expect(view.threads.value).toEqual(memory.threads.value);
    expect(view.openToolCalls.value).toEqual(memory.openToolCalls.value);
    // A thread's end is asked for when wanted (a follow-up run), not held with the overview.
    expect(view.paged.value!.overview.value).not.toHaveProperty("threadEnds");
    await view.loadThread("t2");
    expect(view.threadMessages("t2")).toEqual(memory.threadMessages("t2"));
    expect(view.threadState("t2")).toEqual(memory.threadState("t2"));
    expect(memory.threadMessages("t2").length).toBeGreaterThan(5);
    // Steps one by one too: the worker then goes on from its last fold and often says the held state is still right.
    for (const seq of [2, 300, 301, 302, 303, 304, 305, 777, 776, records.length - 1]) {
      view.select(seq);
      memory.select(seq);
      await until(() => view.paged.value!.seek.value?.seq === seq && view.selected.value?.seq === seq);
      expect(view.view.value).toEqual(memory.view.value);
      expect(view.stateChange.value).toEqual(memory.stateChange.value);
      expect(view.selected.value).toEqual(memory.selected.value);
      expect(view.cursorRow.value).toBe(memory.cursorRow.value);
    }
    // Unfiltered (a step worked out on the page) and filtered (asked of the worker).
    expect(view.paged.value!.info.records).toBe(view.paged.value!.info.lastSeq);
    // (every step moves the cursor: a wait for a cursor already there would not wait for the step)
    view.select(700);
    memory.select(700);
    for (const delta of [1, 1, -1, 5, -3, 1e6, -2, -1e6, 2]) {
      memory.step(delta);
      view.step(delta);
      const want = memory.cursorSeq.value;
      await until(() => view.cursorSeq.value === want);
    }
    view.filter.value = memory.filter.value = { ...NO_FILTER, hidden: new Set<RecordFamily>(["text", "wire"]) };
    for (const delta of [1, 1, -1, 5, -3]) {
      memory.step(delta);
      view.step(delta);
      const want = memory.cursorSeq.value;
      await until(() => view.cursorSeq.value === want);
    }
    memory.home();
    view.home();
    await until(() => view.cursorSeq.value === memory.cursorSeq.value);
    expect(view.forkAt(view.cursorSeq.value).messages.length).toBeGreaterThanOrEqual(0);
  });

  it("holds the window of the conversation's last messages the in-memory view shows, and more on request; a fork gets them all", async () => {
    const { view } = await pagedView();
    const memory = memoryView();
    view.messagesShown.value = memory.messagesShown.value = 3;
    let windowed = 0;
    // Step by step (the window slides on as messages come, keeping what it held), then jumps.
    const seqs = Array.from({ length: 120 }, (_, i) => 380 + i);
    let slid = 0;
    for (const seq of [...seqs, 900, 899, records.length - 1, 30, 31]) {
      const from = view.view.value.messagesFrom;
      view.select(seq);
      memory.select(seq);
      await until(() => view.paged.value!.seek.value?.seq === seq);
      expect(view.view.value, `at ${seq}`).toEqual(memory.view.value);
      expect(view.view.value.messages.length).toBeLessThanOrEqual(3);
      if (view.view.value.messagesFrom > 0) windowed++;
      if (seq < 500 && view.view.value.messagesFrom > from) slid++;
    }
    expect(windowed).toBeGreaterThan(5);
    expect(slid, "steps that slid the window on").toBeGreaterThan(2);
    // "Show earlier": the window grows by MESSAGES_SHOWN, the same on both.
    view.showEarlierMessages();
    memory.showEarlierMessages();
    expect(view.messagesShown.value).toBe(3 + MESSAGES_SHOWN);
    await until(() => view.view.value.messages.length === memory.view.value.messages.length);
    expect(view.view.value).toEqual(memory.view.value);
    for (const seq of [records.length - 1, 402]) {
      const seed = await view.forkSeed(seq);
      expect(seed.messages.length).toBeGreaterThan(3);
      expect({ ...seed, pendingInterrupts: [] }).toMatchObject({ ...memory.forkAt(seq), pendingInterrupts: [] });
    }
  });

  it("run timing: the count, the waterfall as drawn and pages of runs equal the in-memory ones", async () => {
    const { view } = await pagedView();
    const memory = memoryView();
    const paged = createRunTiming(view);
    const whole = createRunTiming(memory);
    await until(() => paged.runCount.value > 0);
    expect(paged.runCount.value).toBe(whole.runCount.value);
    expect(whole.runCount.value).toBeGreaterThan(10);
    expect(paged.waterfall()).toEqual(whole.waterfall());
    expect(paged.waterfall().lanes.flatMap((l) => l.bars).length).toBeGreaterThan(10);
    // The page holds no run's timing but the page asked for.
    expect(paged.runs.value).toEqual([]);
    for (const [from, to] of [[0, 7], [5, 12], [15, 1000]]) {
      expect(paged.runsIn(from, to)).toBeUndefined();
      await until(() => paged.runsIn(from, to) !== undefined);
      expect(paged.runsIn(from, to), `runs ${from}–${to}`).toEqual(whole.runsIn(from, to));
      expect(whole.runsIn(from, to)!.length).toBeGreaterThan(4);
    }
  });

  it("a later seek wins over one still on its way", async () => {
    const { view } = await pagedView();
    const memory = memoryView();
    for (const seq of [10, 20, 30, 40, 999]) view.select(seq);
    memory.select(999);
    await until(() => view.paged.value!.seek.value?.seq === 999);
    expect(view.view.value).toEqual(memory.view.value);
    expect(view.stateChange.value).toEqual(memory.stateChange.value);
  });

  it("reset (a live recording starting) leaves the window", async () => {
    const { view } = await pagedView();
    view.reset();
    expect(view.paged.value).toBeNull();
    expect(view.rowCount.value).toBe(0);
    view.append(records.slice(0, 10));
    expect(view.rowCount.value).toBe(10);
  });
});
