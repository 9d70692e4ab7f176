import { describe, expect, it } from "vitest";
import { createRecordingModel, sessionName } from "./recording";
import { createLibraryModel, exportFileName, fileSessionId, UNDO_MS, type LibraryTimers } from "./library";
import { createSessionView } from "./session-view";
import type { InspectorHost, SessionListItem, SessionStorePort } from "./host";
import type { SessionHeader, SessionRecord } from "../core/session/record";
import { createHeader, encodeSessionFile } from "../core/session/file";

/** A store over a Map, as the IndexedDB one behaves for these calls. */
function fakeStore(initial: SessionListItem[] = []) {
  const items = new Map(initial.map((s) => [s.id, s]));
  const removed: string[] = [];
  const imported: string[] = [];
  const store: SessionStorePort = {
    list: async () => [...items.values()],
    async *records() {},
    header: async () => undefined,
    rename: async (id, name) => void (items.get(id)!.name = name),
    remove: async (id) => void (items.delete(id), removed.push(id)),
    wipe: async () => items.clear(),
    estimate: async () => ({ supported: false, persisted: false }),
    persist: async () => false,
    exportFile: async () => new Blob([]),
    async importFile(file) {
      const id = `new-${imported.length + 1}`;
      imported.push(file.name ?? "?");
      items.set(id, item(id, "imported"));
      return { id, records: 0, errors: [] };
    },
  };
  return { store, items, removed, imported };
}

function item(id: string, name: string, fileId = id): SessionListItem {
  return { id, name, tags: [], createdAt: 0, runs: 0, events: 0, bytes: 0, fileId };
}

function manualTimers() {
  const due: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const timers: LibraryTimers = {
    schedule(fn, ms) {
      const t = { fn, ms, cancelled: false };
      due.push(t);
      return () => void (t.cancelled = true);
    },
  };
  return { timers, runAll: () => due.splice(0).forEach((t) => !t.cancelled && t.fn()), due };
}

function hostWithSinks() {
  const created: SessionHeader[] = [];
  const written: SessionRecord[] = [];
  const host: InspectorHost = {
    kind: "web",
    fetch: async () => new Response("{}"),
    createSink: async (header) => {
      created.push(header);
      return { write: async (records) => void written.push(...records) };
    },
  };
  return { host, created, written };
}

describe("sessions are created when something is recorded", () => {
  it("Connect alone (a new live session with discovery records) adds no session; the first run stores it, named after agent and message", async () => {
    const { host, created, written } = hostWithSinks();
    const view = createSessionView();
    const recording = createRecordingModel(host, view, (fn) => fn());
    const rec = await recording.start({ runtimeUrl: "http://user:pw@127.0.0.1:9/rest?api_key=s3cret" });
    rec.push({ x: 1, dir: "out", kind: "request", op: "info", method: "GET", url: "http://127.0.0.1:9/rest/info", transport: "rest", headers: {} });
    await rec.flush();
    expect(created).toEqual([]);
    expect(recording.saved.value).toBe(false);
    // a second Connect: still nothing stored
    await recording.start({ runtimeUrl: "http://127.0.0.1:9/rest" });
    expect(created).toEqual([]);

    const live = recording.current()!;
    live.push({ x: 1, dir: "out", kind: "request", op: "info", method: "GET", url: "http://127.0.0.1:9/rest/info", transport: "rest", headers: {} });
    await live.flush();
    await recording.keep({ agentId: "scripted", firstMessage: "  deploy   the staging box now please, it is a long message indeed  " });
    await recording.keep({ agentId: "scripted", firstMessage: "again" });
    expect(created).toHaveLength(1);
    expect(created[0].name).toBe("scripted · deploy the staging box now please, it i…");
    expect(created[0].agentId).toBe("scripted");
    // what was recorded before is saved, then what follows
    expect(written.map((r) => r.seq)).toEqual([1]);
    live.push({ x: 2, dir: "out", kind: "request", op: "run", method: "POST", url: "http://127.0.0.1:9/rest/run", transport: "rest", headers: {} });
    await live.flush();
    expect(written.map((r) => r.seq)).toEqual([1, 2]);
  });

  it("the stored URL has no credentials or secret query values", async () => {
    const { host, created } = hostWithSinks();
    const recording = createRecordingModel(host, createSessionView(), (fn) => fn());
    await recording.start({ runtimeUrl: "http://user:pw@127.0.0.1:9/rest?api_key=s3cret" });
    await recording.keep({ agentId: "a" });
    expect(JSON.stringify(created[0])).not.toContain("s3cret");
    expect(JSON.stringify(created[0])).not.toContain("pw@");
    expect(sessionName("a")).toMatch(/^a · /);
  });
});

