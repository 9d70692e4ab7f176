import type { AguiEvent } from "../protocol/events";
import type { SchemaIssue } from "../protocol/schema";

// A session is an append-only log of records in arrival order. `seq` is dense from 1 within a
// session; `t` is epoch milliseconds from the injected clock. `x` numbers the HTTP exchange
// (one request and everything that came back for it) so frames can be tied to their request.

/** "observe": the debug feed's GET; "other": any other runtime route a proxy passed on (threads, suggest…). */
export type Op = "info" | "run" | "connect" | "stop" | "observe" | "other";
export type Transport = "rest" | "single" | "agui";

interface RecordBase {
  seq: number;
  t: number;
  /** Exchange number within the session; every record of one request/response shares it. */
  x: number;
  threadId?: string;
  runId?: string;
  agentId?: string;
}

/** Something the inspector sent (dir "out"): the request as sent, secrets redacted. */
export interface RequestRecord extends RecordBase {
  dir: "out";
  kind: "request";
  op: Op;
  method: string;
  url: string;
  transport: Transport;
  headers: Record<string, string>;
  body?: unknown;
}

/** Status line and headers of the answer to a request; `body` when the answer was not a stream. */
export interface ResponseRecord extends RecordBase {
  dir: "in";
  kind: "response";
  op: Op;
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Body text when it was not JSON. */
  text?: string;
  ms: number;
  /**
   * Set on import when the saving tool stored the UTF-8 body decoded as windows-1252 (Chromium's
   * HAR export of event streams): `repaired` says whether the text was turned back.
   */
  misDecoded?: { as: "windows-1252"; repaired: boolean };
}

/** One decoded SSE frame or protobuf message. */
export interface EventRecord extends RecordBase {
  dir: "in";
  kind: "event";
  /** The event exactly as parsed from the wire (JSON.parse of the data text / proto decode). */
  event: AguiEvent;
  /** The frame's data text, kept only when it differs from JSON.stringify(event); base64 bytes for proto. */
  raw?: string;
  rawEncoding?: "text" | "base64";
  sse?: { event?: string; id?: string };
  /** Schema diagnostics for AG-UI 0.0.59 / 1.0.0; never a reason to drop. */
  issues?: SchemaIssue[];
  /** The body ended inside this frame (no blank line after it); its data still decoded, as an AG-UI client decodes it. */
  unterminated?: true;
}

/** A frame that could not be turned into an event: raw text kept, reason given, stream went on. */
export interface BadFrameRecord extends RecordBase {
  dir: "in";
  kind: "bad-frame";
  /** The frame's text, cut at RAW_CAP characters (src/core/protocol/limits.ts). */
  raw: string;
  rawEncoding?: "text" | "base64";
  /** Length of the raw text before `raw` was capped; present only when it was. */
  rawLength?: number;
  error: string;
  sse?: { event?: string; id?: string };
  /** The body ended inside this frame (at EOF or at a cut). */
  unterminated?: true;
}

/** An SSE comment line (e.g. the runtime's `: keep-alive`). */
export interface CommentRecord extends RecordBase {
  dir: "in";
  kind: "comment";
  text: string;
}

/** How an exchange ended. */
export interface EndRecord extends RecordBase {
  dir: "in";
  kind: "end";
  op: Op;
  outcome: "complete" | "aborted" | "error";
  /** Stable error code when outcome is "error" (see transport/errors.ts). */
  code?: string;
  error?: string;
  /** Frames that arrived, every one recorded: events, bad frames and an unterminated last frame. */
  frames: number;
  /** How many of those frames are bad-frame records. */
  badFrames?: number;
  /** The body ended inside a frame; that frame is the last record before this one. */
  unterminated?: true;
}

export type SessionRecord =
  | RequestRecord
  | ResponseRecord
  | EventRecord
  | BadFrameRecord
  | CommentRecord
  | EndRecord;

export type RecordKind = SessionRecord["kind"];

/** What a producer hands the recorder; seq and t are assigned there. */
export type RecordDraft = SessionRecord extends infer R
  ? R extends SessionRecord
    ? Omit<R, "seq" | "t">
    : never
  : never;

export interface SessionHeader {
  format: "agui-inspector-session";
  version: 1;
  id: string;
  name?: string;
  createdAt: string;
  runtimeUrl?: string;
  transport?: Transport;
  agentId?: string;
  tool: { name: string; version: string };
  /** What was removed before anything was stored; headers are always redacted. */
  redaction: { headers: true; messageText?: boolean; stateValues?: boolean };
  /** Where the records came from when they were not recorded live by the inspector; `spool` is a recording proxy's spool id. */
  source?: { kind: string; file?: string; spool?: string };
  /** For an imported session file: the id the file's header had, so a re-import is recognised. */
  importedFrom?: string;
}
