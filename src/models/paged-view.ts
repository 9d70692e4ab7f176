import { batch, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { SessionRecord } from "../core/session/record";
import type { Message } from "../core/protocol/events";
import { isFiltering, type TimelineFilter } from "./filters";
import type { PagedRow, PagedSessionInfo, RowQuery, SessionOverview, SessionPort } from "./session-port";
import type { CursorView } from "./session-view";
import type { StateChange } from "./state-change";
import { share } from "./share";
import { patchShared } from "./patch-shared";
import { LazyMessages } from "./lazy-messages";

// The session view's window onto a stored session: the rows it shows are fetched a page at a
// time from the worker (at most `maxPages` pages held), the state at the cursor is asked for
// when the cursor moves (one request in flight, the latest cursor wins), and whole-session facts
// arrive once the worker has folded the session.

export interface PagedModeOptions {
  pageSize?: number;
  maxPages?: number;
  /** A live recording handed over from memory: it grows (see grow). */
  live?: boolean;
}

export function createPagedMode(
  port: SessionPort,
  sessionId: string,
  opened: PagedSessionInfo,
  deps: { cursorSeq: ReadonlySignal<number>; filter: ReadonlySignal<TimelineFilter>; coalesce: ReadonlySignal<boolean>; messagesShown: ReadonlySignal<number> },
  options: PagedModeOptions = {},
) {
  const pageSize = options.pageSize ?? 200;
  /** The session's extent: it moves on when a session still being recorded grows (see grow). */
  const info = signal(opened);
  const maxPages = options.maxPages ?? 16;
  const total = signal(0);
  const complete = signal(false);
  const version = signal(0);
  const seek = signal<(CursorView & { change: StateChange }) | null>(null);
  /** The last seek answer, put together (see SeekAnswer.id): its messages are the window from `from` on. */
  let held: { id: number; state: unknown; messages: LazyMessages; from: number } | undefined;
  const selected = signal<SessionRecord | undefined>(undefined);
  const cursorRow = signal(-1);
  const overview = signal<SessionOverview | null>(null);
  const originT = signal<number | undefined>(undefined);
  const error = signal<string | null>(null);
  let pages = new Map<number, PagedRow[]>();
  /** One thread's end, asked for when a follow-up run on it is put together (a long thread's is megabytes: one is held). */
  let threadEnd: { threadId: string; value: Promise<{ messages: Message[]; state: unknown } | undefined>; got?: { messages: Message[]; state: unknown } } | null = null;
  const threadEndVersion = signal(0);
  let loading = new Set<number>();
  let generation = 0;
  let closed = false;

  const query = (): RowQuery => ({ filter: deps.filter.peek(), coalesce: deps.coalesce.peek() });
  const fail = (err: unknown) => void (closed || (error.value = `Reading the session failed: ${(err as Error)?.message ?? String(err)}`));

  function load(page: number, seen?: number) {
    if ((seen === undefined && loading.has(page)) || closed) return;
    seen ??= page * pageSize;
    loading.add(page);
    const gen = generation;
    const from = page * pageSize;
    port
      .rows(sessionId, query(), from, from + pageSize, seen)
      .then((answer) => {
        if (gen !== generation || closed) return;
        pages.delete(page);
        pages.set(page, answer.rows);
        while (pages.size > maxPages) pages.delete(pages.keys().next().value!);
        batch(() => {
          if (!complete.peek()) total.value = Math.max(total.peek(), answer.total);
          if (answer.complete) (complete.value = true), (total.value = answer.total);
          version.value = version.peek() + 1;
        });
        // The worker is still finding this page's rows: show these, and ask for the rest.
        if (!answer.complete && answer.rows.length < pageSize && pages.has(page)) load(page, Math.max(seen!, from + answer.rows.length));
        else loading.delete(page);
      })
      .catch(fail);
  }

  /** Start over for the current filter: first screen first, then the count once it is final. */
  function restart() {
    generation++;
    pages = new Map();
    loading = new Set();
    batch(() => {
      total.value = 0;
      complete.value = false;
      // (peek: this runs inside the filter effect, which must not subscribe to what it writes)
      version.value = version.peek() + 1;
    });
    load(0);
    askTotal(() => void followCursor());
  }

  /** The rows' final count under the query, once the worker has it (dropped if the query changed since). */
  function askTotal(then?: () => void) {
    const gen = generation;
    port
      .positionOf(sessionId, query(), Number.MAX_SAFE_INTEGER)
      .then(({ total: n }) => {
        if (gen !== generation || closed) return;
        batch(() => {
          total.value = n;
          complete.value = true;
          version.value = version.peek() + 1;
        });
        then?.();
      })
      .catch(fail);
  }

  // The cursor's state, record and row: one request at a time, the newest cursor wins.
  let inFlight = false;
  let wanted: number | null = null;
  async function followCursor() {
    wanted = deps.cursorSeq.peek();
    if (inFlight) return;
    inFlight = true;
    try {
      while (wanted !== null && !closed) {
        const seq = wanted;
        wanted = null;
        const [answer, record, pos] = await Promise.all([port.at(sessionId, seq, held?.id, deps.messagesShown.peek()), port.record(sessionId, seq), port.positionOf(sessionId, query(), seq)]);
        if (closed) return;
        // Unchanged parts keep their identity, so the panels redraw only what this seek changed.
        const state = answer.sameState ? held!.state : answer.statePatch ? patchShared(held!.state, answer.statePatch) : share(held?.state, answer.state);
        const messages =
          answer.messagesJson !== undefined
            ? LazyMessages.fromJson(answer.messagesJson)
            : held && answer.keptMessages
              ? held.messages.keep(answer.keptMessages, answer.messages, answer.messagesFrom - held.from)
              : LazyMessages.of(answer.messages);
        held = { id: answer.id, state, messages, from: answer.messagesFrom };
        if (wanted === null || wanted === seq) {
          // messages: read (and decoded) only by whoever shows them
          const here = { seq: answer.seq, state, threadId: answer.threadId, change: answer.change, messageCount: answer.messageCount, messagesFrom: answer.messagesFrom } as CursorView & { change: StateChange };
          Object.defineProperty(here, "messages", { get: () => messages.get(), enumerable: true });
          batch(() => {
            seek.value = here;
            selected.value = record;
            cursorRow.value = pos.position;
          });
        }
      }
    } catch (err) {
      fail(err);
    } finally {
      inFlight = false;
    }
  }

  const stops = [
    effect(() => {
      deps.filter.value;
      deps.coalesce.value;
      restart();
    }),
    effect(() => {
      deps.cursorSeq.value;
      deps.messagesShown.value;
      void followCursor();
    }),
  ];
  // Settles (never rejects) once the overview is in or failed: queued finding steps wait for it.
  const overviewReady: Promise<void> = port.overview(sessionId).then((o) => void (closed || (overview.value = o)), fail);
  port.record(sessionId, opened.firstSeq).then((r) => void (closed || (originT.value = r?.t)), fail);

  function loadThreadEnd(threadId: string): Promise<{ messages: Message[]; state: unknown } | undefined> {
    if (threadEnd?.threadId === threadId) return threadEnd.value;
    const entry: NonNullable<typeof threadEnd> = {
      threadId,
      value: port.threadEnd(sessionId, threadId).then((json) => {
        const got = json === undefined ? undefined : (JSON.parse(json) as { messages: Message[]; state: unknown });
        if (threadEnd === entry && !closed) (entry.got = got), (threadEndVersion.value = threadEndVersion.peek() + 1);
        return got;
      }),
    };
    threadEnd = entry;
    entry.value.catch(() => threadEnd === entry && (threadEnd = null));
    return entry.value;
  }

  /** A growing session's thread ends move on: asked for again when next wanted. */
  function forgetThreadEnd() {
    if (!threadEnd) return;
    threadEnd = null;
    threadEndVersion.value = threadEndVersion.peek() + 1;
  }

  // ---- growth: a live recording held as a window ----
  let growing: Promise<void> | null = null;
  let growAgain = false;

  /**
   * Take in what was stored since: the extent moves on (a following cursor with it), the pages
   * from the last row known on are read again (a coalesced last row may have grown), the count
   * is asked for again, and the overview is refreshed at most once a second.
   */
  function grow(): Promise<void> {
    if (growing) {
      growAgain = true;
      return growing;
    }
    growing = (async () => {
      try {
        do {
          growAgain = false;
          const next = await port.grow(sessionId);
          if (closed) return;
          const was = info.peek();
          if (next.lastSeq === was.lastSeq && next.records === was.records) continue;
          extendRows();
          forgetThreadEnd();
          info.value = next;
          refreshOverview();
        } while (growAgain && !closed);
      } catch (err) {
        fail(err);
      } finally {
        growing = null;
      }
    })();
    return growing;
  }

  function extendRows() {
    const fromPage = Math.floor(Math.max(0, total.peek() - 1) / pageSize);
    generation++;
    loading = new Set();
    for (const page of [...pages.keys()]) if (page >= fromPage) pages.delete(page);
    batch(() => {
      complete.value = false;
      version.value = version.peek() + 1;
    });
    askTotal();
  }

  let overviewTimer: ReturnType<typeof setTimeout> | undefined;
  let overviewAsked = 0;
  function refreshOverview() {
    if (overviewTimer !== undefined) return;
    overviewTimer = setTimeout(
      () => {
        overviewTimer = undefined;
        overviewAsked = Date.now();
        port.overview(sessionId).then((o) => void (closed || (overview.value = o)), fail);
      },
      Math.max(0, overviewAsked + 1000 - Date.now()),
    );
  }

  return {
    /** The session's extent now. */
    get info() {
      return info.value;
    },
    grow,
    live: !!options.live,
    total,
    complete,
    version,
    seek,
    selected,
    cursorRow,
    overview,
    overviewReady,
    originT,
    error,
    /** The row at a position, or undefined while its page is on its way (asking for it). */
    rowAt(i: number): PagedRow | undefined {
      version.value;
      const page = Math.floor(i / pageSize);
      const rows = pages.get(page);
      if (!rows) {
        load(page);
        return undefined;
      }
      return rows[i - page * pageSize];
    },
    /** Seq of the row `delta` rows from the cursor's, under the filters. */
    async stepFrom(at: number, delta: number): Promise<number | undefined> {
      const q = query();
      // Unfiltered rows of a dense session are its seqs: a step needs no round trip to the worker.
      const { records, firstSeq, lastSeq } = info.peek();
      if (!q.coalesce && !isFiltering(q.filter) && records === lastSeq - firstSeq + 1) {
        if (!records) return undefined;
        const position = Math.min(records - 1, at - firstSeq);
        return firstSeq + stepTarget(position, records, position >= 0 && firstSeq + position === at, delta);
      }
      const { position, total: n } = await port.positionOf(sessionId, q, at);
      if (!n) return undefined;
      const exact = position >= 0 && (await port.rows(sessionId, q, position, position + 1)).rows[0]?.record.seq === at;
      const answer = await port.rows(sessionId, q, stepTarget(position, n, exact, delta), stepTarget(position, n, exact, delta) + 1);
      return answer.rows[0]?.record.seq;
    },
    heldRows: () => [...pages.values()].reduce((n, p) => n + p.length, 0),
    loadThreadEnd,
    /** A thread's end if it is here; otherwise asks for it (threadEndVersion says when it came) and answers undefined. */
    threadEnd(threadId: string): { messages: Message[]; state: unknown } | undefined {
      threadEndVersion.value;
      if (threadEnd?.threadId === threadId && threadEnd.got) return threadEnd.got;
      void loadThreadEnd(threadId).catch(fail);
      return undefined;
    },
    /** Per-run timing of runs [from, to), from the worker's first pass. */
    runTimings: (from: number, to: number) => port.runTimings(sessionId, from, to),
    /** All of the messages and the state right after seq (a fork's seed), from the worker. */
    seedAt: (seq: number) => port.seedAt(sessionId, seq),
    close() {
      closed = true;
      clearTimeout(overviewTimer);
      stops.forEach((s) => s());
      void port.close(sessionId).catch(() => {});
    },
  };
}

/** As the in-memory view steps: from the cursor's row, or from between the rows around it. */
function stepTarget(position: number, n: number, exact: boolean, delta: number): number {
  const pos = exact || position === n - 1 ? position : delta > 0 ? position : position + 1;
  return Math.max(0, Math.min(n - 1, pos + delta));
}

export type PagedMode = ReturnType<typeof createPagedMode>;
