// Live recording at full speed (issue 15): a plain AG-UI endpoint on 127.0.0.1 streams
// BENCH_LIVE_EVENTS events (default 1,000,000) as fast as it can; the web inspector, built in
// dist/web and served by the loopback server, records them with the timeline following. Measured:
// events/s from Run until IndexedDB holds every record, frame gaps while it runs, and the page's
// JS heap. Baselines from the same run: the same stream read by a bare fetch in the same page
// (bytes split into frames, nothing parsed), and one 60 Hz frame. Needs `npm run build` first.
import { chromium, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromiumArgs } from "../playwright.config";
import { startLoopbackServer } from "../src/server/server";
import type { BenchReport } from "./run";

const EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 1_000_000);
/**
 * An agent's stream: text messages of 200 deltas each, a state delta every 10th event, a
 * snapshot every 2,000 — one run, as a long agent turn sends it.
 */
function frames(n: number, write: (chunk: string) => boolean, done: () => void, drain: (fn: () => void) => void) {
  const head = [
    { type: "RUN_STARTED", threadId: "live-t", runId: "live-r" },
    { type: "STATE_SNAPSHOT", snapshot: { n: 0, words: [] } },
  ];
  let i = 0;
  let text = head.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("");
  const event = (k: number) => {
    const m = `m${Math.floor(k / 200)}`;
    if (k % 2000 === 1999) return { type: "STATE_SNAPSHOT", snapshot: { n: k, words: [] } };
    if (k % 10 === 9) return { type: "STATE_DELTA", delta: [{ op: "replace", path: "/n", value: k }] };
    if (k % 200 === 0) return { type: "TEXT_MESSAGE_START", messageId: m, role: "assistant" };
    if (k % 200 === 198) return { type: "TEXT_MESSAGE_END", messageId: m };
    return { type: "TEXT_MESSAGE_CONTENT", messageId: m, delta: `w${k} ` };
  };
  const pump = () => {
    while (i < n) {
      text += `data: ${JSON.stringify(event(i))}\n\n`;
      i++;
      if (i % 500 === 0) {
        const ok = write(text);
        text = "";
        if (!ok) return drain(pump);
      }
    }
    write(`${text}data: ${JSON.stringify({ type: "RUN_FINISHED", threadId: "live-t", runId: "live-r" })}\n\n`);
    done();
  };
  pump();
}

