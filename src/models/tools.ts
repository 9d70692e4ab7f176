import { computed, signal } from "@preact/signals";
import type { Tool } from "../core/protocol/events";
import { redactUrl } from "../core/session/redact";
import type { PrefsPort } from "./prefs";

/** Where a runtime+agent's frontend tools are kept: the URL without credentials or secret query values. */
export const toolsKey = (runtimeUrl: string, agentId: string) => `tools:${redactUrl(runtimeUrl.trim())}:${agentId}`;

/** Check one tool as typed in the form; the schema text must be a JSON object. */
export function parseTool(name: string, description: string, schemaText: string): { tool?: Tool; error?: string } {
  if (!/^[A-Za-z_][\w-]*$/.test(name.trim())) return { error: "Name: letters, digits, _ and - (starting with a letter or _)." };
  if (!description.trim()) return { error: "Description is required (the runtime refuses a tool without one)." };
  let parameters: unknown;
  try {
    parameters = schemaText.trim() ? JSON.parse(schemaText) : { type: "object", properties: {} };
  } catch (err) {
    return { error: `Parameters are not valid JSON: ${(err as Error).message}` };
  }
  if (!parameters || typeof parameters !== "object" || Array.isArray(parameters)) return { error: "Parameters must be a JSON Schema object." };
  return { tool: { name: name.trim(), description: description.trim(), parameters } };
}

/**
 * The frontend tools declared for the current runtime and agent, kept in prefs so they are sent
 * with every run (the quick box too) and survive a reload.
 */
export function createToolsModel(prefs: PrefsPort, context: { runtimeUrl: () => string; agentId: () => string | null }) {
  const revision = signal(0);
  const key = computed(() => {
    const agent = context.agentId();
    return agent ? toolsKey(context.runtimeUrl(), agent) : null;
  });
  const list = computed<Tool[]>(() => {
    revision.value;
    const stored = key.value ? prefs.get<unknown>(key.value) : undefined;
    // whatever else is stored under the key (edited by hand, an older shape) counts as no tools
    return Array.isArray(stored) ? stored.filter((t): t is Tool => !!t && typeof t.name === "string" && typeof t.description === "string") : [];
  });

  function save(next: Tool[]) {
    if (!key.value) return;
    prefs.set(key.value, next);
    revision.value++;
  }

  return {
    list,
    /** Add or replace (by name). */
    put(tool: Tool) {
      save([...list.value.filter((t) => t.name !== tool.name), tool]);
    },
    remove(name: string) {
      save(list.value.filter((t) => t.name !== name));
    },
  };
}

export type ToolsModel = ReturnType<typeof createToolsModel>;
