import { resumeFold, type ResumedFold, type CoreSnapshot, type Finding, type Interrupt, type RunInfo } from "../core/replay";
import type { Message, Tool } from "../core/protocol/events";
import type { SessionHeader, SessionRecord } from "../core/session/record";
import { exportHeader, redactRecord, type ExportOptions } from "../core/session/export";
import { encodeHeaderLine, encodeRecordLine } from "../core/session/file";
import { checkpointAt, GRAM_PAGE_CHUNKS, iterateChunks, markIndexed, putFoldIndex, readChunkAt, sessionExtent, type ChunkGrams, type InspectorDb, type StoredChunk } from "../storage";
import type { TimelineFilter } from "../models/filters";
import type { PagedRow, RowsAnswer, SeekAnswer } from "../models/session-port";
import { openToolCallsOf, type OpenToolCall } from "../models/open-tool-calls";
import { NO_CHANGE, stateChangeOps } from "../models/state-change";
import { createChunkCache } from "./chunk-cache";
import { drawnWaterfall, waterfall } from "../core/timing";
import { flaggedByFindings } from "../core/severity";
import { createFolder, NO_THREAD, readFoldIndex, type FoldIndex, type StoredCheckpoint } from "./fold-index";
import { createGramBackfill, indexedChunks, textIndexProbe } from "./text-index";
import { chunkMayMatch, createScannedRows, identityRows, needsScan, textMayMatch, type RowIndex, type ScannedRows } from "./row-index";
import type { RowQuery } from "../models/session-port";

// A stored session held as a window: rows by index range under the active filters, records
// from a capped chunk cache, state at any seq from the checkpoints the first fold stored. What
// it answers equals what the in-memory session view answers for the same records.

/** Rows a first answer waits for while a scan runs (a screen of the timeline is ~40). */
const SCREEN_ROWS = 50;
/** Past this, whatever a running scan has found is answered. */
const STREAM_MS = 60;

export interface PagedSessionOptions {
  /** Most chunks held in memory at once (default 64, ~6,400 records). */
  cacheChunks?: number;
  checkpointEvery?: number;
  /** A seek sends more messages than this as JSON text (default 100; see models/lazy-messages.ts). */
  messagesAsText?: number;
  /** Hears the first fold's progress: seq folded so far of the last. */
  onFoldProgress?: (folded: number, lastSeq: number) => void;
  /** A grown session's fold index is written once no growth came for this long (default 2 s). */
  indexWriteMs?: number;
  /** A seek answers with operations on the state the asker holds when there are at most this many (500). */
  patchOps?: number;
}

