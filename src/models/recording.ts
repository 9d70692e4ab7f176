import { signal } from "@preact/signals";
import { createRecorder, type Recorder, type RecordSink } from "../core/recorder/recorder";
import type { SessionHeader, SessionRecord } from "../core/session/record";
import { createHeader } from "../core/session/file";
import { redactUrl } from "../core/session/redact";
import type { InspectorHost } from "./host";
import type { SessionView } from "./session-view";

/**
 * The live session: a recorder whose records go to the host's sink (batched) and into the
 * session view once per animation frame, so a fast stream does not re-render per event.
 */
export function createRecordingModel(host: InspectorHost, view: SessionView, frame: (fn: () => void) => void = (fn) => setTimeout(fn, 16)) {
  const sinkError = signal<string | null>(null);
  const header = signal<SessionHeader | null>(null);
  const sink = signal<RecordSink | null>(null);
  let recorder: Recorder | null = null;
  let detachView: (() => void) | null = null;
  let pending: SessionRecord[] = [];
  let scheduled = false;

  function drain() {
    scheduled = false;
    if (!pending.length) return;
    const add = pending;
    pending = [];
    view.append(add);
  }

  async function start(meta: { runtimeUrl?: string; agentId?: string; name?: string; source?: SessionHeader["source"] } = {}): Promise<Recorder> {
    await recorder?.flush();
    // The URL's credentials and secret query values never reach the stored name or header.
    const runtimeUrl = meta.runtimeUrl === undefined ? undefined : redactUrl(meta.runtimeUrl);
    const next = createHeader({ ...meta, runtimeUrl, name: meta.name ?? (runtimeUrl ? `${runtimeUrl} · ${new Date().toLocaleString()}` : undefined) });
    const nextSink = await host.createSink(next);
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
    view.reset();
    sinkError.value = null;
    header.value = next;
    sink.value = nextSink;
    recorder = rec;
    host.onRecorder?.(rec, nextSink, (message) => (sinkError.value = message));
    return rec;
  }

  return {
    sinkError,
    header,
    sink,
    start,
    current: () => recorder,
    /** Detach from the live session (e.g. when a stored one is opened). */
    stop: async () => {
      await recorder?.flush();
      // The live session keeps saving, but no longer feeds the view now showing something else.
      detachView?.();
      detachView = null;
      pending = [];
      recorder = null;
      header.value = null;
    },
    flush: () => recorder?.flush() ?? Promise.resolve(),
  };
}

function describe(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === "QuotaExceededError") return "the disk quota for this site is full";
  return (error as Error)?.message ?? String(error);
}

export type RecordingModel = ReturnType<typeof createRecordingModel>;
