import type { SessionHeader, SessionRecord } from "../core/session/record";
import type { Recorder } from "../core/recorder/recorder";
import { createHeader } from "../core/session/file";
import { importSession } from "../core/session/import";
import { newId } from "../core/session/ids";
import { createIdbSink, createSessionLibrary, exportSessionBlob, installFlushOnHide, installFlushOnRunEnd, iterateRecords, openInspectorDb, STORED_RAW_CAP, type IdbSink, type InspectorDb } from "../storage";
import type { ImportProgress, SessionStorePort } from "../models/host";

/** The session library port and live sinks over IndexedDB, for the web page and the panel. */
export async function createStorageHost(page: { window: Window; document: Document }) {
  const db: InspectorDb = await openInspectorDb();
  const library = createSessionLibrary(db);
  // Data left by a session deleted while its writer (another tab) died first.
  void library.sweep().catch(() => {});
  const liveSinks = new Map<string, IdbSink>();

  async function createSink(header: SessionHeader): Promise<IdbSink> {
    const summary = await library.create(header);
    const sink = await createIdbSink(db, summary.id);
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

  const store: SessionStorePort = {
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
      // Streamed and parsed in chunks; the header (format, source) is known once it is read.
      const result = await importSession(file.stream() as ReadableStream<Uint8Array>, {
        file: file.name,
        onProgress: (p) => onProgress?.({ bytes: p.bytes, total: file.size, records: p.records }),
      });
      // A new id in the library; the file's own id is kept to recognise the same file later.
      const header = createHeader({ ...result.header, id: newId(), importedFrom: result.header.importedFrom ?? result.header.id });
      const summary = await library.create(header);
      const sink = await createIdbSink(db, summary.id);
      // The library stores seqs dense from 1; a file holding a selection (one run) is renumbered.
      const records = denseFrom1(result.records) ? result.records : result.records.map((r, i) => ({ ...r, seq: i + 1 }) as SessionRecord);
      const batch = 5000;
      for (let i = 0; i < records.length; i += batch) {
        await sink.write(records.slice(i, i + batch));
      }
      await sink.flushNow();
      sink.dispose();
      return { id: summary.id, records: result.records.length, errors: result.errors, format: result.format };
    },
  };

  return { db, store, createSink, onRecorder: onRecorder as (recorder: Recorder, sink: unknown, reportProblem: (message: string | null) => void) => void };
}

function denseFrom1(records: readonly SessionRecord[]): boolean {
  for (let i = 0; i < records.length; i++) if (records[i].seq !== i + 1) return false;
  return true;
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
