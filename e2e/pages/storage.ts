// Harness for e2e/storage.spec.ts: records runs from the real runtime fixture into real
// IndexedDB with the production pieces (recorder, IDB sink, flush triggers), and reads back.
import { createRecorder, type Recorder } from "../../src/core/recorder/recorder";
import { createRuntimeClient } from "../../src/core/transport/client";
import { buildRunInput } from "../../src/core/transport/input";
import { createHeader } from "../../src/core/session/file";
import type { SessionRecord } from "../../src/core/session/record";
import { openInspectorDb, type InspectorDb } from "../../src/storage/db";
import { createSessionLibrary } from "../../src/storage/library";
import { createIdbSink, type IdbSink } from "../../src/storage/sink";
import { installFlushOnHide, installFlushOnRunEnd } from "../../src/storage/lifecycle";
import { iterateRecords } from "../../src/storage/read";
import { exportSessionBlob } from "../../src/storage/export";
import { parseSessionFile } from "../../src/core/session/file";

const runtime = new URLSearchParams(location.search).get("runtime") ?? "http://127.0.0.1:4418/rest";
const HIDE_KEY = "storage-harness-hide";

interface Live {
  db: InspectorDb;
  sessionId: string;
  recorder: Recorder;
  sink: IdbSink;
  seen: SessionRecord[];
  run: Promise<unknown>;
}
let live: Live | null = null;
const dbs = new Map<string, InspectorDb>();

async function db(name: string): Promise<InspectorDb> {
  let d = dbs.get(name);
  if (!d || !d.isOpen()) dbs.set(name, (d = await openInspectorDb({ name })));
  return d;
}

/** The bulk agent's index i for each of its per-item events, in stored order. */
function bulkIndexes(records: SessionRecord[]): number[] {
  const out: number[] = [];
  for (const r of records) {
    if (r.kind !== "event") continue;
    const e = r.event as { type: string; delta?: unknown };
    if (e.type === "TEXT_MESSAGE_CONTENT") out.push(parseInt(String(e.delta), 10));
    else if (e.type === "STATE_DELTA") out.push((e.delta as { value: number }[])[0].value - 1);
  }
  return out;
}

/** What a test needs to judge a stored session: density of seq, and the wire's own counter. */
function judge(records: SessionRecord[]) {
  const seqs = records.map((r) => r.seq);
  const idx = bulkIndexes(records);
  return {
    count: records.length,
    lastSeq: seqs.length ? seqs[seqs.length - 1] : 0,
    denseFrom1: seqs.every((s, i) => s === i + 1),
    bulkCount: idx.length,
    bulkInOrder: idx.every((v, i) => v === i),
    kinds: [...new Set(records.map((r) => (r.kind === "event" ? (r.event as { type: string }).type : r.kind)))].sort(),
  };
}

async function readAll(d: InspectorDb, id: string): Promise<SessionRecord[]> {
  const all: SessionRecord[] = [];
  for await (const page of iterateRecords(d, id)) all.push(...page);
  return all;
}

/** Equal as JSON; a value too deep to write out (the injected fault) counts as different. */
function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

function unshieldDeep(r: SessionRecord): void {
  if (r.kind !== "bad-frame" || !r.raw.startsWith('{"type":"CUSTOM","name":"deep"')) return;
  const event = JSON.parse(r.raw);
  const loose = r as unknown as Record<string, unknown>;
  for (const key of ["raw", "rawLength", "rawEncoding", "error", "unterminated"]) delete loose[key];
  Object.assign(loose, { kind: "event", event });
}

