import { expect, test, type Page } from "@playwright/test";
import { HARNESS_PORT, RUNTIME_PORT } from "../playwright.config";
import { DB_VERSION } from "../src/storage/migrations";

// Real IndexedDB in Chromium, records from the real runtime fixture (the "bulk" agent, whose
// every item event carries its index i, so stored order and completeness can be checked
// against what the wire sent).

const harnessUrl = `http://127.0.0.1:${HARNESS_PORT}/e2e/pages/storage.html?runtime=${encodeURIComponent(`http://127.0.0.1:${RUNTIME_PORT}/rest`)}`;
const dbName = () => `storage-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function openHarness(page: Page) {
  await page.goto(harnessUrl);
  await expect(page).toHaveTitle("storage harness ready");
}

type Harness = Window["harness"];
type StartOptions = Parameters<Harness["start"]>[0];

const start = (page: Page, opts: StartOptions) => page.evaluate((o) => window.harness.start(o), opts);
const progress = (page: Page) => page.evaluate(() => window.harness.progress()!);
const stored = (page: Page, db: string, id: string) => page.evaluate(([d, i]) => window.harness.stored(d, i), [db, id] as const);

test("a 10k-event run from the real runtime is stored completely, in order, as the page saw it", async ({ page }) => {
  const db = dbName();
  await openHarness(page);
  const id = await start(page, { dbName: db, count: 10_000 });
  const done = await page.evaluate(() => window.harness.finish());
  expect(done.status).toBe("finished");
  expect(done.state).toMatchObject({ status: "saved", unsaved: 0, savedSeq: done.lastSeq });

  const s = await stored(page, db, id);
  expect(s.denseFrom1).toBe(true);
  expect(s.count).toBe(done.lastSeq);
  expect(s.bulkCount).toBe(10_000);
  expect(s.bulkInOrder).toBe(true);
  expect(s.kinds).toEqual(expect.arrayContaining(["request", "response", "end", "RUN_STARTED", "STATE_SNAPSHOT", "RUN_FINISHED"]));
  // RUN_STARTED, STATE_SNAPSHOT, TEXT_MESSAGE_START/END, RUN_FINISHED around the 10k items.
  expect(s.summary).toEqual({ records: s.count, events: 10_005, runs: 1, lastSeq: s.count });
  expect(await page.evaluate((d) => window.harness.mismatchesWithSeen(d), db)).toEqual({ bad: 0, seen: s.count });
});

for (const mode of ["with the usual timer", "with only the pagehide flush"] as const) {
  test(`a reload mid-run loses none of the records that arrived before it (${mode})`, async ({ page }) => {
    const db = dbName();
    await openHarness(page);
    // 20k items, 20 ms pause every 50: the run takes ~8 s, so the reload lands in the middle.
    // In the second mode nothing is written before the page hides, so the hide flush alone must save it all.
    const quiet = mode === "with only the pagehide flush" ? { flushMs: 600_000, maxBatch: 1_000_000 } : {};
    const id = await start(page, { dbName: db, count: 20_000, pauseEvery: 50, ...quiet });
    await expect.poll(async () => (await progress(page)).seen, { timeout: 30_000 }).toBeGreaterThan(3000);
    await page.reload();
    await expect(page).toHaveTitle("storage harness ready");

    const hide = await page.evaluate(() => window.harness.hideReport());
    expect(hide?.sessionId).toBe(id);
    // Quiet mode: only the /info exchange (request, response, end) was written, at its end.
    if (quiet.flushMs) expect(hide!.savedAtHide).toBe(3);
    const s = await stored(page, db, id);
    test.info().annotations.push({ type: "reload", description: `seen at pagehide ${hide!.seenAtHide}, committed before it ${hide!.savedAtHide}, stored after reload ${s.lastSeq}` });
    expect(s.denseFrom1).toBe(true);
    expect(s.bulkInOrder).toBe(true);
    expect(s.lastSeq).toBeGreaterThanOrEqual(hide!.seenAtHide);
    expect(s.bulkCount).toBeLessThan(20_000);
  });
}

test("a killed tab keeps every record committed before it died", async ({ page, context }) => {
  const db = dbName();
  await openHarness(page);
  const id = await start(page, { dbName: db, count: 20_000, pauseEvery: 50 });
  await expect.poll(async () => (await progress(page)).state.savedSeq, { timeout: 30_000 }).toBeGreaterThan(3000);
  const before = await progress(page);
  const crashed = page.waitForEvent("crash");
  // chrome://kill ends the renderer process at once: no pagehide, no flush, no goodbye.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Page.navigate", { url: "chrome://kill", transitionType: "typed" }).catch(() => {});
  await crashed;

  const after = await context.newPage();
  await openHarness(after);
  expect(await after.evaluate((i) => window.harness.hidMarker(i), id)).toBe(false);
  const s = await stored(after, db, id);
  test.info().annotations.push({ type: "crash", description: `committed before the kill ${before.state.savedSeq} (seen ${before.seen}), stored ${s.lastSeq}` });
  expect(s.denseFrom1).toBe(true);
  expect(s.bulkInOrder).toBe(true);
  expect(s.lastSeq).toBeGreaterThanOrEqual(before.state.savedSeq);
});

test("two tabs record at once, each into its own session, without corrupting or blocking the other", async ({ context }) => {
  const db = dbName();
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([openHarness(a), openHarness(b)]);
  const [idA, idB] = await Promise.all([start(a, { dbName: db, count: 10_000, pauseEvery: 100 }), start(b, { dbName: db, count: 10_000, pauseEvery: 100 })]);
  expect(idA).not.toBe(idB);
  const [doneA, doneB] = await Promise.all([a.evaluate(() => window.harness.finish()), b.evaluate(() => window.harness.finish())]);
  for (const [page, id, done] of [[a, idA, doneA], [b, idB, doneB]] as const) {
    expect(done.status).toBe("finished");
    const s = await stored(page, db, id);
    expect(s).toMatchObject({ denseFrom1: true, bulkInOrder: true, bulkCount: 10_000, count: done.lastSeq });
    expect(await page.evaluate((d) => window.harness.mismatchesWithSeen(d), db)).toEqual({ bad: 0, seen: done.lastSeq });
  }
});

test("a schema upgrade in another tab closes this tab's connection instead of hanging; recording goes on in memory and exports whole", async ({ context }) => {
  const db = dbName();
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([openHarness(a), openHarness(b)]);
  await start(a, { dbName: db, count: 6000, pauseEvery: 50 });
  await expect.poll(async () => (await progress(a)).state.savedSeq, { timeout: 30_000 }).toBeGreaterThan(1000);

  expect(await b.evaluate(([d, v]) => window.harness.openNewer(d, v), [db, DB_VERSION + 1] as const)).toBe(DB_VERSION + 1);
  const state = (await progress(a)).state;
  expect(state.status).toBe("detached");
  expect(state.problem?.kind).toBe("closed");
  expect(state.problem?.message).toMatch(/another inspector tab upgraded it/);

  const done = await a.evaluate(() => window.harness.finish());
  expect(done.state.unsaved).toBeGreaterThan(0);
  const exported = await a.evaluate(() => window.harness.exported());
  expect(exported).toMatchObject({ denseFrom1: true, bulkInOrder: true, bulkCount: 6000, count: done.lastSeq });
});

test("a full disk (real quota) is reported in plain words; records stay in memory, export whole, and save once space is back", async ({ page, context }) => {
  const db = dbName();
  await openHarness(page);
  const cdp = await context.newCDPSession(page);
  const origin = new URL(harnessUrl).origin;
  // Room for the session entry but not for a 10k-event run.
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + 200_000 });
  await start(page, { dbName: db, count: 10_000 });
  const done = await page.evaluate(() => window.harness.finish());
  expect(done.status).toBe("finished");
  expect(done.state.status).toBe("failing");
  expect(done.state.problem?.kind).toBe("quota");
  expect(done.state.problem?.message).toMatch(/storage for this site is full.*export the session/s);
  expect(done.state.unsaved).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.harness.exported())).toMatchObject({ denseFrom1: true, bulkInOrder: true, bulkCount: 10_000, count: done.lastSeq });

  await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  const after = await page.evaluate(() => window.harness.retry());
  expect(after).toMatchObject({ status: "saved", unsaved: 0, savedSeq: done.lastSeq });
  expect(await page.evaluate((d) => window.harness.mismatchesWithSeen(d), db)).toEqual({ bad: 0, seen: done.lastSeq });
});
