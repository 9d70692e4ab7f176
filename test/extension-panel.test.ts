import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createConnectionModel } from "../src/models/connection";
import type { InspectorHost } from "../src/models/host";
import { createPanelHost } from "../extension/host";
import { originPattern, requestHostAccess, type PermissionsLike } from "../extension/permissions";
import { loadSettings, saveSettings, type StorageAreaLike } from "../extension/settings";
import { devtoolsPalette } from "../extension/theme";
import { createTabStateStore, type SessionAreaLike } from "../extension/tab-state";
import { addToOffers } from "../extension/observe/runtimes";

function memoryArea(): StorageAreaLike & SessionAreaLike & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(key) {
      return key === null ? structuredClone(data) : key in data ? { [key]: structuredClone(data[key]) } : {};
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
    async remove(key) {
      delete data[key];
    },
  };
}

const target = { addEventListener() {}, removeEventListener() {} };
const fakePage = { window: target, document: { ...target, visibilityState: "visible" } };

function fakePermissions(answer: boolean | Error) {
  const asked: string[][] = [];
  const permissions: PermissionsLike = {
    request: ({ origins }) => (asked.push(origins), answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
  };
  return { permissions, asked };
}

describe("host access, asked for on Connect", () => {
  it("asks for the runtime's host on any port, http(s) only", () => {
    expect(originPattern("http://127.0.0.1:4418/rest-nocors")).toBe("http://127.0.0.1/*");
    expect(originPattern("https://app.example.com/api/copilotkit")).toBe("https://app.example.com/*");
    expect(originPattern("file:///etc/passwd")).toBeNull();
    expect(originPattern("not a url")).toBeNull();
  });

  it("granted passes; refused or failing becomes a named error; a non-http URL asks nothing", async () => {
    const yes = fakePermissions(true);
    await expect(requestHostAccess(yes.permissions, "http://h:1/x")).resolves.toBeUndefined();
    expect(yes.asked).toEqual([["http://h/*"]]);
    await expect(requestHostAccess(fakePermissions(false).permissions, "http://h:1/x")).rejects.toMatchObject({ code: "host-access", message: expect.stringContaining("h:1 was not granted") });
    await expect(requestHostAccess(fakePermissions(new Error("no gesture")).permissions, "http://h:1/x")).rejects.toMatchObject({ code: "host-access", message: expect.stringContaining("no gesture") });
    const none = fakePermissions(true);
    await requestHostAccess(none.permissions, "ftp://h/x");
    expect(none.asked).toEqual([]);
    // Firefox gives DevTools pages no permissions API: access is granted in the add-on's settings
    await expect(requestHostAccess(undefined, "http://h:1/x")).resolves.toBeUndefined();
  });

  it("the connection model calls beforeConnect before its first await, and a refusal stops the connect", async () => {
    const order: string[] = [];
    const host: InspectorHost = {
      kind: "extension",
      fetch: async () => (order.push("fetch"), new Response("{}")),
      createSink: async () => ({ write: async () => {} }),
      initialRuntimeUrl: "http://127.0.0.1:9/rest",
      beforeConnect: (url) => (order.push(`ask ${url}`), Promise.reject(Object.assign(new Error("Access to 127.0.0.1:9 was not granted"), { code: "host-access" }))),
    };
    const connection = createConnectionModel(host, async () => {
      order.push("session");
      throw new Error("must not start a session");
    });
    const done = connection.connect();
    // still inside the click: the request went out synchronously
    expect(order).toEqual(["ask http://127.0.0.1:9/rest"]);
    await done;
    expect(order).toEqual(["ask http://127.0.0.1:9/rest"]);
    expect(connection.status.value).toBe("error");
    expect(connection.error.value).toEqual({ code: "host-access", message: "Access to 127.0.0.1:9 was not granted" });
  });

  it("the panel's host: no origin (CORS does not bind it), the library, and the host-access hook", async () => {
    const { permissions, asked } = fakePermissions(true);
    const { host, problem } = await createPanelHost({ runtimeUrl: "http://127.0.0.1:4418/rest-nocors" }, permissions, fakePage as never);
    expect(problem).toBeUndefined();
    expect(host).toMatchObject({ kind: "extension", initialRuntimeUrl: "http://127.0.0.1:4418/rest-nocors" });
    expect(host.origin).toBeUndefined();
    expect(host.store).toBeDefined();
    await host.beforeConnect!("http://127.0.0.1:4418/rest-nocors");
    expect(asked).toEqual([["http://127.0.0.1/*"]]);
  });
});

describe("settings and theme", () => {
  it("remembers the runtime, ignores what it does not know, and merges saves", async () => {
    const area = memoryArea();
    expect(await loadSettings(area)).toEqual({});
    area.data.settings = { transport: "carrier-pigeon", runtimeUrl: 42 };
    expect(await loadSettings(area)).toEqual({});
    await saveSettings(area, { runtimeUrl: "http://h/rest" });
    await saveSettings(area, { transport: "single" });
    expect(await loadSettings(area)).toEqual({ runtimeUrl: "http://h/rest", transport: "single" });
  });

  it("maps DevTools' theme onto the app's palettes", () => {
    expect(devtoolsPalette("dark")).toBe("dark");
    expect(devtoolsPalette("default")).toBe("light");
    expect(devtoolsPalette(undefined)).toBeUndefined();
  });
});

describe("what each tab's DevTools saw", () => {
  it("offers: one per runtime URL, agents merged, newest first; an /info that is not a runtime's adds nothing", () => {
    const rest = { op: "run" as const, transport: "rest" as const, runtimeUrl: "http://h/rest", agentId: "b" };
    let offers = addToOffers([], rest, 10);
    offers = addToOffers(offers, { op: "info", transport: "rest", runtimeUrl: "http://h/rest" }, 20, { agents: { a: {}, c: {} } });
    offers = addToOffers(offers, { op: "run", transport: "single", runtimeUrl: "http://h/single", agentId: "z" }, 15);
    expect(addToOffers(offers, { op: "info", transport: "rest", runtimeUrl: "http://h/other" }, 30, { error: "nope" })).toEqual(offers);
    expect(offers).toEqual([
      { url: "http://h/rest", transport: "rest", agents: ["a", "b", "c"], lastSeen: 20 },
      { url: "http://h/single", transport: "single", agents: ["z"], lastSeen: 15 },
    ]);
  });

  it("per tab, and all tabs merged for the panel opened outside DevTools", async () => {
    const tabs = createTabStateStore(memoryArea());
    expect(await tabs.get(1)).toEqual({ offers: [], sessions: [] });
    await tabs.set(1, { offers: [{ url: "http://h/rest", transport: "rest", agents: ["a"], lastSeen: 5 }], sessions: ["s1"], since: 100 });
    await tabs.set(2, { offers: [{ url: "http://h/rest", transport: "rest", agents: ["b"], lastSeen: 9 }], sessions: ["s2", "s1"], since: 50 });
    expect(await tabs.all()).toEqual({ offers: [{ url: "http://h/rest", transport: "rest", agents: ["a", "b"], lastSeen: 9 }], sessions: ["s1", "s2"], since: 50 });
    await tabs.remove(1);
    expect((await tabs.all()).sessions).toEqual(["s2", "s1"]);
  });
});
