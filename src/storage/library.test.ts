import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSessionLibrary } from "./library";
import { createIdbSink } from "./sink";
import { readRecords } from "./read";
import { putCheckpoints } from "./checkpoints";
import { freshDb, header, records } from "./test-util";

async function libraryWithThree() {
  const db = await freshDb();
  const library = createSessionLibrary(db, { storage: {} });
  const a = await library.create(header({ createdAt: "2025-01-01T00:00:00Z", agentId: "scripted", runtimeUrl: "http://localhost:3000/api/copilotkit" }));
  const b = await library.create(header({ createdAt: "2025-02-01T00:00:00Z", agentId: "bulk", runtimeUrl: "http://127.0.0.1:4418/rest" }));
  const c = await library.create(header({ createdAt: "2025-03-01T00:00:00Z", agentId: "interrupt", runtimeUrl: "https://agents.example.com/rest", name: "Pricing demo" }));
  return { db, library, a, b, c };
}

describe("session library", () => {
  it("lists sessions newest first with the sink's live counters", async () => {
    const { db, library, a, b, c } = await libraryWithThree();
    const sink = await createIdbSink(db, b.id);
    await sink.write([...records(1, 120, { runId: "r1", threadId: "t" }), ...records(121, 130, { runId: "r2", threadId: "t" })]);
    const list = await library.list();
    expect(list.map((s) => s.id)).toEqual([c.id, b.id, a.id]);
    expect(list[1]).toMatchObject({ agentId: "bulk", runtimeUrl: "http://127.0.0.1:4418/rest", runs: 2, threads: 1, events: 130, records: 130, lastSeq: 130 });
    expect(list[1].bytes).toBeGreaterThan(130 * 100);
    expect(list[0]).toMatchObject({ name: "Pricing demo", runs: 0, events: 0, bytes: 0 });
    const detail = await library.get(b.id);
    expect(detail?.runList.map((r) => [r.runId, r.firstSeq, r.lastSeq, r.records])).toEqual([
      ["r1", 1, 120, 120],
      ["r2", 121, 130, 10],
    ]);
    expect(await library.get("missing")).toBeUndefined();
  });

  it("renames and tags", async () => {
    const { library, a } = await libraryWithThree();
    await library.rename(a.id, "  login flow  ");
    await library.tag(a.id, ["bug", " bug ", "", "prod"]);
    expect(await library.get(a.id)).toMatchObject({ name: "login flow", tags: ["bug", "prod"] });
    await expect(library.rename("missing", "x")).rejects.toThrow(/No session/);
  });

  it("searches name, agent, runtime URL and tags, every word, any case", async () => {
    const { library, a, b, c } = await libraryWithThree();
    await library.tag(a.id, ["regression"]);
    const ids = async (q: string) => (await library.search(q)).map((s) => s.id);
    expect(await ids("pricing")).toEqual([c.id]);
    expect(await ids("BULK")).toEqual([b.id]);
    expect(await ids("localhost")).toEqual([a.id]);
    expect(await ids("regression scripted")).toEqual([a.id]);
    expect(await ids("regression bulk")).toEqual([]);
    expect(await ids("")).toEqual([c.id, b.id, a.id]);
  });

  it("deletes one session with all its records, or wipes everything but the settings", async () => {
    const { db, library, a, b } = await libraryWithThree();
    for (const s of [a, b]) await (await createIdbSink(db, s.id)).write(records(1, 150));
    await putCheckpoints(db, a.id, [{ seq: 100, value: {} }]);
    await library.remove(a.id);
    expect((await library.list()).map((s) => s.id)).not.toContain(a.id);
    expect((await readRecords(db, a.id)).records).toEqual([]);
    expect(await db.idb.count("checkpoints")).toBe(0);
    // The text index goes with its chunks: b's two chunks keep theirs (one page).
    expect(await db.idb.count("grams")).toBe(1);
    expect((await readRecords(db, b.id, { limit: 1000 })).records).toHaveLength(150);

    await library.setRetention({ maxSessions: 50 });
    await library.wipe();
    expect(await library.list()).toEqual([]);
    expect(await db.idb.count("chunks")).toBe(0);
    expect(await db.idb.count("grams")).toBe(0);
    expect(await library.getRetention()).toEqual({ maxSessions: 50 });
  });

  it("reads the storage meter and asks for persistence through the injected StorageManager", async () => {
    const db = await freshDb();
    let asked = 0;
    const library = createSessionLibrary(db, {
      storage: { estimate: async () => ({ usage: 1234, quota: 10_000 }), persisted: async () => asked > 0, persist: async () => ++asked > 0 },
    });
    expect(await library.estimate()).toEqual({ supported: true, usage: 1234, quota: 10_000, persisted: false });
    expect(await library.persist()).toBe(true);
    expect((await library.estimate()).persisted).toBe(true);
    const bare = createSessionLibrary(db, { storage: {} });
    expect(await bare.estimate()).toEqual({ supported: false, persisted: false });
    expect(await bare.persist()).toBe(false);
  });

  it("sweeps data left behind by a session deleted while its writer died", async () => {
    const { db, library, a, b } = await libraryWithThree();
    await (await createIdbSink(db, a.id)).write(records(1, 300));
    await (await createIdbSink(db, b.id)).write(records(1, 10));
    await db.idb.delete("sessions", a.id);
    expect(await library.sweep()).toEqual([a.id]);
    expect(await db.idb.count("chunks")).toBe(1);
    expect(await db.idb.get("stats", a.id)).toBeUndefined();
    expect(await library.sweep()).toEqual([]);
  });
});
