import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { clearCheckpoints, nearestCheckpoint, putCheckpoints } from "./checkpoints";
import { createSessionLibrary } from "./library";
import { freshDb, header } from "./test-util";

describe("checkpoints", () => {
  it("finds the nearest one at or before a seq, per session, and goes with its session", async () => {
    const db = await freshDb();
    const library = createSessionLibrary(db);
    const a = await library.create(header());
    const b = await library.create(header());
    await putCheckpoints(db, a.id, [100, 200, 300].map((seq) => ({ seq, value: { n: seq } })));
    await putCheckpoints(db, b.id, [{ seq: 250, value: { n: -1 } }]);
    expect((await nearestCheckpoint(db, a.id, 299))?.value).toEqual({ n: 200 });
    expect((await nearestCheckpoint(db, a.id, 300))?.value).toEqual({ n: 300 });
    expect(await nearestCheckpoint(db, a.id, 99)).toBeUndefined();
    expect((await nearestCheckpoint(db, b.id, 1000))?.value).toEqual({ n: -1 });
    await clearCheckpoints(db, b.id);
    expect(await nearestCheckpoint(db, b.id, 1000)).toBeUndefined();
    await library.remove(a.id);
    expect(await db.idb.count("checkpoints")).toBe(0);
  });

  it("leaves out a checkpoint the store refuses and keeps the others", async () => {
    const db = await freshDb();
    const s = await createSessionLibrary(db).create(header());
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 10_000; i++) at = at.a = {} as Record<string, unknown>;
    const skipped = await putCheckpoints(db, s.id, [{ seq: 100, value: { n: 1 } }, { seq: 200, value: deep }, { seq: 300, value: { n: 3 } }]);
    expect(skipped).toEqual([200]);
    expect((await nearestCheckpoint(db, s.id, 250))?.value).toEqual({ n: 1 });
    expect((await nearestCheckpoint(db, s.id, 300))?.value).toEqual({ n: 3 });
  });
});
