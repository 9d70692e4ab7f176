import { batch, computed, signal } from "@preact/signals";
import type { SessionRecord } from "../core/session/record";
import type { Message, Tool } from "../core/protocol/events";
import type { Finding, Interrupt, RunInfo } from "../core/replay";
import { createThreadReplays, type ThreadReplays } from "./thread-replays";
import { coalesceKey, isFiltering, matcher, NO_FILTER, type TimelineFilter } from "./filters";
import { flaggedByFindings } from "../core/severity";
import { forkInputAt, pendingToolCalls, type ForkInput } from "../core/session/fork";
import { createPagedMode, type PagedMode, type PagedModeOptions } from "./paged-view";
import type { PagedRow, SessionPort } from "./session-port";
import { openToolCallsOf, type OpenToolCall } from "./open-tool-calls";
import { NO_CHANGE, stateChange, type StateChange } from "./state-change";

export type { OpenToolCall } from "./open-tool-calls";

/** The cursor's place: state and messages right after it, in its thread. */
export interface CursorView {
  seq: number;
  state: unknown;
  /** The conversation's last messages (see messagesShown): those from `messagesFrom` on, of `messageCount`. */
  messages: Message[];
  messageCount: number;
  messagesFrom: number;
  threadId: string | undefined;
}

/** Messages the panel shows at first, and how many more each "show earlier" adds. */
export const MESSAGES_SHOWN = 100;

export interface TimelineRow {
  /** Index into records. */
  index: number;
  /** Rows folded into this one by coalescing (1 = itself). */
  count: number;
}


/**
 * A session as the UI sees it: the append-only record log, one replay per thread, the cursor,
 * filters and everything derived from them. Records are appended in place and a version signal
 * says so, so a 100k-record log is never copied per frame.
 *
 * A stored session may instead be opened as a window (`openPaged`): the worker holds it, and the
 * same signals are fed from the pages and seeks it answers (see paged-view.ts). The UI reads
 * rows through `rowCount`/`rowAt`, which work the same in both modes.
 */
