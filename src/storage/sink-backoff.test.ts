import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { StorageWriteError } from "./errors";
import { freshDb, header, instrumentDb, manualClock, quotaError, records } from "./test-util";

describe("IndexedDB sink backoff", () => {
  it("doubles the wait per failure up to the cap, and starts over after a write succeeds", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    let full = true;
    const counter = instrumentDb(db, () => (full ? quotaError() : null));
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock, backoff: { firstMs: 1000, maxMs: 5000 } });

    await expect(sink.write(records(1, 10))).rejects.toBeInstanceOf(StorageWriteError);
    const waits = [sink.state().retryAt! - clock.now()];
    for (let attempt = 2; attempt <= 5; attempt++) {
      clock.advance(waits.at(-1)!);
      // The sink retries by itself when the wait is over, and fails again.
      await vi.waitFor(() => expect(counter.writes).toBe(attempt));
      await vi.waitFor(() => expect(sink.state().retryAt).toBeGreaterThan(clock.now()));
      waits.push(sink.state().retryAt! - clock.now());
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(sink.state()).toMatchObject({ status: "failing", savedSeq: 0, unsaved: 10 });

    full = false;
    await sink.retry();
    expect(sink.state()).toMatchObject({ status: "saved", savedSeq: 10, problem: null });
    expect(sink.state().retryAt).toBeUndefined();

    // A new failure after the recovery waits the first delay again, not the capped one.
    full = true;
    await expect(sink.write(records(11, 20))).rejects.toBeInstanceOf(StorageWriteError);
    expect(sink.state().retryAt).toBe(clock.now() + 1000);
    sink.dispose();
  });

  it("a write during the wait fails fast with the same problem and leaves the timer alone", async () => {
    const db = await freshDb();
    const s = await createSession(db, header());
    const counter = instrumentDb(db, () => quotaError());
    const clock = manualClock();
    const sink = await createIdbSink(db, s.id, { clock, backoff: { firstMs: 1000, maxMs: 5000 } });
    const first = await sink.write(records(1, 5)).catch((e: StorageWriteError) => e);
    const retryAt = sink.state().retryAt;
    clock.advance(500);
    const second = await sink.write(records(6, 8)).catch((e: StorageWriteError) => e);
    expect(second).toBeInstanceOf(StorageWriteError);
    expect((second as StorageWriteError).problem).toEqual((first as StorageWriteError).problem);
    expect(counter.writes).toBe(1);
    expect(sink.state().retryAt).toBe(retryAt);
    expect(clock.pending()).toBe(1);
    sink.dispose();
    expect(clock.pending()).toBe(0);
  });
});
