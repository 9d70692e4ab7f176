import type { Beat } from "./beats";

// How differences are worded: what a beat is, where it sits, what a value became. Agent-made
// text goes through printable() so it cannot rewrite a terminal line.

export function describe(beat: Beat): string {
  switch (beat.kind) {
    case "text":
      return `${beat.role} message`;
    case "reasoning":
      return "reasoning message";
    case "tool-call":
      return `tool call "${beat.name}"`;
    case "tool-result":
      return "tool result";
    case "state":
      return `state update (${(beat.touched ?? []).join(", ") || "no change"})`;
    case "step":
      return `step "${beat.name}"`;
    case "activity":
      return `activity "${beat.name}"`;
    case "custom":
      return `custom event "${beat.name}"`;
    case "messages":
      return "messages snapshot";
    case "run-start":
      return "RUN_STARTED";
    case "run-end":
      return "run end";
    default:
      return `${beat.name} event`;
  }
}

/** Where an added or removed beat sits: after which other beat. */
export function context(beats: Beat[], index: number): string {
  const before = index > 0 ? beats[index - 1] : undefined;
  return before && before.kind !== "run-start" ? ` (after the ${describe(before)})` : index === 0 ? " (at the start)" : "";
}

export function change(op: { op: string; before?: unknown; after?: unknown }): string {
  if (op.op === "add") return `added: ${short(op.after)}`;
  if (op.op === "remove") return `removed (was ${short(op.before)})`;
  return `${short(op.before)} → ${short(op.after)}`;
}

export function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Names, paths and text come from the agent: control characters and bidi overrides are shown
 * escaped so a hostile agent cannot rewrite a terminal line or a CI log.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function quote(text: string | undefined): string {
  return short(text ?? "");
}

export function outcomeText(value: unknown): string {
  const v = value as { type?: string; reasons?: unknown[]; message?: unknown };
  if (v?.type === "interrupt") return `with an interrupt (${(v.reasons ?? []).join(", ")})`;
  if (v?.type === "error") return `with RUN_ERROR (${String(v.message)})`;
  return v?.type === "success" ? "successfully" : `as ${String(v?.type)}`;
}