describe("deleting a session", () => {
  it("hides it at once; Undo brings it back and nothing is removed", async () => {
    const { store, removed } = fakeStore([item("s1", "one"), item("s2", "two")]);
    const t = manualTimers();
    const view = createSessionView();
    const library = createLibraryModel(store, view, createRecordingModel(hostWithSinks().host, view), t.timers);
    await library.refresh();
    library.remove("s1");
    expect(library.sessions.value.map((s) => s.id)).toEqual(["s2"]);
    expect(t.due[0].ms).toBe(UNDO_MS);
    library.undo("s1");
    t.runAll();
    await Promise.resolve();
    expect(removed).toEqual([]);
    expect(library.sessions.value.map((s) => s.id)).toEqual(["s1", "s2"]);
  });

  it("without Undo it is removed from the store when the time is up", async () => {
    const { store, removed, items } = fakeStore([item("s1", "one"), item("s2", "two")]);
    const t = manualTimers();
    const view = createSessionView();
    const library = createLibraryModel(store, view, createRecordingModel(hostWithSinks().host, view), t.timers);
    await library.refresh();
    library.remove("s1");
    t.runAll();
    await expect.poll(() => removed).toEqual(["s1"]);
    expect([...items.keys()]).toEqual(["s2"]);
  });
});

describe("re-importing a file", () => {
  const header = createHeader({ id: "file-session-1", name: "from disk" });
  const file = Object.assign(new Blob([encodeSessionFile(header, [])]), { name: "x.agui.jsonl" });

  it("reads the session id of a session file, and none from other text", async () => {
    expect(await fileSessionId(file)).toBe("file-session-1");
    expect(await fileSessionId(new Blob(['{"log":{}}']))).toBeNull();
    expect(await fileSessionId(new Blob(["not json"]))).toBeNull();
  });

  it("offers the existing session instead of a duplicate (a session recorded here, or one imported from the same file)", async () => {
    for (const existing of [item("file-session-1", "recorded here"), item("lib-9", "imported before", "file-session-1")]) {
      const { store, imported } = fakeStore([existing]);
      const view = createSessionView();
      const library = createLibraryModel(store, view, createRecordingModel(hostWithSinks().host, view));
      await library.importFile(file);
      expect(imported).toEqual([]);
      expect(library.duplicate.value?.existing.id).toBe(existing.id);
      await library.openDuplicate();
      expect(library.openId.value).toBe(existing.id);
      expect(library.duplicate.value).toBeNull();
    }
  });

  it("imports a copy when asked, and a new file straight away", async () => {
    const { store, imported } = fakeStore([item("file-session-1", "recorded here")]);
    const view = createSessionView();
    const library = createLibraryModel(store, view, createRecordingModel(hostWithSinks().host, view));
    await library.importFile(file);
    await library.importDuplicateAnyway();
    expect(imported).toEqual(["x.agui.jsonl"]);
    const other = Object.assign(new Blob([encodeSessionFile(createHeader({ id: "other" }), [])]), { name: "y.agui.jsonl" });
    await library.importFile(other);
    expect(imported).toEqual(["x.agui.jsonl", "y.agui.jsonl"]);
    expect(library.duplicate.value).toBeNull();
  });

  it("export file names come from the session name", () => {
    expect(exportFileName("scripted · deploy now")).toBe("scripted_deploy_now.agui.jsonl");
    expect(exportFileName("a/b", "-run-1234")).toBe("a_b-run-1234.agui.jsonl");
    expect(exportFileName("···")).toBe("session.agui.jsonl");
    expect(exportFileName(undefined)).toBe("session.agui.jsonl");
  });
});
