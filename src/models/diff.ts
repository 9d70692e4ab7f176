/**
 * JSON Pointers of everything that differs between two JSON values, and of their ancestors, so
 * a tree can highlight the way down to a change. Bounded: past `limit` paths it stops.
 */
export function changedPaths(before: unknown, after: unknown, limit = 2000): Set<string> {
  const out = new Set<string>();
  walk(before, after, "", out, limit);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: Set<string>, limit: number): boolean {
  if (out.size >= limit || a === b) return false;
  const objA = a !== null && typeof a === "object";
  const objB = b !== null && typeof b === "object";
  if (!objA || !objB || Array.isArray(a) !== Array.isArray(b)) {
    out.add(path);
    return true;
  }
  let any = false;
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const k of keys) {
    const child = `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], child, out, limit)) any = true;
  }
  if (any) out.add(path);
  return any;
}