function startEndpoint(n: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*", "access-control-allow-methods": "GET, POST, OPTIONS" };
    if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
    // A probe (GET) is told to post here.
    if (req.method !== "POST") return void res.writeHead(405, { ...cors, allow: "POST" }).end();
    req.resume();
    res.writeHead(200, { ...cors, "content-type": "text/event-stream", "cache-control": "no-cache" });
    frames(
      n,
      (chunk) => res.write(chunk),
      () => res.end(),
      (fn) => res.once("drain", fn),
    );
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/agent`, server })));
}

/** The floor: the same stream read by a bare fetch in the page, split into frames, nothing parsed. */
async function bareRead(page: Page, url: string): Promise<{ ms: number; frames: number }> {
  return page.evaluate(async (target) => {
    const t0 = performance.now();
    const res = await fetch(target, { method: "POST", body: "{}" });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let frames = 0;
    let tail = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = tail + decoder.decode(value, { stream: true });
      const parts = text.split("\n\n");
      tail = parts.pop()!;
      frames += parts.length;
    }
    return { ms: performance.now() - t0, frames };
  }, url);
}

async function storedRecords(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("agui-inspector");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("stats").objectStore("stats").getAll();
          req.onsuccess = () => (resolve(Math.max(0, ...req.result.map((s: { records: number }) => s.records))), open.result.close());
        };
      }),
  );
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function printProfile(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, ms] of top) process.stderr.write(`${ms.toFixed(0).padStart(7)} ms  ${k}\n`);
}

export async function run(): Promise<BenchReport> {
  const endpoint = await startEndpoint(EVENTS);
  const server = await startLoopbackServer({ root: join(import.meta.dirname, "..", "dist", "web") });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...chromiumArgs, "--enable-precise-memory-info", "--js-flags=--expose-gc"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const url = new URL(server.url);
    url.searchParams.set("runtime", endpoint.url);
    await page.goto(url.href);
    const floor = await bareRead(page, endpoint.url);

    await page.getByRole("combobox", { name: "Transport" }).selectOption("agui");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Connected" }).first().waitFor({ timeout: 10_000 }).catch(async (err) => {
      throw new Error(`connect failed: ${await page.getByRole("status").first().textContent()} ${await page.locator("[role=alert]").allTextContents()}`, { cause: err });
    });
    // Frame gaps and the heap's peak, sampled in the page while the stream runs.
    // (a string: tsx would wrap a named function in a helper the page does not have)
    await page.evaluate(`(() => {
      window.__gaps = [];
      window.__peak = 0;
      window.__on = true;
      let last = performance.now();
      requestAnimationFrame(function tick(now) {
        window.__gaps.push(now - last);
        last = now;
        window.__peak = Math.max(window.__peak, performance.memory.usedJSHeapSize);
        if (window.__on) requestAnimationFrame(tick);
      });
    })()`);
    await page.getByRole("textbox", { name: "Message" }).fill("stream");
    // BENCH_PROFILE=1: where the page's main thread spends its time, printed on stderr.
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (cdp) await cdp.send("Profiler.enable").then(() => cdp.send("Profiler.start"));
    if (cdp)
      await page.evaluate(`(() => {
        window.__loaf = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.duration < 100) continue;
            window.__loaf.push({ ms: Math.round(e.duration), layout: Math.round(e.startTime + e.duration - (e.styleAndLayoutStart || e.startTime + e.duration)), render: Math.round(e.startTime + e.duration - (e.renderStart || e.startTime + e.duration)),
              scripts: e.scripts.map((s) => Math.round(s.duration) + "ms " + s.invoker + " " + s.sourceFunctionName + " " + (s.sourceURL || "").split("/").pop() + ":" + s.sourceCharPosition) });
          }
        }).observe({ type: "long-animation-frame", buffered: true });
      })()`);
    const started = Date.now();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    // Every event, plus the exchange's request, response and end records.
    const want = EVENTS + 3 + 3;
    let stored = 0;
    // Halfway, what the page holds (after a GC: the peak also counts garbage not yet collected).
    let midHeap = 0;
    while ((stored = await storedRecords(page)) < want && Date.now() - started < 1_800_000) {
      if (!midHeap && stored >= want / 2) midHeap = await page.evaluate("gc(), performance.memory.usedJSHeapSize / 2 ** 20");
      await new Promise((r) => setTimeout(r, 500));
    }
    const ms = Date.now() - started;
    if (cdp) printProfile(((await cdp.send("Profiler.stop")) as { profile: Profile }).profile);
    if (cdp) process.stderr.write(JSON.stringify(await page.evaluate("window.__loaf"), null, 1) + "\n");
    // The timeline has followed to the end: its last row is the run's end.
    await page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "RUN_FINISHED" }).first().waitFor({ timeout: 120_000 });
    const followedMs = Date.now() - started;
    const sampled = await page.evaluate(() => {
      const w = window as unknown as { __gaps: number[]; __peak: number; __on: boolean };
      w.__on = false;
      const gaps = w.__gaps.slice().sort((a, b) => a - b);
      return { p50: gaps[Math.floor(gaps.length / 2)] ?? 0, p99: gaps[Math.floor(gaps.length * 0.99)] ?? 0, max: gaps[gaps.length - 1] ?? 0, frames: gaps.length, peak: w.__peak / 2 ** 20 };
    });
    const heap = await page.evaluate(async () => {
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((r) => setTimeout(r, 50));
      return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 2 ** 20;
    });
    const label = `${EVENTS.toLocaleString("en-US")} events`;
    return {
      title: `Live recording at full speed: a plain endpoint streaming ${label} (headless Chromium)`,
      lines: [
        { name: "recorded end to end (Run → all in IndexedDB)", value: stored / (ms / 1000), unit: "events/s", baseline: floor.frames / (floor.ms / 1000), note: `${stored.toLocaleString("en-US")} records in ${(ms / 1000).toFixed(1)} s; baseline = the same stream read by a bare fetch in the page (${floor.frames.toLocaleString("en-US")} frames split, nothing parsed)` },
        { name: "timeline shows the run's end", value: followedMs / 1000, unit: "s", baseline: ms / 1000, note: "baseline = until IndexedDB held every record" },
        { name: "frame gap while recording: p50", value: sampled.p50, unit: "ms", baseline: 1000 / 60 },
        { name: "frame gap while recording: p99", value: sampled.p99, unit: "ms", baseline: 1000 / 60, note: `max ${sampled.max.toFixed(0)} ms over ${sampled.frames} frames` },
        { name: "JS heap, peak while recording", value: sampled.peak, unit: "MiB", baseline: heap, note: "baseline = after GC at the end" },
        { name: "JS heap after GC, halfway through", value: midHeap, unit: "MiB", baseline: heap, note: "baseline = after GC at the end; the GC's own pause is in the frame gaps" },
        { name: "JS heap after GC, recording done", value: heap, unit: "MiB", note: "mostly the conversation itself: the messages at the cursor and each thread's end" },
      ],
    };
  } finally {
    await browser.close();
    await server.close();
    endpoint.server.close();
  }
}
