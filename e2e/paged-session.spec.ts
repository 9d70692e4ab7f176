import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { writeFileSync } from "node:fs";
import { inspectorUrl } from "./inspector";
import { generateMixedSession } from "../test/session-generator";
import { createHeader, encodeSessionFile } from "../src/core/session/file";
import { createSessionView, MESSAGES_SHOWN } from "../src/models/session-view";
import type { SessionRecord } from "../src/core/session/record";
import type { AguiEvent } from "../src/core/protocol/events";
import { NO_FILTER } from "../src/models/filters";
import { createRunTiming, RUNS_PAGE } from "../src/models/run-timing";

// A stored session opened in the web inspector is held by the page's worker as a window. What
// the page shows (rows, counts under a search, state at a clicked row, the end of the timeline)
// equals what the same records give in memory, computed here in Node.

const records = generateMixedSession(40);
const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });

function inMemory() {
  const view = createSessionView();
  view.reset(records);
  return view;
}

test("a stored session opens as a window the worker pages; rows, search, seeks and the end match the session in memory", async ({ page }, testInfo) => {
  const file = testInfo.outputPath("paged.agui.jsonl");
  writeFileSync(file, encodeSessionFile(createHeader({ id: "paged-e2e", name: "paged e2e" }), records));
  const memory = inMemory();

  await page.goto(inspectorUrl());
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles(file);
  await expect(page.getByRole("status").filter({ hasText: `Imported ${records.length} record(s)` })).toBeVisible();
  // The import starts no worker of its own (its text index is built by the session's first fold).
  expect(workers.filter((url) => !/\/worker-/.test(url))).toEqual([]);
  // The page runs one worker, and the session went to it.
  await expect.poll(() => page.workers().some((w) => /worker/.test(w.url()))).toBe(true);

  const slider = page.getByRole("slider", { name: "Event cursor" });
  await expect(slider).toHaveAttribute("max", String(records.length));
  const toolbar = page.getByRole("toolbar", { name: "Timeline filters" });
  await expect(toolbar).toContainText(`${records.length} shown · ${records.length} records`);
  const rows = timeline(page).locator(`[role="row"]:not(.timeline-head)`);
  await expect(rows.first()).toContainText("GET info");

  // Click a row: the state drawn is the in-memory state at that seq.
  for (const seq of [9, 14]) {
    await rows.filter({ has: page.locator(".seq", { hasText: new RegExp(`^${seq}$`) }) }).click();
    memory.select(seq);
    const want = memory.view.value.state as { round?: number; items?: unknown[] };
    const state = page.getByRole("region", { name: "State" });
    await expect(state).toContainText(`State right after #${seq}`);
    await expect(state).toContainText(`round: ${want.round}`);
  }

  // Step with the keyboard far into the session: the state follows.
  await page.getByRole("slider", { name: "Event cursor" }).focus();
  await slider.fill("2000");
  memory.select(2000);
  await expect(page.getByRole("region", { name: "State" })).toContainText("State right after #2000");
  await expect(page.getByRole("region", { name: "State" })).toContainText(`round: ${(memory.view.value.state as { round: number }).round}`);

  // Search: the count the page settles on is the in-memory count.
  memory.filter.value = { ...NO_FILTER, text: "needle1" };
  await toolbar.getByRole("searchbox", { name: "Search records" }).fill("needle1");
  await expect(toolbar).toContainText(`${memory.rowCount.value} shown · ${records.length} records`);
  expect(memory.rowCount.value).toBeGreaterThan(5);
  const firstSeq = memory.rowAt(0)!.record.seq;
  await expect(rows.first().locator(".seq")).toHaveText(String(firstSeq));
  await toolbar.getByRole("searchbox", { name: "Search records" }).fill("");
  await expect(toolbar).toContainText(`${records.length} shown · ${records.length} records`);

  // Scroll to the end: the last rows are paged in.
  await timeline(page).locator(".timeline-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.filter({ has: page.locator(".seq", { hasText: new RegExp(`^${records.length}$`) }) })).toHaveCount(1);

  // Findings come from the worker's fold, as many as in memory.
  await expect(page.getByRole("tab", { name: /Findings/ })).toContainText(String(memory.findings.value.length));

  // The first fold left its checkpoints and index in IndexedDB for the next open.
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("agui-inspector");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("checkpoints").objectStore("checkpoints").count();
          req.onsuccess = () => (resolve(req.result), open.result.close());
        };
      }),
  );
  expect(stored).toBeGreaterThan(3);

  // Reopened after a reload, it answers the same.
  await page.reload();
  await page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: /^Open paged e2e/ }).first().click();
  await expect(slider).toHaveAttribute("max", String(records.length));
  await rows.filter({ has: page.locator(".seq", { hasText: /^14$/ }) }).click();
  memory.select(14);
  await expect(page.getByRole("region", { name: "State" })).toContainText(`round: ${(memory.view.value.state as { round: number }).round}`);
});

