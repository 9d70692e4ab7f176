import type { FetchLike } from "../core/transport/exchange";
import type { RecordSink } from "../core/recorder/recorder";
import type { SessionHeader } from "../core/session/record";

/** What a shell (web page, DevTools panel) gives the app: the platform, injected. */
export interface InspectorHost {
  kind: "web" | "extension";
  fetch: FetchLike;
  /** The page origin, to name CORS refusals; undefined where CORS does not apply (extension). */
  origin?: string;
  /** Where a new session's records go. */
  createSink(header: SessionHeader): Promise<RecordSink>;
  /** Initial runtime URL (from ?runtime= or the inspected page). */
  initialRuntimeUrl?: string;
}
