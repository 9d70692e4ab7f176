import { signal } from "@preact/signals";
import type { ImportProgress, SessionListItem, SessionStorePort, StorageMeterInfo } from "./host";
import type { SessionView } from "./session-view";
import type { RecordingModel } from "./recording";
import { createHeader, encodeSessionFile } from "../core/session/file";

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
    /** The session in view as a file: from the library when stored, else from memory. */
    exportCurrent: () =>
      guard("Exporting", async () => {
        const id = openId.value ?? recording.header.value?.id ?? null;
        if (store && id) return store.exportFile(id);
        const header = recording.header.value ?? createHeader({ name: "Unsaved session" });
        return new Blob([encodeSessionFile(header, view.records())], { type: "application/x-ndjson" });
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
