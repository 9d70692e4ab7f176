import { describe, expect, it } from "vitest";
import { memoryPrefs } from "./prefs";
import { readLastSession, rememberLastSession, restoreLastSession } from "./last-session";
import { createConnectionModel } from "./connection";
import { createRecordingModel } from "./recording";
import { createLibraryModel } from "./library";
import { createSessionView } from "./session-view";
import type { InspectorHost, SessionStorePort } from "./host";
import type { SessionRecord } from "../core/session/record";

const records: SessionRecord[] = Array.from({ length: 6 }, (_, i) => ({ seq: i + 1, t: i, x: 1, dir: "in", kind: "comment", text: `c${i + 1}` }));

function setup(prefs = memoryPrefs()) {
  const store: SessionStorePort = {
    list: async () => [{ id: "s1", name: "one", tags: [], createdAt: 0, runs: 1, events: 6, bytes: 1 }],
    async *records() {
      yield records;
    },
    header: async () => undefined,
    rename: async () => {},
    remove: async () => {},
    wipe: async () => {},
    estimate: async () => ({ supported: false, persisted: false }),
    persist: async () => false,
    exportFile: async () => new Blob([]),
    importFile: async () => ({ id: "x", records: 0, errors: [] }),
  };
  const host: InspectorHost = { kind: "web", fetch: async () => new Response("{}"), createSink: async () => ({ write: async () => {} }), store };
  const view = createSessionView();
  const recording = createRecordingModel(host, view, (fn) => fn());
  const library = createLibraryModel(store, view, recording);
  const connection = createConnectionModel(host, (meta) => recording.start(meta));
  return { prefs, view, recording, library, connection };
}

describe("the last session after a reload", () => {
  it("reopens at its cursor with the connection settings, header values left out", async () => {
    const a = setup();
    const stop = rememberLastSession(a.prefs, a);
    a.connection.url.value = "http://u:pw@127.0.0.1:9/rest?token=s3cret";
    a.connection.transport.value = "single";
    a.connection.headers.value = [{ name: "Authorization", value: "Bearer very-secret" }];
    await a.library.open("s1");
    a.view.select(4);
    stop();
    const saved = JSON.stringify(a.prefs.data);
    expect(saved).not.toContain("very-secret");
    expect(saved).not.toContain("s3cret");
    expect(saved).not.toContain("pw@");
    expect(readLastSession(a.prefs)).toMatchObject({ sessionId: "s1", cursor: 4, transport: "single", headerNames: ["Authorization"] });

    // the reload: new models over the same prefs
    const b = setup(a.prefs);
    expect(await restoreLastSession(b.prefs, b)).toBe(true);
    expect(b.library.openId.value).toBe("s1");
    expect(b.view.cursorSeq.value).toBe(4);
    expect(b.connection.transport.value).toBe("single");
    expect(b.connection.headers.value).toEqual([{ name: "Authorization", value: "" }]);
    expect(b.connection.url.value).toBe(readLastSession(a.prefs)!.url);
  });

  it("a session that is gone, or nothing saved, opens nothing", async () => {
    const a = setup();
    expect(await restoreLastSession(a.prefs, a)).toBe(false);
    a.prefs.set("last-session", { sessionId: "gone", cursor: 2, url: "", transport: "auto", headerNames: [] });
    expect(await restoreLastSession(a.prefs, a)).toBe(false);
    expect(a.library.openId.value).toBeNull();
  });

  it("a page following a proxy keeps the settings but does not reopen the session", async () => {
    const a = setup(memoryPrefs({ "last-session": { sessionId: "s1", cursor: 3, url: "http://127.0.0.1:9/rest", transport: "single", headerNames: [] } }));
    expect(await restoreLastSession(a.prefs, a, { reopen: false })).toBe(false);
    expect(a.connection.transport.value).toBe("single");
    expect(a.library.openId.value).toBeNull();
  });

  it("a malformed entry restores what is well-formed and nothing else", async () => {
    const a = setup(memoryPrefs({ "last-session": { sessionId: "s1", cursor: "3", url: 5, transport: "carrier-pigeon", headerNames: "Authorization" } }));
    expect(await restoreLastSession(a.prefs, a)).toBe(true);
    expect(a.connection.transport.value).toBe("auto");
    expect(a.connection.headers.value).toEqual([]);
    expect(a.library.openId.value).toBe("s1");
  });
});
