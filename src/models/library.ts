import { signal } from "@preact/signals";
import type { ImportProgress, SessionListItem, SessionStorePort, StorageMeterInfo } from "./host";
import type { SessionView } from "./session-view";
import type { RecordingModel } from "./recording";
import { createHeader } from "../core/session/file";
import { exportSession, type ContentRedaction } from "../core/session/export";

export interface ExportChoice {
  /** The whole session, or only the run at the cursor. */
  scope: "session" | "run";
  runId?: string;
  redact?: ContentRedaction;
}

/** The session library: list, search, open into the view, rename, delete, wipe, import, export. */
export function createLibraryModel(store: SessionStorePort | undefined, view: SessionView, recording: RecordingModel) {
  const sessions = signal<SessionListItem[]>([]);
  const query = signal("");
  const meter = signal<StorageMeterInfo | null>(null);
  const openId = signal<string | null>(null);
  const error = signal<string | null>(null);
  const progress = signal<ImportProgress | null>(null);
  const notice = signal<string | null>(null);

  const guard = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      error.value = null;
      return await fn();
    } catch (err) {
      error.value = `${what} failed: ${(err as Error).message}`;
      return undefined;
    }
  };

  async function refresh() {
    if (!store) return;
    await guard("Listing sessions", async () => {
      sessions.value = await store.list(query.value);
      meter.value = await store.estimate();
    });
  }

  async function open(id: string) {
    if (!store) return;
    await guard("Opening the session", async () => {
      await recording.stop();
      if (store.paged) {
        // The worker holds the session; the view asks it for rows and seeks.
        await view.openPaged(store.paged, id);
        openId.value = id;
        return;
      }
      view.reset();
      openId.value = id;
      for await (const page of store.records(id)) view.append(page);
      view.select(view.records()[0]?.seq ?? null);
    });
  }

  return {
    available: !!store,
    sessions,
    query,
    meter,
    openId,
    error,
    progress,
    notice,
    refresh,
    open,
    rename: (id: string, name: string) => guard("Renaming", async () => (await store!.rename(id, name), refresh())),
    remove: (id: string) =>
      guard("Deleting", async () => {
        await store!.remove(id);
        if (openId.value === id) openId.value = null;
        await refresh();
      }),
    wipe: () => guard("Wiping the library", async () => (await store!.wipe(), (openId.value = null), refresh())),
    persist: () => guard("Asking for persistent storage", async () => (await store!.persist(), refresh())),
    exportFile: (id: string) => guard("Exporting", () => store!.exportFile(id)),
    /**
     * The session in view as a file. A whole, unredacted session comes from the library (with any
     * records not saved yet); a run or a redacted copy is cut from the records in view.
     */
    exportCurrent: (choice: ExportChoice = { scope: "session" }) =>
      guard("Exporting", async () => {
        const id = openId.value ?? recording.header.value?.id ?? null;
        const redacting = !!(choice.redact?.messageText || choice.redact?.stateValues);
        if (store && id && choice.scope === "session" && !redacting) return store.exportFile(id);
        const header = (id && store ? await store.header(id) : undefined) ?? recording.header.value ?? createHeader({ name: "Unsaved session" });
        const select = choice.scope === "run" && choice.runId ? { kind: "run" as const, runId: choice.runId } : { kind: "session" as const };
        if (store?.paged && id && view.paged.value) return store.paged.exportFile(id, header, { select, redact: choice.redact });
        return new Blob([exportSession(header, view.records(), { select, redact: choice.redact })], { type: "application/x-ndjson" });
      }),
    async importFile(file: Blob & { name?: string }) {
      if (!store) return;
      progress.value = { bytes: 0, total: file.size, records: 0 };
      const result = await guard("Importing", () => store.importFile(file, (p) => (progress.value = p)));
      progress.value = null;
      if (!result) return;
      notice.value = `Imported ${result.records} record(s) from ${file.name ?? "the file"}${result.errors.length ? `; ${result.errors.length} line(s) could not be read (first: line ${result.errors[0].line}: ${result.errors[0].error})` : ""}.`;
      await refresh();
      await open(result.id);
    },
  };
}

export type LibraryModel = ReturnType<typeof createLibraryModel>;
