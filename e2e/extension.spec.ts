import { chromium, expect, test, type BrowserContext, type Locator, type Page, type Worker } from "@playwright/test";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumArgs, HARNESS_PORT } from "../playwright.config";
import { buildExtension } from "../extension/build";
import { runtime } from "./inspector";

// The unpacked extension in Debian's Chromium. DevTools opens itself on every tab
// (--auto-open-devtools-for-tabs works headless), so the extension's DevTools page really runs
// beside the in-page capture (the test page is on 127.0.0.1, captured in-page; the DevTools
// fallback is covered in extension-capture.spec.ts). The panel is opened as an
// extension tab, where Playwright can drive it; it reads the same IndexedDB library.
//
// Host access: the shipped manifest only has optional host permissions, asked for on Connect.
// A headless browser cannot click "Allow" on that prompt, so the test loads a copy of the build
// whose manifest already grants http://127.0.0.1/* (the prompt then answers "granted" at once).

let context: BrowserContext;
let worker: Worker;
let extensionId: string;
let scratch: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  scratch = mkdtempSync(join(tmpdir(), "agui-ext-e2e-"));
  const built = await buildExtension({ outDir: join(scratch, "dist"), quiet: true });
  const unpacked = join(scratch, "unpacked");
  cpSync(built.chromeDir, unpacked, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(unpacked, "manifest.json"), "utf8"));
  expect(manifest.host_permissions).toBeUndefined();
  writeFileSync(join(unpacked, "manifest.json"), JSON.stringify({ ...manifest, host_permissions: ["http://127.0.0.1/*"] }));
  context = await chromium.launchPersistentContext(join(scratch, "profile"), {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    acceptDownloads: true,
    args: [...chromiumArgs, `--disable-extensions-except=${unpacked}`, `--load-extension=${unpacked}`, "--auto-open-devtools-for-tabs"],
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  extensionId = new URL(worker.url()).host;
});

test.afterAll(async () => {
  await context?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const panelUrl = () => `chrome-extension://${extensionId}/panel.html`;

/**
 * The tab state kept for the tab showing `url` (read by the extension itself): what its DevTools
 * page saw ("tab:") and what the in-page capture recorded ("live:"), sessions of both.
 */
function tabState(url: string) {
  return worker.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u });
    if (!tab?.id) return null;
    type State = { since?: number; sessions: string[]; offers: { url: string; agents: string[] }[] };
    const got = await chrome.storage.session.get([`tab:${tab.id}`, `live:${tab.id}`]);
    const devtools = (got[`tab:${tab.id}`] ?? null) as State | null;
    const live = (got[`live:${tab.id}`] ?? null) as State | null;
    if (!devtools) return null;
    return { ...devtools, sessions: [...devtools.sessions, ...(live?.sessions ?? [])], devtoolsSessions: devtools.sessions.length };
  }, url);
}

/** Uncaught errors of every panel page opened, checked after each test. */
let panelErrors: string[] = [];
test.afterEach(() => {
  expect(panelErrors).toEqual([]);
  panelErrors = [];
});

async function openPanel(): Promise<Page> {
  const panel = await context.newPage();
  panel.on("pageerror", (err) => panelErrors.push(err.message));
  await panel.goto(panelUrl());
  await expect(panel.getByRole("textbox", { name: "Runtime URL" })).toBeVisible();
  return panel;
}

/** Split a captured SSE body (the runtime writes `data: <json>\n\n` only). */
const sseEvents = (body: string) => body.split("\n\n").filter((f) => f.startsWith("data: ")).map((f) => JSON.parse(f.slice(6)));

