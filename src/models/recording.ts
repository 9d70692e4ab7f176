import { batch, computed, signal } from "@preact/signals";
import { createRecorder, type Recorder } from "../core/recorder/recorder";
import type { SessionRecord } from "../core/session/record";
import { createHeader } from "../core/session/file";
import type { InspectorHost } from "./host";

export { eventFamily } from "../core/protocol/events";

/**
 * The live session: a recorder whose records also land in an in-memory log for the UI. The log
 * is appended once per animation frame (or timer) so a fast stream does not re-render per event.
 */
export function createRecordingModel(host: InspectorHost, clock: { frame(fn: () => void): void } = { frame: (fn) => setTimeout(fn, 16) }) {
  const records = signal<SessionRecord[]>([]);
  const sinkError = signal<string | null>(null);
  let recorder: Recorder | null = null;
  let pending: SessionRecord[] = [];
  let scheduled = false;

  function drain() {
    scheduled = false;
    if (!pending.length) return;
    const add = pending;
    pending = [];
    records.value = records.value.concat(add);
  }

  async function start(meta: { runtimeUrl?: string; agentId?: string } = {}): Promise<Recorder> {
    const header = createHeader({ ...meta, name: meta.agentId ? `${meta.agentId} @ ${meta.runtimeUrl ?? ""}` : undefined });
    const sink = await host.createSink(header);
    const next = createRecorder({ sink });
    next.on("record", (r) => {
      pending.push(r);
      if (!scheduled) {
        scheduled = true;
        clock.frame(drain);
      }
    });
    next.on("sink-error", ({ error, pending: n }) => {
      sinkError.value = `Saving failed (${(error as Error)?.message ?? String(error)}). ${n} record(s) are kept in memory; export the session to keep them.`;
    });
    next.on("sink-recovered", () => (sinkError.value = null));
    batch(() => {
      records.value = [];
      sinkError.value = null;
    });
    recorder = next;
    return next;
  }

  /** The current recorder, created lazily with an empty session. */
  function current(): Recorder {
    if (!recorder) throw new Error("recording not started");
    return recorder;
  }

  const eventCount = computed(() => records.value.reduce((n, r) => n + (r.kind === "event" ? 1 : 0), 0));

  return { records, sinkError, eventCount, start, current, flush: () => recorder?.flush() ?? Promise.resolve() };
}

export type RecordingModel = ReturnType<typeof createRecordingModel>;
