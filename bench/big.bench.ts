// The million-event scenarios (issue 15), in headless Chromium against the built app and through
// the built CLI. BENCH_EVENTS sets the size (default 1,000,000); BENCH_BASE_EVENTS the baseline
// session the heap is compared with (default 100,000). Every figure has its baseline from the
// same run: the JSON.parse floor for the CLI, one 60 Hz frame for the UI, the smaller session
// for the heap. Needs `npm run build` first.
import { chromium, type Page } from "@playwright/test";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { chromiumArgs } from "../playwright.config";
import { startLoopbackServer } from "../src/server/server";
import { createHeader, encodeHeaderLine, encodeRecordLine } from "../src/core/session/file";
import { generateSession } from "./replay.bench";
import type { BenchLine, BenchReport } from "./run";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BASE_EVENTS = Number(process.env.BENCH_BASE_EVENTS ?? 100_000);
const ROUND = 2_000;
/** Written once, in a text event near the end of each bench session. */
const RARE_NEEDLE = "zebra-quartz-1729";

/** The bench generator's session (20% STATE_DELTA on a ~200 KB state, a snapshot per 2k events), written a run at a time. */
export async function writeSession(file: string, events: number, name: string): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write(encodeHeaderLine(createHeader({ name })));
  let seq = 0;
  // The rare needle: in one text event near the end, nowhere else.
  let plant = Math.floor(events * 0.98);
  for (let round = 0; round * ROUND < events; round++) {
    const n = Math.min(ROUND, events - round * ROUND);
    const batch = generateSession(n, 1, Math.floor(n / 5));
    let text = "";
    for (let event of batch) {
      if (++seq >= plant && event.type === "TEXT_MESSAGE_CONTENT") (event = { ...event, delta: `${event.delta} ${RARE_NEEDLE}` }), (plant = Infinity);
      // Each run its own ids, so runs do not collide.
      const line = encodeRecordLine({ seq, t: 1_700_000_000_000 + seq, x: round + 1, dir: "in", kind: "event", event, threadId: "t1", runId: `r${round}` });
      text += line.replace(/"(r|a|c|tr)0(-|")/g, `"$1${round}$2`);
    }
    await write(text);
  }
  out.end();
  await once(out, "finish");
  return statSync(file).size;
}

/** Progress on stderr, so a long run shows where it is. */
/** The CLI's floor: read a file line by line and JSON.parse each line (node -e, the file as its argument). */
export const PARSE_FLOOR_SCRIPT = `const rl=require("readline").createInterface({input:require("fs").createReadStream(process.argv[1])});let n=0;rl.on("line",l=>{JSON.parse(l);n++});rl.on("close",()=>console.log(n))`;

const step = (what: string) => process.stderr.write(`[big bench ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** Max RSS (KiB) and wall time of a command. */
export function measured(args: string[]): { rssMiB: number; ms: number; status: number | null } {
  const started = Date.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const kib = Number(/(\d+)\s*$/.exec(r.stderr.trim())?.[1] ?? 0);
  return { rssMiB: kib / 1024, ms: Date.now() - started, status: r.status };
}

async function heapAfterGc(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // Three rounds: DOM nodes a render dropped are freed only once V8 and Blink's heap have
    // both collected, so one gc() can still count them.
    for (let i = 0; i < 3; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20;
  });
}

export async function importFile(page: Page, file: string, records: number): Promise<{ ms: number; peakHeapMiB: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __peak: number; __poll: number };
    w.__peak = 0;
    w.__poll = window.setInterval(() => (w.__peak = Math.max(w.__peak, (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)), 100);
  });
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import session" }).click()]);
  const started = Date.now();
  await chooser.setFiles(file);
  await page.getByRole("status").filter({ hasText: `Imported ${records} record(s)` }).waitFor({ timeout: 1_800_000 });
  const ms = Date.now() - started;
  const peak = await page.evaluate(() => {
    const w = window as unknown as { __peak: number; __poll: number };
    clearInterval(w.__poll);
    return w.__peak / 2 ** 20;
  });
  return { ms, peakHeapMiB: peak };
}

/** Open from the library: first row on screen, then the state at the last record drawn (seek anywhere works). */
export async function openSession(page: Page, name: string, last: number): Promise<{ firstScreen: number; interactive: number; longestTask: number }> {
  await page.reload();
  const open = page.getByRole("list", { name: "Stored sessions" }).getByRole("button", { name: `Open ${name}` }).first();
  await open.waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { __long: number };
    w.__long = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__long = Math.max(w.__long, e.duration)))).observe({ type: "longtask", buffered: false });
  });
  const started = Date.now();
  await open.click();
  // This session's window, not the one a reload reopens by itself (the last one opened or imported):
  // its rows could stand for the first screen, and its open could land after the slider moved.
  await page.waitForFunction((last) => (document.querySelector('input[aria-label="Event cursor"]') as HTMLInputElement | null)?.max === String(last), last, { timeout: 600_000 });
  await page.getByRole("region", { name: "Timeline" }).locator("[role=row] .seq").first().waitFor({ timeout: 600_000 });
  const firstScreen = Date.now() - started;
  await page.getByRole("slider", { name: "Event cursor" }).fill(String(last - 1));
  const state = page.getByRole("region", { name: "State" });
  await state.filter({ hasText: `State right after #${last - 1}` }).filter({ hasText: "round:" }).waitFor({ timeout: 1_800_000 });
  const interactive = Date.now() - started;
  const longestTask = await page.evaluate(() => (window as unknown as { __long: number }).__long);
  return { firstScreen, interactive, longestTask };
}

