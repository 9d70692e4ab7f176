import { effect } from "@preact/signals";
import type { PrefsPort } from "./prefs";
import { TRANSPORTS, type ConnectionModel, type TransportChoice } from "./connection";
import type { LibraryModel } from "./library";
import type { RecordingModel } from "./recording";
import type { SessionView } from "./session-view";
import { redactUrl } from "../core/session/redact";

const KEY = "last-session";

/** What a reload brings back: the session in view, its cursor, and the connection minus secrets. */
export interface LastSession {
  sessionId: string | null;
  /** null: following the live end. */
  cursor: number | null;
  url: string;
  transport: TransportChoice;
  /** Header names only: values may be secrets and never reach storage. */
  headerNames: string[];
}

export function readLastSession(prefs: PrefsPort): LastSession | undefined {
  const v = prefs.get<LastSession>(KEY);
  return v && typeof v === "object" ? v : undefined;
}

/** Keep `last-session` up to date as the user moves around; returns the stop function. */
export function rememberLastSession(prefs: PrefsPort, m: { connection: ConnectionModel; library: LibraryModel; recording: RecordingModel; view: SessionView }): () => void {
  return effect(() => {
    const sessionId = m.library.openId.value ?? (m.recording.saved.value ? m.recording.header.value?.id ?? null : null);
    const value: LastSession = {
      sessionId,
      cursor: m.view.cursor.value,
      url: redactUrl(m.connection.url.value),
      transport: m.connection.transport.value,
      headerNames: m.connection.headers.value.map((h) => h.name).filter((n) => n.trim()),
    };
    prefs.set(KEY, value);
  });
}

/**
 * After a reload: the connection settings come back (header values left empty, to be typed
 * again), then the last session opens at its cursor if it is still in the library.
 */
export async function restoreLastSession(prefs: PrefsPort, m: { connection: ConnectionModel; library: LibraryModel; view: SessionView }, options: { keepUrl?: boolean; reopen?: boolean } = {}): Promise<boolean> {
  const last = readLastSession(prefs);
  if (!last) return false;
  if (!options.keepUrl && typeof last.url === "string" && last.url) m.connection.url.value = last.url;
  if ((TRANSPORTS as readonly string[]).includes(last.transport)) m.connection.transport.value = last.transport;
  const names = Array.isArray(last.headerNames) ? last.headerNames.filter((n) => typeof n === "string") : [];
  if (names.length && !m.connection.headers.value.length) m.connection.headers.value = names.map((name) => ({ name, value: "" }));
  if (options.reopen === false || typeof last.sessionId !== "string" || !m.library.available) return false;
  await m.library.refresh();
  if (!m.library.sessions.value.some((s) => s.id === last.sessionId)) return false;
  await m.library.open(last.sessionId);
  if (typeof last.cursor === "number" && m.view.hasSeq(last.cursor)) m.view.select(last.cursor);
  return true;
}
