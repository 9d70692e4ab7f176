import type { RunAgentInput } from "../core/protocol/events";

export interface InputParse {
  value: Partial<RunAgentInput> | null;
  error: string | null;
}

const ARRAY_FIELDS = ["messages", "tools", "context", "resume"] as const;

/** Parse the advanced editor's text: JSON, an object, and the RunAgentInput fields with the right shapes. */
export function parseInputJson(text: string): InputParse {
  if (!text.trim()) return { value: {}, error: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { value: null, error: `Not valid JSON: ${position(text, err as Error)}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { value: null, error: "The input must be a JSON object (a partial RunAgentInput)." };
  const input = value as Record<string, unknown>;
  for (const field of ARRAY_FIELDS) {
    if (input[field] !== undefined && !Array.isArray(input[field])) return { value: null, error: `"${field}" must be an array.` };
  }
  for (const [i, m] of ((input.messages as unknown[]) ?? []).entries()) {
    const msg = m as { id?: unknown; role?: unknown };
    if (!msg || typeof msg !== "object") return { value: null, error: `messages[${i}] must be an object.` };
    if (typeof msg.role !== "string") return { value: null, error: `messages[${i}].role must be a string (user, assistant, system, developer, tool).` };
    if (typeof msg.id !== "string") return { value: null, error: `messages[${i}].id must be a string.` };
  }
  for (const [i, t] of ((input.tools as unknown[]) ?? []).entries()) {
    const tool = t as { name?: unknown; description?: unknown };
    if (!tool || typeof tool.name !== "string") return { value: null, error: `tools[${i}].name must be a string.` };
    if (typeof tool.description !== "string") return { value: null, error: `tools[${i}].description must be a string (the runtime requires it).` };
  }
  for (const [i, c] of ((input.context as unknown[]) ?? []).entries()) {
    const ctx = c as { description?: unknown; value?: unknown };
    if (!ctx || typeof ctx.description !== "string" || typeof ctx.value !== "string") return { value: null, error: `context[${i}] needs string "description" and "value".` };
  }
  if (input.threadId !== undefined && typeof input.threadId !== "string") return { value: null, error: `"threadId" must be a string.` };
  if (input.runId !== undefined && typeof input.runId !== "string") return { value: null, error: `"runId" must be a string.` };
  return { value: input as Partial<RunAgentInput>, error: null };
}

function position(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return err.message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const col = pos - before.lastIndexOf("\n");
  return `${err.message.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${col}`;
}
