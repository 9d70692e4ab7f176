import { chromium, expect, test, type BrowserContext, type Page, type Worker } from "@playwright/test";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumArgs } from "../playwright.config";
import { buildExtension } from "../extension/build";
import { runtime } from "./inspector";
import { startReactApp, type ReactApp } from "./apps/copilotkit-react/server";
import { scenarios, SLOW_CUT_DELTAS, startFaultServer, type FaultServer } from "./fixtures/fault-server";
import { DevToolsDriver } from "./devtools-cdp";

// The built extension in Chromium with DevTools really open on every tab
// (--auto-open-devtools-for-tabs), its "AG-UI Inspector" panel shown over CDP, against a real
// CopilotKit React app (e2e/apps/copilotkit-react) talking to the real runtime, and the fault
// server for cuts. The in-page capture records every AG-UI stream the page reads; what it kept
// is read back through the panel's own Export.

const PANEL_TITLE = "AG-UI Inspector";

let scratch: string;
let app: ReactApp;
let fault: FaultServer;
let unpacked: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  scratch = mkdtempSync(join(tmpdir(), "agui-capture-e2e-"));
  const built = await buildExtension({ outDir: join(scratch, "dist"), quiet: true });
  unpacked = built.chromeDir;
  [app, fault] = await Promise.all([startReactApp(), startFaultServer()]);
});

