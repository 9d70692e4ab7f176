import type { EventFamily } from "../protocol/events";
import type { Difference } from "./diff";

// The rules `check` judges differences by. Defaults: the same beats (event families, message
// roles, steps, tool calls) in the same order, the same tool names with arguments and results of
// the same shape, the same state paths changed at each state update, the same outcome, no new
// protocol errors. Text and state values may differ unless marked exact.
// The file format is in docs/testing-agents.md.

export type Strictness = "any" | "shape" | "exact";

export interface CheckRules {
  /** Message and reasoning text: "any" (default) or "exact". */
  text: "any" | "exact";
  /** Tool-call arguments: "shape" (default: same keys and value types), "exact" or "any". */
  toolArgs: Strictness;
  /** Tool results: "shape" (default), "exact" or "any". */
  toolResults: Strictness;
  state: {
    /** JSON Pointers whose values (and everything under them) must be equal; "" is the whole state. */
    exact: string[];
    /** JSON Pointers never reported as failures (timestamps, ids the agent makes up). */
    ignore: string[];
  };
  /** Event families whose beats may be added, removed or differ (e.g. "activity", "custom"). */
  ignoreFamilies: EventFamily[];
  /** "errors" (default): a new error finding fails; "all": any change in findings; "ignore". */
  findings: "errors" | "all" | "ignore";
}

export const DEFAULT_RULES: CheckRules = {
  text: "any",
  toolArgs: "shape",
  toolResults: "shape",
  state: { exact: [], ignore: [] },
  ignoreFamilies: [],
  findings: "errors",
};

export const EXACT_RULES: CheckRules = {
  text: "exact",
  toolArgs: "exact",
  toolResults: "exact",
  state: { exact: [""], ignore: [] },
  ignoreFamilies: [],
  findings: "all",
};

export class RulesError extends Error {}

const FAMILIES: EventFamily[] = ["lifecycle", "text", "tool", "state", "messages", "activity", "reasoning", "step", "subagent", "custom", "unknown"];

/**
 * Rules from a config object: `{"preset": "exact"}` starts from the exact rules, every other key
 * overrides. Unknown keys and bad values are errors, so a typo never loosens a check silently.
 */
export function parseRules(value: unknown, where = "rules"): CheckRules {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new RulesError(`${where}: expected a JSON object`);
  const v = value as Record<string, unknown>;
  const known = new Set(["$schema", "preset", "text", "toolArgs", "toolResults", "state", "ignoreFamilies", "findings"]);
  for (const key of Object.keys(v)) if (!known.has(key)) throw new RulesError(`${where}: unknown key "${key}" (known: ${[...known].slice(1).join(", ")})`);
  const preset = v.preset ?? "default";
  if (preset !== "default" && preset !== "exact") throw new RulesError(`${where}: "preset" must be "default" or "exact"`);
  const base = preset === "exact" ? EXACT_RULES : DEFAULT_RULES;
  const rules: CheckRules = { ...base, state: { exact: [...base.state.exact], ignore: [...base.state.ignore] }, ignoreFamilies: [...base.ignoreFamilies] };
  if (v.text !== undefined) rules.text = oneOf(v.text, ["any", "exact"], `${where}: "text"`);
  if (v.toolArgs !== undefined) rules.toolArgs = oneOf(v.toolArgs, ["any", "shape", "exact"], `${where}: "toolArgs"`);
  if (v.toolResults !== undefined) rules.toolResults = oneOf(v.toolResults, ["any", "shape", "exact"], `${where}: "toolResults"`);
  if (v.findings !== undefined) rules.findings = oneOf(v.findings, ["errors", "all", "ignore"], `${where}: "findings"`);
  if (v.ignoreFamilies !== undefined) rules.ignoreFamilies = stringList(v.ignoreFamilies, `${where}: "ignoreFamilies"`).map((f) => oneOf(f, FAMILIES, `${where}: "ignoreFamilies"`));
  if (v.state !== undefined) {
    const s = v.state as Record<string, unknown>;
    if (!s || typeof s !== "object" || Array.isArray(s)) throw new RulesError(`${where}: "state" must be an object with "exact" and/or "ignore"`);
    for (const key of Object.keys(s)) if (key !== "exact" && key !== "ignore") throw new RulesError(`${where}: unknown key "state.${key}"`);
    if (s.exact !== undefined) rules.state.exact = pointers(s.exact, `${where}: "state.exact"`);
    if (s.ignore !== undefined) rules.state.ignore = pointers(s.ignore, `${where}: "state.ignore"`);
  }
  return rules;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) throw new RulesError(`${what} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`);
  return value as T;
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((x) => typeof x !== "string")) throw new RulesError(`${what} must be an array of strings`);
  return value as string[];
}

function pointers(value: unknown, what: string): string[] {
  const list = stringList(value, what);
  for (const p of list) if (p !== "" && !p.startsWith("/")) throw new RulesError(`${what}: "${p}" is not a JSON Pointer (use "" for the whole state or "/key/…")`);
  return list;
}

/** Does pointer `path` lie at or under `prefix`? */
export function under(path: string, prefix: string): boolean {
  return prefix === "" || path === prefix || path.startsWith(prefix + "/");
}

const FAMILY_OF_BEAT: Record<string, EventFamily> = {
  "run-start": "lifecycle",
  "run-end": "lifecycle",
  text: "text",
  reasoning: "reasoning",
  "tool-call": "tool",
  "tool-result": "tool",
  state: "state",
  step: "step",
  activity: "activity",
  custom: "custom",
  messages: "messages",
};

export interface Verdict {
  failures: Difference[];
  /** Differences the rules allow; reported, never failing. */
  notes: Difference[];
}

export function judge(differences: Difference[], rules: CheckRules): Verdict {
  const verdict: Verdict = { failures: [], notes: [] };
  for (const d of differences) (fails(d, rules) ? verdict.failures : verdict.notes).push(d);
  return verdict;
}

function fails(d: Difference, rules: CheckRules): boolean {
  const family = d.beatKind ? FAMILY_OF_BEAT[d.beatKind] : undefined;
  if (family && rules.ignoreFamilies.includes(family)) return false;
  switch (d.kind) {
    case "beat-added":
    case "beat-removed":
    case "tool-name":
    case "outcome":
    case "messages":
      return true;
    case "text":
      return rules.text === "exact";
    case "tool-args":
      return strict(rules.toolArgs, d);
    case "tool-result":
      return strict(rules.toolResults, d);
    case "state":
      return !rules.state.ignore.some((p) => under(d.path ?? "", p)) && rules.state.exact.some((p) => under(d.path ?? "", p));
    case "state-paths":
      return !rules.state.ignore.some((p) => under(d.path ?? "", p));
    case "activity":
    case "custom":
      return shapeChanged(d);
    case "findings":
      if (rules.findings === "ignore") return false;
      if (rules.findings === "all") return true;
      return d.op === "add" && /^error /.test(d.message);
  }
}

function strict(level: Strictness, d: Difference): boolean {
  if (level === "any") return false;
  if (level === "exact") return true;
  return shapeChanged(d);
}

/** A key appeared or disappeared, or a value changed its JSON type; a longer or shorter array is not. */
function shapeChanged(d: Difference): boolean {
  if (d.op === "add" || d.op === "remove") return !/\/\d+$/.test(d.path ?? "");
  return typeOf(d.before) !== typeOf(d.after);
}

function typeOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}
