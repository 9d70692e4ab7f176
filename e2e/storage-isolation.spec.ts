import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { HARNESS_PORT, RUNTIME_PORT } from "../playwright.config";
import { STORED_RAW_CAP } from "../src/storage/raw-form";
import { inspectorUrl } from "./inspector";

// One record IndexedDB refuses, in the middle of a real run, in real Chromium: a 20,000-deep
// event spliced into the real runtime's stream (Chromium's structured clone gives up long
// before that depth). The decoder already keeps such a frame as a bad frame (nesting limit), so
// the harness hands the sink the event itself (fault injection) to show the sink's own guard. The
// session read back after a reload must hold every record in order, that one as a bad-frame
// keeping its wire text, capped, with the original length.

const harnessUrl = `http://127.0.0.1:${HARNESS_PORT}/e2e/pages/storage.html?runtime=${encodeURIComponent(`http://127.0.0.1:${RUNTIME_PORT}/rest`)}`;
const DEPTH = 20_000;
const AFTER_ITEM = 1000;
const deepText = `{"type":"CUSTOM","name":"deep","value":${'{"a":'.repeat(DEPTH - 1)}{}${"}".repeat(DEPTH - 1)}}`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

test("a record IndexedDB refuses mid-run is stored as its capped raw form; every record around it survives a reload, in order", async ({ page }) => {
  const db = `isolation-e2e-${Date.now()}`;
  // Fault injection only: the runtime's own bytes, with one frame added after bulk item AFTER_ITEM.
  await page.route("**/agent/bulk/run", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const marker = `"delta":"${AFTER_ITEM} "}\n\n`;
    const at = body.indexOf(marker);
    expect(at).toBeGreaterThan(0);
    const cut = at + marker.length;
    await route.fulfill({ response, body: `${body.slice(0, cut)}data: ${deepText}\n\n${body.slice(cut)}` });
  });
  await page.goto(harnessUrl);
  await expect(page).toHaveTitle("storage harness ready");
  const id = await page.evaluate((d) => window.harness.start({ dbName: d, count: 2000, unshieldDeep: true }), db);
  const done = await page.evaluate(() => window.harness.finish());
  expect(done.status).toBe("finished");
  expect(done.state).toMatchObject({ status: "saved", unsaved: 0, savedSeq: done.lastSeq, problem: null, replaced: 1 });
  // What the page saw and what was stored differ in exactly that one record.
  expect(await page.evaluate((d) => window.harness.mismatchesWithSeen(d), db)).toEqual({ bad: 1, seen: done.lastSeq });

  await page.unroute("**/agent/bulk/run");
  await page.reload();
  await expect(page).toHaveTitle("storage harness ready");
  const s = await page.evaluate(([d, i]) => window.harness.stored(d, i), [db, id] as const);
  expect(s).toMatchObject({ denseFrom1: true, count: done.lastSeq, bulkCount: 2000, bulkInOrder: true });
  expect(s.kinds).toEqual(expect.arrayContaining(["bad-frame", "RUN_STARTED", "TEXT_MESSAGE_END", "RUN_FINISHED", "end"]));

  const bad = await page.evaluate(([d, i]) => window.harness.storedBadFrames(d, i), [db, id] as const);
  expect(deepText.length).toBeGreaterThan(STORED_RAW_CAP);
  expect(bad).toEqual([
    {
      seq: expect.any(Number),
      runId: expect.any(String),
      afterBulkIndex: AFTER_ITEM,
      rawChars: STORED_RAW_CAP,
      rawLength: deepText.length,
      rawSha256: sha256(deepText.slice(0, STORED_RAW_CAP)),
      error: expect.stringMatching(/storage refused this frame \(RangeError: .*Maximum call stack size exceeded\); stored as raw text, its first 65536 of \d+ characters/),
    },
  ]);
  test.info().annotations.push({ type: "refused", description: `seq ${bad[0].seq} of ${s.count}: ${bad[0].error}` });
});

test("in the web inspector the same frame is a bad frame before storage sees it; after a reload it is there with the rest of the run", async ({ page }) => {
  // A 20,000-deep frame after the scripted agent's first frame: the decoder keeps it as raw text
  // (nesting limit), so nothing is refused by the store and no storage problem is reported.
  // The run goes to the runtime directly or through the loopback forward (its URL then in ?url=).
  const isRun = (url: URL) => decodeURIComponent(url.href).includes("/agent/scripted/run");
  await page.route(isRun, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const cut = body.indexOf("\n\n") + 2;
    expect(cut).toBeGreaterThan(2);
    await route.fulfill({ response, body: `${body.slice(0, cut)}data: ${deepText}\n\n${body.slice(cut)}` });
  });
  await page.goto(inspectorUrl());
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Connected");
  await page.getByRole("list", { name: "Agents" }).getByRole("button", { name: /^scripted\b/ }).click();
  await page.getByRole("textbox", { name: "Message" }).fill("go deep");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("row").filter({ hasText: "end run: complete" })).toHaveCount(1);
  await expect(page.getByRole("alert").filter({ hasText: "could not be saved" })).toHaveCount(0);
  const count = Number(await page.getByRole("slider", { name: "Event cursor" }).getAttribute("max"));
  expect(count).toBeGreaterThan(10);

  await page.unroute(isRun);
  await page.reload();
  await page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: /^Open / }).first().click();
  await expect(page.getByRole("slider", { name: "Event cursor" })).toHaveAttribute("max", String(count));
  const bad = page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "BAD FRAME" });
  await expect(bad).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "RUN_FINISHED" })).toHaveCount(1);
  await bad.click();
  await page.getByRole("tab", { name: "Event" }).click();
  await expect(page.getByRole("region", { name: "Event" }).getByRole("alert")).toContainText("nested more than 1000 levels deep: kept as raw text");
});