test.afterAll(async () => {
  await Promise.all([app?.close(), fault?.close()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface Loaded {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  devtools: DevToolsDriver;
  errors: string[];
}

async function launch(dir: string, profile: string): Promise<Loaded> {
  const context = await chromium.launchPersistentContext(join(scratch, profile), {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    acceptDownloads: true,
    args: [...chromiumArgs, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, "--auto-open-devtools-for-tabs"],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return { context, worker, extensionId: new URL(worker.url()).host, devtools: await DevToolsDriver.connect(context), errors: [] };
}

const appUrl = (params: Record<string, string>) => `${app.url}/?${new URLSearchParams(params)}`;

async function openApp(ext: Loaded, params: Record<string, string>): Promise<Page> {
  const page = await ext.context.newPage();
  page.on("pageerror", (err) => ext.errors.push(err.message));
  await page.goto(appUrl(params));
  await expect(page.getByRole("button", { name: "Run agent" })).toBeEnabled({ timeout: 20_000 });
  return page;
}

const received = async (page: Page) => Number(await page.getByLabel("Events received", { exact: true }).textContent());
/** The thread the page's last run started on (from its RUN_STARTED). */
const threadOf = async (page: Page) => {
  await expect(page.getByLabel("Run thread")).not.toBeEmpty();
  return (await page.getByLabel("Run thread").textContent())!;
};
const status = (page: Page) => page.getByRole("status", { name: "Run status" });
const eventTypes = (page: Page) => page.getByRole("list", { name: "Event types" }).getByRole("listitem").allTextContents();

/** The panel shown in the DevTools window inspecting `url`; returns a reader of its text. */
async function showPanel(ext: Loaded, url: string) {
  const frontend = await ext.devtools.frontendFor(url);
  const session = await ext.devtools.showPanel(frontend, ext.extensionId, PANEL_TITLE);
  return {
    frontend,
    // (the panel's document may have no body yet right after it is shown)
    text: () => ext.devtools.evaluate<string>(session, "document.body?.innerText ?? \"\""),
    /** Timeline rows in the panel's document, and its "N shown · M records" count. */
    timeline: () =>
      ext.devtools.evaluate<{ rows: string[]; records: number }>(
        session,
        `(() => {
          const region = document.querySelector('[aria-label="Timeline"]');
          const rows = [...(region?.querySelectorAll('[role=row]') ?? [])].map((r) => r.textContent);
          const m = /(\\d+) shown · (\\d+) records/.exec(document.body?.innerText ?? "");
          return { rows, records: m ? Number(m[2]) : 0 };
        })()`,
      ),
  };
}

/** A stored observed session's records, through the panel's Export (panel opened as a tab). */
async function exportObserved(ext: Loaded, match: string): Promise<Record<string, any>[]> {
  const panel = await ext.context.newPage();
  panel.on("pageerror", (err) => ext.errors.push(`panel: ${err.message}`));
  await panel.goto(`chrome-extension://${ext.extensionId}/panel.html`);
  const item = panel.getByRole("list", { name: "Stored sessions" }).getByRole("listitem").filter({ hasText: match });
  await expect(item).toHaveCount(1, { timeout: 20_000 });
  await expect(item).toContainText("observed ·");
  const name = (await item.getByRole("button", { name: /^Open / }).textContent())!;
  const [download] = await Promise.all([panel.waitForEvent("download"), item.getByRole("button", { name: `Export ${name}` }).click()]);
  const lines = readFileSync((await download.path())!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  await panel.close();
  expect(lines[0]).toMatchObject({ format: "agui-inspector-session", source: { kind: "observed" } });
  return lines.slice(1);
}

/** The library rows (text) whose name contains `match`, from the panel opened as a tab. */
async function listed(ext: Loaded, match: string): Promise<string[]> {
  const panel = await ext.context.newPage();
  await panel.goto(`chrome-extension://${ext.extensionId}/panel.html`);
  const items = panel.getByRole("list", { name: "Stored sessions" }).getByRole("listitem").filter({ hasText: match });
  await expect(items.first()).toBeVisible({ timeout: 20_000 });
  const rows = await items.allInnerTexts();
  await panel.close();
  return rows;
}

/** Wait until the stored session has ended (its end record is committed), then return it. */
async function endedSession(ext: Loaded, match: string): Promise<Record<string, any>[]> {
  let records: Record<string, any>[] = [];
  await expect
    .poll(async () => {
      records = await exportObserved(ext, match);
      return records.at(-1)?.kind;
    }, { timeout: 20_000 })
    .toBe("end");
  return records;
}

const eventsOf = (records: Record<string, any>[]) => records.filter((r) => r.kind === "event");

/**
 * Each event keeps the time its bytes reached the page, not one time for the whole body. The slow
 * agent writes a tick every 50 ms; ticks the page read in one go (on a busy machine the browser
 * hands over several at once) share that read's time, as do events the agent wrote together.
 */
function distinctTicks(events: Record<string, any>[]) {
  const ticks = events.filter((e) => e.event.type === "TEXT_MESSAGE_CONTENT").map((e) => e.t);
  expect(ticks.length).toBeGreaterThan(3);
  // Stamped as they arrived, not all at the end: on a loaded machine the browser may hand several
  // frames over in one read (one stamp for them), so two distinct stamps are what is certain.
  expect(new Set(ticks).size).toBeGreaterThanOrEqual(2);
  expect(ticks.at(-1)).toBeGreaterThan(ticks[0]);
}

function expectArrivalTimes(records: Record<string, any>[]) {
  const ts = records.map((r) => r.t);
  expect([...ts].sort((a, b) => a - b)).toEqual(ts);
}

test.describe("in-page capture, DevTools open", () => {
  let ext: Loaded;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    ext = await launch(unpacked, "profile-capture");
  });
  test.afterAll(async () => {
    await ext?.context.close();
  });
  test.afterEach(() => {
    expect(ext.errors).toEqual([]);
  });

  test("a streaming run shows rows in the panel while it streams, and keeps what the page received", async () => {
    const params = { runtime: runtime.rest, agent: "slow", case: "live" };
    const page = await openApp(ext, params);
    const panel = await showPanel(ext, appUrl(params));
    await page.getByRole("button", { name: "Run agent" }).click();
    await expect.poll(() => received(page)).toBeGreaterThan(5);
    const thread = await threadOf(page);

    // The panel follows the page's run: rows while the page is still receiving.
    await expect.poll(async () => (await panel.timeline()).records, { timeout: 15_000 }).toBeGreaterThan(5);
    const live = await panel.timeline();
    expect(live.rows.some((r) => r?.includes("TEXT_MESSAGE_CONTENT"))).toBe(true);
    expect(await panel.text()).toContain(`thread ${thread.slice(0, 8)}`);
    await expect(status(page)).toHaveText("running");
    // ...and keeps growing as it streams.
    await expect.poll(async () => (await panel.timeline()).records).toBeGreaterThan(live.records);
    await expect(status(page)).toHaveText("running");

    // CopilotKit's stop asks the runtime to stop the agent; the stream then ends cleanly.
    await page.getByRole("button", { name: "Stop run" }).click();
    await expect(status(page)).toHaveText("aborted");
    const types = await eventTypes(page);
    expect(types.length).toBe(await received(page));

    const records = await endedSession(ext, `thread ${thread.slice(0, 8)}`);
    const events = eventsOf(records);
    // Everything the page's agent took in; the stream's own close (TEXT_MESSAGE_END, RUN_FINISHED
    // after the stop) reached the page's fetch after the agent had stopped listening.
    expect(events.slice(0, types.length).map((e) => e.event.type)).toEqual(types);
    expect(events.at(-1)!.event.type).toBe("RUN_FINISHED");
    expect(records[0]).toMatchObject({ kind: "request", op: "run", agentId: "slow", url: `${runtime.rest}/agent/slow/run`, threadId: thread });
    expect(records[1]).toMatchObject({ kind: "response", status: 200, contentType: "text/event-stream" });
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: events.length });
    distinctTicks(events);
    expectArrivalTimes(records);
    // The panel, following, ends with the run's last record.
    await expect.poll(async () => (await panel.timeline()).records).toBe(records.length);
    await page.close();
  });

  test("a run the page aborts keeps every frame the page received", async () => {
    // The app's HttpAgent straight at the runtime's run route: its abortRun aborts the fetch.
    const page = await openApp(ext, { endpoint: `${runtime.rest}/agent/slow/run`, agent: "slow", case: "abort" });
    await page.getByRole("button", { name: "Run agent" }).click();
    await expect.poll(() => received(page)).toBeGreaterThan(5);
    const thread = await threadOf(page);
    await page.getByRole("button", { name: "Stop run" }).click();
    await expect(status(page)).toHaveText("aborted");
    const all = await eventTypes(page);
    // @ag-ui/client tells its subscribers about the abort with a RUN_ERROR of its own making;
    // it never came over the wire.
    expect(all.at(-1)).toBe("RUN_ERROR");
    const types = all.slice(0, -1);
    expect(types.length).toBeGreaterThan(5);

    const records = await endedSession(ext, `thread ${thread.slice(0, 8)}`);
    const events = eventsOf(records);
    expect(events.map((e) => e.event.type)).not.toContain("RUN_ERROR");
    expect(events.length).toBeGreaterThanOrEqual(types.length);
    expect(events.slice(0, types.length).map((e) => e.event.type)).toEqual(types);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "aborted", frames: events.length });
    expect(records.at(-1)!.error).toMatch(/AbortError/);
    distinctTicks(events);
    expectArrivalTimes(records);
    await page.close();
  });

  test("a stream the server cuts keeps every frame the page received, the 200 response and the interruption", async ({ browser }) => {
    const params = { endpoint: `${fault.url}/slow-cut`, agent: "fault", case: "cut" };
    const runCut = async (page: Page, errors: string[]) => {
      await page.getByRole("button", { name: "Run agent" }).click();
      await expect(status(page)).toHaveText(/^error: /);
      return { status: await status(page).textContent(), types: await eventTypes(page), errors: [...errors] };
    };
    const page = await openApp(ext, params);
    const withCapture = await runCut(page, ext.errors);
    // The client's own reaction to the cut (an unhandled "network error" in @ag-ui/client) is the
    // same without the extension: compared, then cleared.
    const baselineContext = await browser.newContext();
    const baseline = await baselineContext.newPage();
    const baselineErrors: string[] = [];
    baseline.on("pageerror", (err) => baselineErrors.push(err.message));
    await baseline.goto(appUrl(params));
    const without = await runCut(baseline, baselineErrors);
    expect({ status: without.status, errors: without.errors }).toEqual({ status: withCapture.status, errors: withCapture.errors });
    await baselineContext.close();
    ext.errors.length = 0;

    // What the page's agent took in before the error reached it (how many of the last events it
    // handled before the cut's error overtook them depends on timing, with or without capture).
    const types = withCapture.types;
    expect(types.slice(0, 3)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT"]);

    const records = await endedSession(ext, `${new URL(fault.url).host}/slow-cut`);
    const events = eventsOf(records);
    // Every frame the page's fetch received: all the scenario wrote before the cut.
    expect(events.map((e) => e.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", ...Array(SLOW_CUT_DELTAS).fill("TEXT_MESSAGE_CONTENT")]);
    expect(events.slice(0, types.length).map((e) => e.event.type)).toEqual(types);
    expect(records.find((r) => r.kind === "response")).toMatchObject({ status: 200, contentType: "text/event-stream" });
    // The half frame that reached the page before the cut is kept as what it is.
    const partial = records.filter((r) => r.kind === "bad-frame");
    expect(partial).toHaveLength(1);
    expect(partial[0].raw).toContain('{"type":"TEXT_MESSAGE_CONT');
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "error", code: "interrupted", frames: events.length + 1 });
    expect(records.at(-1)!.error).toMatch(new RegExp(`^interrupted after ${events.length + 1} frame\\(s\\): TypeError`));
    distinctTicks(events);
    expectArrivalTimes(records);
    await page.close();
  });

  test("a reload mid-stream keeps every frame the page received before it went away", async () => {
    const params = { runtime: runtime.rest, agent: "slow", case: "reload" };
    const page = await openApp(ext, params);
    await page.getByRole("button", { name: "Run agent" }).click();
    await expect.poll(() => received(page)).toBeGreaterThan(8);
    const thread = await threadOf(page);
    await page.reload();
    // The page's own count, kept across the reload in its sessionStorage.
    const before = Number(await page.getByLabel("Events received before this load").textContent());
    expect(before).toBeGreaterThan(8);

    const records = await endedSession(ext, `thread ${thread.slice(0, 8)}`);
    const events = eventsOf(records);
    expect(events.length).toBeGreaterThanOrEqual(before);
    expect(events[0].event.type).toBe("RUN_STARTED");
    expect(events.slice(1, before).every((e) => e.event.type === "TEXT_MESSAGE_START" || e.event.type === "TEXT_MESSAGE_CONTENT")).toBe(true);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "aborted", code: "page-gone", frames: events.length });
    distinctTicks(events);
    expectArrivalTimes(records);
    await page.close();
  });

  test("a run made while DevTools is closed is in the panel when DevTools opens", async () => {
    // Closing a DevTools window takes long on a loaded machine: room for it, no sleep.
    test.setTimeout(120_000);
    const params = { runtime: runtime.rest, agent: "scripted", case: "closed", message: "made with DevTools closed" };
    // The extension's DevTools pages by target id: earlier tests' windows may still be closing
    // and this tab's page may still be loading, so a count would race; the ids do not.
    const devtoolsPages = async () =>
      new Set((await ext.devtools.targets()).filter((t) => t.url === `chrome-extension://${ext.extensionId}/devtools.html`).map((t) => t.targetId));
    const earlier = await devtoolsPages();
    const page = await openApp(ext, params);
    const frontend = await ext.devtools.frontendFor(appUrl(params));
    let ours: string | undefined;
    await expect
      .poll(async () => (ours = [...(await devtoolsPages())].find((id) => !earlier.has(id))), { timeout: 60_000 })
      .toBeDefined();
    await ext.devtools.close(frontend.targetId);
    // DevTools (and with it the extension's DevTools page) is really gone for this tab.
    await expect.poll(async () => (await devtoolsPages()).has(ours!), { timeout: 60_000 }).toBe(false);
    await page.getByRole("button", { name: "Run agent" }).click();
    await expect(status(page)).toHaveText("done");
    const thread = await threadOf(page);
    const count = await received(page);

    // DevTools opens (on a new tab of the app) and its panel lists the run, whole.
    const later = await openApp(ext, { ...params, case: "closed-later" });
    const panel = await showPanel(ext, appUrl({ ...params, case: "closed-later" }));
    await expect.poll(panel.text, { timeout: 15_000 }).toContain(`thread ${thread.slice(0, 8)}`);
    const records = await endedSession(ext, `thread ${thread.slice(0, 8)}`);
    expect(eventsOf(records).map((e) => e.event.type)).toEqual(await eventTypes(page));
    expect(eventsOf(records)).toHaveLength(count);
    expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete" });
    await later.close();
    await page.close();
  });

  test("the capture changes nothing the page sees: same bytes, same errors, same result", async ({ browser }) => {
    const withCapture = await ext.context.newPage();
    await withCapture.goto(appUrl({ case: "bytes" }));
    const baseline = await (await browser.newContext()).newPage();
    await baseline.goto(appUrl({ case: "bytes" }));
    const seen = await Promise.all([withCapture, baseline].map((p) => p.evaluate(pageSees, fault.url)));
    expect(seen[0]).toEqual(seen[1]);
    const [captured] = seen;
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    expect(captured.mixed).toBe(b64(scenarios.mixed.join("")));
    expect(captured.xhr).toBe(scenarios.mixed.join(""));
    expect(captured.reader).toBe(b64(`data: ${JSON.stringify({ type: "RUN_STARTED", threadId: "t", runId: "r" })}\n\ndata: ${JSON.stringify({ type: "RUN_FINISHED", threadId: "t", runId: "r" })}\n\n`));
    expect(captured.proto.length).toBeGreaterThan(20);
    expect(captured.refused).toBe("TypeError|TypeError|Failed to fetch");
    expect(captured.cut).toMatch(/^TypeError\|TypeError\|/);

    // Every data frame of the scenario (comments are not dispatched), the bad ones included.
    expect(captured.eventSource.length).toBe(9);

    // ...and the capture did record them (so the comparison above is with capture on).
    const faultHost = new URL(fault.url).host;
    // fetch, XMLHttpRequest and EventSource each made a session of /mixed.
    let mixed: string[] = [];
    await expect.poll(async () => (mixed = await listed(ext, `${faultHost}/mixed`)).length, { timeout: 20_000 }).toBe(3);
    for (const row of mixed) expect(row).toContain("observed ·");
    const records = await endedSession(ext, `${faultHost}/drip`);
    expect(eventsOf(records).map((e) => e.event.type)).toEqual(["RUN_STARTED", "RUN_FINISHED"]);
    const proto = await endedSession(ext, `${faultHost}/proto`);
    expect(eventsOf(proto).map((e) => e.event.type)).toEqual(["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED"]);
    await withCapture.close();
    await baseline.context().close();
  });

  test("the CopilotKit page's own result is the same with and without the extension", async ({ browser }) => {
    const chatResult = async (page: Page) => {
      const chat = page.getByRole("region", { name: "Chat" });
      await chat.getByRole("textbox").fill("please deploy");
      await chat.getByRole("textbox").press("Enter");
      await expect(page.getByLabel("Tool handler calls")).toHaveText("1", { timeout: 20_000 });
      await expect(chat.getByText(/answered:/)).toBeVisible();
      const text = (await chat.innerText()).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>");
      return { text, calls: await page.getByRole("list", { name: "Tool handler arguments" }).innerText() };
    };
    const params = { runtime: runtime.rest, agent: "frontend-tool", case: "same" };
    const captured = await openApp(ext, params);
    const baselineContext = await browser.newContext();
    const baseline = await baselineContext.newPage();
    await baseline.goto(appUrl(params));
    const [a, b] = [await chatResult(captured), await chatResult(baseline)];
    expect(a).toEqual(b);
    expect(a.calls).toBe("deploy → staging");
    // Both runs of the tool round trip were captured.
    const panel = await showPanel(ext, appUrl(params));
    await expect.poll(async () => ((await panel.text()).match(/Observed run · frontend-tool/g) ?? []).length, { timeout: 15_000 }).toBe(2);
    await captured.close();
    await baselineContext.close();
  });
});

