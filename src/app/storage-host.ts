import type { SessionHeader } from "../core/session/record";
import type { Recorder } from "../core/recorder/recorder";
import { createIdbSink, createSessionLibrary, exportSessionBlob, installFlushOnHide, installFlushOnRunEnd, iterateRecords, openInspectorDb, STORED_RAW_CAP, type IdbSink, type InspectorDb } from "../storage";
import type { ImportProgress, SessionStorePort } from "../models/host";
import { connectPort } from "../worker/port";
import { importIntoLibrary } from "../worker/import";
import type { WorkerApi } from "../worker/service";

/**
 * The page's one worker, holding stored sessions as windows; undefined where workers cannot run
 * (the session then opens whole, as before).
 */
function startSessionWorker(): { api: WorkerApi; on(event: string, fn: (payload: unknown) => void): () => void } | undefined {
  if (typeof Worker === "undefined") return undefined;
  try {
    const worker = new Worker(new URL("../worker/worker.ts", import.meta.url), { type: "module", name: "agui-inspector-sessions" });
    const port = connectPort<WorkerApi & Record<string, never>>(worker);
    return { api: port.api as WorkerApi, on: port.on };
  } catch (err) {
    console.warn("The session worker did not start; sessions open whole.", err);
    return undefined;
  }
}

/** Records a live sink writes per IndexedDB transaction (see createSink). */
const LIVE_TX_RECORDS = 5_000;

/** The session library port and live sinks over IndexedDB, for the web page and the panel. */
export async function createStorageHost(page: { window: Window; document: Document }) {
  const db: InspectorDb = await openInspectorDb();
  const library = createSessionLibrary(db);
  // Data left by a session deleted while its writer (another tab) died first.
  void library.sweep().catch(() => {});
  const liveSinks = new Map<string, IdbSink>();

  async function createSink(header: SessionHeader): Promise<IdbSink> {
    const summary = await library.create(header);
    // Short transactions: a put copies its records on this thread, and a fast stream's 20,000-record
    // transaction held the page for a few hundred ms; 2,000 cost a few ms each.
    const sink = await createIdbSink(db, summary.id, { txRecords: LIVE_TX_RECORDS });
    liveSinks.set(summary.id, sink);
    return sink;
  }

  function onRecorder(recorder: Recorder, sink: IdbSink, reportProblem: (message: string | null) => void) {
    installFlushOnHide(recorder, sink, page);
    installFlushOnRunEnd(recorder);
    // The sink retries with backoff; say what is wrong the moment it goes wrong, not when it gives up.
    // A retry clears the problem while it runs; the user's warning stays until everything is saved.
    // A record the store refused was saved as its raw text: say so, and keep saying it once other problems pass.
    let warned = false;
    let note: string | null = null;
    let noted = 0;
    sink.on("change", (state) => {
      if (state.replaced > noted) {
        noted = state.replaced;
        note = `${state.replaced} record(s) could not be saved as they arrived (the browser's storage refused them); the library keeps each as a bad frame with its raw text, capped at ${STORED_RAW_CAP.toLocaleString("en")} characters. Every other record was saved.`;
        if (!state.problem) reportProblem(note);
      }
      if (state.problem) {
        warned = true;
        reportProblem(`${state.problem.message}${state.unsaved ? ` (${state.unsaved} record(s) not saved yet)` : ""}`);
      } else if (warned && state.status === "saved") {
        warned = false;
        reportProblem(note);
      }
    });
  }

  const worker = startSessionWorker();

  const store: SessionStorePort = {
    paged: worker?.api,
    async list(query) {
      const rows = query.trim() ? await library.search(query) : await library.list();
      return rows.map((s) => ({ id: s.id, name: s.name, tags: s.tags, createdAt: s.createdAt, runtimeUrl: s.runtimeUrl, agentId: s.agentId, runs: s.runs, events: s.events, bytes: s.bytes, fileId: s.header.importedFrom ?? s.id, source: sourceLabel(s.header.source?.kind) }));
    },
    async *records(id) {
      yield* iterateRecords(db, id, { pageSize: 2000 });
    },
    header: async (id) => (await library.get(id))?.header,
    rename: (id, name) => library.rename(id, name),
    remove: (id) => library.remove(id),
    wipe: () => library.wipe(),
    estimate: () => library.estimate(),
    persist: () => library.persist(),
    exportFile: (id) => exportSessionBlob(db, id, liveSinks.get(id)?.unsaved() ?? []),
    async importFile(file, onProgress?: (p: ImportProgress) => void) {
      // Streamed into the library a batch at a time; in the worker when there is one.
      if (!worker) return importIntoLibrary(db, file, file.name, onProgress);
      const off = worker.on("import", (p) => onProgress?.(p as ImportProgress));
      try {
        return await worker.api.importFile(file, file.name);
      } finally {
        off();
      }
    },
  };

  return { db, store, createSink, onRecorder: onRecorder as (recorder: Recorder, sink: unknown, reportProblem: (message: string | null) => void) => void };
}

/** How the library names where a session came from; live captures of the app's traffic are not imports. */
function sourceLabel(kind: string | undefined): string | undefined {
  if (!kind) return undefined;
  if (kind === "observed") return "observed";
  if (kind === "debug-feed") return "debug feed";
  if (kind === "proxy") return "proxied";
  if (kind === "runtime-thread") return "runtime thread";
  return `imported · ${kind}`;
}
