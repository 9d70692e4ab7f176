import { computed, signal } from "@preact/signals";
import type { ImportProgress, SessionListItem, SessionStorePort, StorageMeterInfo } from "./host";
import type { SessionView } from "./session-view";
import type { RecordingModel } from "./recording";
import { createHeader } from "../core/session/file";
import type { SessionHeader } from "../core/session/record";
import { exportSession, type ContentRedaction } from "../core/session/export";

/** How long a deleted session can be brought back before it is really removed. */
export const UNDO_MS = 10_000;

export interface LibraryTimers {
  schedule(fn: () => void, ms: number): () => void;
}

const realTimers: LibraryTimers = {
  schedule: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/** A file whose session id is already in the library: open that one, or import a copy anyway. */
export interface DuplicateImport {
  file: Blob & { name?: string };
  existing: SessionListItem;
}

/** The session id in a session file's header line, if the file is one (other formats have none). */
export async function fileSessionId(file: Blob): Promise<string | null> {
  const head = await file.slice(0, 64 * 1024).text();
  const line = head.split("\n", 1)[0];
  try {
    const h = JSON.parse(line) as { format?: unknown; id?: unknown };
    return h && h.format === "agui-inspector-session" && typeof h.id === "string" ? h.id : null;
  } catch {
    return null;
  }
}

/** A session's name comes from its first message: with message text redacted, the name goes too. */
export function redactedHeader(header: SessionHeader): SessionHeader {
  return { ...header, name: redactedName(header.agentId) };
}

export const redactedName = (agentId: string | undefined) => `${agentId ?? "session"} (message text redacted)`;

/** A file name from a session name: letters, digits, dot, dash, underscore; never empty. */
export function exportFileName(name: string | undefined, suffix = ""): string {
  const base = (name ?? "").normalize("NFKD").replace(/[^\w.-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 80) || "session";
  return `${base}${suffix}.agui.jsonl`;
}

export interface ExportChoice {
  /** The whole session, or only the run at the cursor. */
  scope: "session" | "run";
  runId?: string;
  redact?: ContentRedaction;
}

/** The session library: list, search, open into the view, rename, delete, wipe, import, export. */
export function createLibraryModel(store: SessionStorePort | undefined, view: SessionView, recording: RecordingModel, timers: LibraryTimers = realTimers) {
  const listed = signal<SessionListItem[]>([]);
  /** Deleted but still undoable: hidden from the list, removed when the timer runs out. */
  const deleting = signal<Map<string, { item: SessionListItem; cancel: () => void }>>(new Map());
  const sessions = computed(() => listed.value.filter((s) => !deleting.value.has(s.id)));
  const duplicate = signal<DuplicateImport | null>(null);
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
      listed.value = await store.list(query.value);
      meter.value = await store.estimate();
    });
  }

  /**
   * Open a stored session into the view. `whole` loads its records into the view instead of a
   * worker window: a window is what was stored when it opened, so a session still being written
   * (the extension following the page's run) opens whole and grows by `view.append`.
   */
  async function open(id: string, options?: { whole?: boolean }) {
    if (!store) return;
    await guard("Opening the session", async () => {
      await recording.stop();
      if (store.paged && !options?.whole) {
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

  async function removeNow(id: string) {
    const entry = deleting.value.get(id);
    if (!entry) return;
    const next = new Map(deleting.value);
    next.delete(id);
    deleting.value = next;
    await guard("Deleting", async () => {
      await store!.remove(id);
      if (openId.value === id) openId.value = null;
      await refresh();
    });
  }

  async function importNow(file: Blob & { name?: string }) {
    if (!store) return;
    duplicate.value = null;
    progress.value = { bytes: 0, total: file.size, records: 0 };
    const result = await guard("Importing", () => store.importFile(file, (p) => (progress.value = p)));
    progress.value = null;
    if (!result) return;
    notice.value = `Imported ${result.records} record(s) from ${file.name ?? "the file"}${result.errors.length ? `; ${result.errors.length} line(s) could not be read (first: line ${result.errors[0].line}: ${result.errors[0].error})` : ""}.`;
    await refresh();
    await open(result.id);
  }

  /** The name of the session in view (stored or live), for export file names. */
  const currentName = computed(() => {
    const id = openId.value ?? recording.header.value?.id;
    return listed.value.find((s) => s.id === id)?.name ?? recording.header.value?.name;
  });

  return {
    available: !!store,
    duplicate,
    deleting,
    currentName,
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
    /** Hide the session at once; it is really removed after UNDO_MS unless `undo` comes first. */
    remove(id: string) {
      const item = listed.value.find((s) => s.id === id);
      if (!item || deleting.value.has(id)) return;
      const cancel = timers.schedule(() => void removeNow(id), UNDO_MS);
      deleting.value = new Map(deleting.value).set(id, { item, cancel });
    },
    undo(id: string) {
      const entry = deleting.value.get(id);
      if (!entry) return;
      entry.cancel();
      const next = new Map(deleting.value);
      next.delete(id);
      deleting.value = next;
    },
    /** Carry out every pending delete now (e.g. the page is closing). */
    flushDeletes: async () => {
      for (const [id, entry] of deleting.value) {
        entry.cancel();
        await removeNow(id);
      }
    },
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
        const h = choice.redact?.messageText ? redactedHeader(header) : header;
        if (store?.paged && id && view.paged.value) return store.paged.exportFile(id, h, { select, redact: choice.redact });
        return new Blob([exportSession(h, view.records(), { select, redact: choice.redact })], { type: "application/x-ndjson" });
      }),
    /** Import a file; one whose session id is already stored is offered to open instead (see `duplicate`). */
    async importFile(file: Blob & { name?: string }) {
      if (!store) return;
      const id = await fileSessionId(file).catch(() => null);
      if (id) {
        const all = (await guard("Listing sessions", () => store.list(""))) ?? [];
        const existing = all.find((s) => s.id === id || s.fileId === id);
        if (existing && !deleting.value.has(existing.id)) {
          duplicate.value = { file, existing };
          return;
        }
      }
      await importNow(file);
    },
    /** The duplicate offer: open the stored session, or import the file as a copy. */
    openDuplicate: async () => {
      const d = duplicate.value;
      duplicate.value = null;
      if (d) await open(d.existing.id);
    },
    importDuplicateAnyway: () => (duplicate.value ? importNow(duplicate.value.file) : Promise.resolve()),
    dismissDuplicate: () => void (duplicate.value = null),
  };
}

export type LibraryModel = ReturnType<typeof createLibraryModel>;
