import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openDB } from "idb";
import { openInspectorDb } from "./db";
import { DB_VERSION, migrate } from "./migrations";
import type { InspectorSchema } from "./schema";
import { createSession } from "./sessions";
import { createIdbSink } from "./sink";
import { header, records } from "./test-util";

let n = 0;
const dbName = () => `conn-${++n}-${Math.random().toString(36).slice(2)}`;

describe("connections across tabs", () => {
  it("closes itself when another tab upgrades, so the upgrade does not hang, and says so", async () => {
    const name = dbName();
    const db = await openInspectorDb({ name });
    const s = await createSession(db, header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 5));
    const seen: string[] = [];
    db.on("versionchange", ({ newVersion }) => seen.push(`versionchange ${newVersion}`));
    db.on("closed", ({ reason }) => seen.push(`closed ${reason}`));

    let blocked = false;
    const newer = await openDB(name, DB_VERSION + 1, { blocked: () => void (blocked = true) });
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(blocked).toBe(false);
    expect(seen).toEqual([`versionchange ${DB_VERSION + 1}`, "closed versionchange"]);
    expect(db.isOpen()).toBe(false);
    expect(sink.state()).toMatchObject({ status: "detached", problem: { kind: "closed" } });
    const err = await sink.write(records(6, 7)).catch((e) => e);
    expect(err.message).toMatch(/another inspector tab upgraded it/);
    expect(sink.unsaved().map((r) => r.seq)).toEqual([6, 7]);
    newer.close();
  });

  it("reports being blocked by a tab that will not close, and finishes once it does", async () => {
    const name = dbName();
    // An old tab's connection (schema v1) that ignores versionchange.
    const stubborn = await openDB<InspectorSchema>(name, 1, { upgrade: (db, _o, _n, tx) => void migrate(db, tx, 0, 1) });
    const blocked: unknown[] = [];
    let reported!: () => void;
    const wasBlocked = new Promise<void>((resolve) => (reported = resolve));
    const opening = openInspectorDb({
      name,
      onBlocked: (info) => {
        blocked.push(info);
        reported();
      },
    });
    await wasBlocked;
    expect(blocked).toEqual([{ currentVersion: 1, blockedVersion: DB_VERSION }]);
    stubborn.close();
    const db = await opening;
    expect(db.idb.version).toBe(DB_VERSION);
    db.close();
  });

  it("lets two writers record into two sessions at once without mixing them", async () => {
    const name = dbName();
    const [tabA, tabB] = await Promise.all([openInspectorDb({ name }), openInspectorDb({ name })]);
    const [a, b] = [await createSession(tabA, header()), await createSession(tabB, header())];
    const [sinkA, sinkB] = await Promise.all([createIdbSink(tabA, a.id, { chunkSize: 50 }), createIdbSink(tabB, b.id, { chunkSize: 50 })]);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      writes.push(sinkA.write(records(i * 37 + 1, (i + 1) * 37, { runId: "A" })));
      writes.push(sinkB.write(records(i * 23 + 1, (i + 1) * 23, { runId: "B" })));
    }
    await Promise.all(writes);
    const { readRecords } = await import("./read");
    const ra = (await readRecords(tabB, a.id, { limit: 10_000 })).records;
    const rb = (await readRecords(tabA, b.id, { limit: 10_000 })).records;
    expect(ra.map((r) => r.seq)).toEqual(Array.from({ length: 740 }, (_, i) => i + 1));
    expect(rb.map((r) => r.seq)).toEqual(Array.from({ length: 460 }, (_, i) => i + 1));
    expect(new Set(ra.map((r) => r.runId))).toEqual(new Set(["A"]));
    expect(new Set(rb.map((r) => r.runId))).toEqual(new Set(["B"]));
  });
});
