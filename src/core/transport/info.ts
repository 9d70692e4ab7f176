// The runtime's /info answer (CopilotKit RuntimeInfo), read leniently: only what the inspector uses is typed.

export interface AgentInfo {
  name?: string;
  className?: string;
  description?: string;
  capabilities?: unknown;
}

export interface RuntimeInfo {
  version?: string;
  agents: Record<string, AgentInfo>;
  mode?: "sse" | "intelligence" | string;
  [key: string]: unknown;
}

export function parseRuntimeInfo(body: unknown): RuntimeInfo | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const agents = b.agents;
  if (!agents || typeof agents !== "object" || Array.isArray(agents)) return null;
  return body as RuntimeInfo;
}

/** "1.75.0" ≥ "1.72"? Unknown or malformed versions compare as older. */
export function versionAtLeast(version: string | undefined, minimum: string): boolean {
  if (!version) return false;
  const a = version.split(/[.-]/).map((p) => parseInt(p, 10));
  const b = minimum.split(".").map((p) => parseInt(p, 10));
  for (let i = 0; i < b.length; i++) {
    const x = Number.isFinite(a[i]) ? a[i] : 0;
    if (x !== b[i]) return x > b[i];
  }
  return true;
}
