import { computed, signal } from "@preact/signals";
import type { Recorder } from "../core/recorder/recorder";
import { createRuntimeClient, type RuntimeClient, type TransportChoice } from "../core/transport/client";

export { TRANSPORTS, type TransportChoice } from "../core/transport/client";
import type { AgentInfo, RuntimeInfo } from "../core/transport/info";
import type { InspectorHost } from "./host";
import { browserCannotSend } from "./browser-headers";

export type ConnectionStatus = "idle" | "connecting" | "connected" | "error";

export interface HeaderRow {
  name: string;
  value: string;
}

/** The runtime the user points at: URL, transport, headers, and what discovery found. */
export function createConnectionModel(host: InspectorHost, startSession: (meta: { runtimeUrl: string }) => Promise<Recorder>) {
  const url = signal(host.initialRuntimeUrl ?? "");
  const transport = signal<TransportChoice>("auto");
  const headers = signal<HeaderRow[]>([]);
  const status = signal<ConnectionStatus>("idle");
  const error = signal<{ code: string; message: string } | null>(null);
  const info = signal<RuntimeInfo | null>(null);
  const resolvedTransport = signal<string | null>(null);
  const client = signal<RuntimeClient | null>(null);
  const agents = computed<[string, AgentInfo][]>(() => Object.entries(info.value?.agents ?? {}));

  async function connect() {
    status.value = "connecting";
    error.value = null;
    info.value = null;
    const target = url.value.trim();
    try {
      await host.beforeConnect?.(target);
    } catch (err) {
      status.value = "error";
      error.value = { code: (err as { code?: string }).code ?? "error", message: (err as Error).message };
      return;
    }
    const next = createRuntimeClient({
      url: target,
      transport: transport.value,
      // A browser drops forbidden headers (Cookie, Host, …) silently; leave them out so the record does not claim them.
      headers: Object.fromEntries(headers.value.filter((h) => h.name.trim() && !browserCannotSend(h.name)).map((h) => [h.name.trim(), h.value])),
      fetch: host.fetch,
      origin: host.origin,
      recorder: await startSession({ runtimeUrl: target }),
    });
    try {
      const d = await next.discover();
      info.value = d.info;
      resolvedTransport.value = d.transport;
      client.value = next;
      status.value = "connected";
    } catch (err) {
      client.value = null;
      status.value = "error";
      error.value = { code: (err as { code?: string }).code ?? "error", message: (err as Error).message };
    }
  }

  function disconnect() {
    client.value = null;
    info.value = null;
    status.value = "idle";
  }

  return { url, transport, headers, status, error, info, agents, resolvedTransport, client, connect, disconnect };
}

export type ConnectionModel = ReturnType<typeof createConnectionModel>;
