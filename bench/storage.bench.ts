// IndexedDB in headless Chromium (real, on disk): the recorder's sustained ingest through the IDB
// sink, as a ratio against one bulk put transaction of the same records in the same run; the
// batch-size and durability sweep behind the defaults; and opening a 100k-event session.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createServer as createNetServer } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { createServer } from "vite";
import { chromiumArgs } from "../playwright.config";
import type { BenchLine, BenchReport } from "./run";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const N = 100_000;
const SWEEP_N = 50_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

type Bench = Window["bench"];
const ingest = (page: Page, o: Parameters<Bench["ingest"]>[0]) => page.evaluate((x) => window.bench.ingest(x), o);
const bulkPut = (page: Page, o: Parameters<Bench["bulkPut"]>[0]) => page.evaluate((x) => window.bench.bulkPut(x), o);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run every measurement `rounds` times, interleaved so drift (disk, GC) hits all alike; medians. */
async function interleaved(rounds: number, cases: Record<string, () => Promise<{ perSec: number }>>): Promise<Record<string, number>> {
  const seen: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) (seen[name] ??= []).push((await fn()).perSec);
  }
  return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, median(v)]));
}

export async function run(): Promise<BenchReport> {
  const port = await freePort();
  const vite = await createServer({ root, configFile: false, logLevel: "silent", server: { host: "127.0.0.1", port, strictPort: true } });
  await vite.listen();
  // A persistent profile so IndexedDB is on disk, as users have it (a fresh context keeps it in memory).
  const profile = mkdtempSync(join(tmpdir(), "agui-storage-bench-"));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: [...chromiumArgs, "--enable-precise-memory-info", "--js-flags=--expose-gc"],
    });
    const url = `http://127.0.0.1:${port}/e2e/pages/storage-bench.html`;
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title === "storage bench ready");
    const lines: BenchLine[] = [];

    // Warm up the page, Vite's module graph and IndexedDB.
    await ingest(page, { n: 5000 });
    await bulkPut(page, { n: 5000, layout: "chunks" });

    // A live stream at a steady rate: how long a record waits in memory before it is committed
    // (what a killed tab could lose).
    for (const ratePerSec of [2_000, 20_000]) {
      const r = await ingest(page, { n: ratePerSec * 3, ratePerSec, burst: Math.max(1, ratePerSec / 500) });
      const rate = ratePerSec.toLocaleString("en-US");
      lines.push({ name: `steady ${rate} events/s for 3 s: a record's wait before commit, median`, value: r.waitMs.p50, unit: "ms" });
      lines.push({ name: `steady ${rate} events/s for 3 s: a record's wait before commit, worst`, value: r.waitMs.max, unit: "ms" });
    }

    // The headline: defaults (chunks of 100, maxBatch 1000, 50 ms timer) vs one bulk transaction.
    const head = await interleaved(5, {
      baseline: () => bulkPut(page, { n: N, layout: "chunks" }),
      sink: () => ingest(page, { n: N }),
      memory: () => ingest(page, { n: N, memory: true }),
    });
    const perRecord = await bulkPut(page, { n: N, layout: "records" });
    const baseline = head.baseline;
    lines.push({ name: `recorder → IDB sink, ${N / 1000}k events, defaults`, value: head.sink, unit: "events/s", baseline, note: "baseline: one bulk put transaction of the same records as 100-record chunks" });
    lines.push({ name: "one bulk put transaction, as 100-record chunks", value: baseline, unit: "events/s" });
    lines.push({ name: "one bulk put transaction, one value per record", value: perRecord.perSec, unit: "events/s", baseline, note: "same records, the naive layout" });
    lines.push({ name: "recorder → sink that stores nothing (JS-side ceiling)", value: head.memory, unit: "events/s", baseline });

    // What the defaults were chosen from, at 50k events, each vs the defaults in the same rounds.
    const sweep = await interleaved(5, {
      defaults: () => ingest(page, { n: SWEEP_N }),
      ...Object.fromEntries([10, 25, 400, 1000].map((chunkSize) => [`chunkSize ${chunkSize}`, () => ingest(page, { n: SWEEP_N, chunkSize })])),
      ...Object.fromEntries([100, 250, 4000].map((maxBatch) => [`maxBatch ${maxBatch}`, () => ingest(page, { n: SWEEP_N, maxBatch })])),
      ...Object.fromEntries((["default", "strict"] as const).map((durability) => [`durability ${durability}`, () => ingest(page, { n: SWEEP_N, durability })])),
    });
    for (const [name, value] of Object.entries(sweep)) {
      if (name !== "defaults") lines.push({ name: `sweep, 50k events: ${name}`, value, unit: "events/s", baseline: sweep.defaults, note: "baseline: defaults (chunkSize 100, maxBatch 1000, relaxed)" });
    }

    // Open a 100k-event session from a fresh page, as the library would; and with bigger chunks.
    for (const chunkSize of [100, 400]) {
      const kept = await ingest(page, { n: N, keep: true, chunkSize });
      const fresh = await context.newPage();
      await fresh.goto(url);
      await fresh.waitForFunction(() => document.title === "storage bench ready");
      const opened = await fresh.evaluate(([db, id]) => window.bench.open(db, id), [kept.dbName, kept.sessionId] as const);
      await fresh.close();
      const tag = chunkSize === 100 ? "" : ` (chunkSize ${chunkSize})`;
      lines.push({ name: `open a ${opened.records / 1000}k-event session: connection + row + first 100 records${tag}`, value: opened.firstScreenMs, unit: "ms" });
      lines.push({ name: `then a 100-record page from the middle${tag}`, value: opened.seekMs, unit: "ms" });
      lines.push({ name: `then a 100-record page of one run, by index${tag}`, value: opened.runSeekMs, unit: "ms" });
      if (!tag) lines.push({ name: `JS heap held after opening (the session is ~${Math.round(opened.bytes / 2 ** 20)} MB of JSON)`, value: opened.heapDeltaBytes / 2 ** 10, unit: "KiB" });
    }
    return { title: "storage: IndexedDB in headless Chromium (on-disk profile)", lines };
  } finally {
    await context?.close();
    await vite.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
