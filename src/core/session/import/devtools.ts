import { isRecord } from "../../replay/json";
import type { SessionHeader } from "../record";
import { redactJson, redactUrl } from "../redact";
import { createEventRecorder } from "./events";
import { importedHeader } from "./header";
import type { RecordOut } from "./out";
import { routeOf } from "./route";
import type { FormatReader } from "./types";

// The AG-UI DevTools extension's `.agui.jsonl` (github.com/blove/ag-ui-chrome-extension,
// core/jsonl/codec.ts): a `header` line, then `request` {connId, tMs, method, url, input},
// `event` {connId, seq, tMs, event|null} and `keepalive` {connId, seq, tMs, comment} lines.
// Each connId becomes one exchange. Their seq is renumbered (request lines have none); events
// are kept exactly as written, a null event (a frame the extension could not decode) as a bad frame.

interface Conn {
  x: number;
  ids: { agentId?: string; threadId?: string; runId?: string };
  offset: number;
  t: number;
  events: ReturnType<typeof createEventRecorder>;
}

export function createDevtoolsReader(out: RecordOut, file: string | undefined, now: number): FormatReader {
  let base = now;
  let lastT = now;
  let source: Record<string, unknown> | undefined;
  const conns = new Map<string, Conn>();
  const agents: (string | undefined)[] = [];

  const timeOf = (conn: Conn, tMs: unknown) => {
    conn.t = Math.max(conn.t, base + conn.offset + (typeof tMs === "number" ? tMs : 0));
    lastT = Math.max(lastT, conn.t);
    return conn.t;
  };

  /** tMs is per connection in some captures: a connection never starts before the last time seen. */
  const open = (connId: string, tMs: unknown, ids: { agentId?: string; threadId?: string; runId?: string } = {}): Conn => {
    const x = out.nextExchange();
    const start = base + (typeof tMs === "number" ? tMs : 0);
    const conn: Conn = { x, ids, offset: Math.max(0, lastT - start), t: 0, events: createEventRecorder({ x, ...ids }, (d) => out.push(d, conn.t)) };
    conns.set(connId, conn);
    return conn;
  };

  return {
    line(text, lineNo) {
      if (!text.trim()) return;
      let line: unknown;
      try {
        line = JSON.parse(text);
      } catch (err) {
        out.error(lineNo, `invalid JSON: ${(err as Error).message}`);
        return;
      }
      if (!isRecord(line)) return out.error(lineNo, "not a JSONL record object");
      // Stryker disable next-line StringLiteral: any fixed key groups the lines that name no connection alike
      const connId = String(line.connId ?? "");
      switch (line.kind) {
        case "header": {
          source = line;
          const at = Date.parse(String(line.capturedAt));
          if (Number.isFinite(at)) base = lastT = at;
          return;
        }
        case "request": {
          const method = String(line.method ?? "POST");
          const url = String(line.url ?? "");
          const route = routeOf(method, url, line.input);
          const ids = { ...(route?.agentId ? { agentId: route.agentId } : {}), ...threadRun(line.input) };
          agents.push(ids.agentId);
          const conn = open(connId, line.tMs, ids);
          const t = timeOf(conn, line.tMs);
          out.push({ dir: "out", kind: "request", x: conn.x, ...ids, op: route?.op ?? "run", method, url: redactUrl(url), transport: route?.transport ?? "agui", headers: {}, ...(line.input !== undefined ? { body: redactJson(line.input) } : {}) }, t);
          return;
        }
        case "event": {
          const conn = conns.get(connId) ?? open(connId, line.tMs);
          timeOf(conn, line.tMs);
          if (line.event === null || line.event === undefined) conn.events.bad(JSON.stringify(line.event ?? null), "the DevTools capture could not decode this frame (event: null)");
          else conn.events.value(line.event, JSON.stringify(line.event));
          return;
        }
        case "keepalive": {
          const conn = conns.get(connId) ?? open(connId, line.tMs);
          const t = timeOf(conn, line.tMs);
          out.push({ dir: "in", kind: "comment", x: conn.x, ...conn.ids, text: String(line.comment ?? "") }, t);
          return;
        }
        default:
          out.error(lineNo, `unrecognized kind ${JSON.stringify(line.kind)}`);
      }
    },
    finish() {
      for (const conn of conns.values()) out.push({ dir: "in", kind: "end", x: conn.x, ...conn.ids, op: "run", outcome: "complete", frames: conn.events.count() }, conn.t);
      // Stryker disable next-line ArrayDeclaration: names that are no redaction group add no flag, as no names do
      const redacted = Array.isArray(source?.redacted) ? (source!.redacted as unknown[]).map(String) : [];
      const fields: Partial<SessionHeader> = {
        createdAt: new Date(base).toISOString(),
        redaction: {
          headers: true,
          ...(redacted.some((g) => g === "text" || g === "reasoning" || g === "toolResults") ? { messageText: true } : {}),
          ...(redacted.includes("state") ? { stateValues: true } : {}),
        },
      };
      return importedHeader("ag-ui-devtools", file, agents, fields);
    },
  };
}

function threadRun(input: unknown): { threadId?: string; runId?: string } {
  if (!isRecord(input)) return {};
  return {
    ...(typeof input.threadId === "string" ? { threadId: input.threadId } : {}),
    ...(typeof input.runId === "string" ? { runId: input.runId } : {}),
  };
}
