// Bounded previews: a summary must cost the same for a 5 MB value as for a 5-byte one, so values
// are walked only until the budget is spent, never stringified whole.

/** First 8 characters of a long id, enough to tell ids apart at a glance. */
export function shortId(id: unknown): string {
  if (typeof id !== "string" || id === "") return "?";
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

/** A JSON-like rendering of `value` cut at `max` characters (with "…"); the walk stops at the cut. */
export function preview(value: unknown, max = 120): string {
  const out: string[] = [];
  let used = 0;
  const push = (s: string): boolean => {
    if (used >= max) return false;
    const room = max - used;
    out.push(s.length > room ? s.slice(0, room) : s);
    used += Math.min(s.length, room);
    return used < max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== "object") {
      if (typeof v === "string") return push(JSON.stringify(v.length > max ? v.slice(0, max) : v));
      if (v === undefined) return push("undefined");
      return push(String(v));
    }
    if (depth > 6) return push(Array.isArray(v) ? "[…]" : "{…}");
    if (Array.isArray(v)) {
      if (!push("[")) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !push(",")) return false;
        if (!walk(v[i], depth + 1)) return false;
      }
      return push("]");
    }
    if (!push("{")) return false;
    let first = true;
    for (const k in v as Record<string, unknown>) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (!first && !push(",")) return false;
      first = false;
      if (!push(`${JSON.stringify(k)}:`)) return false;
      if (!walk((v as Record<string, unknown>)[k], depth + 1)) return false;
    }
    return push("}");
  };
  const complete = walk(value, 0);
  const text = out.join("");
  return complete && text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Text cut at `max` characters with "…"; newlines shown as ⏎ so one row stays one line. */
export function clip(text: string, max = 120): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/\r?\n/g, "⏎");
}