/**
 * Press → on the slider k times (at points spread over the frame, as a person's presses fall),
 * timing each until the state panel shows the new seq: `painted`
 * is to the paint of the frame that first holds it (a task posted from that frame's
 * requestAnimationFrame runs after its paint), `nextFrame` to the start of the frame after that
 * (what this bench measured before: one frame more), `inDom` to when the page's DOM holds it
 * (the seek itself, before the wait for the next frame).
 */
export async function seeks(page: Page, from: number, k: number): Promise<{ painted: number[]; nextFrame: number[]; inDom: number[] }> {
  await page.getByRole("slider", { name: "Event cursor" }).fill(String(from));
  await page.getByRole("region", { name: "State" }).filter({ hasText: `State right after #${from}` }).filter({ hasText: "round:" }).waitFor({ timeout: 600_000 });
  return page.evaluate(
    async ({ from, k }) => {
      const painted: number[] = [];
      const nextFrame: number[] = [];
      const inDom: number[] = [];
      for (let i = 1; i <= k; i++) {
        const want = `State right after #${from + i}`;
        // When the page's DOM first holds the new heading (the seek's own time, before the wait for the next frame).
        let domAt = 0;
        const panel = document.querySelector('[aria-label="State"]')!;
        const watch = new MutationObserver(() => {
          if (!domAt && (panel.querySelector("p")?.textContent ?? "").includes(want)) domAt = performance.now();
        });
        watch.observe(panel, { subtree: true, childList: true, characterData: true });
        // A person's key press falls anywhere in a frame, not just after a paint (where the last
        // step of this loop leaves off): spread the presses over the frame, 0-16 ms past it.
        await new Promise((r) => setTimeout(r, (i * 7) % 17));
        const t0 = performance.now();
        (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
        // Checked in each frame's requestAnimationFrame, before that frame paints.
        for (;;) {
          const seen = await new Promise<boolean>((r) => requestAnimationFrame(() => r((document.querySelector('[aria-label="State"] > p')?.textContent ?? "").includes(want))));
          if (seen || performance.now() - t0 > 60_000) break;
        }
        // (inline: the bench's transpiler names functions with a helper the page does not have)
        await new Promise<void>((r) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => r();
          ch.port2.postMessage(0);
        });
        painted.push(performance.now() - t0);
        watch.disconnect();
        inDom.push((domAt || performance.now()) - t0);
        await new Promise((r) => requestAnimationFrame(r));
        nextFrame.push(performance.now() - t0);
      }
      return { painted: painted.sort((a, b) => a - b), nextFrame: nextFrame.sort((a, b) => a - b), inDom: inDom.sort((a, b) => a - b) };
    },
    { from, k },
  );
}

