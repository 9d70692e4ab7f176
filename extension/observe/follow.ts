import { signal } from "@preact/signals";
import type { SessionRecord } from "../../src/core/session/record";
import type { LibraryModel } from "../../src/models/library";
import type { SessionView } from "../../src/models/session-view";
import type { LiveRecordsMessage } from "../capture/messages";

/**
 * Shows the inspected page's runs as they stream: when a new observed run starts, the panel opens
 * it and follows its end, as it does for its own runs; records arriving for the open session are
 * appended. It never takes the view from a run the panel itself is making, and after the user
 * opens another session it waits for the page's next run. Records come from the worker only
 * once stored, so reopening from the library never misses any.
 */
export function createLiveFollower(deps: { library: LibraryModel; view: SessionView; busy: () => boolean; tabId?: number; refreshMs?: number }) {
  const follow = signal(true);
  const live = signal<string | null>(null);
  let opening: Promise<void> | null = null;
  let queued: SessionRecord[] = [];
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  const refreshSoon = () => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      void deps.library.refresh();
    }, deps.refreshMs ?? 250);
  };

  function open(id: string) {
    queued = [];
    // Whole, not as a worker window: a window would not grow with the records appended below.
    opening = deps.library.open(id, { whole: true }).then(() => {
      opening = null;
      deps.view.end();
      const rest = queued;
      queued = [];
      append(id, rest);
    });
  }

  function append(id: string, records: SessionRecord[]) {
    const last = deps.view.lastSeq.value;
    const fresh = records.filter((r) => r.seq > last);
    if (!fresh.length) return;
    // A gap (a batch missed while the panel was busy): the library has it all.
    if (fresh[0].seq !== last + 1) return open(id);
    deps.view.append(fresh);
  }

  return {
    follow,
    /** The observed session streaming into the view, if any. */
    live,
    receive(message: LiveRecordsMessage) {
      if (deps.tabId !== undefined && message.tabId !== deps.tabId) return;
      refreshSoon();
      if (!follow.value || !message.records.length) return;
      const id = message.sessionId;
      if (opening && live.value === id) {
        queued.push(...message.records);
        return;
      }
      if (deps.library.openId.value === id) {
        if (opening) queued.push(...message.records);
        else append(id, message.records);
        return;
      }
      // Only a run that has just started takes the view.
      if (message.records[0].seq !== 1 || deps.busy()) return;
      live.value = id;
      open(id);
    },
  };
}

export type LiveFollower = ReturnType<typeof createLiveFollower>;