export function createSessionView() {
  let records: SessionRecord[] = [];
  let replays: ThreadReplays = createThreadReplays();
  /** Tools each run's request declared, indexed as records arrive (read every frame while live). */
  let declaredTools = new Map<string, Tool[] | undefined>();
  const version = signal(0);
  const cursor = signal<number | null>(null);
  const filter = signal<TimelineFilter>(NO_FILTER);
  const coalesce = signal(false);
  const paged = signal<PagedMode | null>(null);
  /** How many of the conversation's last messages the view holds and shows (a window's are asked for; the rest stay in the worker). */
  const messagesShown = signal(MESSAGES_SHOWN);

  const lastSeq = computed(() => (paged.value ? paged.value.info.lastSeq : (version.value, records.length ? records[records.length - 1].seq : 0)));
  const cursorSeq = computed(() => cursor.value ?? lastSeq.value);
  const following = computed(() => cursor.value === null);

  function recordAt(seq: number): SessionRecord | undefined {
    if (!records.length) return undefined;
    const guess = records[seq - records[0].seq];
    if (guess?.seq === seq) return guess;
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = records[mid].seq;
      if (s === seq) return records[mid];
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  // Rows are extended incrementally while the filter stays the same (a live run appends).
  let rowCache: { filter: TimelineFilter; coalesce: boolean; upTo: number; rows: TimelineRow[]; lastKey: string | null; flagged?: Set<number> } | null = null;
  const rows = computed<TimelineRow[]>(() => {
    version.value;
    if (paged.value) return [];
    const f = filter.value;
    const c = coalesce.value;
    // "Errors only" also keeps rows the findings mark; a finding about an earlier row starts over.
    const flagged = f.errorsOnly ? flaggedByFindings(findings.value) : undefined;
    const sameFlags = !flagged || (rowCache?.flagged?.size === flagged.size && [...flagged].every((s) => rowCache!.flagged!.has(s)));
    if (!rowCache || rowCache.filter !== f || rowCache.coalesce !== c || rowCache.upTo > records.length || !sameFlags) {
      rowCache = { filter: f, coalesce: c, upTo: 0, rows: [], lastKey: null, flagged };
    }
    const match = isFiltering(f) ? matcher(f, flagged) : null;
    const cache = rowCache;
    let out = cache.rows;
    if (cache.upTo < records.length) out = out.slice();
    for (let i = cache.upTo; i < records.length; i++) {
      const r = records[i];
      if (match && !match(r)) continue;
      const key = c ? coalesceKey(r) : null;
      if (key !== null && key === cache.lastKey && out.length) {
        const last = out[out.length - 1];
        out[out.length - 1] = { index: last.index, count: last.count + 1 };
        continue;
      }
      cache.lastKey = key;
      out.push({ index: i, count: 1 });
    }
    cache.upTo = records.length;
    cache.rows = out;
    return out;
  });

  const selected = computed(() => (paged.value ? paged.value.selected.value : (version.value, recordAt(cursorSeq.value))));

  /** Rows shown under the filters, and the row at a position (undefined while a page loads). */
  const rowCount = computed(() => (paged.value ? paged.value.total.value : rows.value.length));
  function rowAt(i: number): PagedRow | undefined {
    const p = paged.value;
    if (p) return p.rowAt(i);
    const row = rows.value[i];
    return row && { record: records[row.index], count: row.count };
  }
  const firstSeq = computed(() => (paged.value ? paged.value.info.firstSeq : (version.value, records[0]?.seq ?? 0)));
  /** Time of the first record, that row times count from. */
  const originT = computed(() => (paged.value ? paged.value.originT.value : (version.value, records[0]?.t)));
  /** Position of the cursor's row (or the last row before it) under the filters. */
  const cursorRow = computed(() => {
    if (paged.value) return paged.value.cursorRow.value;
    const list = rows.value;
    const seq = cursorSeq.value;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = records[list[mid].index].seq;
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return Math.max(0, hi);
  });

  /** State and messages right after the cursor, in the cursor's thread. */
  const view = computed<CursorView>(() => {
    version.value;
    const seq = cursorSeq.value;
    const p = paged.value;
    if (p) {
      const here = p.seek.value;
      if (!here) return { seq, state: undefined, messages: [], messageCount: 0, messagesFrom: 0, threadId: undefined };
      // (its messages are a getter that decodes them when read: passed on unread)
      const out = { seq: here.seq, state: here.state, threadId: here.threadId, messageCount: here.messageCount, messagesFrom: here.messagesFrom } as CursorView;
      Object.defineProperty(out, "messages", { get: () => here.messages, enumerable: true });
      return out;
    }
    const replay = replays.forSeq(seq) ?? replays.forThread(replays.threads()[0] ?? "");
    if (!replay) return { seq, state: undefined, messages: [], messageCount: 0, messagesFrom: 0, threadId: undefined };
    const here = replay.at(seq);
    // The same window a paged session's seek answers.
    const from = Math.max(0, here.messages.length - messagesShown.value);
    return { seq, state: here.state, messages: from ? here.messages.slice(from) : here.messages, messageCount: here.messages.length, messagesFrom: from, threadId: replays.laneOf(seq) };
  });

  /** What the record at the cursor changed in the state (a window's comes with its seek, worked out in the worker). */
  const stateChangeAt = computed<StateChange>(() => {
    const p = paged.value;
    if (p) return p.seek.value?.change ?? NO_CHANGE;
    const { seq, state } = view.value;
    const replay = replays.forSeq(seq) ?? replays.forThread(replays.threads()[0] ?? "");
    return stateChange(seq > 1 && replay ? replay.stateAt(seq - 1) : undefined, state);
  });

  const findings = computed<Finding[]>(() => {
    version.value;
    if (paged.value) return paged.value.overview.value?.findings ?? [];
    const all = replays.all().flatMap((r) => r.findingsUpTo());
    return all.sort((a, b) => a.seq - b.seq);
  });

  const runs = computed<RunInfo[]>(() => {
    version.value;
    if (paged.value) return paged.value.overview.value?.runs ?? [];
    return replays
      .all()
      .flatMap((r) => r.runs())
      .sort((a, b) => a.startSeq - b.startSeq);
  });

  const threads = computed(() => (paged.value ? (paged.value.overview.value?.threads ?? []) : (version.value, replays.threads())));

  function append(batchOf: readonly SessionRecord[]) {
    if (!batchOf.length) return;
    for (const r of batchOf) {
      records.push(r);
      if (r.kind === "request" && r.op === "run" && r.runId !== undefined) {
        const body = r.body as { tools?: Tool[]; body?: { tools?: Tool[] } } | undefined;
        declaredTools.set(r.runId, body?.tools ?? body?.body?.tools);
      }
    }
    replays.append(batchOf);
    version.value++;
  }

  function reset(next: SessionRecord[] = []) {
    batch(() => {
      paged.value?.close();
      paged.value = null;
      records = [];
      declaredTools = new Map();
      replays = createThreadReplays({ checkSchema: false });
      rowCache = null;
      cursor.value = null;
      messagesShown.value = MESSAGES_SHOWN;
      append(next);
      version.value++;
    });
  }

  let stepping: Promise<void> = Promise.resolve();
  /**
   * A cursor move on a window is answered by the worker, asynchronously: moves run one after
   * another, in key order (two quick `j` move two rows; `j` then `n` finds from the row `j` reached),
   * and each starts where the one before ended. `target` gets that start; undefined stays put.
   */
  function queueMove(p: PagedMode, target: (from: number) => Promise<number | null | undefined>) {
    stepping = stepping
      .then(async () => {
        if (paged.value !== p) return;
        const seq = await target(cursorSeq.peek());
        if (seq !== undefined && paged.value === p) select(seq);
      })
      .catch(() => {});
  }

  /**
   * Move the cursor to what `target` picks from the cursor's seq (undefined: stay). On a window it
   * waits for the moves before it and for the session's overview (its findings), so a key pressed
   * before the worker answered is applied, not lost.
   */
  function moveBy(target: (from: number) => number | null | undefined) {
    const p = paged.value;
    if (p) return queueMove(p, async (from) => (await p.overviewReady, target(from)));
    const seq = target(cursorSeq.value);
    if (seq !== undefined) select(seq);
  }

  /** Move the cursor over the visible rows (filters apply), by `delta` rows. */
  function step(delta: number) {
    const p = paged.value;
    if (p) return queueMove(p, (from) => p.stepFrom(from, delta));
    const list = rows.value;
    if (!list.length) return;
    const at = cursorSeq.value;
    let pos = list.findIndex((row) => records[row.index].seq >= at);
    if (pos < 0) pos = list.length - 1;
    else if (records[list[pos].index].seq > at && delta > 0) pos -= 1;
    const next = Math.max(0, Math.min(list.length - 1, pos + delta));
    select(records[list[next].index].seq);
  }

  /** Whether the session in view holds this seq (a paged session's records stay in the worker). */
  function hasSeq(seq: number): boolean {
    const window = paged.value;
    if (window) return window.info.records > 0 && seq >= window.info.firstSeq && seq <= window.info.lastSeq;
    return recordAt(seq) !== undefined;
  }

  /** null follows the live end. */
  function select(seq: number | null) {
    cursor.value = seq;
  }

  /** Messages of a thread after its last record: what a follow-up run sends. */
  function threadMessages(threadId: string): Message[] {
    if (paged.value) return paged.value.threadEnd(threadId)?.messages ?? [];
    const replay = replays.forThread(threadId);
    return replay ? replay.messagesAt(replay.lastSeq) : [];
  }

  /** Have a thread's end at hand for threadMessages/threadState (a window asks the worker for it). */
  async function loadThread(threadId: string): Promise<void> {
    await paged.value?.loadThreadEnd(threadId);
  }

  function threadState(threadId: string): unknown {
    if (paged.value) return paged.value.threadEnd(threadId)?.state;
    const replay = replays.forThread(threadId);
    return replay ? replay.stateAt(replay.lastSeq) : undefined;
  }

  /** Messages and state right after `seq` in its thread: the seed of a forked run. */
  function forkAt(seq: number): ForkInput {
    const p = paged.value;
    // A window answers from the seek it holds (the cursor's), with the messages window it holds:
    // forkSeed asks the worker for all of them.
    if (p) {
      const here = p.seek.value;
      return { seq, messages: (here?.messages ?? []).filter((m) => m.role !== "activity"), state: here?.state, pendingToolCalls: [], pendingInterrupts: [], ...(here?.threadId ? { threadId: here.threadId } : {}) };
    }
    return forkInputAt(records, seq, replays.forSeq(seq));
  }

  /** Frontend tool calls the last run of each thread left without a result. */
  const openToolCalls = computed<OpenToolCall[]>(() => {
    version.value;
    if (paged.value) return paged.value.overview.value?.openToolCalls ?? [];
    return replays.threads().flatMap((threadId) => {
      const replay = replays.forThread(threadId)!;
      const last = replay.runs().at(-1);
      // a running thread has none yet: skip rebuilding its messages on every live record
      if (!last || last.outcome === "running") return [];
      return openToolCallsOf(threadId, last, replay.messagesAt(replay.lastSeq), runTools(last.runId));
    });
  });

  const pendingInterrupts = computed<{ threadId: string; runId?: string; interrupts: Interrupt[] }[]>(() => {
    version.value;
    if (paged.value) return paged.value.overview.value?.pendingInterrupts ?? [];
    return replays
      .threads()
      .map((threadId) => {
        const replay = replays.forThread(threadId)!;
        const runsOf = replay.runs();
        return { threadId, runId: runsOf[runsOf.length - 1]?.runId, interrupts: replay.pendingInterruptsAt(replay.lastSeq) };
      })
      .filter((p) => p.interrupts.length > 0);
  });

  /** The tools a run's request declared (undefined when the run was not sent from here). */
  function runTools(runId: string | undefined): Tool[] | undefined {
    const p = paged.value;
    if (p) return runId === undefined ? undefined : p.overview.value?.declaredTools.find(([id]) => id === runId)?.[1];
    return runId === undefined ? undefined : declaredTools.get(runId);
  }

  return {
    version,
    cursor,
    cursorSeq,
    following,
    filter,
    coalesce,
    rows,
    lastSeq,
    selected,
    view,
    stateChange: stateChangeAt,
    findings,
    runs,
    threads,
    openToolCalls,
    pendingInterrupts,
    records: () => records,
    recordAt,
    hasSeq,
    append,
    reset,
    step,
    select,
    moveBy,
    home: () => {
      const p = paged.value;
      if (p) return queueMove(p, () => p.stepFrom(-1, 0));
      const first = rows.value[0];
      if (first) select(records[first.index].seq);
    },
    /** Follow the live end (on a window, after the moves before it). */
    end: () => {
      const p = paged.value;
      if (p) return queueMove(p, async () => null);
      select(null);
    },
    threadMessages,
    threadState,
    loadThread,
    messagesShown,
    /** Show `MESSAGES_SHOWN` more of the conversation's earlier messages. */
    showEarlierMessages() {
      messagesShown.value = messagesShown.peek() + MESSAGES_SHOWN;
    },
    /** A fork's seed from `seq`, with all of its messages (a window's come from the worker). */
    async forkSeed(seq: number): Promise<ForkInput> {
      const p = paged.value;
      if (!p) return forkAt(seq);
      const here = await p.seedAt(seq);
      const messages = here.messages.filter((m) => m.role !== "activity");
      return { seq, messages, state: here.state, pendingToolCalls: pendingToolCalls(messages), pendingInterrupts: [], ...(here.threadId ? { threadId: here.threadId } : {}) };
    },
    runTools,
    forkAt,
    paged,
    rowCount,
    rowAt,
    firstSeq,
    originT,
    cursorRow,
    /**
     * Hold a stored session as a window the worker pages, instead of loading its records. `live`:
     * a session still being recorded, handed over from memory (see recording.ts): the cursor stays
     * where it was (following the end, or on its record) and `grow` brings in what is stored next.
     */
    async openPaged(port: SessionPort, sessionId: string, options?: PagedModeOptions) {
      const info = await port.open(sessionId);
      const at = cursor.peek();
      const shown = messagesShown.peek();
      batch(() => {
        reset();
        // (a live recording handed over keeps what the person was looking at)
        if (options?.live) messagesShown.value = shown;
        paged.value = createPagedMode(port, sessionId, info, { cursorSeq, filter, coalesce, messagesShown }, options);
        cursor.value = options?.live ? at : info.records ? info.firstSeq : null;
      });
    },
  };
}

export type SessionView = ReturnType<typeof createSessionView>;
