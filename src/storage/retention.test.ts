import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { chooseForRetention } from "./retention";
import { createSessionLibrary } from "./library";
import { createIdbSink } from "./sink";
import type { SessionSummary } from "./sessions";
import { freshDb, header, records } from "./test-util";

const DAY = 86_400_000;
const NOW = Date.parse("2025-06-01T00:00:00Z");

function summary(id: string, day: number, bytes = 100, updatedDaysAgo = 10): SessionSummary {
  return { id, createdAt: NOW - (30 - day) * DAY, updatedAt: NOW - updatedDaysAgo * DAY, bytes } as SessionSummary;
}

describe("retention", () => {
  const sessions = [summary("d3", 3), summary("d1", 1), summary("d2", 2, 500), summary("d4", 4)];
  const guard = { now: NOW, activeMs: 60_000 };

  it("removes nothing without a limit", () => {
    expect(chooseForRetention(sessions, null, guard)).toEqual([]);
    expect(chooseForRetention(sessions, {}, guard)).toEqual([]);
  });

  it("removes the oldest sessions first, by count or by size", () => {
    expect(chooseForRetention(sessions, { maxSessions: 2 }, guard)).toEqual(["d1", "d2"]);
    expect(chooseForRetention(sessions, { maxBytes: 250 }, guard)).toEqual(["d1", "d2"]);
    expect(chooseForRetention(sessions, { maxBytes: 800 }, guard)).toEqual([]);
    expect(chooseForRetention(sessions, { maxSessions: 3, maxBytes: 10_000 }, guard)).toEqual(["d1"]);
  });

  it("never removes a kept or recently written session, though they still count", () => {
    expect(chooseForRetention(sessions, { maxSessions: 2 }, { ...guard, keep: ["d1"] })).toEqual(["d2", "d3"]);
    const live = [summary("old-live", 0, 100, 0), ...sessions];
    expect(chooseForRetention(live, { maxSessions: 4 }, guard)).toEqual(["d1"]);
  });

  it("runs in the library only once the user sets a limit, and on each new session after that", async () => {
    const db = await freshDb();
    let now = NOW;
    const library = createSessionLibrary(db, { now: () => now, activeMs: 60_000 });
    const created: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const s = await library.create(header({ createdAt: new Date(NOW - (30 - day) * DAY).toISOString() }));
      await (await createIdbSink(db, s.id, { clock: { now: () => now - DAY, schedule: () => () => {} } })).write(records(1, 50));
      created.push(s.id);
    }
    expect(await library.list()).toHaveLength(5);
    expect(await library.setRetention({ maxSessions: 3 })).toEqual(created.slice(0, 2));
    const sixth = await library.create(header({ createdAt: new Date(NOW).toISOString() }));
    expect((await library.list()).map((s) => s.id)).toEqual([sixth.id, created[4], created[3]]);
    await library.setRetention(null);
    now += DAY;
    await library.create(header({ createdAt: new Date(now).toISOString() }));
    expect(await library.list()).toHaveLength(4);
  });
});
