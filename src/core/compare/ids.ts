// Generated ids (run, thread, message, tool call, interrupt) differ between two runs of the same
// agent, and they leak into text ("Tool <id> answered"), arguments and state. Ids the alignment
// paired get one shared token on both sides, so a value that differs only by such an id compares
// equal. Short ids are left alone: replacing "1" inside text would do more harm than good.

const MIN_ID_LENGTH = 6;

export interface IdMatcher {
  /** Pair an id of run a with an id of run b. */
  pair(a: string | undefined, b: string | undefined): void;
  /** A deep copy of value with the paired ids of one side replaced by their tokens. */
  normalize<T>(value: T, side: "a" | "b"): T;
}

export function createIdMatcher(): IdMatcher {
  const tokens = { a: new Map<string, string>(), b: new Map<string, string>() };
  const patterns: { a?: RegExp | null; b?: RegExp | null } = {};
  let next = 0;

  function pattern(side: "a" | "b"): RegExp | null {
    if (patterns[side] !== undefined) return patterns[side]!;
    const ids = [...tokens[side].keys()].sort((x, y) => y.length - x.length);
    patterns[side] = ids.length ? new RegExp(ids.map(escape).join("|"), "g") : null;
    return patterns[side]!;
  }

  function replace(text: string, side: "a" | "b"): string {
    const re = pattern(side);
    return re ? text.replace(re, (id) => tokens[side].get(id) ?? id) : text;
  }

  function walk(value: unknown, side: "a" | "b"): unknown {
    if (typeof value === "string") return replace(value, side);
    if (Array.isArray(value)) return value.map((v) => walk(v, side));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[replace(k, side)] = walk(v, side);
      return out;
    }
    return value;
  }

  return {
    pair(a, b) {
      if (!a || !b || a === b || a.length < MIN_ID_LENGTH || b.length < MIN_ID_LENGTH) return;
      if (tokens.a.has(a) || tokens.b.has(b)) return;
      const token = `‹id${++next}›`;
      tokens.a.set(a, token);
      tokens.b.set(b, token);
      patterns.a = patterns.b = undefined;
    },
    normalize: <T>(value: T, side: "a" | "b") => walk(value, side) as T,
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
