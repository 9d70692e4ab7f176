import { align } from "./align";
import type { RunDigest } from "./beats";

/**
 * Ids of run a mapped to the ids of run b the alignment paired (run, messages, tool calls,
 * interrupts), with the tool name for tool calls so a caller can tell "asks the same thing".
 */
export function pairedIds(a: RunDigest, b: RunDigest): Map<string, { id: string; toolName?: string }> {
  const map = new Map<string, { id: string; toolName?: string }>();
  const set = (x: string | undefined, y: string | undefined, toolName?: string) => {
    if (x && y && !map.has(x)) map.set(x, { id: y, ...(toolName !== undefined ? { toolName } : {}) });
  };
  set(a.runId, b.runId);
  for (let i = 0; i < Math.min(a.interrupts.length, b.interrupts.length); i++) {
    if (a.interrupts[i].reason === b.interrupts[i].reason) set(a.interrupts[i].id, b.interrupts[i].id);
  }
  for (const pair of align(a.beats.map((x) => x.key), b.beats.map((x) => x.key))) {
    if (pair.a === undefined || pair.b === undefined) continue;
    const x = a.beats[pair.a];
    const y = b.beats[pair.b];
    // A call answered with a recorded result only when the agent asks the same tool again.
    if (x.kind === "tool-call") set(x.id, y.id, x.name === y.name ? y.name : undefined);
    else set(x.id, y.id);
  }
  return map;
}