export async function openPagedSession(db: InspectorDb, sessionId: string, options: PagedSessionOptions = {}) {
  const found = await sessionExtent(db, sessionId);
  if (!found) throw new Error(`No session ${sessionId} in the library.`);
  // A session still being recorded grows (see grow()): its extent, rows and fold move on.
  let extent = found;
  const cache = createChunkCache(db, sessionId, options.cacheChunks ?? 64);
  const first = extent.records ? ((await readChunkAt(db, sessionId, 1)) ?? (await firstChunk(db, sessionId)))?.records[0]?.seq ?? 1 : 1;
  let dense = extent.lastSeq - first + 1 === extent.records;

  let index: FoldIndex | undefined = await readFoldIndex(db, sessionId);
  const foldedBefore = !!index;
  // An imported session's text index is built by its first fold, from the chunks it reads anyway
  // (a page of indexes at a time), and the session then marked indexed; a search before then reads
  // the chunks not yet indexed, and indexes them itself.
  const indexer = !index && found.unindexed ? createGramBackfill(db, sessionId, GRAM_PAGE_CHUNKS) : undefined;
  const newFolder = () => createFolder(db, sessionId, { checkpointEvery: options.checkpointEvery, progress: (n) => options.onFoldProgress?.(n, extent.lastSeq), onChunk: indexer?.offer });
  /** The fold that goes on as the session grows; none while a stored index covers the session. */
  let folder: ReturnType<typeof createFolder> | undefined;
  let indexWritten = !!index;
  /** Fold the records stored up to `to`; the index then covers them. Folds run one after another. */
  function foldUpTo(to: number): Promise<FoldIndex> {
    folder ??= newFolder();
    const f = folder;
    return f.fold(to).then(() => {
      index = f.index();
      byThread = undefined;
      indexWritten = false;
      return index;
    });
  }
  let ready: Promise<FoldIndex> = index
    ? Promise.resolve(index)
    : foldUpTo(extent.lastSeq).then(async (i) => {
        await writeIndex();
        if (indexer) await indexer.flush().then(() => markIndexed(db, sessionId));
        return i;
      });
  // Rows never wait for the fold; seeks do. A failed fold is reported to whoever seeks.
  ready.catch(() => {});

  async function writeIndex() {
    if (indexWritten || !index) return;
    indexWritten = true;
    await putFoldIndex(db, sessionId, index);
  }

  let byThread: Map<string, number[]> | undefined;
  let failed: Set<number> | undefined;
  const ends = () => new Map(index!.ends.map((e) => [e.threadId, e]));
  async function folded(): Promise<FoldIndex> {
    const i = await ready;
    if (!byThread || i !== index) {
      byThread = new Map();
      for (const [seq, thread] of i.checkpoints) {
        let list = byThread.get(thread);
        if (!list) byThread.set(thread, (list = []));
        list.push(seq);
      }
      failed = new Set(i.failedDeltas);
    }
    return i;
  }

  // ---- rows ----
  /** Chunks the scans have read (a count for tests: a search its text index answers reads few). */
  let scanReads = 0;
  /** A chunk stored before the text index existed gets one when a search reads it. */
  const backfill = createGramBackfill(db, sessionId);
  type Scan = { rows: ScannedRows; waiters: (() => void)[]; dropped?: boolean; flagged?: Set<number> };
  const scans = new Map<string, Scan>();
  let plain: RowIndex = dense ? identityRows(first, extent.records) : undefined!;

  function keyOf(q: RowQuery): string {
    const f = q.filter;
    return JSON.stringify([[...f.hidden].sort(), f.text.trim().toLowerCase(), f.runId, f.threadId, q.coalesce, !!f.errorsOnly]);
  }

  // Only the query asked for last scans on: one typed a letter at a time would otherwise start
  // a scan of the whole session per letter, all sharing this thread. A scan left unfinished
  // answers what it found (not complete) and starts again if its query is asked for again.
  let latest = "";

  function rowsFor(q: RowQuery): { rows: RowIndex; waiters?: (() => void)[]; dropped?: boolean } {
    if (!needsScan(q) && dense) {
      latest = "";
      return { rows: plain };
    }
    const key = keyOf(q);
    latest = key;
    let scan = scans.get(key);
    // A finished scan of a session that grew since goes on from where it ended. ("Errors only"
    // starts over: a finding about an earlier record may have come with the new ones.)
    if (scan?.rows.complete && scan.rows.scannedTo < extent.lastSeq) {
      if (q.filter.errorsOnly) scans.delete(key), (scan = undefined);
      else {
        scan.rows.reopen();
        void runScan(q, key, scan);
      }
    }
    if (scan) return scan;
    // "Errors only" needs the fold's findings; the scan fills this set before its first match.
    const flagged = new Set<number>();
    scan = { rows: createScannedRows(q, flagged), waiters: [], flagged };
    scans.set(key, scan);
    // Only the latest few queries are kept (an index is 8 bytes a row).
    while (scans.size > 4) scans.delete(scans.keys().next().value!);
    void runScan(q, key, scan);
    return scan;
  }

  async function runScan(q: RowQuery, key: string, scan: Scan) {
    const wake = () => scan.waiters.splice(0).forEach((w) => w());
    /** Whether another query was asked for since: then this scan stops here. */
    const superseded = () => {
      if (latest === key) return false;
      scan.dropped = true;
      if (scans.get(key) === scan) scans.delete(key);
      return true;
    };
    // A chunk whose stored text cannot hold the search is passed over undecoded.
    const mayHold = textMayMatch(q.filter.text);
    // A chunk that gave rows goes to the cache: the rows about to be asked for are in it.
    const found = (chunk: StoredChunk) => {
      scanReads++;
      if (mayHold && chunk.json !== undefined && !mayHold(chunk.json)) return void scan.rows.passed(Math.min(chunk.lastSeq, extent.lastSeq));
      const before = scan.rows.length;
      scan.rows.add(chunk.records, extent.lastSeq);
      if (scan.rows.length > before) cache.remember(chunk);
    };
    try {
      if (q.filter.errorsOnly) for (const seq of flaggedByFindings((await folded()).findings)) scan.flagged?.add(seq);
      // Up to the extent known now; a session that grows later is scanned on when asked again.
      const end = extent.lastSeq;
      // A search the text index can answer reads only the chunks it may be in.
      const indexed = textIndexProbe(q.filter.text);
      while (scan.rows.scannedTo < end) {
        const from = scan.rows.scannedTo + 1;
        // Summaries rule chunks out only for a family, run or thread filter.
        const summaries = index?.chunks.filter((c) => c.lastSeq >= from);
        if (indexed) {
          // The fold's chunk summaries rule out a family, run or thread beside, when they cover the
          // chunk as indexed (one that grew since its summary may hold anything in its new records).
          const byStart = new Map(summaries?.map((c) => [c.firstSeq, c]));
          const summaryOk = (g: ChunkGrams) => {
            const c = byStart.get(g.firstSeq);
            return !c || c.lastSeq < g.lastSeq || chunkMayMatch(q, c);
          };
          const mayHold = (g: ChunkGrams) => indexed(g) && summaryOk(g);
          try {
            for await (const step of indexedChunks(db, sessionId, from, end, mayHold)) {
              if ("chunk" in step) {
                found(step.chunk);
                if (!step.indexed) backfill.offer(step.chunk);
              } else scan.rows.passed(step.passed);
              if (superseded()) return;
              wake();
            }
          } finally {
            void backfill.flush();
          }
          scan.rows.passed(end);
        } else if (summaries?.length && summaries.some((c) => !chunkMayMatch(q, c))) {
          for (const c of summaries) {
            if (chunkMayMatch(q, c)) {
              const chunk = await readChunkAt(db, sessionId, Math.max(from, c.firstSeq));
              if (chunk) found(chunk);
            }
            scan.rows.passed(Math.min(c.lastSeq, end));
            if (superseded()) return;
            wake();
          }
        } else {
          for await (const chunk of iterateChunks(db, sessionId, from)) {
            if (chunk.firstSeq > end) break;
            found(chunk);
            if (superseded()) return;
            wake();
          }
          // Whatever is stored has been read: nothing up to the extent is left.
          scan.rows.passed(end);
        }
      }
      scan.rows.finish();
    } catch (err) {
      // An unreadable session ends the scan with what it found.
      scan.rows.finish();
      throw err;
    } finally {
      wake();
    }
  }

  /**
   * Rows [from, to) under the query. A scan still running answers early, so a search shows its
   * first matches before it has read the whole session: once a screenful is found, or once
   * anything new is found and STREAM_MS have passed. `seen` (the end of the rows the asker
   * already holds from `from`) asks for such an early answer with more than that; without it
   * the answer waits for the whole range.
   */
  async function rows(q: RowQuery, from: number, to: number, seen?: number): Promise<RowsAnswer> {
    const scan = rowsFor(q);
    const { rows: list, waiters } = scan;
    const started = Date.now();
    const floor = Math.max(from, seen ?? to);
    const enough = () =>
      list.complete || list.length >= to || (list.length > floor && (list.length >= from + SCREEN_ROWS || Date.now() - started >= STREAM_MS));
    while (!enough() && waiters && !scan.dropped) await new Promise<void>((r) => waiters.push(r));
    // What is answered is what was known here: the scan goes on while the records are read.
    const total = list.length;
    const complete = list.complete;
    const end = Math.min(to, total);
    const out: PagedRow[] = [];
    // Record by record: a sparse match's rows lie far apart, and the chunks between are not read.
    for (let i = Math.max(0, from); i < end; i++) out.push({ record: (await cache.record(list.seqAt(i)))!, count: list.countAt(i) });
    return { total, complete, from: Math.max(0, from), rows: out };
  }

  /** The row position of the last row at or before seq, and the rows' total so far (once the scan has passed seq). */
  async function positionOf(q: RowQuery, seq: number, waitComplete = true): Promise<{ position: number; total: number }> {
    const scan = rowsFor(q);
    const { rows: list, waiters } = scan;
    const scanned = () => list.complete || ("scannedTo" in list && (list as ScannedRows).scannedTo >= seq);
    while (waitComplete && !scanned() && waiters && !scan.dropped) await new Promise<void>((r) => waiters.push(r));
    return { position: list.positionOf(seq), total: list.length };
  }

  // ---- seeking ----
  let warm: { seq: number; snap: CoreSnapshot } | undefined;
  async function snapshotAt(seq: number): Promise<CoreSnapshot> {
    if (warm?.seq === seq) return warm.snap;
    const stored = (await checkpointAt(db, sessionId, seq)) as StoredCheckpoint;
    warm = { seq, snap: stored.snap };
    return stored.snap;
  }

  function laneOk(thread: string, r: SessionRecord): boolean {
    if ((r.threadId ?? NO_THREAD) !== thread) return false;
    return thread !== NO_THREAD || r.kind === "event" || r.kind === "bad-frame";
  }

  // One fold kept open: a seek after the last one (→, a drag forward) goes on from there, and
  // from the nearest checkpoint otherwise. Its tag changes whenever its state may have, so the
  // page can be told "the state you hold is still right" instead of being sent it again.
  let live: { thread: string; seq: number; fold: ResumedFold; tag: number } | undefined;
  let tags = 0;

  function checkpointBefore(thread: string, target: number): number {
    const cks = byThread!.get(thread) ?? [];
    let at = -1;
    for (let lo = 0, hi = cks.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (cks[mid] <= target) (at = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    return at >= 0 ? cks[at] : 0;
  }

  /** The live fold of `thread` moved to right after `target`. */
  async function foldTo(thread: string, target: number) {
    const ck = checkpointBefore(thread, target);
    if (!live || live.thread !== thread || live.seq > target || live.seq < ck) {
      const snap = ck > 0 ? await snapshotAt(ck) : undefined;
      live = { thread, seq: ck, fold: resumeFold(snap, failed!), tag: ++tags };
    }
    await advance(live, target);
    return live;
  }

  /**
   * Apply the fold's records up to `target`; returns the state before them, whole: the deltas
   * write copy on write, so it shares every object they left alone with the state after.
   */
  async function advance(fold: NonNullable<typeof live>, target: number): Promise<unknown> {
    if (fold.seq >= target) return fold.fold.state;
    const records = (await cache.range(fold.seq + 1, target)).filter((r) => laneOk(fold.thread, r));
    const delta = records.some((r) => r.kind === "event" && r.event.type === "STATE_DELTA");
    const before = fold.fold.state;
    if (delta) fold.fold.keepState();
    for (const r of records) fold.fold.apply(r);
    if (delta || fold.fold.state !== before) fold.tag = ++tags;
    fold.seq = target;
    return before;
  }

  /**
   * State and messages right after seq in its thread, and what that record changed; `heldId`
   * names the answer the asker holds: what is still right in it is not sent again. Seeks
   * run one at a time (they move the one live fold), and the state answered is the live fold's
   * own until the next seek: the port's structured clone is the copy the page gets.
   */
  let seeking: Promise<unknown> = Promise.resolve();
  let sent: { id: number; stateTag: number; messages: Message[]; from: number } | undefined;
  let answers = 0;
  /** Seeks and seeds run one after another: both move the one live fold. */
  function queued<T>(work: () => Promise<T>): Promise<T> {
    const run = seeking.then(work);
    seeking = run.catch(() => {});
    return run;
  }
  /** `shown`: how many of the conversation's last messages the asker shows (all when undefined). */
  function at(seq: number, heldId?: number, shown?: number): Promise<SeekAnswer> {
    return queued(() => seekNow(seq, heldId, shown));
  }

  /** The thread a seek at seq shows: the record's own, else the first thread's (undefined: none). */
  async function laneFor(seq: number) {
    const i = await folded();
    const record = await cache.record(seq);
    const lane = record ? (record.threadId ?? NO_THREAD) : undefined;
    const threads = i.lanes.filter((t) => t !== NO_THREAD);
    const replay = lane !== undefined && i.lanes.includes(lane) ? lane : i.lanes.includes(threads[0] ?? NO_THREAD) ? (threads[0] ?? NO_THREAD) : undefined;
    return { lane, replay, end: replay === undefined ? undefined : ends().get(replay)! };
  }

  /** All of the messages and the state right after seq, as a fork is seeded (the held seek is left as it is). */
  function seedAt(seq: number): Promise<{ messages: Message[]; state: unknown; threadId: string | undefined }> {
    return queued(async () => {
      const { lane, replay, end } = await laneFor(seq);
      if (replay === undefined || !end) return { messages: [], state: undefined, threadId: undefined };
      const target = Math.max(0, Math.min(Math.floor(seq), end.lastSeq));
      if (target === end.lastSeq) return { messages: end.messages, state: end.state, threadId: lane };
      const fold = await foldTo(replay, target);
      return { messages: fold.fold.messages(), state: fold.fold.state, threadId: lane };
    });
  }

  async function seekNow(seq: number, heldId?: number, shown?: number): Promise<SeekAnswer> {
    const { lane, replay, end } = await laneFor(seq);
    if (replay === undefined || !end) return { seq, id: (sent = undefined, ++answers), state: undefined, messages: [], keptMessages: 0, messagesFrom: 0, messageCount: 0, change: NO_CHANGE, threadId: undefined };
    const clamp = (n: number) => Math.max(0, Math.min(Math.floor(n), end.lastSeq));
    const target = clamp(seq);
    let prev: unknown;
    let state: unknown;
    let messages: Message[];
    let tag: number;
    // The tag of the state right before seq, when this seek folded it (the asker may hold it).
    let prevTag: number | undefined;
    if (target === end.lastSeq) {
      // The thread's end is in the index: no fold.
      if (seq > 1) prev = clamp(seq - 1) === target ? end.state : (await foldTo(replay, clamp(seq - 1))).fold.state;
      state = structuredClone(end.state);
      messages = end.messages.slice();
      tag = ++tags;
    } else {
      const fold = seq > 1 ? await foldTo(replay, clamp(seq - 1)) : await foldTo(replay, target);
      if (seq > 1) {
        prevTag = fold.tag;
        prev = await advance(fold, target);
      }
      state = fold.fold.state;
      messages = fold.fold.messages();
      tag = fold.tag;
    }
    // (prev stays undefined at the first record: all of the state is what it changed)
    const { change, ops } = stateChangeOps(prev, state);
    // Only the last `shown` messages cross to the page (a day-long thread's are megabytes the
    // page would hold for a panel that draws a screen of them): the window [from, count).
    const count = messages.length;
    const from = shown === undefined ? 0 : Math.max(0, count - Math.max(0, Math.floor(shown)));
    // What the asker holds is what this session answered last (seeks are one at a time), if the
    // id it names is that answer's: then only what changed crosses to the page. The messages
    // are immutable objects (a change replaces one), so a kept one is the same object. The
    // asker's window must reach back to this one's start for it to keep any of it.
    const holds = heldId !== undefined && sent?.id === heldId ? sent : undefined;
    const same = holds?.stateTag === tag;
    let upTo = from;
    if (holds && holds.from <= from) while (upTo < count && upTo < holds.messages.length && messages[upTo] === holds.messages[upTo]) upTo++;
    sent = { id: ++answers, stateTag: tag, messages, from };
    const tail = messages.slice(upTo);
    const asText = upTo === from && tail.length > (options.messagesAsText ?? 100);
    // The asker holds the state right before this record: the operations from it, if few, not the whole state.
    const patch = !same && holds && prevTag !== undefined && holds.stateTag === prevTag && ops && ops.length <= (options.patchOps ?? 500) ? ops : undefined;
    return {
      seq,
      id: sent.id,
      state: same || patch ? undefined : state,
      sameState: same || undefined,
      statePatch: patch,
      messages: asText ? [] : tail,
      messagesJson: asText ? JSON.stringify(tail) : undefined,
      keptMessages: upTo - from,
      messagesFrom: from,
      messageCount: count,
      change,
      threadId: lane,
    };
  }

  // ---- growth: a session still being recorded ----
  let indexTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Take in what was stored since: the extent, the rows (a running or finished scan goes on from
   * where it was), the fold (seeks and the overview wait for it to reach the new end). The fold
   * index is written once growth pauses, so a reopen after the recording ends folds nothing.
   */
  async function grow() {
    const now = await sessionExtent(db, sessionId);
    if (!now || now.lastSeq <= extent.lastSeq) return info();
    // (a cached chunk that held the old end is still right for every seq it holds; a seq past
    // its end misses it and reads the chunk as it is now)
    extent = now;
    dense = dense && extent.lastSeq - first + 1 === extent.records;
    plain = dense ? identityRows(first, extent.records) : undefined!;
    const to = extent.lastSeq;
    ready = ready.catch(() => undefined).then(() => foldUpTo(to));
    ready.catch(() => {});
    clearTimeout(indexTimer);
    indexTimer = setTimeout(() => void ready.then(writeIndex).catch(() => {}), options.indexWriteMs ?? 2000);
    return info();
  }

  const info = () => ({ firstSeq: first, lastSeq: extent.lastSeq, records: extent.records, folded: !!index, foldedBefore });

  // ---- whole-session facts, from the fold index ----
  function runTools(runId: string | undefined): Tool[] | undefined {
    return runId === undefined ? undefined : new Map(index?.declaredTools ?? []).get(runId);
  }

  async function openToolCalls(): Promise<OpenToolCall[]> {
    const i = await folded();
    return i.ends.filter((end) => end.threadId !== NO_THREAD).flatMap((end) => {
      const last = end.runs.at(-1);
      return openToolCallsOf(end.threadId, last, end.messages, runTools(last?.runId));
    });
  }

  async function pendingInterrupts(): Promise<{ threadId: string; runId?: string; interrupts: Interrupt[] }[]> {
    const i = await folded();
    return i.ends
      .filter((e) => e.threadId !== NO_THREAD)
      .map((e) => ({ threadId: e.threadId, runId: e.runs[e.runs.length - 1]?.runId, interrupts: e.pendingInterrupts }))
      .filter((p) => p.interrupts.length > 0);
  }

  // ---- export, streamed ----
  async function* exportLines(header: SessionHeader, options: ExportOptions = {}): AsyncGenerator<string> {
    yield encodeHeaderLine(exportHeader(header, options));
    const select = options.select ?? { kind: "session" as const };
    let wanted: (r: SessionRecord) => boolean = () => true;
    if (select.kind === "range") wanted = (r) => r.seq >= select.from && r.seq <= select.to;
    else if (select.kind === "seqs") {
      const set = new Set(select.seqs);
      wanted = (r) => set.has(r.seq);
    } else if (select.kind === "run") {
      // A run is its records plus the untagged ones of its exchanges: find those exchanges first.
      const exchanges = new Set<number>();
      for await (const chunk of iterateChunks(db, sessionId)) for (const r of chunk.records) if (r.runId === select.runId) exchanges.add(r.x);
      wanted = (r) => r.runId === select.runId || (r.runId === undefined && exchanges.has(r.x));
    }
    for await (const chunk of iterateChunks(db, sessionId)) {
      let out = "";
      for (const r of chunk.records) if (wanted(r)) out += encodeRecordLine(redactRecord(r, options.redact));
      if (out) yield out;
    }
  }

  return {
    sessionId,
    info,
    grow,
    ready: () => ready.then(() => undefined),
    /** Write the fold index now if growth left it unwritten (the page closed the session). */
    async persist() {
      clearTimeout(indexTimer);
      await ready.then(writeIndex);
    },
    rows,
    positionOf,
    record: (seq: number) => cache.record(seq),
    at,
    findings: async (): Promise<Finding[]> => (await folded()).findings,
    runs: async (): Promise<RunInfo[]> => (await folded()).runs,
    threads: async (): Promise<string[]> => (await folded()).lanes.filter((t) => t !== NO_THREAD),
    threadMessages: async (threadId: string): Promise<Message[]> => (await folded()).ends.find((e) => e.threadId === threadId)?.messages ?? [],
    threadState: async (threadId: string): Promise<unknown> => (await folded()).ends.find((e) => e.threadId === threadId)?.state,
    runTools: async (runId: string | undefined) => (await folded(), runTools(runId)),
    declaredTools: async () => (await folded()).declaredTools,
    /** Per-run timing, all of it or runs [from, to). */
    runTimings: async (from = 0, to = Number.MAX_SAFE_INTEGER) => (await folded()).runTimings.slice(from, to),
    /** The waterfall as the page draws it (a stored session is not live: its open runs end at their last record). */
    waterfall: async () => drawnWaterfall(waterfall((await folded()).runTimings)),
    toolCalls: async () => (await folded()).toolCalls,
    /**
     * One thread's messages and state after its last record, as JSON text, asked for when a
     * follow-up run needs them: a long thread's are megabytes the page does not hold otherwise.
     */
    threadEnd: async (threadId: string): Promise<string | undefined> => {
      const end = (await folded()).ends.find((e) => e.threadId === threadId);
      return end && JSON.stringify({ messages: end.messages, state: end.state });
    },
    seedAt,
    openToolCalls,
    pendingInterrupts,
    exportLines,
    /** Once the text indexes searches built for old chunks are stored: how many were stored. */
    indexesStored: () => backfill.flush().then(() => backfill.added()),
    cacheStats: () => ({ chunks: cache.size(), cap: cache.cap, reads: cache.reads(), scanReads, gramsAdded: backfill.added() }),
  };
}

async function firstChunk(db: InspectorDb, sessionId: string) {
  for await (const c of iterateChunks(db, sessionId, 1, 1)) return c;
  return undefined;
}

export type PagedSession = Awaited<ReturnType<typeof openPagedSession>>;
export type { TimelineFilter };
