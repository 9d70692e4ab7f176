import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { parseSessionFile } from "../core/session/file";
import { createSessionLibrary } from "./library";
import { createIdbSink } from "./sink";
import { exportSessionBlob } from "./export";
import { openDB } from "idb";
import { DB_VERSION } from "./migrations";
import { freshDb, header, records } from "./test-util";

describe("export", () => {
  it("writes the header (with the current name) then stored and unsaved records once each, in order", async () => {
    const db = await freshDb();
    const library = createSessionLibrary(db);
    const s = await library.create(header());
    await library.rename(s.id, "checkout bug");
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 250));
    const file = parseSessionFile(await (await exportSessionBlob(db, s.id, records(240, 260))).text());
    expect(file.header).toMatchObject({ id: s.id, name: "checkout bug", format: "agui-inspector-session" });
    expect(file.records.map((r) => r.seq)).toEqual(Array.from({ length: 260 }, (_, i) => i + 1));
    expect(file.errors).toEqual([]);
  });
});

describe("export after another tab's upgrade closed this connection", () => {
  it("reads the stored records through a new connection and adds the unsaved ones", async () => {
    const db = await freshDb();
    const library = createSessionLibrary(db);
    const s = await library.create(header());
    const sink = await createIdbSink(db, s.id);
    await sink.write(records(1, 120));
    sink.accept(records(121, 130));
    const newer = await openDB(db.name, DB_VERSION + 1);
    expect(db.isOpen()).toBe(false);
    // The sink saved what it held before the connection closed.
    expect(sink.state()).toMatchObject({ status: "detached", savedSeq: 130 });
    sink.accept(records(131, 140));
    newer.close();
    const file = parseSessionFile(await (await exportSessionBlob(db, s.id, sink.unsaved())).text());
    expect(file.records.map((r) => r.seq)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
  });
});
