import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createSessionLibrary, openInspectorDb, readRecords, exportSessionLines } from "../src/storage";
import { parseSessionFile } from "../src/core/session/file";
import { createPageObserver, type ObservedStore } from "../extension/observe/observer";
import type { ObservedSession } from "../extension/observe/records";
import { createLibraryObservedStore } from "../extension/observe/store";
import { chromeEntries, chromeEntry, chromeHar, entryFor, type CapturedEntry } from "./extension-fixtures";
import { observedSessionId } from "../extension/observe/key";
import { watchNetwork, type NetworkLike, type NetworkRequest } from "../extension/observe/network-source";
import { eventsOf, wireEvents } from "./helpers";

function memoryStore() {
  const sessions = new Map<string, ObservedSession>();
  const store: ObservedStore = {
    async add(s) {
      if (sessions.has(s.header.id)) return false;
      sessions.set(s.header.id, s);
      return true;
    },
  };
  return { store, sessions };
}

/** Feeds an entry the way devtools.network does, counting body reads. */
function feed(observer: ReturnType<typeof createPageObserver>, c: CapturedEntry, reads: { n: number }) {
  return observer.take(c.entry, async () => (reads.n++, c.content));
}

let dbs = 0;
const freshDb = () => openInspectorDb({ name: `extension-observer-${process.pid}-${++dbs}` });

describe("the page observer", () => {
  it("stores each run and connect once, reads bodies only of AG-UI requests, and learns the runtime", async () => {
    const { store, sessions } = memoryStore();
    const created: string[] = [];
    const observer = createPageObserver({ store, onSession: (h) => created.push(h.name!) });
    const reads = { n: 0 };
    for (const c of chromeEntries) await feed(observer, c, reads);
    // info, run, single run (failed: still read), connect; never the preflights
    expect(reads.n).toBe(4);
    expect(created.map((n) => n.split(" · ")[0])).toEqual(["Observed run", "Observed run", "Observed connect"]);
    expect(sessions.size).toBe(3);
    const [offer, single] = observer.offers();
    const origin = new URL(chromeEntries[0].entry.request.url).origin;
    expect(offer).toMatchObject({ url: `${origin}/rest`, transport: "rest" });
    // /info named every agent of the runtime, not only the one the page ran
    expect(offer.agents).toEqual(expect.arrayContaining(["scripted", "slow", "interrupt"]));
    expect(single).toMatchObject({ url: `${origin}/single`, transport: "single", agents: ["scripted"] });
  });

  it("Chrome's getHAR and onRequestFinished entries of one request get one id, and are stored once", async () => {
    expect(chromeHar.map((e) => observedSessionId(e.entry)).sort()).toEqual(chromeEntries.map((e) => observedSessionId(e.entry)).sort());
    expect(new Set(chromeEntries.map((e) => observedSessionId(e.entry))).size).toBe(chromeEntries.length);
    const { store, sessions } = memoryStore();
    const observer = createPageObserver({ store });
    const reads = { n: 0 };
    // the listener's deliveries race the getHAR list, as at DevTools start
    await Promise.all([observer.takeAll(chromeHar.map((c) => ({ entry: c.entry, getContent: async () => (reads.n++, c.content) }))), ...chromeEntries.map((c) => feed(observer, c, reads))]);
    expect(sessions.size).toBe(3);
    expect(reads.n).toBe(4);
  });

  it("skips the inspector's own requests (the panel opened in a tab, inspected)", async () => {
    const { store, sessions } = memoryStore();
    const observer = createPageObserver({ store, selfOrigin: "chrome-extension://abc" });
    const own = entryFor({ method: "POST", url: "http://h:1/rest/agent/a/run", headers: { Origin: "chrome-extension://abc" }, body: JSON.stringify({ threadId: "t", runId: "r", messages: [] }) }, { status: 200, headers: { "content-type": "text/event-stream" }, body: "" });
    await feed(observer, own, { n: 0 });
    expect(sessions.size).toBe(0);
    expect(observer.offers()).toEqual([]);
  });

  it("a failing store does not lose the entry: the next delivery stores it", async () => {
    let fail = true;
    const { store, sessions } = memoryStore();
    const errors: unknown[] = [];
    const flaky: ObservedStore = { add: (s) => (fail ? Promise.reject(new Error("disk full")) : store.add(s)) };
    const observer = createPageObserver({ store: flaky, onError: (e) => errors.push(e) });
    const run = chromeEntry("POST", "/agent/scripted/run");
    await feed(observer, run, { n: 0 });
    expect(errors).toHaveLength(1);
    fail = false;
    await feed(observer, run, { n: 0 });
    expect(sessions.size).toBe(1);
  });
});

