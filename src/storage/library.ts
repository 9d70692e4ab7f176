import type { SessionHeader } from "../core/session/record";
import type { InspectorDb } from "./db";
import { chooseForRetention, RETENTION_ACTIVE_MS, type RetentionLimit } from "./retention";
import { SESSION_STORES } from "./schema";
import { createSession, deleteSessionData, detail, summarize, type SessionDetail, type SessionSummary } from "./sessions";

/** The part of `navigator.storage` the library uses; injected so Node tests can fake it. */
export interface StorageManagerLike {
  estimate?(): Promise<{ usage?: number; quota?: number }>;
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

export interface StorageMeter {
  supported: boolean;
  /** Bytes this origin uses (all storage, not only sessions) and may use. */
  usage?: number;
  quota?: number;
  persisted: boolean;
}

export interface LibraryOptions {
  storage?: StorageManagerLike;
  now?: () => number;
  /** Sessions written to this recently count as live and are never removed by retention. */
  activeMs?: number;
}

const RETENTION_KEY = "retention";

export type SessionLibrary = ReturnType<typeof createSessionLibrary>;

/** Everything the session list needs: list, search, open, rename, tag, delete, meter, retention. */
export function createSessionLibrary(db: InspectorDb, options: LibraryOptions = {}) {
  const storage = options.storage ?? (globalThis.navigator as { storage?: StorageManagerLike } | undefined)?.storage;
  const now = options.now ?? Date.now;
  const activeMs = options.activeMs ?? RETENTION_ACTIVE_MS;

  async function list(): Promise<SessionSummary[]> {
    const tx = db.idb.transaction(["sessions", "stats"]);
    const [sessions, stats] = await Promise.all([tx.objectStore("sessions").getAll(), tx.objectStore("stats").getAll()]);
    const byId = new Map(stats.map((s) => [s.id, s]));
    return sessions.map((s) => summarize(s, byId.get(s.id))).sort((a, b) => b.createdAt - a.createdAt);
  }

  async function update(id: string, change: (s: { name: string; tags: string[] }) => void): Promise<void> {
    const tx = db.idb.transaction("sessions", "readwrite");
    const session = await tx.store.get(id);
    if (!session) throw new Error(`No session ${id} in the library.`);
    change(session);
    await tx.store.put(session);
    await tx.done;
  }

  async function getRetention(): Promise<RetentionLimit | null> {
    return ((await db.idb.get("settings", RETENTION_KEY))?.value as RetentionLimit | undefined) ?? null;
  }

  async function applyRetention(guard: { keep?: readonly string[] } = {}): Promise<string[]> {
    const ids = chooseForRetention(await list(), await getRetention(), { keep: guard.keep, now: now(), activeMs });
    for (const id of ids) await deleteSessionData(db, id);
    return ids;
  }

  return {
    list,
    /** Sessions whose name, agent, runtime URL or tags contain every word of the query. */
    async search(query: string): Promise<SessionSummary[]> {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const all = await list();
      return all.filter((s) => {
        const text = [s.name, s.agentId, ...s.agents, s.runtimeUrl, ...s.tags].filter(Boolean).join("\n").toLowerCase();
        return words.every((w) => text.includes(w));
      });
    },
    async get(id: string): Promise<SessionDetail | undefined> {
      const tx = db.idb.transaction(["sessions", "stats"]);
      const [session, stats] = await Promise.all([tx.objectStore("sessions").get(id), tx.objectStore("stats").get(id)]);
      return session ? detail(session, stats) : undefined;
    },
    /** A new, empty session; then retention (if the user set one) runs, sparing this session. */
    async create(header: SessionHeader): Promise<SessionSummary> {
      const summary = await createSession(db, header, now());
      await applyRetention({ keep: [summary.id] });
      return summary;
    },
    rename: (id: string, name: string) => update(id, (s) => void (s.name = name.trim())),
    /** Replace the session's tags (trimmed, deduplicated). */
    tag: (id: string, tags: readonly string[]) => update(id, (s) => void (s.tags = [...new Set(tags.map((t) => t.trim()).filter(Boolean))])),
    remove: (id: string) => deleteSessionData(db, id),
    /** Delete every session; settings (the retention limit) stay. */
    async wipe(): Promise<void> {
      const tx = db.idb.transaction([...SESSION_STORES], "readwrite");
      await Promise.all([...SESSION_STORES.map((name) => tx.objectStore(name).clear()), tx.done]);
    },
    async estimate(): Promise<StorageMeter> {
      if (!storage?.estimate) return { supported: false, persisted: false };
      const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)]);
      return { supported: true, usage: estimate.usage, quota: estimate.quota, persisted };
    },
    /** Ask the browser not to evict the library under storage pressure. */
    async persist(): Promise<boolean> {
      return (await storage?.persist?.()) ?? false;
    },
    getRetention,
    /** Set (or clear, with null) the limit and apply it at once; returns the removed ids. */
    async setRetention(limit: RetentionLimit | null, guard: { keep?: readonly string[] } = {}): Promise<string[]> {
      if (limit) await db.idb.put("settings", { key: RETENTION_KEY, value: limit });
      else await db.idb.delete("settings", RETENTION_KEY);
      return applyRetention(guard);
    },
    applyRetention,
    /** Remove data left by a session deleted while a tab was writing it (the writer died first). */
    async sweep(): Promise<string[]> {
      const tx = db.idb.transaction(["sessions", "stats", "chunks"]);
      const known = new Set(await tx.objectStore("sessions").getAllKeys());
      const stray = new Set((await tx.objectStore("stats").getAllKeys()).filter((id) => !known.has(id)));
      // One step per session: jump past each session's chunk keys.
      for (let c = await tx.objectStore("chunks").openKeyCursor(); c; c = await c.continue([c.key[0], Infinity])) {
        if (!known.has(c.key[0])) stray.add(c.key[0]);
      }
      for (const id of stray) await deleteSessionData(db, id);
      return [...stray];
    },
  };
}
