import { createReplay, type CoreSnapshot, type Finding, type Interrupt, type Replay, type RunInfo } from "../core/replay";
import type { Message, Tool } from "../core/protocol/events";
import type { SessionRecord } from "../core/session/record";
import { getFoldIndex, iterateChunks, putCheckpoints, sessionExtent, type InspectorDb, type StoredChunk } from "../storage";
import { FAMILIES, familyOf } from "../models/filters";
import { createRunTimer, type RunMetrics } from "../core/timing";
import { createToolCallIndex } from "../core/summary";

// The first fold of a stored session, done once: every record through one windowed replay per
// thread (as the in-memory view does), each checkpoint written to IndexedDB as it is taken, and
// what the view needs about the whole session (findings, runs, thread ends, chunk summaries)
// written as the fold index. Reopening reads the index and folds nothing.

export const NO_THREAD = "";
// 2: run timings and tool calls (for the Runs tab, the waterfall and name(args) summaries).
// 3: records outside any run make no pseudo-run in the timings (an index of 2 still has them).
const INDEX_VERSION = 3;

export interface ChunkSummary {
  firstSeq: number;
  lastSeq: number;
  /** Bit i set: a record of FAMILIES[i] is in the chunk. */
  families: number;
  runs: string[];
  threads: string[];
}

export interface ThreadEnd {
  threadId: string;
  lastSeq: number;
  messages: Message[];
  state: unknown;
  runs: RunInfo[];
  pendingInterrupts: Interrupt[];
}

export interface FoldIndex {
  version: number;
  foldedUpTo: number;
  records: number;
  /** [seq, thread] of every stored checkpoint, in seq order. */
  checkpoints: [number, string][];
  failedDeltas: number[];
  findings: Finding[];
  runs: RunInfo[];
  /** Threads in the order the in-memory view meets them ("" = events without a thread). */
  lanes: string[];
  ends: ThreadEnd[];
  chunks: ChunkSummary[];
  declaredTools: [string, Tool[] | undefined][];
  /** Per-run timing over every record, as the in-memory view computes it. */
  runTimings: RunMetrics[];
  /** Tool call id → name and first few hundred characters of its arguments. */
  toolCalls: [string, { name: string; args: string }][];
}

export interface StoredCheckpoint {
  thread: string;
  snap: CoreSnapshot;
}

export function familyBit(r: SessionRecord): number {
  return 1 << FAMILIES.indexOf(familyOf(r));
}

export async function readFoldIndex(db: InspectorDb, sessionId: string): Promise<FoldIndex | undefined> {
  const index = (await getFoldIndex(db, sessionId)) as FoldIndex | undefined;
  const extent = await sessionExtent(db, sessionId);
  // A session that grew since (a live one, reopened) is folded again.
  if (!index || index.version !== INDEX_VERSION || !extent || index.foldedUpTo !== extent.lastSeq) return undefined;
  return index;
}

export interface FolderOptions {
  checkpointEvery?: number;
  /** Each chunk as the fold reads it, once (the text index of an imported session is built from them). */
  onChunk?: (chunk: StoredChunk) => void;
  progress?: (foldedUpTo: number, checkpoints: [number, string][]) => void;
  yieldEvery?: () => Promise<void>;
}

/**
 * A fold that goes on as the session grows (a live recording held as a window): each `fold(to)`
 * takes the records stored after the last one folded, up to `to`, from the chunk they are in
 * (the last chunk of a growing session is rewritten as it fills). `index()` is the fold index of
 * everything folded so far, as the whole-session fold would write it for these records.
 */