describe("observed sessions in the IndexedDB session library", () => {
  it("DevTools reopened (a second observer over the same library) adds no session and no record", async () => {
    const db = await freshDb();
    const library = createSessionLibrary(db);
    const first = createPageObserver({ store: createLibraryObservedStore(db, library) });
    for (const c of chromeEntries) await feed(first, c, { n: 0 });
    const before = await library.list();
    expect(before).toHaveLength(3);

    const reopened = createPageObserver({ store: createLibraryObservedStore(db, library) });
    const added: string[] = [];
    const again = createPageObserver({ store: createLibraryObservedStore(db, library), onSession: (h) => added.push(h.id) });
    await Promise.all(chromeEntries.map((c) => Promise.all([feed(reopened, c, { n: 0 }), feed(again, c, { n: 0 })])));
    expect(added).toEqual([]);
    const after = await library.list();
    expect(after.map((s) => [s.id, s.records])).toEqual(before.map((s) => [s.id, s.records]));
    db.close();
  });

  it("what is stored and exported is what the page received", async () => {
    const db = await freshDb();
    const library = createSessionLibrary(db);
    const observer = createPageObserver({ store: createLibraryObservedStore(db, library) });
    const run = chromeEntry("POST", "/agent/scripted/run");
    await feed(observer, run, { n: 0 });
    const [summary] = await library.list();
    expect(summary).toMatchObject({ agentId: "scripted", runs: 1, events: wireEvents(run.content.text!).length });
    const { records } = await readRecords(db, summary.id, { limit: 1000 });
    expect(eventsOf(records)).toEqual(wireEvents(run.content.text!));
    let file = "";
    for await (const part of exportSessionLines(db, summary.id)) file += part;
    const parsed = parseSessionFile(file);
    expect(parsed.header.source).toEqual({ kind: "observed" });
    expect(parsed.records).toEqual(records);
    db.close();
  });
});

describe("the chrome.devtools.network adapter", () => {
  it("listens before storage is open, adds getHAR's backlog, and passes bodies with their encoding", async () => {
    let finished: ((r: NetworkRequest) => void) | null = null;
    let harCallback: ((log: { entries: NetworkRequest[] }) => void) | null = null;
    const network: NetworkLike = {
      getHAR: (cb) => void (harCallback = cb),
      onRequestFinished: { addListener: (fn) => void (finished = fn) },
    };
    const withBody = (c: CapturedEntry, encoding = ""): NetworkRequest => ({ ...c.entry, getContent: (cb) => cb(c.content.text, encoding) });
    let open!: (o: ReturnType<typeof createPageObserver>) => void;
    watchNetwork(network, new Promise((resolve) => (open = resolve)));
    // both hooks are on before the observer (storage) exists
    expect(finished).not.toBeNull();
    expect(harCallback).not.toBeNull();

    const run = chromeEntry("POST", "/agent/scripted/run");
    const connect = chromeEntry("POST", "/agent/scripted/connect");
    finished!(withBody(run));
    harCallback!({ entries: [withBody(run), { ...connect.entry }] });
    const { store, sessions } = memoryStore();
    const observer = createPageObserver({ store });
    open(observer);
    await new Promise((r) => setTimeout(r, 0));
    await observer.idle();
    expect(sessions.size).toBe(2);
    const stored = [...sessions.values()];
    expect(eventsOf(stored.find((s) => s.header.name!.startsWith("Observed run"))!.records)).toEqual(wireEvents(run.content.text!));
    // getHAR gave no getContent: the session says the body is missing rather than inventing one
    expect(stored.find((s) => s.header.name!.startsWith("Observed connect"))!.records.at(-1)).toMatchObject({ kind: "end", code: "body-unavailable" });
  });
});

describe("the adapter on Firefox's promise-returning API", () => {
  it("takes getHAR's and getContent's promises", async () => {
    const run = chromeEntry("POST", "/agent/scripted/run");
    const network: NetworkLike = {
      getHAR: () => Promise.resolve({ entries: [{ ...run.entry, getContent: () => Promise.resolve([run.content.text, ""]) }] }),
      onRequestFinished: { addListener: () => {} },
    };
    const { store, sessions } = memoryStore();
    const observer = createPageObserver({ store });
    watchNetwork(network, Promise.resolve(observer));
    await expect.poll(() => sessions.size).toBe(1);
    await observer.idle();
    expect(eventsOf([...sessions.values()][0].records)).toEqual(wireEvents(run.content.text!));
  });
});
