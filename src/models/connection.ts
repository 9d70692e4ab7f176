import { computed, signal } from "@preact/signals";
import type { Recorder } from "../core/recorder/recorder";
import { createRuntimeClient, type RuntimeClient, type TransportChoice } from "../core/transport/client";

export { TRANSPORTS, type TransportChoice } from "../core/transport/client";
import type { AgentInfo, RuntimeInfo } from "../core/transport/info";
import type { InspectorHost } from "./host";
import { browserCannotSend } from "./browser-headers";
import { redactUrlsIn } from "../core/session/redact";

/** Longest stretch a page spends reading a stream before it lets a frame paint. */
const READ_SLICE_MS = 8;
import { createSecretValues } from "../core/session/redact-values";

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
  /** Ask for protobuf (Accept: application/vnd.ag-ui.event+proto) on runs and connects. */
  const preferProto = signal(false);
  /** What discovery checked (e.g. "not checked" for an endpoint the page cannot read). */
  const note = signal<string | null>(null);
  /** Whether the connected client asks for protobuf (the box may have changed since). */
  const protoAsked = signal(false);
  const client = signal<RuntimeClient | null>(null);
  const agents = computed<[string, AgentInfo][]>(() => Object.entries(info.value?.agents ?? {}));

  /**
   * A text fit for the screen: a runtime that echoes what it was sent (a 401 body repeating the
   * headers, an error quoting the URL) gets every secret header value, URL credential and secret
   * query value replaced, as in what is stored.
   */
  function scrub(text: string): string {
    const secrets = createSecretValues();
    secrets.learn({ url: url.value.trim(), headers: Object.fromEntries(headers.value.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])) });
    return redactUrlsIn(secrets.text(text));
  }
  const failure = (err: unknown) => ({ code: (err as { code?: string }).code ?? "error", message: scrub((err as Error)?.message ?? String(err)) });

  async function connect() {
    status.value = "connecting";
    error.value = null;
    info.value = null;
    note.value = null;
    const target = url.value.trim();
    try {
      await host.beforeConnect?.(target);
    } catch (err) {
      status.value = "error";
      error.value = failure(err);
      return;
    }
    const next = createRuntimeClient({
      url: target,
      transport: transport.value,
      // A browser drops forbidden headers (Cookie, Host, …) silently; leave them out so the record does not claim them.
      headers: Object.fromEntries(headers.value.filter((h) => h.name.trim() && !browserCannotSend(h.name)).map((h) => [h.name.trim(), h.value])),
      fetch: host.fetch,
      origin: host.origin,
      // A page reads a fast stream in slices, so it paints between them.
      sliceMs: READ_SLICE_MS,
      preferProto: preferProto.value,
      recorder: await startSession({ runtimeUrl: target }),
    });
    try {
      const d = await next.discover();
      info.value = d.info;
      resolvedTransport.value = d.transport;
      note.value = d.note ?? null;
      protoAsked.value = preferProto.value;
      client.value = next;
      status.value = "connected";
    } catch (err) {
      client.value = null;
      status.value = "error";
      error.value = failure(err);
    }
  }

  /**
   * The same runtime, recording into another session (a pulled or connected thread), so runs
   * that continue it land beside it. Discovery runs again there (one info exchange).
   */
  async function bind(recorder: Recorder): Promise<RuntimeClient> {
    const next = createRuntimeClient({
      url: url.value.trim(),
      transport: (resolvedTransport.value as TransportChoice | null) ?? transport.value,
      headers: Object.fromEntries(headers.value.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])),
      fetch: host.fetch,
      origin: host.origin,
      sliceMs: READ_SLICE_MS,
      preferProto: protoAsked.value,
      recorder,
    });
    await next.discover();
    client.value = next;
    return next;
  }

  function disconnect() {
    client.value = null;
    info.value = null;
    status.value = "idle";
  }

  return { url, transport, headers, status, error, info, agents, resolvedTransport, preferProto, protoAsked, note, client, connect, disconnect, bind, scrub };
}

export type ConnectionModel = ReturnType<typeof createConnectionModel>;