/** What a page gets from the fault server, run in the page (with and without the extension). */
async function pageSees(faultUrl: string) {
  const input = { threadId: "t", runId: "r", state: {}, messages: [], tools: [], context: [], forwardedProps: {} };
  const post = (path: string, accept = "text/event-stream") => fetch(faultUrl + path, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify(input) });
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
      return "no error";
    } catch (e) {
      return `${(e as Error).constructor.name}|${(e as Error).name}|${(e as Error).message}`;
    }
  };
  const mixed = b64(new Uint8Array(await (await post("/mixed")).arrayBuffer()));
  const proto = b64(new Uint8Array(await (await post("/proto", "application/vnd.ag-ui.event+proto")).arrayBuffer()));
  const reader = (await post("/drip")).body!.getReader();
  const parts: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(...value);
  }
  const xhr = await new Promise<string>((resolve) => {
    const x = new XMLHttpRequest();
    x.open("POST", faultUrl + "/mixed");
    x.setRequestHeader("content-type", "application/json");
    x.onloadend = () => resolve(x.responseText);
    x.send(JSON.stringify(input));
  });
  // EventSource (GET) on the same scenario: the messages it dispatches, closed at the stream's end.
  const eventSource = await new Promise<string[]>((resolve) => {
    const got: string[] = [];
    const es = new EventSource(faultUrl + "/mixed");
    es.onmessage = (e) => got.push(`${e.lastEventId}|${e.data}`);
    es.onerror = () => {
      es.close();
      resolve(got);
    };
  });
  const refused = await failure(fetch("http://127.0.0.1:9/agent/x/run", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }));
  const cut = await failure(post("/cut").then((r) => r.text()));
  return { mixed, proto, reader: b64(new Uint8Array(parts)), xhr, eventSource, refused, cut };
}

