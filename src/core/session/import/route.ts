import { isRecord } from "../../replay/json";
import type { Op, Transport } from "../record";

/** What a captured HTTP request was, seen as a runtime call. */
export interface RouteInfo {
  op: Op;
  transport: Transport;
  agentId?: string;
  threadId?: string;
  runId?: string;
  /** The runtime's base URL (REST mount, or the single-route endpoint). */
  base?: string;
}

const SINGLE_OPS: Record<string, Op> = { info: "info", "agent/run": "run", "agent/connect": "connect", "agent/stop": "stop" };

/**
 * Classify a request by the runtime's own routes (docs/architecture.md, REST and single-route): REST paths matched
 * from the end, a single-route envelope by its `method`. Anything else is no runtime call.
 */
export function routeOf(method: string, url: string, body: unknown): RouteInfo | null {
  if (isRecord(body) && typeof body.method === "string" && SINGLE_OPS[body.method]) {
    const params = isRecord(body.params) ? body.params : {};
    const input = isRecord(body.body) ? body.body : {};
    return clean({
      op: SINGLE_OPS[body.method],
      transport: "single",
      agentId: str(params.agentId),
      threadId: str(params.threadId) ?? str(input.threadId),
      runId: str(input.runId),
      base: url,
    });
  }
  const path = pathOf(url);
  const input = isRecord(body) ? body : {};
  let m = /^(.*)\/agent\/([^/]+)\/(run|connect)\/?$/.exec(path.pathname);
  if (m && method.toUpperCase() === "POST") {
    return clean({ op: m[3] as Op, transport: "rest", agentId: decode(m[2]), threadId: str(input.threadId), runId: str(input.runId), base: path.origin + m[1] });
  }
  m = /^(.*)\/agent\/([^/]+)\/stop\/([^/]+)\/?$/.exec(path.pathname);
  if (m && method.toUpperCase() === "POST") {
    return clean({ op: "stop", transport: "rest", agentId: decode(m[2]), threadId: decode(m[3]), runId: str(input.runId), base: path.origin + m[1] });
  }
  m = /^(.*)\/info\/?$/.exec(path.pathname);
  if (m && method.toUpperCase() === "GET") return clean({ op: "info", transport: "rest", base: path.origin + m[1] });
  return null;
}

function pathOf(url: string): { origin: string; pathname: string } {
  try {
    const u = new URL(url);
    return { origin: u.origin, pathname: u.pathname };
  } catch {
    // a relative URL, as the DevTools extension records them
    return { origin: "", pathname: url.split(/[?#]/)[0] };
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function clean(info: RouteInfo): RouteInfo {
  for (const key of Object.keys(info) as (keyof RouteInfo)[]) if (info[key] === undefined) delete info[key];
  return info;
}
