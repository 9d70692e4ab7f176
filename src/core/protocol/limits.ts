// Limits that keep one hostile or broken frame from costing the ones after it
// (docs/session-format.md, "Limits").

/** A bad frame keeps at most this many characters of its raw text (1 MiB of ASCII); `rawLength` has the whole length. */
export const RAW_CAP = 1024 * 1024;

/**
 * Deepest nesting of objects and arrays accepted in an event. JSON.parse reads far deeper, but
 * JSON.stringify, structured clone (IndexedDB, postMessage) and any recursive walk overflow the
 * stack a few thousand levels down; 1000 leaves room for the stack already in use.
 */
export const MAX_DEPTH = 1000;

/** Text cut to RAW_CAP, with the original length when it was cut. */
export function capRaw(text: string): { raw: string; rawLength?: number } {
  return text.length > RAW_CAP ? { raw: text.slice(0, RAW_CAP), rawLength: text.length } : { raw: text };
}

/** Whether a parsed value nests deeper than `limit`, walked without recursion (so it cannot overflow itself). */
export function nestsDeeperThan(value: unknown, limit = MAX_DEPTH): boolean {
  if (value === null || typeof value !== "object") return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i];
        if (v !== null && typeof v === "object") stack.push([v, depth + 1]);
      }
    } else {
      for (const key of Object.keys(node as object)) {
        const v = (node as Record<string, unknown>)[key];
        if (v !== null && typeof v === "object") stack.push([v, depth + 1]);
      }
    }
  }
  return false;
}
