// Bench page for bench/storage.bench.ts: measures the production write path (recorder → IDB
// sink) against one bulk put transaction of the same records, and opening a large session.
import { createRecorder } from "../../src/core/recorder/recorder";
import { createHeader } from "../../src/core/session/file";
import type { RecordDraft, SessionRecord } from "../../src/core/session/record";
import { openInspectorDb } from "../../src/storage/db";
import { createSessionLibrary } from "../../src/storage/library";
import { createIdbSink } from "../../src/storage/sink";
import { readRecords } from "../../src/storage/read";

const DB = "agui-inspector-bench";
let round = 0;
/** Each measurement writes into a new database, so earlier ones do not weigh on it. */
const nextDbName = () => `${DB}-${++round}`;

/** Records shaped like the bulk agent's stream: text deltas with a state delta every 100. */
function drafts(n: number): RecordDraft[] {
  const threadId = crypto.randomUUID();
  const runId = crypto.randomUUID();
  const messageId = `${runId}-bulk`;
  const out: RecordDraft[] = [];
  for (let i = 0; i < n; i++) {
    const event = i % 100 === 99 ? { type: "STATE_DELTA", delta: [{ op: "replace", path: "/n", value: i + 1 }] } : { type: "TEXT_MESSAGE_CONTENT", messageId, delta: `${i} ` };
    out.push({ dir: "in", kind: "event", x: 2, agentId: "bulk", threadId, runId, event, sse: { event: "message" } } as RecordDraft);
  }
  return out;
}

function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0, commits: s.length };
}

const yieldTask = () => new Promise<void>((resolve) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(null);
});

async function drop(name: string) {
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

const bench = {
  /** Push n records through recorder + sink, `burst` per task (as SSE reads deliver them); time until all are committed. */
  async ingest(opts: { n: number; chunkSize?: number; maxBatch?: number; flushMs?: number; durability?: IDBTransactionDurability; burst?: number; ratePerSec?: number; keep?: boolean; memory?: boolean }) {
    gc();
    const name = nextDbName();
    const d = await openInspectorDb({ name });
    const library = createSessionLibrary(d);
    const session = await library.create(createHeader({ agentId: "bulk", runtimeUrl: "bench" }));
    const idbSink = await createIdbSink(d, session.id, { chunkSize: opts.chunkSize, durability: opts.durability });
    // memory: the same recorder and arrival pattern with a sink that stores nothing (the JS-side ceiling).
    const sink = opts.memory ? { write: async (r: SessionRecord[]) => idbSink.accept(r) } : idbSink;
    const recorder = createRecorder({ sink, flushMs: opts.flushMs ?? 50, maxBatch: opts.maxBatch ?? 1000 });
    const input = drafts(opts.n);
    const burst = opts.burst ?? 100;
    // Longest a record waited between being pushed and being committed.
    const pushedAt = new Float64Array(opts.n + 1);
    let saved = 0;
    const waits: number[] = [];
    idbSink.on("change", ({ savedSeq }) => {
      if (savedSeq > saved) waits.push(performance.now() - pushedAt[saved + 1]);
      saved = Math.max(saved, savedSeq);
    });
    const start = performance.now();
    for (let i = 0; i < input.length; i += burst) {
      if (opts.ratePerSec) {
        const due = start + (i / opts.ratePerSec) * 1000;
        while (performance.now() < due) await yieldTask();
      }
      const end = Math.min(input.length, i + burst);
      const now = performance.now();
      for (let j = i; j < end; j++) {
        pushedAt[j + 1] = now;
        recorder.push(input[j]);
      }
      await yieldTask();
    }
    await recorder.flush();
    const ms = performance.now() - start;
    const savedSeq = opts.memory ? idbSink.state().acceptedSeq : idbSink.state().savedSeq;
    idbSink.dispose();
    d.close();
    if (!opts.keep) await drop(name);
    if (savedSeq !== opts.n) throw new Error(`only ${savedSeq} of ${opts.n} saved`);
    return { ms, perSec: (opts.n / ms) * 1000, waitMs: quantiles(waits), sessionId: session.id, dbName: name };
  },

  /** The same records, put in one transaction: as chunks of `chunkSize`, or one value per record. */
  async bulkPut(opts: { n: number; layout: "chunks" | "records"; chunkSize?: number; durability?: IDBTransactionDurability }) {
    gc();
    const size = opts.chunkSize ?? 100;
    const sessionId = crypto.randomUUID();
    const t0 = Date.now();
    const records = drafts(opts.n).map((r, i) => ({ ...r, seq: i + 1, t: t0 + i }) as SessionRecord);
    const name = nextDbName();
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore("chunks", { keyPath: ["sessionId", "firstSeq"] });
        req.result.createObjectStore("records", { keyPath: ["sessionId", "seq"] });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const start = performance.now();
    const tx = raw.transaction(opts.layout, "readwrite", { durability: opts.durability ?? "default" });
    const store = tx.objectStore(opts.layout);
    if (opts.layout === "records") for (const r of records) store.put({ ...r, sessionId });
    else for (let i = 0; i < records.length; i += size) store.put({ sessionId, firstSeq: i + 1, records: records.slice(i, i + size) });
    tx.commit();
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    const ms = performance.now() - start;
    raw.close();
    await drop(name);
    return { ms, perSec: (opts.n / ms) * 1000 };
  },

  /** Open a stored session as the library would from a fresh page: connection, row, first screen; then seeks. */
  async open(name: string, sessionId: string) {
    gc();
    const heap0 = (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const t0 = performance.now();
    const d = await openInspectorDb({ name });
    const detail = await createSessionLibrary(d).get(sessionId);
    const first = await readRecords(d, sessionId, { limit: 100 });
    const firstScreenMs = performance.now() - t0;
    const t1 = performance.now();
    const middle = await readRecords(d, sessionId, { fromSeq: Math.floor(detail!.lastSeq / 2), limit: 100 });
    const seekMs = performance.now() - t1;
    const t2 = performance.now();
    const run = detail!.runList[0].runId;
    const byRun = await readRecords(d, sessionId, { runId: run, fromSeq: detail!.lastSeq - 150, limit: 100 });
    const runSeekMs = performance.now() - t2;
    gc();
    const heap1 = (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    d.close();
    if (first.records.length !== 100 || middle.records.length !== 100 || byRun.records.length !== 100) throw new Error("short page");
    return { firstScreenMs, seekMs, runSeekMs, heapDeltaBytes: heap1 - heap0, records: detail!.records, bytes: detail!.bytes };
  },

  async usage() {
    return (await navigator.storage.estimate()).usage ?? 0;
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.title = "storage bench ready";