/** Jump the timeline to `frames` places spread over the session, one per frame; frame gaps. */
export async function scrolling(page: Page, frames: number): Promise<{ p50: number; p99: number; max: number }> {
  return page.evaluate(async (frames) => {
    const el = document.querySelector(".timeline-scroll") as HTMLElement;
    const gaps: number[] = [];
    let last = performance.now();
    for (let i = 0; i < frames; i++) {
      el.scrollTop = ((i * 7919) % frames) / frames * (el.scrollHeight - el.clientHeight);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    gaps.sort((a, b) => a - b);
    return { p50: gaps[Math.floor(gaps.length / 2)], p99: gaps[Math.floor(gaps.length * 0.99)], max: gaps[gaps.length - 1] };
  }, frames);
}

/**
 * A data row of the timeline showing `rowText` (the grid's header row is not one). Any such row,
 * not the topmost: a list scrolled to its end while a scan streams in shows the newest matches,
 * and its topmost row may be another match of the filter (a RUN_FINISHED above a RUN_STARTED).
 */
const firstRow = (page: Page, rowText: string) => page.locator(".timeline-scroll [role=row]").filter({ hasText: rowText }).first();

async function searchFirstScreen(page: Page, text: string, rowText: string): Promise<number> {
  const started = Date.now();
  await page.getByRole("searchbox", { name: "Search records" }).fill(text);
  await firstRow(page, rowText).waitFor({ timeout: 600_000 });
  const ms = Date.now() - started;
  await page.getByRole("searchbox", { name: "Search records" }).fill("");
  return ms;
}

/**
 * The session's text index (the "grams" store) and its records' JSON, in MiB, read straight from
 * the page's database; then, with `clear`, the index dropped, as a session stored before it existed.
 */
async function textIndexSize(page: Page, clear: boolean): Promise<{ grams: number; chunks: number }> {
  return page.evaluate(
    (clear) =>
      new Promise<{ grams: number; chunks: number }>((resolve, reject) => {
        const open = indexedDB.open("agui-inspector");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["grams", "stats"], clear ? "readwrite" : "readonly");
          let grams = 0;
          let chunks = 0;
          tx.objectStore("stats").openCursor().onsuccess = (e) => {
            const c = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
            if (c) (chunks += c.value.bytes), c.continue();
          };
          tx.objectStore("grams").openCursor().onsuccess = (e) => {
            const c = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
            if (!c) return void (clear && tx.objectStore("grams").clear());
            for (const g of c.value.grams) grams += g.bits.byteLength;
            c.continue();
          };
          tx.oncomplete = () => (db.close(), resolve({ grams: grams / 2 ** 20, chunks: chunks / 2 ** 20 }));
          tx.onerror = () => reject(tx.error);
        };
      }),
    clear,
  );
}

