import { signal } from "@preact/signals";
import { createRecorder, type Recorder, type RecordSink } from "../core/recorder/recorder";
import type { SessionHeader, SessionRecord } from "../core/session/record";
import { createHeader } from "../core/session/file";
import { redactUrl } from "../core/session/redact";
import type { InspectorHost } from "./host";
import type { SessionView } from "./session-view";

/** Records a live session holds in the page before the view pages it from the library. */
export const LIVE_WINDOW = 20_000;
/** Records folded into the live view per frame at most (a burst is spread over frames). */
const FRAME_RECORDS = 2_000;
/** How often a windowed live session asks the worker for what was stored since. */
const GROW_MS = 200;

/**
 * The live session: a recorder whose records go to the host's sink (batched) and into the
 * session view once per animation frame, so a fast stream does not re-render per event.
 *
 * Memory stays bounded however long the stream: once the view holds `host.liveWindow` records
 * of a session stored in the library, it hands the session over to the worker and shows it as a
 * window (see session-view.ts openPaged) that grows as the sink commits — what is drawn is
 * coalesced (one growth at a time, at most every GROW_MS), never what is stored.
 */
export function createRecordingModel(host: InspectorHost, view: SessionView, frame: (fn: () => void) => void = (fn) => setTimeout(fn, 16)) {
  const sinkError = signal<string | null>(null);
  const header = signal<SessionHeader | null>(null);
  const sink = signal<RecordSink | null>(null);
  /** True once the live session is in the library (after the first run was sent). */
  const saved = signal(false);
  let recorder: Recorder | null = null;
  let detachView: (() => void) | null = null;
  let pending: SessionRecord[] = [];
  let scheduled = false;
  /** The live session is shown as a window the worker pages (records no longer kept here). */
  let windowed = false;
  /** Seq of the newest record recorded: a window grows until it has reached it. */
  let newest = 0;
  let growTimer: ReturnType<typeof setTimeout> | null = null;

  function drain() {
    scheduled = false;
    if (!pending.length) return;
    newest = pending[pending.length - 1].seq;
    if (windowed) {
      pending = [];
      return scheduleGrow();
    }
    const window = host.liveWindow ?? LIVE_WINDOW;
    // A burst that would pass the window is not folded here at all: the window will show it.
    if (view.records().length + pending.length >= window && canHandOver()) {
      pending = [];
      return void handOver();
    }
    // At most a frame's worth of folding per frame; the rest waits for the next one, in order.
    const add = pending.length > FRAME_RECORDS ? pending.splice(0, FRAME_RECORDS) : pending;
    if (add === pending) pending = [];
    else {
      scheduled = true;
      frame(drain);
    }
    view.append(add);
    if (view.records().length >= window) void handOver();
  }

  /** The library session the live one is stored as (a storage sink says; a memory sink has none). */
  const storedId = () => (sink.peek() as { sessionId?: string } | null)?.sessionId;

  /** Whether the live session can be shown as a window from the library now. */
  function canHandOver(): boolean {
    return !windowed && !!recorder && !!host.store?.paged && !!storedId() && !sinkError.peek();
  }

  /** Show the live session as a window from the library, once it is stored there. */
  async function handOver() {
    // (while the sink is failing its records are only here: the view keeps showing them itself)
    if (!canHandOver()) return;
    const port = host.store!.paged!;
    const stored = storedId()!;
    const rec = recorder!;
    windowed = true;
    try {
      // What the view showed is committed first, so the window starts with all of it.
      await rec.flush();
      if (recorder !== rec) return;
      await view.openPaged(port, stored, { live: true });
      scheduleGrow();
    } catch (err) {
      // The view goes on folding what arrives from here; what arrived during the attempt is in
      // the library (the session is still recorded whole), and the message says so.
      if (recorder === rec) windowed = false;
      sinkError.value = `The live session could not be shown from storage (${describe(err)}); it is still being recorded whole, and records that arrived meanwhile are in the library.`;
    }
  }

  function scheduleGrow() {
    if (growTimer) return;
    growTimer = setTimeout(async () => {
      const window = view.paged.peek();
      if (!windowed || !window) return void (growTimer = null);
      await window.grow();
      growTimer = null;
      // Records the sink had not committed yet: ask again until the window has them all.
      if (windowed && view.paged.peek() === window && window.info.lastSeq < newest) scheduleGrow();
    }, GROW_MS);
  }

  function leaveWindow() {
    windowed = false;
    newest = 0;
    if (growTimer) clearTimeout(growTimer);
    growTimer = null;
  }

  let lazy: LazySink | null = null;

  /**
   * A new live session. Unless it is named (a watch, an attach: those record at once), nothing
   * is stored yet: records wait in memory until `keep` is called (when a run is sent), so Connect
   * alone leaves no session in the library.
   */
  async function start(meta: { runtimeUrl?: string; agentId?: string; name?: string; source?: SessionHeader["source"] } = {}): Promise<Recorder> {
    await recorder?.flush();
    // The URL's credentials and secret query values never reach the stored name or header.
    const runtimeUrl = meta.runtimeUrl === undefined ? undefined : redactUrl(meta.runtimeUrl);
    const next = createHeader({ ...meta, runtimeUrl });
    const nextSink = createLazySink();
    const rec = createRecorder({ sink: nextSink });
    detachView?.();
    detachView = rec.on("record", (r) => {
      pending.push(r);
      if (!scheduled) {
        scheduled = true;
        frame(drain);
      }
    });
    rec.on("sink-error", ({ error, pending: n }) => {
      // A storage sink's errors are already written for people; anything else gets the generic sentence.
      const plain = (error as { name?: string })?.name === "StorageWriteError" ? (error as Error).message : `Saving to the browser's storage failed (${describe(error)}). Recording continues in memory; export the session to keep it.`;
      sinkError.value = `${plain} (${n} record(s) not saved yet)`;
    });
    // (a sink that reports its own problems through onRecorder also says when they are over)
    if (!host.onRecorder) rec.on("sink-recovered", () => (sinkError.value = null));
    pending = [];
    leaveWindow();
    view.reset();
    sinkError.value = null;
    header.value = next;
    sink.value = null;
    saved.value = false;
    recorder = rec;
    lazy = nextSink;
    // A named session (watching a feed, attaching to a thread) records at once: stored from the start.
    if (meta.name !== undefined) await openStored(rec, nextSink, next);
    return rec;
  }

  async function openStored(rec: Recorder, target: LazySink, named: SessionHeader) {
    const real = await target.open(() => host.createSink(named));
    if (recorder !== rec) return;
    sink.value = real;
    saved.value = true;
    host.onRecorder?.(rec, real, (message) => (sinkError.value = message));
  }

  /**
   * Store the live session from now on (idempotent): named after the agent and the first
   * message, created in the library, and sent what was recorded so far.
   */
  async function keep(meta: { agentId: string; firstMessage?: string }): Promise<void> {
    const rec = recorder;
    const target = lazy;
    const base = header.value;
    if (!rec || !target || !base || target.opened()) return;
    const named: SessionHeader = { ...base, agentId: meta.agentId, name: sessionName(meta.agentId, meta.firstMessage) };
    header.value = named;
    await openStored(rec, target, named);
  }

  return {
    sinkError,
    header,
    sink,
    saved,
    start,
    keep,
    current: () => recorder,
    /** Detach from the live session (e.g. when a stored one is opened). */
    stop: async () => {
      await recorder?.flush();
      // The live session keeps saving, but no longer feeds the view now showing something else.
      detachView?.();
      detachView = null;
      pending = [];
      leaveWindow();
      recorder = null;
      lazy = null;
      header.value = null;
      saved.value = false;
    },
    flush: () => recorder?.flush() ?? Promise.resolve(),
  };
}