test("a long conversation: the page holds its last messages, as in memory, and brings earlier ones on request", async ({ page }, testInfo) => {
  // One thread, one run, 150 assistant messages: more than the window the page holds.
  const long: SessionRecord[] = [];
  const push = (event: AguiEvent) => long.push({ seq: long.length + 1, t: 1_000 + long.length, x: 1, dir: "in", kind: "event", threadId: "t1", runId: "r1", event } as SessionRecord);
  push({ type: "RUN_STARTED", threadId: "t1", runId: "r1" });
  for (let i = 0; i < 150; i++) {
    push({ type: "TEXT_MESSAGE_START", messageId: `m${i}`, role: "assistant" });
    push({ type: "TEXT_MESSAGE_CONTENT", messageId: `m${i}`, delta: `message number ${i}` });
    push({ type: "TEXT_MESSAGE_END", messageId: `m${i}` });
  }
  push({ type: "RUN_FINISHED", threadId: "t1", runId: "r1" });
  const file = testInfo.outputPath("long.agui.jsonl");
  writeFileSync(file, encodeSessionFile(createHeader({ id: "long-e2e", name: "long conversation" }), long));
  const memory = createSessionView();
  memory.reset(long);

  await page.goto(inspectorUrl());
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles(file);
  await expect(page.getByRole("status").filter({ hasText: `Imported ${long.length} record(s)` })).toBeVisible();
  const slider = page.getByRole("slider", { name: "Event cursor" });
  await expect(slider).toHaveAttribute("max", String(long.length));
  const seq = long.length - 5;
  await slider.fill(String(seq));
  memory.select(seq);
  await page.getByRole("tab", { name: "Messages" }).click();
  const panel = page.getByRole("region", { name: "Messages" });
  await expect(panel).toContainText(`Conversation right after #${seq}`);
  const want = memory.view.value;
  expect([want.messageCount, want.messagesFrom, want.messages.length]).toEqual([149, 49, MESSAGES_SHOWN]);
  await expect(panel).toContainText(`The last ${MESSAGES_SHOWN} of ${want.messageCount} messages.`);
  const items = panel.getByRole("listitem");
  await expect(items).toHaveCount(want.messages.length);
  await expect(items.first()).toContainText(want.messages[0].id);
  await expect(items.last()).toContainText(want.messages.at(-1)!.id);
  expect((await new AxeBuilder({ page }).include('[aria-label="Messages"]').analyze()).violations.map((v) => v.id)).toEqual([]);

  // From the keyboard: the button names how many it adds; the last press leaves the focus on the list.
  const more = panel.getByRole("button", { name: "Show 49 earlier messages" });
  await more.focus();
  await page.keyboard.press("Enter");
  memory.showEarlierMessages();
  await expect(items).toHaveCount(memory.view.value.messages.length);
  expect(memory.view.value.messagesFrom).toBe(0);
  await expect(items.first()).toContainText("m0");
  await expect(panel.getByRole("list", { name: "Messages 1–149 of 149" })).toBeFocused();
  await expect(panel).not.toContainText("earlier messages");
});

