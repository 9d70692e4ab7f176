import type { Recorder } from "../core/recorder/recorder";
import type { IdbSink } from "./sink";

// When records are written, besides the recorder's own timer and batch size: at the end of each
// run, and when the page may be about to go away (reload, tab close, DevTools closed, frozen).

export interface EventTargetLike {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
}

export interface DocumentLike extends EventTargetLike {
  visibilityState: string;
}

/**
 * Flush on pagehide, on hidden, and on freeze. The sink accepts every record as it is made, so the
 * hide flush issues one transaction for all of them synchronously (and commits it) before the
 * page is torn down. Returns a function that removes the hooks.
 */
export function installFlushOnHide(recorder: Recorder, sink: IdbSink, page: { window: EventTargetLike; document: DocumentLike }): () => void {
  const detach = sink.attach(recorder);
  const flush = () => {
    sink.flushNow().catch(() => {});
    recorder.flush().catch(() => {});
  };
  const onVisibility = () => {
    if (page.document.visibilityState === "hidden") flush();
  };
  page.window.addEventListener("pagehide", flush);
  page.document.addEventListener("visibilitychange", onVisibility);
  page.document.addEventListener("freeze", flush);
  return () => {
    detach();
    page.window.removeEventListener("pagehide", flush);
    page.document.removeEventListener("visibilitychange", onVisibility);
    page.document.removeEventListener("freeze", flush);
  };
}

/** Flush when a run ends (RUN_FINISHED / RUN_ERROR) or an exchange closes, not a timer later. */
export function installFlushOnRunEnd(recorder: Recorder): () => void {
  return recorder.on("record", (r) => {
    const ended = r.kind === "end" || (r.kind === "event" && (r.event.type === "RUN_FINISHED" || r.event.type === "RUN_ERROR"));
    if (ended) recorder.flush().catch(() => {});
  });
}