/** "agent · first words of the first message", the name a new session gets (editable later). */
export function sessionName(agentId: string, firstMessage?: string): string {
  const words = (firstMessage ?? "").replace(/\s+/g, " ").trim();
  const short = words.length > 40 ? `${words.slice(0, 39)}…` : words;
  return short ? `${agentId} · ${short}` : `${agentId} · ${new Date().toLocaleString()}`;
}

interface LazySink extends RecordSink {
  opened(): boolean;
  open(make: () => Promise<RecordSink>): Promise<RecordSink>;
}

/** Holds records in memory until opened onto a real sink, then passes everything through in order. */
function createLazySink(): LazySink {
  let real: RecordSink | null = null;
  let buffer: SessionRecord[] = [];
  let opening: Promise<RecordSink> | null = null;
  return {
    opened: () => opening !== null,
    // (before it is opened, records wait here by design: nothing to hold reading back for)
    unstored: () => real?.unstored?.() ?? 0,
    async write(records) {
      if (real) return real.write(records);
      if (opening) {
        const target = await opening.catch(() => null);
        if (target) return target.write(records);
      }
      buffer.push(...records);
    },
    open(make) {
      opening ??= (async () => {
        try {
          const target = await make();
          const held = buffer;
          buffer = [];
          if (held.length) await target.write(held);
          real = target;
          return target;
        } catch (err) {
          opening = null;
          throw err;
        }
      })();
      return opening;
    },
  };
}

function describe(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === "QuotaExceededError") return "the disk quota for this site is full";
  return (error as Error)?.message ?? String(error);
}

export type RecordingModel = ReturnType<typeof createRecordingModel>;