const harness = {
  /** Start recording one bulk run into a new session; resolves once the run has begun. */
  async start(opts: { dbName: string; count: number; pauseEvery?: number; flushMs?: number; maxBatch?: number; unshieldDeep?: boolean }) {
    const d = await db(opts.dbName);
    const library = createSessionLibrary(d);
    const header = createHeader({ runtimeUrl: runtime, agentId: "bulk" });
    const session = await library.create(header);
    const sink = await createIdbSink(d, session.id);
    const recorder = createRecorder({ sink, flushMs: opts.flushMs ?? 50, maxBatch: opts.maxBatch ?? 1000 });
    const seen: SessionRecord[] = [];
    // Fault injection (unshieldDeep): the decoder keeps an over-deep frame as a bad frame, so the
    // store would never see the value; to show what the sink does with a record the store
    // refuses, that record is turned back into the event it would have been, in place, before
    // the sink (attached below) takes it.
    if (opts.unshieldDeep) recorder.on("record", unshieldDeep);
    recorder.on("record", (r) => seen.push(r));
    installFlushOnHide(recorder, sink, { window, document });
    installFlushOnRunEnd(recorder);
    // What the page had seen and saved when it was hidden, kept where a reload can read it.
    window.addEventListener("pagehide", () => {
      sessionStorage.setItem(HIDE_KEY, JSON.stringify({ sessionId: session.id, dbName: opts.dbName, seenAtHide: recorder.lastSeq(), savedAtHide: sink.state().savedSeq }));
      localStorage.setItem(`storage-harness-hid-${session.id}`, "1");
    });
    const client = createRuntimeClient({ url: runtime, transport: "rest", recorder, origin: location.origin });
    const input = buildRunInput({ forwardedProps: { count: opts.count, pauseEvery: opts.pauseEvery ?? 0 } });
    const run = client.run("bulk", input).then(async (outcome) => {
      await recorder.flush();
      return outcome.status;
    });
    live = { db: d, sessionId: session.id, recorder, sink, seen, run };
    return session.id;
  },

  /** Wait for the live run to end and its records to be flushed. */
  async finish() {
    const status = await live!.run;
    return { status, lastSeq: live!.recorder.lastSeq(), state: live!.sink.state() };
  },

  progress() {
    if (!live) return null;
    return { sessionId: live.sessionId, seen: live.recorder.lastSeq(), state: live.sink.state() };
  },

  hideReport(): { sessionId: string; dbName: string; seenAtHide: number; savedAtHide: number } | null {
    const raw = sessionStorage.getItem(HIDE_KEY);
    return raw ? JSON.parse(raw) : null;
  },

  /** Whether the page recording this session ever got a pagehide (a killed tab does not). */
  hidMarker(sessionId: string) {
    return localStorage.getItem(`storage-harness-hid-${sessionId}`) === "1";
  },

  /** Read a session back through a fresh connection and judge it. */
  async stored(dbName: string, sessionId: string) {
    const d = await openInspectorDb({ name: dbName });
    try {
      const records = await readAll(d, sessionId);
      const summary = await createSessionLibrary(d).get(sessionId);
      return { ...judge(records), summary: summary && { records: summary.records, events: summary.events, runs: summary.runs, lastSeq: summary.lastSeq } };
    } finally {
      d.close();
    }
  },

  /** The bad-frame records of a stored session, with a SHA-256 of each raw text to compare with the wire. */
  async storedBadFrames(dbName: string, sessionId: string) {
    const d = await openInspectorDb({ name: dbName });
    try {
      const records = await readAll(d, sessionId);
      const out = [];
      for (const r of records) {
        if (r.kind !== "bad-frame") continue;
        const before = bulkIndexes(records.slice(0, r.seq - 1));
        const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(r.raw));
        out.push({
          seq: r.seq,
          runId: r.runId,
          afterBulkIndex: before.length ? before[before.length - 1] : -1,
          rawChars: r.raw.length,
          rawLength: r.rawLength,
          rawSha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join(""),
          error: r.error,
        });
      }
      return out;
    } finally {
      d.close();
    }
  },

  /** Records the page saw that differ from (or are missing in) the store: should be 0. */
  async mismatchesWithSeen(dbName: string) {
    const d = await openInspectorDb({ name: dbName });
    try {
      const stored = await readAll(d, live!.sessionId);
      let bad = Math.abs(stored.length - live!.seen.length);
      for (let i = 0; i < Math.min(stored.length, live!.seen.length); i++) {
        if (!sameJson(stored[i], live!.seen[i])) bad++;
      }
      return { bad, seen: live!.seen.length };
    } finally {
      d.close();
    }
  },

  /** Judge what an export of the live session would contain (stored + unsaved). */
  async exported() {
    const blob = await exportSessionBlob(live!.db, live!.sessionId, live!.sink.unsaved());
    return judge(parseSessionFile(await blob.text()).records);
  },

  async retry() {
    await live!.sink.retry();
    return live!.sink.state();
  },

  /** A newer inspector version opening the database (as another tab would). */
  async openNewer(dbName: string, version: number) {
    return new Promise<number>((resolve, reject) => {
      const req = indexedDB.open(dbName, version);
      req.onsuccess = () => {
        const v = req.result.version;
        req.result.close();
        resolve(v);
      };
      req.onerror = () => reject(req.error);
    });
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
document.title = "storage harness ready";
