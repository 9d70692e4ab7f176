import type { Finding } from "../replay";
import { align, type Pair } from "./align";
import { jsonDiff, type Beat, type RunDigest, type RunTiming } from "./beats";
import { createIdMatcher, type IdMatcher } from "./ids";
import { change, context, describe, outcomeText, printable, quote } from "./describe";

export { describe, printable } from "./describe";
export { pairedIds } from "./pairing";

// What differs between two runs, in the terms an agent developer thinks in: beats added or
// removed, message text, tool names, arguments and results, state (JSON Patch at aligned points
// and at the end), the state paths each change touched, the outcome, and protocol findings.
// Timing and steps are side by side, never differences. Ids are matched, never reported.

export type DifferenceKind =
  | "beat-added"
  | "beat-removed"
  | "text"
  | "tool-name"
  | "tool-args"
  | "tool-result"
  | "state"
  | "state-paths"
  | "activity"
  | "custom"
  | "messages"
  | "outcome"
  | "findings";

export interface Difference {
  kind: DifferenceKind;
  /** One line naming the change. */
  message: string;
  /** Index of the beat in each run's beats, where the difference is. */
  beat?: { a?: number; b?: number };
  /** Seq in each session. */
  seq?: { a?: number; b?: number };
  /** What the beat is: "text", "tool-call", "step", … */
  beatKind?: Beat["kind"];
  /** Tool, step, custom or activity name. */
  name?: string;
  /** JSON Pointer inside the arguments, result, state or value. */
  path?: string;
  op?: "add" | "remove" | "replace";
  before?: unknown;
  after?: unknown;
}

export interface RunSide {
  index: number;
  runId?: string;
  outcome: string;
  timing: RunTiming;
  steps: string[];
  beats: number;
}

export interface RunComparison {
  a: RunSide;
  b: RunSide;
  differences: Difference[];
}

/**
 * `earlier`: ids paired in the runs before these two (a's id → b's id), so a later run that
 * mentions an earlier run's tool call or interrupt compares equal too.
 */
export function compareRuns(a: RunDigest, b: RunDigest, earlier: Iterable<[string, string]> = []): RunComparison {
  const pairs = align(
    a.beats.map((x) => x.key),
    b.beats.map((x) => x.key),
  );
  const ids = matchIds(a, b, pairs);
  for (const [x, y] of earlier) ids.pair(x, y);
  const out: Difference[] = [];
  const seenState = new Set<string>();
  const addState = (d: Difference) => {
    const key = `${d.op} ${d.path} ${JSON.stringify(d.before)} ${JSON.stringify(d.after)}`;
    if (seenState.has(key)) return;
    seenState.add(key);
    out.push(d);
  };

  for (const pair of pairs) {
    const x = pair.a !== undefined ? a.beats[pair.a] : undefined;
    const y = pair.b !== undefined ? b.beats[pair.b] : undefined;
    const where = { beat: { ...(pair.a !== undefined ? { a: pair.a } : {}), ...(pair.b !== undefined ? { b: pair.b } : {}) }, seq: { ...(x ? { a: x.seq } : {}), ...(y ? { b: y.seq } : {}) } };
    if (!x || !y) {
      const beat = (x ?? y)!;
      out.push({ kind: x ? "beat-removed" : "beat-added", message: `${describe(beat)} ${x ? "removed" : "added"}${context(x ? a.beats : b.beats, x ? pair.a! : pair.b!)}`, ...where, beatKind: beat.kind, ...(beat.name !== undefined ? { name: beat.name } : {}) });
      continue;
    }
    const base = { ...where, beatKind: x.kind, ...(x.name !== undefined ? { name: x.name } : {}) };
    switch (x.kind) {
      case "text":
      case "reasoning": {
        const ta = ids.normalize(x.text ?? "", "a");
        const tb = ids.normalize(y.text ?? "", "b");
        if (ta !== tb) out.push({ ...base, kind: "text", message: `${describe(x)} text differs: ${quote(x.text)} → ${quote(y.text)}`, before: x.text, after: y.text });
        break;
      }
      case "tool-call": {
        if (x.name !== y.name) out.push({ ...base, kind: "tool-name", message: `tool call "${x.name}" is now "${y.name}"`, before: x.name, after: y.name });
        for (const op of jsonDiff(ids.normalize(parsed(x.text), "a"), ids.normalize(parsed(y.text), "b"))) {
          out.push({ ...base, name: y.name, kind: "tool-args", message: `tool call "${y.name}" argument ${op.path || "(whole)"} ${change(op)}`, ...opFields(op) });
        }
        break;
      }
      case "tool-result":
        for (const op of jsonDiff(ids.normalize(parsed(x.text), "a"), ids.normalize(parsed(y.text), "b"))) {
          const name = toolName(b, y.toolCallId);
          out.push({ ...base, ...(name ? { name } : {}), kind: "tool-result", message: `tool result${name ? ` of "${name}"` : ""} ${op.path || "(whole)"} ${change(op)}`, ...opFields(op) });
        }
        break;
      case "state": {
        const ta = new Set(x.touched);
        const tb = new Set(y.touched);
        for (const p of ta) if (!tb.has(p)) out.push({ ...base, kind: "state-paths", path: p, op: "remove", message: `state path ${p} is no longer changed by state update #${stateNo(a.beats, pair.a!)}` });
        for (const p of tb) if (!ta.has(p)) out.push({ ...base, kind: "state-paths", path: p, op: "add", message: `state path ${p} is now changed by state update #${stateNo(b.beats, pair.b!)}` });
        for (const op of jsonDiff(ids.normalize(x.state, "a"), ids.normalize(y.state, "b"))) {
          addState({ ...base, kind: "state", message: `state ${op.path || "(whole)"} ${change(op)}`, ...opFields(op) });
        }
        break;
      }
      case "activity":
      case "custom":
        for (const op of jsonDiff(ids.normalize(x.value, "a"), ids.normalize(y.value, "b"))) {
          out.push({ ...base, kind: x.kind, message: `${describe(x)} ${op.path || "value"} ${change(op)}`, ...opFields(op) });
        }
        break;
      case "messages":
        for (const op of jsonDiff(x.value, y.value)) {
          out.push({ ...base, kind: "messages", message: `messages snapshot roles ${op.path || "(whole)"} ${change(op)}`, ...opFields(op) });
        }
        break;
      case "run-end": {
        const va = JSON.stringify(ids.normalize(x.value, "a"));
        const vb = JSON.stringify(ids.normalize(y.value, "b"));
        if (va !== vb) out.push({ ...base, kind: "outcome", message: `the run ended ${outcomeText(x.value)}, now ${outcomeText(y.value)}`, before: x.value, after: y.value });
        break;
      }
      default:
        break;
    }
  }
  if (a.outcome !== b.outcome && !out.some((d) => d.kind === "outcome")) {
    out.push({ kind: "outcome", message: `the run's outcome was ${a.outcome}, now ${b.outcome}`, before: a.outcome, after: b.outcome });
  }
  for (const op of jsonDiff(ids.normalize(a.finalState, "a"), ids.normalize(b.finalState, "b"))) {
    addState({ kind: "state", message: `final state ${op.path || "(whole)"} ${change(op)}`, ...opFields(op) });
  }
  out.push(...findingDifferences(a.findings, b.findings));
  for (const d of out) d.message = printable(d.message);
  return { a: side(a), b: side(b), differences: out };
}