export function createFolder(db: InspectorDb, sessionId: string, options: FolderOptions = {}) {
  const replays = new Map<string, Replay>();
  const checkpoints: [number, string][] = [];
  let pending: { seq: number; value: StoredCheckpoint }[] = [];
  const declaredTools = new Map<string, Tool[] | undefined>();
  const chunks: ChunkSummary[] = [];
  let records = 0;
  let lastSeq = 0;
  const timer = createRunTimer();
  const calls = createToolCallIndex();

  function replayFor(thread: string): Replay {
    let r = replays.get(thread);
    if (!r) {
      r = createReplay({
        checkSchema: false,
        checkpointEvery: options.checkpointEvery,
        retain: "window",
        // The warm parsed state is the replay's cache, not part of the checkpoint.
        onCheckpoint: (seq, snap) => pending.push({ seq, value: { thread, snap: { stateJson: snap.stateJson, stateSource: snap.stateSource, messages: snap.messages, streams: snap.streams } } }),
      });
      replays.set(thread, r);
    }
    return r;
  }

  async function flush() {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const skipped = new Set(await putCheckpoints(db, sessionId, batch));
    for (const c of batch) if (!skipped.has(c.seq)) checkpoints.push([c.seq, c.value.thread]);
    options.progress?.(lastSeq, checkpoints);
  }

  async function fold(to: number): Promise<void> {
    if (to <= lastSeq) return;
    for await (const chunk of iterateChunks(db, sessionId, lastSeq + 1)) {
      if (chunk.firstSeq > to) break;
      options.onChunk?.(chunk);
      const byThread = new Map<string, SessionRecord[]>();
      // The chunk folded last has grown since: its summary is extended, not made twice.
      const last = chunks[chunks.length - 1];
      const grown = last?.firstSeq === chunk.firstSeq;
      const summary: ChunkSummary = grown ? last : { firstSeq: chunk.firstSeq, lastSeq: chunk.firstSeq, families: 0, runs: [], threads: [] };
      const runs = new Set(summary.runs);
      const threads = new Set(summary.threads);
      let newest = lastSeq;
      for (const r of chunk.records) {
        // Records folded before (this chunk grew since), and records stored after `to`, wait.
        if (r.seq <= lastSeq || r.seq > to) continue;
        newest = r.seq;
        records++;
        timer.add(r);
        calls.add(r);
        summary.families |= familyBit(r);
        if (r.runId) runs.add(r.runId);
        if (r.threadId) threads.add(r.threadId);
        if (r.kind === "request" && r.op === "run" && r.runId !== undefined) {
          const body = r.body as { tools?: Tool[]; body?: { tools?: Tool[] } } | undefined;
          declaredTools.set(r.runId, body?.tools ?? body?.body?.tools);
        }
        const thread = r.threadId ?? NO_THREAD;
        if (thread === NO_THREAD && r.kind !== "event" && r.kind !== "bad-frame") continue;
        let list = byThread.get(thread);
        if (!list) byThread.set(thread, (list = []));
        list.push(r);
      }
      if (newest === lastSeq) continue;
      if (!grown) chunks.push(summary);
      summary.lastSeq = newest;
      summary.runs = [...runs];
      summary.threads = [...threads];
      for (const [thread, list] of byThread) replayFor(thread).append(list);
      lastSeq = newest;
      if (pending.length) await flush();
      else options.progress?.(lastSeq, checkpoints);
      await options.yieldEvery?.();
      if (lastSeq >= to) break;
    }
    await flush();
  }

  function index(): FoldIndex {
    const lanes = [...replays.keys()];
    const all = [...replays.values()];
    const failedDeltas = new Set<number>();
    const findings = all.flatMap((r) => r.findingsUpTo()).sort((a, b) => a.seq - b.seq);
    for (const f of findings) if (f.rule === "state/patch-failed") failedDeltas.add(f.seq);
    return {
      version: INDEX_VERSION,
      foldedUpTo: lastSeq,
      records,
      checkpoints: checkpoints.slice(),
      failedDeltas: [...failedDeltas],
      findings,
      runs: all.flatMap((r) => r.runs()).sort((a, b) => a.startSeq - b.startSeq),
      lanes,
      ends: lanes.map((threadId) => {
        const r = replays.get(threadId)!;
        const end = r.at(r.lastSeq);
        return { threadId, lastSeq: r.lastSeq, messages: end.messages, state: end.state, runs: r.runs(), pendingInterrupts: r.pendingInterruptsAt(r.lastSeq) };
      }),
      chunks: chunks.map((c) => ({ ...c })),
      declaredTools: [...declaredTools],
      runTimings: timer.metrics(),
      toolCalls: calls.entries(),
    };
  }

  return { fold, index, foldedUpTo: () => lastSeq };
}
