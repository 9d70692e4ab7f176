import type { Message } from "../protocol/events";

/**
 * One way the replayed thread differs from what the runtime says it holds. Its id names the
 * check; these are not stream rules (replay/rules.ts) since no frame triggers them.
 */
export interface ThreadDifference {
  rule: "thread/state-differs" | "thread/messages-differ";
  what: "state" | "messages";
  message: string;
  replayed: unknown;
  runtime: unknown;
}

/**
 * The runtime's `/messages` flattens tool calls to `{id, name, args}` (handlers/intelligence/threads);
 * both sides are brought to that shape before comparing.
 */
export function runtimeShape(messages: readonly Message[] | readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return messages.map((m) => {
    const msg = m as Record<string, unknown>;
    const out: Record<string, unknown> = { id: msg.id, role: msg.role };
    if (msg.content !== undefined) out.content = msg.content;
    const calls = msg.toolCalls as Record<string, unknown>[] | undefined;
    if (Array.isArray(calls) && calls.length) {
      out.toolCalls = calls.map((c) => {
        const fn = c.function as { name?: unknown; arguments?: unknown } | undefined;
        return { id: c.id, name: fn ? fn.name : c.name, args: fn ? fn.arguments : c.args };
      });
    }
    if (msg.toolCallId !== undefined) out.toolCallId = msg.toolCallId;
    return out;
  });
}

export function compareThread(replayed: { state: unknown; messages: readonly Message[] }, runtime: { state: unknown; messages: readonly Record<string, unknown>[] }): ThreadDifference[] {
  const out: ThreadDifference[] = [];
  // The runtime answers null when the thread never had a state snapshot; the replay starts from {}.
  const runtimeState = runtime.state ?? {};
  if (!deepEqual(replayed.state ?? {}, runtimeState)) {
    out.push({ rule: "thread/state-differs", what: "state", message: "The replayed final state differs from the runtime's /state.", replayed: replayed.state, runtime: runtime.state });
  }
  const a = runtimeShape(replayed.messages);
  const b = runtimeShape(runtime.messages);
  if (!deepEqual(a, b)) {
    const firstDiff = a.findIndex((m, i) => !deepEqual(m, b[i]));
    const at = firstDiff < 0 ? Math.min(a.length, b.length) : firstDiff;
    out.push({ rule: "thread/messages-differ", what: "messages", message: `The replayed messages differ from the runtime's /messages (${a.length} vs ${b.length}; first difference at #${at}).`, replayed: a, runtime: b });
  }
  return out;
}

function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== typeof y || x === null || y === null || typeof x !== "object") return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) return x.length === (y as unknown[]).length && x.every((v, i) => deepEqual(v, (y as unknown[])[i]));
  const kx = Object.keys(x as object).filter((k) => (x as Record<string, unknown>)[k] !== undefined);
  const ky = Object.keys(y as object).filter((k) => (y as Record<string, unknown>)[k] !== undefined);
  return kx.length === ky.length && kx.every((k) => deepEqual((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}