/** Pair the ids of aligned beats (and the run's own ids) so values differing only by them compare equal. */
function matchIds(a: RunDigest, b: RunDigest, pairs: Pair[]): IdMatcher {
  const ids = createIdMatcher();
  ids.pair(a.runId, b.runId);
  ids.pair(a.threadId, b.threadId);
  for (let i = 0; i < Math.min(a.interrupts.length, b.interrupts.length); i++) ids.pair(a.interrupts[i].id, b.interrupts[i].id);
  for (const pair of pairs) {
    if (pair.a === undefined || pair.b === undefined) continue;
    const x = a.beats[pair.a];
    const y = b.beats[pair.b];
    ids.pair(x.id, y.id);
    ids.pair(x.toolCallId, y.toolCallId);
  }
  return ids;
}

function findingDifferences(a: Finding[], b: Finding[]): Difference[] {
  const count = (list: Finding[]) => {
    const m = new Map<string, { n: number; severity: string; message: string }>();
    for (const f of list) {
      const entry = m.get(f.rule) ?? { n: 0, severity: f.severity, message: f.message };
      entry.n++;
      m.set(f.rule, entry);
    }
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const out: Difference[] = [];
  for (const rule of new Set([...ca.keys(), ...cb.keys()])) {
    const na = ca.get(rule)?.n ?? 0;
    const nb = cb.get(rule)?.n ?? 0;
    if (na === nb) continue;
    const info = (cb.get(rule) ?? ca.get(rule))!;
    out.push({ kind: "findings", name: rule, message: `${info.severity} ${rule}: ${na} → ${nb}${nb > na ? ` (${info.message})` : ""}`, before: na, after: nb, op: nb > na ? "add" : "remove" });
  }
  return out;
}

function side(run: RunDigest): RunSide {
  return {
    index: run.index,
    ...(run.runId ? { runId: run.runId } : {}),
    outcome: run.outcome,
    timing: run.timing,
    steps: run.beats.filter((x) => x.kind === "step").map((x) => x.name ?? ""),
    beats: run.beats.length,
  };
}

function stateNo(beats: Beat[], index: number): number {
  let n = 0;
  for (let i = 0; i <= index; i++) if (beats[i].kind === "state") n++;
  return n;
}

function toolName(run: RunDigest, toolCallId: string | undefined): string | undefined {
  return run.beats.find((x) => x.kind === "tool-call" && x.id === toolCallId)?.name;
}

function parsed(text: string | undefined): unknown {
  if (text === undefined || text === "") return text ?? null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function opFields(op: { op: "add" | "remove" | "replace"; path: string; before?: unknown; after?: unknown }) {
  return { op: op.op, path: op.path, ...(op.op !== "add" ? { before: op.before } : {}), ...(op.op !== "remove" ? { after: op.after } : {}) };
}
