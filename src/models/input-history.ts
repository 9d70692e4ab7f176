import { signal } from "@preact/signals";
import type { RunAgentInput } from "../core/protocol/events";
import type { PrefsPort } from "./prefs";

export interface SentInput {
  at: number;
  agentId: string;
  input: RunAgentInput;
}

const KEY = "input-history";
/** Per agent; the oldest entries fall off. */
export const HISTORY_LIMIT = 20;

/** Every RunAgentInput sent from here, newest first, per agent; kept in prefs for re-runs and edits. */
export function createInputHistory(prefs: PrefsPort, now: () => number = Date.now) {
  const all = signal<Record<string, SentInput[]>>(readAll(prefs));
  return {
    all,
    forAgent: (agentId: string | null): SentInput[] => (agentId ? all.value[agentId] ?? [] : []),
    add(agentId: string, input: RunAgentInput) {
      const list = [{ at: now(), agentId, input }, ...(all.value[agentId] ?? [])].slice(0, HISTORY_LIMIT);
      all.value = { ...all.value, [agentId]: list };
      prefs.set(KEY, all.value);
    },
    clear(agentId: string) {
      const next = { ...all.value };
      delete next[agentId];
      all.value = next;
      prefs.set(KEY, next);
    },
  };
}

export type InputHistory = ReturnType<typeof createInputHistory>;

/** The stored history, keeping only well-formed entries (the store may hold anything). */
function readAll(prefs: PrefsPort): Record<string, SentInput[]> {
  const stored = prefs.get<unknown>(KEY);
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {};
  const out: Record<string, SentInput[]> = {};
  for (const [agent, list] of Object.entries(stored)) {
    if (!Array.isArray(list)) continue;
    out[agent] = list.filter((e): e is SentInput => !!e && typeof e === "object" && typeof e.at === "number" && !!e.input && Array.isArray(e.input.messages));
  }
  return out;
}
