import type { InspectorDb } from "../storage";
import type { SessionPort, SessionOverview } from "../models/session-port";
import { openPagedSession, type PagedSession, type PagedSessionOptions } from "./paged-session";
import { importIntoLibrary, type ImportSummary } from "./import";

/** The worker's whole API: the session view's port, and the library's import. */
export interface WorkerApi extends SessionPort {
  /** News "import" carries { bytes, total, records } as the file is read. */
  importFile(file: Blob, name: string | undefined): Promise<ImportSummary>;
}

export const WORKER_METHODS: (keyof WorkerApi)[] = ["open", "grow", "rows", "positionOf", "record", "at", "seedAt", "threadEnd", "overview", "runTimings", "exportFile", "close", "importFile"];

/** How long a closed session stays ready to be opened again. */
export const KEEP_CLOSED_MS = 10_000;

/**
 * What the page's worker answers: stored sessions held as windows, one paged session per open
 * id. `news` carries the first fold's progress back to the page.
 */
export function createSessionService(db: InspectorDb, options: PagedSessionOptions & { news?: (event: string, payload: unknown) => void; keepClosedMs?: number } = {}): WorkerApi {
  const open = new Map<string, Promise<PagedSession>>();
  // A closed session is kept a little while: one closed and opened again (a reload reopens the
  // last session, then the user clicks it in the library) is taken up where it was, not read
  // again from storage while the first read is still settling.
  const keepClosedMs = options.keepClosedMs ?? KEEP_CLOSED_MS;
  const closing = new Map<string, ReturnType<typeof setTimeout>>();

  /** Whether the session was closed but still kept: it is open again. */
  function revive(id: string): boolean {
    const timer = closing.get(id);
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: grow() on a session just opened answers what info() does, reading its extent once more
    if (timer === undefined) return false;
    clearTimeout(timer);
    closing.delete(id);
    return true;
  }

  function session(id: string): Promise<PagedSession> {
    let s = open.get(id);
    if (!s) {
      s = openPagedSession(db, id, { ...options, onFoldProgress: (folded, lastSeq) => options.news?.("fold", { sessionId: id, folded, lastSeq }) });
      open.set(id, s);
      s.catch(() => open.delete(id));
    }
    return s;
  }

  return {
    async open(id) {
      const revived = revive(id);
      const s = await session(id);
      // A kept session takes in what was stored after it closed.
      return revived ? s.grow() : s.info();
    },
    grow: async (id) => (await session(id)).grow(),
    rows: async (id, query, from, to, seen) => (await session(id)).rows(query, from, to, seen),
    positionOf: async (id, query, seq) => (await session(id)).positionOf(query, seq),
    record: async (id, seq) => (await session(id)).record(seq),
    at: async (id, seq, heldId, shown) => (await session(id)).at(seq, heldId, shown),
    seedAt: async (id, seq) => (await session(id)).seedAt(seq),
    threadEnd: async (id, threadId) => (await session(id)).threadEnd(threadId),
    async overview(id): Promise<SessionOverview> {
      const s = await session(id);
      await s.ready();
      return {
        findings: await s.findings(),
        runs: await s.runs(),
        threads: await s.threads(),
        openToolCalls: await s.openToolCalls(),
        pendingInterrupts: await s.pendingInterrupts(),
        declaredTools: await s.declaredTools(),
        runCount: (await s.runTimings()).length,
        waterfall: await s.waterfall(),
        toolCalls: await s.toolCalls(),
      };
    },
    runTimings: async (id, from, to) => (await session(id)).runTimings(from, to),
    async exportFile(id, header, exportOptions) {
      const parts: string[] = [];
      for await (const part of (await session(id)).exportLines(header, exportOptions)) parts.push(part);
      return new Blob(parts, { type: "application/x-ndjson" });
    },
    async close(id) {
      const s = open.get(id);
      if (!s) return;
      clearTimeout(closing.get(id));
      closing.set(
        id,
        setTimeout(() => {
          closing.delete(id);
          if (open.get(id) === s) open.delete(id);
        }, keepClosedMs),
      );
      // A session that grew while open keeps its fold for the next open.
      // (a failed write only means the next open folds again)
      await s.then((paged) => paged.persist()).catch(() => {});
    },
    importFile: (file, name) => importIntoLibrary(db, file, name, (p) => options.news?.("import", p)),
  };
}
