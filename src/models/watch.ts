import { signal } from "@preact/signals";
import { attachFeed, type FeedStatus } from "../core/feed/attach";
import { followRecordFeed } from "../core/feed/record-feed";
import type { Recorder } from "../core/recorder/recorder";
import type { RecordDraft, SessionRecord } from "../core/session/record";
import type { InspectorHost } from "./host";
import type { RecordingModel } from "./recording";
import type { ConnectionModel } from "./connection";

const RECORD_FEED_PATH = "/__agui-inspector/records";
const PROXY_MARK_MS = 1000;
/** Prefs key: the last spool seq of a proxy's spool already stored in the library. */
export const proxyProgressKey = (spool: string) => `proxy-spool:${spool}`;

/**
 * Watching the app's own traffic: the runtime's debug feed (attach) and a recording proxy the
 * served inspector started. Each becomes a live session through the one recorder, so the view,
 * replay, findings and export treat it like any other.
 */
export function createWatchModel(host: InspectorHost, recording: RecordingModel, connection: ConnectionModel, refreshLibrary: () => void) {
  const feed = signal<FeedStatus | null>(null);
  const feedError = signal<string | null>(null);
  const feedEvents = signal(0);
  const proxy = signal<{ state: "off" | "waiting" | "following" | "retrying"; url?: string; exchanges: number; error?: string }>({ state: host.proxy ? "waiting" : "off", url: host.proxy?.url, exchanges: 0 });
  let stopFeed: AbortController | null = null;

  // Library counts follow runs as they end (at most one refresh per 200 ms), not every event.
  let refreshQueued = false;
  const refreshOnEnd = (r: SessionRecord) => {
    const ended = r.kind === "end" || (r.kind === "event" && (r.event.type === "RUN_FINISHED" || r.event.type === "RUN_ERROR"));
    if (!ended || refreshQueued) return;
    refreshQueued = true;
    setTimeout(async () => {
      refreshQueued = false;
      await recording.flush();
      refreshLibrary();
    }, 200);
  };

  async function attach() {
    detach();
    const url = connection.url.value.trim();
    feedError.value = null;
    feedEvents.value = 0;
    if (!url) {
      feedError.value = "Enter the runtime URL first.";
      return;
    }
    try {
      // (the extension asks for access to the runtime's origin here, inside the click)
      await host.beforeConnect?.(url);
    } catch (err) {
      feedError.value = connection.scrub((err as Error).message);
      feed.value = { state: "stopped", error: feedError.value };
      return;
    }
    const ctl = new AbortController();
    stopFeed = ctl;
    const rec = await recording.start({ runtimeUrl: url, name: `debug feed @ ${url} · ${new Date().toLocaleString()}`, source: { kind: "debug-feed" } });
    rec.on("record", (r) => {
      if (r.kind === "event") feedEvents.value++;
      refreshOnEnd(r);
    });
    refreshLibrary();
    const headers = Object.fromEntries(connection.headers.value.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value]));
    const result = await attachFeed({ url, headers, fetch: host.fetch, recorder: rec, signal: ctl.signal, onStatus: (s) => (feed.value = "error" in s && s.error ? ({ ...s, error: connection.scrub(s.error) } as FeedStatus) : s) });
    if (result.error) feedError.value = connection.scrub(result.error);
    await rec.flush();
    refreshLibrary();
  }

  function detach() {
    stopFeed?.abort();
    stopFeed = null;
  }

  function followProxy() {
    if (!host.proxy) return;
    const { url, token } = host.proxy;
    const feedFetch = host.proxy.fetch ?? host.fetch;
    let rec: Recorder | null = null;
    let queue: SessionRecord[] = [];
    // The proxy's spool outlives this page: after a reload the feed starts over, and what an
    // earlier page already stored (its last saved spool seq, kept per spool in prefs) is skipped,
    // so a reload neither duplicates the proxied traffic nor loses what came while it was away.
    let spool: string | null = null;
    let skipTo = 0;
    let taken = 0;
    let marked = 0;
    // (a sink that is failing keeps its records in memory: they are not stored, so not marked)
    let sinkFailing = false;
    const mark = async () => {
      if (!rec || !spool || taken <= marked) return;
      const upTo = taken;
      await rec.flush();
      if (!sinkFailing && upTo > marked) host.prefs?.set(proxyProgressKey(spool), (marked = upTo));
    };
    void followRecordFeed({
      url: url.replace(/\/+$/, "") + RECORD_FEED_PATH,
      token,
      fetch: feedFetch,
      onStatus: (state, error) => (proxy.value = { ...proxy.value, state: state === "stopped" ? "off" : state, ...(error ? { error } : {}) }),
      onHeader: async (header) => {
        spool = header.id;
        skipTo = marked = host.prefs?.get<number>(proxyProgressKey(header.id)) ?? 0;
        const name = `${header.name ?? "proxy"}${skipTo ? ` (after record ${skipTo})` : ""} · ${new Date().toLocaleString()}`;
        // A session of its own in the library (the spool's id stays the proxy's).
        rec = await recording.start({ runtimeUrl: header.runtimeUrl, name, source: { kind: "proxy", spool: header.id } });
        rec.on("record", refreshOnEnd);
        rec.on("record", (r) => {
          if (r.kind === "end") void mark();
        });
        rec.on("sink-error", () => (sinkFailing = true));
        rec.on("sink-recovered", () => (sinkFailing = false));
        refreshLibrary();
        for (const r of queue) take(r);
        queue = [];
      },
      onRecords: (records) => {
        for (const r of records) rec ? take(r) : queue.push(r);
      },
    });
    function take(r: SessionRecord) {
      if (r.seq <= skipTo) return;
      taken = r.seq;
      const { seq: _seq, t, ...draft } = r;
      if (r.kind === "request") proxy.value = { ...proxy.value, exchanges: proxy.value.exchanges + 1 };
      rec!.push(draft as RecordDraft, t);
    }
    // (and between exchanges' ends, for a long stream)
    setInterval(() => void mark().catch(() => {}), PROXY_MARK_MS);
  }

  followProxy();
  return { feed, feedError, feedEvents, proxy, attach, detach, attached: () => stopFeed !== null };
}

export type WatchModel = ReturnType<typeof createWatchModel>;