test("many runs: the Runs tab shows them a page at a time from the worker, as in memory, and the waterfall counts them all", async ({ page }, testInfo) => {
  const many: SessionRecord[] = [];
  for (let i = 0; i < 120; i++) {
    const push = (event: AguiEvent) => many.push({ seq: many.length + 1, t: 1_000 + many.length * 7, x: i + 1, dir: "in", kind: "event", threadId: "t1", runId: `run-${i}`, event } as SessionRecord);
    push({ type: "RUN_STARTED", threadId: "t1", runId: `run-${i}` });
    push({ type: "TEXT_MESSAGE_START", messageId: `m${i}`, role: "assistant" });
    push({ type: "TEXT_MESSAGE_CONTENT", messageId: `m${i}`, delta: `reply ${i}` });
    push({ type: "TEXT_MESSAGE_END", messageId: `m${i}` });
    push({ type: "RUN_FINISHED", threadId: "t1", runId: `run-${i}` });
  }
  const file = testInfo.outputPath("runs.agui.jsonl");
  writeFileSync(file, encodeSessionFile(createHeader({ id: "runs-e2e", name: "many runs" }), many));
  const memory = createSessionView();
  memory.reset(many);
  const timing = createRunTiming(memory);
  expect(timing.runCount.value).toBe(120);

  await page.goto(inspectorUrl());
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  await chooser.setFiles(file);
  await expect(page.getByRole("status").filter({ hasText: `Imported ${many.length} record(s)` })).toBeVisible();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", String(many.length));
  await expect(page.getByRole("group", { name: /^Waterfall: 120 run\(s\)/ })).toBeVisible();

  await page.getByRole("tab", { name: "Runs" }).click();
  const runs = page.getByRole("region", { name: "Runs" });
  const pages = runs.getByRole("group", { name: "Pages of runs" });
  await expect(pages).toContainText(`Runs 1–${RUNS_PAGE} of 120`);
  const items = runs.getByRole("list", { name: "Runs with timing" }).getByRole("listitem");
  await expect(items).toHaveCount(RUNS_PAGE);
  const want = (i: number) => timing.runsIn(i, i + 1)![0];
  await expect(items.first()).toHaveAttribute("data-run", want(0).runId!);
  await expect(items.first()).toHaveAttribute("aria-label", new RegExp(`^Run ${want(0).runId}, success`));
  await expect(pages.getByRole("button", { name: "Earlier runs" })).toBeDisabled();
  expect((await new AxeBuilder({ page }).include('[aria-label="Runs"]').analyze()).violations.map((v) => v.id)).toEqual([]);

  // From the keyboard: the next page, then the last (a part page).
  await pages.getByRole("button", { name: "Later runs" }).focus();
  await page.keyboard.press("Enter");
  await expect(pages).toContainText(`Runs ${RUNS_PAGE + 1}–${2 * RUNS_PAGE} of 120`);
  await expect(items.first()).toHaveAttribute("data-run", want(RUNS_PAGE).runId!);
  await page.keyboard.press("Enter");
  await expect(pages).toContainText(`Runs ${2 * RUNS_PAGE + 1}–120 of 120`);
  await expect(items).toHaveCount(120 - 2 * RUNS_PAGE);
  await expect(items.last()).toHaveAttribute("data-run", want(119).runId!);
  await expect(pages.getByRole("button", { name: "Later runs" })).toBeDisabled();
  await expect(pages.getByRole("button", { name: "Earlier runs" })).toBeFocused();
  // A run's row moves the cursor to its start, as in memory.
  await items.nth(3).click();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveValue(String(want(2 * RUNS_PAGE + 3).startSeq));
});
