import { describe, expect, it } from "vitest";
import { signal } from "@preact/signals";
import type { SessionRecord } from "../src/core/session/record";
import type { LibraryModel } from "../src/models/library";
import type { SessionView } from "../src/models/session-view";
import { createLiveFollower } from "../extension/observe/follow";
import { createLibraryModel } from "../src/models/library";
import { createRecordingModel } from "../src/models/recording";
import { createSessionView } from "../src/models/session-view";
import type { InspectorHost, SessionStorePort } from "../src/models/host";
import type { SessionPort } from "../src/models/session-port";
import { LIVE_RECORDS } from "../extension/capture/messages";

// The panel: following the inspected page's runs (what it opens, appends and leaves alone), and
// what it says about host access before the browser asks.

const rec = (seq: number) => ({ seq, t: seq, x: 1, dir: "in", kind: "comment", text: `#${seq}` }) as SessionRecord;
const batch = (sessionId: string, from: number, to: number, tabId: number | null = 7) => ({ type: LIVE_RECORDS, tabId, sessionId, records: Array.from({ length: to - from + 1 }, (_, i) => rec(from + i)) }) as const;

function setup(busy = false) {
  /** What the library holds (committed before the worker announces it). */
  const stored = new Map<string, SessionRecord[]>();
  const shown: SessionRecord[] = [];
  const lastSeq = signal(0);
  const opened: string[] = [];
  let ends = 0;
  const view = {
    lastSeq,
    append(records: readonly SessionRecord[]) {
      shown.push(...records);
      lastSeq.value = shown.at(-1)!.seq;
    },
    end: () => void ends++,
  } as unknown as SessionView;
  const library = {
    openId: signal<string | null>(null),
    async open(id: string) {
      opened.push(id);
      shown.length = 0;
      lastSeq.value = 0;
      await Promise.resolve();
      library.openId.value = id;
      view.append(stored.get(id) ?? []);
    },
    refresh: async () => {},
  };
  const follower = createLiveFollower({ library: library as unknown as LibraryModel, view, busy: () => busy, tabId: 7, refreshMs: 1 });
  const storeOnly = (m: ReturnType<typeof batch>) => void stored.set(m.sessionId, [...(stored.get(m.sessionId) ?? []), ...m.records]);
  const send = (m: ReturnType<typeof batch>) => {
    storeOnly(m);
    follower.receive(m as never);
  };
  return { follower, send, storeOnly, shown, opened, library, ends: () => ends };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe("the panel follows the page's runs", () => {
  it("a new run opens and follows; later batches append in order, nothing twice", async () => {
    const s = setup();
    s.send(batch("a", 1, 3));
    s.send(batch("a", 4, 5)); // arrives while the session is opening
    await settle();
    s.send(batch("a", 6, 8));
    await settle();
    expect(s.opened).toEqual(["a"]);
    expect(s.shown.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.ends()).toBe(1);
    expect(s.follower.live.value).toBe("a");
  });

  it("a missed batch reopens from the library instead of leaving a hole", async () => {
    const s = setup();
    s.send(batch("a", 1, 2));
    await settle();
    // 3–4 were stored, but their announcement never reached this panel.
    s.storeOnly(batch("a", 3, 4));
    s.send(batch("a", 5, 6));
    await settle();
    expect(s.opened).toEqual(["a", "a"]);
    expect(s.shown.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("another tab's runs, a run the panel is making, a user's own choice and follow off are left alone", async () => {
    const s = setup();
    s.send(batch("other-tab", 1, 2, 9));
    await settle();
    expect(s.opened).toEqual([]);

    const busy = setup(true);
    busy.send(batch("a", 1, 2));
    await settle();
    expect(busy.opened).toEqual([]);

    // The user opened something else: the running observed session does not take the view back…
    s.send(batch("a", 1, 2));
    await settle();
    s.library.openId.value = "mine";
    s.send(batch("a", 3, 4));
    await settle();
    expect(s.opened).toEqual(["a"]);
    // …the page's next run does.
    s.send(batch("b", 1, 1));
    await settle();
    expect(s.opened).toEqual(["a", "b"]);

    s.follower.follow.value = false;
    s.send(batch("c", 1, 1));
    await settle();
    expect(s.opened).toEqual(["a", "b"]);
  });
});

describe("the panel follows a run the library stores with a session worker", () => {
  it("every record appended after the run opened is shown, though the worker holds stored sessions as windows", async () => {
    const stored: SessionRecord[] = [];
    // Like the page's worker: a window is what was stored when it opened.
    const port = {
      async open() {
        const at = stored.slice();
        snapshot = at;
        return { firstSeq: at[0]?.seq ?? 0, lastSeq: at.at(-1)?.seq ?? 0, records: at.length, folded: true, foldedBefore: false };
      },
      rows: async (_id: string, _q: unknown, from: number, to: number) => ({ total: snapshot.length, complete: true, from, rows: snapshot.slice(from, to).map((record) => ({ record, count: 1 })) }),
      positionOf: async () => ({ position: 0, total: snapshot.length }),
      record: async (_id: string, seq: number) => snapshot.find((r) => r.seq === seq),
      at: async (_id: string, seq: number) => ({ seq, id: seq, state: undefined, messages: [], keptMessages: 0, change: { paths: [], changes: [], count: 0 }, threadId: undefined }),
      overview: async () => ({ findings: [], runs: [], threads: [], openToolCalls: [], pendingInterrupts: [], declaredTools: [], threadEnds: [] }),
      close: async () => {},
    } as unknown as SessionPort;
    let snapshot: SessionRecord[] = [];
    const store = {
      paged: port,
      list: async () => [],
      async *records() {
        yield stored.slice();
      },
    } as unknown as SessionStorePort;
    const host = { kind: "web", fetch: async () => new Response("{}"), createSink: async () => ({ write: async () => {} }), store } as unknown as InspectorHost;
    const view = createSessionView();
    const recording = createRecordingModel(host, view, (fn) => fn());
    const library = createLibraryModel(store, view, recording);
    const follower = createLiveFollower({ library, view, busy: () => false, tabId: 7, refreshMs: 1 });
    const send = (m: ReturnType<typeof batch>) => {
      stored.push(...m.records);
      follower.receive(m as never);
    };
    send(batch("a", 1, 3));
    await settle();
    for (let from = 4; from <= 18; from += 3) {
      send(batch("a", from, from + 2));
      await settle();
    }
    expect(library.openId.value).toBe("a");
    expect(view.rowCount.value).toBe(18);
    expect(Array.from({ length: view.rowCount.value }, (_, i) => view.rowAt(i)?.record.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(view.following.value).toBe(true);
  });
});

describe("site access, said before the browser asks", async () => {
  const { createSiteAccess } = await import("../extension/site-access");
  const fakeConnection = (url: string) => ({ url: signal(url), status: signal("idle") }) as never;

  it("says Connect will prompt for a runtime host not granted yet, and not for one that is", async () => {
    const granted = new Set(["http://granted.example/*"]);
    const permissions = { request: async () => true, contains: async ({ origins }: { origins: string[] }) => granted.has(origins[0]) };
    const asked = createSiteAccess(permissions, fakeConnection("http://rt.example:4000/api"), null);
    await settle();
    expect(asked.runtime.value).toBe("will-ask");
    const known = createSiteAccess(permissions, fakeConnection("http://granted.example/api"), null);
    await settle();
    expect(known.runtime.value).toBe("granted");
  });

  it("offers capture for a site beyond localhost, and says so when the prompt was declined or granted", async () => {
    let answer = false;
    const permissions = { request: async () => answer, contains: async () => false };
    const access = createSiteAccess(permissions, fakeConnection(""), async () => "https://app.example.com");
    await settle();
    expect(access.page.value).toEqual({ origin: "https://app.example.com", state: "off" });
    access.enableCapture();
    await settle();
    expect(access.notice.value).toContain("was not granted (the prompt was declined or dismissed)");
    answer = true;
    access.enableCapture();
    await settle();
    expect(access.notice.value).toContain("reload the page to start capturing");

    const local = createSiteAccess(permissions, fakeConnection(""), async () => "http://127.0.0.1:5173");
    await settle();
    expect(local.page.value).toEqual({ origin: "http://127.0.0.1:5173", state: "built-in" });
  });
});
