import type { SessionRecord } from "../session/record";
import { eventSummary, type SummaryContext } from "./event-summary";
import { clip, preview } from "./preview";

// One line per record of any kind: events through eventSummary, the rest in words.

const STATUS_WORDS: Record<number, string> = {
  400: "bad request",
  401: "unauthorized",
  403: "forbidden",
  404: "not found",
  408: "request timeout",
  413: "payload too large",
  422: "unprocessable",
  429: "too many requests",
  500: "server error",
  502: "bad gateway",
  503: "unavailable",
  504: "gateway timeout",
};

export function recordSummary(r: SessionRecord, ctx?: SummaryContext): string {
  switch (r.kind) {
    case "event":
      return eventSummary(r.event, ctx);
    case "request":
      return `${r.method} ${r.url} (${r.transport})`;
    case "response": {
      const words = r.status >= 400 ? ` ${STATUS_WORDS[r.status] ?? "error"}` : "";
      const body = r.text !== undefined ? `: ${clip(r.text, 100)}` : r.body !== undefined ? `: ${preview(r.body, 100)}` : "";
      return `${r.status}${words} ${r.contentType || "no content type"} after ${r.ms} ms${body}`;
    }
    case "bad-frame": {
      const len = r.rawLength ?? r.raw.length;
      return `bad frame: ${r.error} — ${len} char(s): ${clip(r.raw, 80)}`;
    }
    case "comment":
      return `comment: ${clip(r.text, 100)}`;
    case "end": {
      const frames = `${r.frames} frame(s)${r.badFrames ? `, ${r.badFrames} bad` : ""}${r.unterminated ? ", the last cut off" : ""}`;
      if (r.outcome === "error") return `failed: ${r.error ?? "unknown error"}${r.code ? ` (${r.code})` : ""} after ${frames}`;
      return `${r.outcome === "aborted" ? "stopped" : "complete"} after ${frames}`;
    }
  }
}

/** Tool call names and their arguments' first few hundred characters, for `name(args)` summaries. */
export function createToolCallIndex() {
  const calls = new Map<string, { name: string; args: string }>();
  function add(r: SessionRecord) {
    if (r.kind !== "event") return;
    const e = r.event;
    const id = typeof e.toolCallId === "string" ? e.toolCallId : undefined;
    if (!id) return;
    const delta = typeof e.delta === "string" ? e.delta : "";
    const prev = calls.get(id);
    if (e.type === "TOOL_CALL_START" || (e.type === "TOOL_CALL_CHUNK" && typeof e.toolCallName === "string" && !prev)) {
      calls.set(id, { name: String(e.toolCallName ?? prev?.name ?? "?"), args: (prev?.args ?? "") + delta });
    } else if ((e.type === "TOOL_CALL_ARGS" || e.type === "TOOL_CALL_CHUNK") && prev && prev.args.length < 400) {
      // Capped: a summary never needs more than the first few hundred characters.
      prev.args += delta;
    }
  }
  const context: SummaryContext = { toolCall: (id) => calls.get(id) };
  /** Every call seen, as plain data (a worker sends them to the page). */
  const entries = (): [string, { name: string; args: string }][] => [...calls].map(([id, c]) => [id, { ...c }]);
  return { add, context, entries };
}

/** The index over a whole list at once. */
export function toolCallIndex(records: Iterable<SessionRecord>): SummaryContext {
  const index = createToolCallIndex();
  for (const r of records) index.add(r);
  return index.context;
}
