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
});
