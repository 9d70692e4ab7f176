import type { FetchLike } from "../core/transport/exchange";
import type { Recorder, RecordSink } from "../core/recorder/recorder";
import type { SessionHeader, SessionRecord } from "../core/session/record";
import type { SessionPort } from "./session-port";
import type { PrefsPort } from "./prefs";

/** What a shell (web page, DevTools panel) gives the app: the platform, injected. */
export interface InspectorHost {
  kind: "web" | "extension";
  fetch: FetchLike;
  /** The page origin, to name CORS refusals; undefined where CORS does not apply (extension). */
  origin?: string;
  /** Where a new session's records go. */
  createSink(header: SessionHeader): Promise<RecordSink>;
  /** A recording proxy started with the served inspector (?proxy=), and the page's token for its record feed. */
  proxy?: { url: string; token: string; fetch?: FetchLike };
  /**
   * Records a live session holds in the page before the view hands it over to the worker, which
   * pages it from the library as it grows (default 20,000; ?liveWindow= in the web app).
   */
  liveWindow?: number;
  /** Initial runtime URL (from ?runtime= or the inspected page). */
  initialRuntimeUrl?: string;
  /** Small settings kept across reloads (last session, tools, input history); memory when absent. */
  prefs?: PrefsPort;
  /** The session library; absent where nothing persists. */
  store?: SessionStorePort;
  /** A new live session started recording (e.g. to flush it when the page hides). */
  onRecorder?(recorder: Recorder, sink: RecordSink, reportProblem: (message: string | null) => void): void;
  /**
   * Called first thing on Connect, still inside the user's click (the extension asks for host
   * access to the runtime's origin there); rejecting stops the connect with the error shown.
   */
  beforeConnect?(url: string): Promise<void>;
}

/** A row of the session library, as the UI shows it. */
export interface SessionListItem {
  id: string;
  name: string;
  tags: string[];
  createdAt: number;
  runtimeUrl?: string;
  agentId?: string;
  runs: number;
  events: number;
  bytes: number;
  /** The session id a file exported from it carries (for an imported session: the id its file had). */
  fileId?: string;
  /** "observed", "imported: <format>", or absent for sessions recorded here. */
  source?: string;
}

export interface StorageMeterInfo {
  supported: boolean;
  usage?: number;
  quota?: number;
  persisted: boolean;
}

export interface ImportProgress {
  bytes: number;
  total: number;
  records: number;
}

/** The session library port; the app implements it over IndexedDB. */
export interface SessionStorePort {
  list(query: string): Promise<SessionListItem[]>;
  records(id: string): AsyncIterable<SessionRecord[]>;
  header(id: string): Promise<SessionHeader | undefined>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  wipe(): Promise<void>;
  estimate(): Promise<StorageMeterInfo>;
  persist(): Promise<boolean>;
  /** The session file (v1) of a stored session, including records not saved yet. */
  exportFile(id: string): Promise<Blob>;
  importFile(file: Blob & { name?: string }, onProgress?: (p: ImportProgress) => void): Promise<{ id: string; records: number; errors: { line: number; error: string }[] }>;
  /** Stored sessions held as windows by the page's worker; without it a session opens whole. */
  paged?: SessionPort;
}