test.describe("the DevTools fallback, injection off", () => {
  let ext: Loaded;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // The same build without its content scripts: the page is observed through chrome.devtools.network only.
    const dir = join(scratch, "no-injection");
    cpSync(unpacked, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    delete manifest.content_scripts;
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    ext = await launch(dir, "profile-fallback");
  });
  test.afterAll(async () => {
    await ext?.context.close();
  });

  test("an interrupted response is recorded with its status and the interruption", async () => {
    const params = { endpoint: `${fault.url}/cut`, agent: "fault", case: "fallback" };
    const page = await openApp(ext, params);
    // The DevTools page is watching once the panel can be shown.
    await showPanel(ext, appUrl(params));
    await page.getByRole("button", { name: "Run agent" }).click();
    await expect(status(page)).toHaveText(/^error: /);
    const records = await endedSession(ext, `${new URL(fault.url).host}/cut`);
    expect(records.find((r) => r.kind === "response")).toMatchObject({ status: 200, contentType: "text/event-stream" });
    const end = records.at(-1)!;
    expect(end).toMatchObject({ kind: "end", outcome: "error", code: "interrupted" });
    expect(end.error).toMatch(/^interrupted: the browser kept no body \(net::ERR_INCOMPLETE_CHUNKED_ENCODING\)$/);
    await page.close();
  });
});
