import { openDB, type IDBPDatabase } from "idb";
import { createEmitter } from "../core/emitter";
import { DB_VERSION, migrate } from "./migrations";
import { DB_NAME, type InspectorSchema } from "./schema";

export type DbEvents = {
  /** Another tab is upgrading or deleting the database: this connection closed itself to let it. */
  versionchange: { oldVersion: number; newVersion: number | null };
  /** The browser closed the connection (storage cleared, backend crashed). */
  terminated: Record<string, never>;
  /** The connection is closed, for whatever reason; writes now fail. */
  closed: { reason: "versionchange" | "terminated" | "close" };
};

export interface InspectorDb {
  readonly idb: IDBPDatabase<InspectorSchema>;
  readonly name: string;
  isOpen(): boolean;
  on<K extends keyof DbEvents>(name: K, fn: (payload: DbEvents[K]) => void): () => void;
  close(): void;
}

export interface OpenOptions {
  name?: string;
  /** Our upgrade waits for other tabs to close their connections; tell the user which. */
  onBlocked?: (info: { currentVersion: number; blockedVersion: number | null }) => void;
}

export class StorageVersionError extends Error {
  constructor(readonly stored: number, readonly supported: number) {
    super(`The session library was saved by a newer version of the inspector (storage v${stored}; this one reads v${supported}). Update or reload the inspector.`);
    this.name = "StorageVersionError";
  }
}

/**
 * Open (creating or upgrading) the session library. A tab that holds an older connection closes
 * it as soon as another tab asks to upgrade, so upgrades never hang on our own tabs.
 */
export async function openInspectorDb(options: OpenOptions = {}): Promise<InspectorDb> {
  const name = options.name ?? DB_NAME;
  const events = createEmitter<DbEvents>();
  let open = true;
  let idb: IDBPDatabase<InspectorSchema> | null = null;
  let upgradeError: unknown = null;
  const markClosed = (reason: DbEvents["closed"]["reason"]) => {
    if (!open) return;
    open = false;
    events.emit("closed", { reason });
  };

  try {
    idb = await openDB<InspectorSchema>(name, DB_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        // A failed step must abort the whole upgrade, not leave a half-migrated schema; the open
        // request then fails and reports it.
        tx.done.catch(() => {});
        migrate(db, tx, oldVersion, newVersion ?? DB_VERSION).catch((err) => {
          upgradeError = err;
          tx.abort();
        });
      },
      blocked(currentVersion, blockedVersion) {
        options.onBlocked?.({ currentVersion, blockedVersion });
      },
      blocking(oldVersion, newVersion) {
        // Listeners (sinks) issue their last writes first; close() lets issued transactions finish.
        events.emit("versionchange", { oldVersion, newVersion });
        idb?.close();
        markClosed("versionchange");
      },
      terminated() {
        markClosed("terminated");
        events.emit("terminated", {});
      },
    });
  } catch (err) {
    if ((err as DOMException)?.name === "VersionError") throw new StorageVersionError(await storedVersion(name), DB_VERSION);
    throw upgradeError ?? err;
  }
  return wrap(idb, name, () => open, events, () => markClosed("close"));
}

function wrap(idb: IDBPDatabase<InspectorSchema>, name: string, isOpen: () => boolean, events: ReturnType<typeof createEmitter<DbEvents>>, onClose: () => void): InspectorDb {
  return {
    idb,
    name,
    isOpen,
    on: events.on,
    close() {
      idb.close();
      onClose();
    },
  };
}

/**
 * Open the library at whatever version it has, without upgrading: how a tab whose connection
 * was closed by a newer tab's upgrade can still read its stored records for an export.
 */
export async function openExistingDb(name: string): Promise<InspectorDb> {
  const db = await openDB<InspectorSchema>(name);
  let open = true;
  const events = createEmitter<DbEvents>();
  db.onversionchange = () => {
    db.close();
    open = false;
  };
  return wrap(db, name, () => open, events, () => void (open = false));
}

async function storedVersion(name: string): Promise<number> {
  const list = await indexedDB.databases?.();
  return list?.find((d) => d.name === name)?.version ?? NaN;
}