/** The records of a listed session, through the library's Export button (the header is checked here). */
async function exportOf(panel: Page, item: Locator): Promise<Record<string, any>[]> {
  const name = (await item.getByRole("button", { name: /^Open / }).textContent())!;
  const [download] = await Promise.all([panel.waitForEvent("download"), item.getByRole("button", { name: `Export ${name}` }).click()]);
  const lines = readFileSync((await download.path())!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({ format: "agui-inspector-session", source: { kind: "observed" }, agentId: "scripted", name });
  return lines.slice(1);
}

test.describe.configure({ mode: "serial" });

test("a page's AG-UI run, captured in-page with DevTools open, lands in one observed session equal to what the page received", async () => {
  const pageUrl = `http://127.0.0.1:${HARNESS_PORT}/e2e/pages/observed.html?runtime=${encodeURIComponent(runtime.rest)}`;
  const page = await context.newPage();
  await page.goto(pageUrl);
  // The DevTools page marks the tab once its network listener is on.
  await expect.poll(async () => (await tabState(pageUrl))?.since ?? null, { timeout: 20_000 }).not.toBeNull();
  await page.getByRole("button", { name: "Run agent" }).click();
  await expect(page.getByRole("status")).toHaveText("done");
  const received = sseEvents((await page.getByLabel("Received").textContent()) ?? "");
  expect(received.length).toBeGreaterThan(10);
  await expect.poll(async () => (await tabState(pageUrl))?.sessions.length ?? 0, { timeout: 20_000 }).toBe(1);
  // 127.0.0.1 is captured in-page, so the DevTools fallback left this run alone: stored once.
  expect((await tabState(pageUrl))?.devtoolsSessions).toBe(0);

  // The panel opened after the fact shows what DevTools saw.
  const panel = await openPanel();
  const sessions = panel.getByRole("list", { name: "Stored sessions" });
  const observed = sessions.getByRole("listitem").filter({ hasText: "Observed run · scripted" });
  await expect(observed).toHaveCount(1);
  await expect(observed).toContainText("observed ·");
  await expect(observed).toContainText(`${received.length} events`);

  const bar = panel.getByRole("region", { name: "Inspected page" });
  await expect(bar.getByRole("group", { name: `Page runtime ${runtime.rest}` })).toContainText("agents: bulk, echo, frontend-tool, html, interrupt, reasoning, scripted, slow");
  // Nothing remembered yet: the form starts from the page's runtime, and the offer puts it back.
  const url = panel.getByRole("textbox", { name: "Runtime URL" });
  await expect(url).toHaveValue(runtime.rest);
  await url.fill("http://127.0.0.1:9/elsewhere");
  await bar.getByRole("button", { name: "Use this page's runtime" }).click();
  await expect(url).toHaveValue(runtime.rest);

  // The same export as any session: the events are what the page's fetch received, in order.
  const records = await exportOf(panel, observed);
  expect(records.filter((r) => r.kind === "event").map((r) => r.event)).toEqual(received);
  expect(records[0]).toMatchObject({ kind: "request", dir: "out", op: "run", url: `${runtime.rest}/agent/scripted/run` });
  expect(records.at(-1)).toMatchObject({ kind: "end", outcome: "complete", frames: received.length });

  // ...and the same fold: opened, its timeline ends the run.
  await observed.getByRole("button", { name: /^Open / }).click();
  await expect(panel.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await page.close();
  await panel.close();
});

test("connects to the runtime mounted without CORS, records a run, and still has it after a reload", async () => {
  const panel = await openPanel();
  await panel.getByRole("textbox", { name: "Runtime URL" }).fill(runtime.restNoCors);
  await panel.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Connected" })).toContainText("Connected · rest · runtime 1.75.0");
  await panel.getByRole("list", { name: "Agents" }).getByRole("button", { name: /scripted/ }).click();
  await panel.getByRole("textbox", { name: "Message" }).fill("hello from the panel");
  await panel.getByRole("button", { name: "Run", exact: true }).click();
  const timeline = panel.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);

  await panel.reload();
  // The runtime that answered is remembered (chrome.storage.local).
  await expect(panel.getByRole("textbox", { name: "Runtime URL" })).toHaveValue(runtime.restNoCors);
  const sessions = panel.getByRole("list", { name: "Stored sessions" });
  const recorded = sessions.getByRole("listitem").filter({ hasText: runtime.restNoCors });
  await expect(recorded).toHaveCount(1);
  await expect(recorded).toContainText("1 runs");
  await expect(recorded).not.toContainText("observed");
  // The panel's own run is a recorded session, not an observed one; the reload added none.
  await expect(sessions.getByRole("listitem").filter({ hasText: "observed ·" })).toHaveCount(1);
  await recorded.getByRole("button", { name: /^Open / }).click();
  await expect(timeline.getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await expect(timeline.getByRole("row").filter({ hasText: "TEXT_MESSAGE_CONTENT" }).filter({ hasText: "panel" })).toHaveCount(1);
  await panel.close();
});