/** Filter by type: only one family shown (a double-click on its chip), until its first row is drawn. */
async function familyFirstScreen(page: Page, family: string, rowText: string): Promise<number> {
  const chip = page.getByRole("toolbar", { name: /Record families/ }).getByRole("button", { name: family, exact: true });
  const started = Date.now();
  await chip.dblclick();
  await firstRow(page, rowText).waitFor({ timeout: 600_000 });
  const ms = Date.now() - started;
  await page.getByRole("toolbar", { name: /Record families/ }).getByRole("button", { name: "all", exact: true }).click();
  return ms;
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), "agui-big-bench-"));
  const lines: BenchLine[] = [];
  const big = join(dir, "big.agui.jsonl");
  const base = join(dir, "base.agui.jsonl");
  const bigBytes = await writeSession(big, EVENTS, "bench-big");
  await writeSession(base, BASE_EVENTS, "bench-base");
  const mb = bigBytes / 1e6;
  const label = `${EVENTS.toLocaleString("en-US")} events, ${mb.toFixed(0)} MB`;

  // CLI: verify streams the file; the floor reads it line by line and JSON.parses each line.
  const cli = join(import.meta.dirname, "..", "dist", "cli", "agui-inspector.js");
    step('floor');
  const floor = measured(["node", "-e", PARSE_FLOOR_SCRIPT, big]);
  const verify = measured(["node", cli, "verify", big]);
  const replayAt = measured(["node", cli, "replay", big, "--at", "1000"]);
  lines.push(
    { name: `CLI verify (${label}): RSS`, value: verify.rssMiB, unit: "MiB", baseline: floor.rssMiB, note: `baseline = read + JSON.parse per line; exit ${verify.status}` },
    { name: "CLI verify: throughput", value: mb / (verify.ms / 1000), unit: "MB/s", baseline: mb / (floor.ms / 1000) },
    { name: "CLI replay --at 1000: time", value: replayAt.ms, unit: "ms", baseline: verify.ms, note: "stops reading at record 1000; baseline = verify of the whole file" },
  );

  const server = await startLoopbackServer({ root: join(import.meta.dirname, "..", "dist", "web") });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...chromiumArgs, "--enable-precise-memory-info", "--js-flags=--expose-gc"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    step('baseImport');
    const baseImport = await importFile(page, base, BASE_EVENTS);
    const bigImport = await importFile(page, big, EVENTS);
    step(`imported: ${(mb / (bigImport.ms / 1000)).toFixed(1)} MB/s (${BASE_EVENTS}-event file: ${(statSync(base).size / 1e6 / (baseImport.ms / 1000)).toFixed(1)} MB/s)`);
    lines.push(
      { name: `import ${label}: throughput`, value: mb / (bigImport.ms / 1000), unit: "MB/s", baseline: statSync(base).size / 1e6 / (baseImport.ms / 1000), note: `baseline = the ${BASE_EVENTS.toLocaleString("en-US")}-event import` },
      { name: "import: page JS heap, peak", value: bigImport.peakHeapMiB, unit: "MiB", baseline: baseImport.peakHeapMiB, note: "main thread; the import runs in the worker" },
    );

    step('baseOpen');
    const baseOpen = await openSession(page, "bench-base", BASE_EVENTS);
    const baseHeap = await heapAfterGc(page);
    step('first');
    const first = await openSession(page, "bench-big", EVENTS);
    const second = await openSession(page, "bench-big", EVENTS);
    const heap = await heapAfterGc(page);
    lines.push(
      { name: "first open: first screen of rows", value: first.firstScreen, unit: "ms", baseline: baseOpen.firstScreen, note: "baseline = the smaller session's first open" },
      { name: "first open: folded, state at the end drawn", value: first.interactive, unit: "ms", baseline: baseOpen.interactive },
      { name: "first open: longest main-thread task", value: first.longestTask, unit: "ms", baseline: 50, note: "long tasks only (over 50 ms): 0 = none" },
      { name: "second open: first screen", value: second.firstScreen, unit: "ms", baseline: first.firstScreen },
      { name: "second open: fully interactive (state at the end drawn)", value: second.interactive, unit: "ms", baseline: first.interactive, note: "the fold is read back, not redone" },
      { name: "second open: longest main-thread task", value: second.longestTask, unit: "ms", baseline: 50, note: "long tasks only (over 50 ms): 0 = none" },
      { name: "JS heap (after GC) with it open", value: heap, unit: "MiB", baseline: baseHeap, note: `baseline = with the ${BASE_EVENTS.toLocaleString("en-US")}-event session open` },
    );

    step('person');
    const person = await seeks(page, Math.floor(EVENTS / 2), 40);
    lines.push(
      { name: "seek as a person sees it (→ until the state panel shows it, painted): median", value: percentile(person.painted, 0.5), unit: "ms", baseline: 1000 / 60 },
      { name: "seek as a person sees it, painted: p95", value: percentile(person.painted, 0.95), unit: "ms", baseline: 1000 / 60 },
      { name: "seek, until the DOM holds it (before the next frame): median", value: percentile(person.inDom, 0.5), unit: "ms", baseline: 1000 / 60 },
      { name: "seek, until the DOM holds it: p95", value: percentile(person.inDom, 0.95), unit: "ms", baseline: 1000 / 60 },
      { name: "seek, to the start of the frame after the paint: median", value: percentile(person.nextFrame, 0.5), unit: "ms", baseline: 1000 / 60, note: "this bench's earlier measure; one frame more" },
      { name: "seek, to the start of the frame after the paint: p95", value: percentile(person.nextFrame, 0.95), unit: "ms", baseline: 1000 / 60 },
    );
    step('scroll');
    const scroll = await scrolling(page, 300);
    lines.push({ name: "scroll: 300 jumps spread over the session, frame gap p99", value: scroll.p99, unit: "ms", baseline: 1000 / 60, note: `p50 ${scroll.p50.toFixed(1)}, max ${scroll.max.toFixed(1)}` });
    step("search");
    lines.push({ name: "search '\"search\"' (a tool call's name): first screen", value: await searchFirstScreen(page, "\"search\"", "TOOL_CALL_START"), unit: "ms", baseline: second.firstScreen, note: "baseline = an unfiltered first screen" });
    lines.push({ name: "search 'RUN_FINISHED' (one event a run): first screen", value: await searchFirstScreen(page, "RUN_FINISHED", "RUN_FINISHED"), unit: "ms", baseline: second.firstScreen });
    step("filter");
    lines.push({ name: "filter by type (lifecycle only, two events a run): first screen", value: await familyFirstScreen(page, "lifecycle", "RUN_STARTED"), unit: "ms", baseline: second.firstScreen });
    // Last: it drops the text index, as a session stored before the index existed (the baseline).
    step("rare needle");
    const rare = await searchFirstScreen(page, RARE_NEEDLE, "TEXT_MESSAGE_CONTENT");
    const size = await textIndexSize(page, true);
    await openSession(page, "bench-big", EVENTS);
    const unindexed = await searchFirstScreen(page, RARE_NEEDLE, "TEXT_MESSAGE_CONTENT");
    lines.push(
      { name: `search '${RARE_NEEDLE}' (one record, 98% in): its row drawn, the scan all but done`, value: rare, unit: "ms", baseline: unindexed, note: "baseline = the same search with the text index dropped (every chunk read)" },
      { name: "text index stored (both bench sessions)", value: size.grams, unit: "MiB", baseline: size.chunks, note: "baseline = the records' JSON" },
    );
    return { title: `Million-event scenarios (${label}; headless Chromium, built CLI)`, lines };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
