// Storage failures in words a user can act on. Whatever the cause, the records are still in
// memory and can be exported; the message always says so.

export type ProblemKind = "quota" | "closed" | "gone" | "sequence" | "unknown";

export interface StorageProblem {
  kind: ProblemKind;
  /** One or two plain sentences for the user. */
  message: string;
  /** The browser's own error name and message, for a details line. */
  detail: string;
  /** Whether retrying later can succeed (quota freed, transient failure). */
  retryable: boolean;
}

const KEEP = "Recording continues in memory; export the session to keep it.";

/** The session this sink wrote to was deleted (by this or another tab) while recording. */
export class SessionGoneError extends Error {
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} was deleted from the library while it was recording.`);
    this.name = "SessionGoneError";
  }
}

/** A sink only appends to a session it created: two writers would number seqs independently. */
export class SessionBusyError extends Error {
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} already has records or a recorder; record into a new session instead.`);
    this.name = "SessionBusyError";
  }
}

/** A record arrived out of order: a bug upstream, never papered over by storing a gap. */
export class SequenceError extends Error {
  constructor(readonly expected: number, readonly got: number) {
    super(`Expected record seq ${expected}, got ${got}.`);
    this.name = "SequenceError";
  }
}

/** Rejection of a sink write; `problem` is what to show. */
export class StorageWriteError extends Error {
  constructor(readonly problem: StorageProblem, override readonly cause: unknown) {
    super(problem.message);
    this.name = "StorageWriteError";
  }
}

export function describeStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageWriteError) return error.problem;
  const name = (error as { name?: string })?.name ?? "Error";
  const detail = `${name}: ${(error as { message?: string })?.message ?? String(error)}`;
  if (error instanceof SessionGoneError) {
    return { kind: "gone", message: `This session was deleted from the library while recording. ${KEEP}`, detail, retryable: false };
  }
  if (error instanceof SequenceError) {
    return { kind: "sequence", message: `Records arrived out of order, so they were not saved. ${KEEP}`, detail, retryable: false };
  }
  if (name === "QuotaExceededError" || /quota/i.test(detail)) {
    return {
      kind: "quota",
      message: `The browser's storage for this site is full, so new records are not being saved. ${KEEP} Deleting old sessions frees space.`,
      detail,
      retryable: true,
    };
  }
  if (name === "InvalidStateError" || name === "TransactionInactiveError") {
    return {
      kind: "closed",
      message: `The session library was closed (another inspector tab upgraded it, or the browser shut it). ${KEEP} Reload this tab to save again.`,
      detail,
      retryable: false,
    };
  }
  return { kind: "unknown", message: `The browser could not save records (${detail}). ${KEEP}`, detail, retryable: true };
}
