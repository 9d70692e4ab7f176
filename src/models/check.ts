import { signal } from "@preact/signals";
import { checkRecording, type RunCheck } from "../core/check/runner";
import { DEFAULT_RULES } from "../core/compare";
import { createRecorder } from "../core/recorder/recorder";
import { createHeader } from "../core/session/file";
import type { SessionRecord } from "../core/session/record";
import { createRuntimeClient } from "../core/transport/client";
import type { ConnectionModel } from "./connection";
import type { InspectorHost } from "./host";

// "Check against runtime": a stored session's runs sent again to the connected runtime, as
// `agui-inspector check` does (same runner, default rules). The new runs are recorded into a
// session of their own in the library, next to the one checked.

export interface CheckResult {
  name: string;
  runs: RunCheck[];
}

export function createCheckModel(host: InspectorHost, connection: ConnectionModel, onSaved: () => void = () => {}) {
  const result = signal<CheckResult | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);

  async function check(id: string) {
    const store = host.store;
    if (!store) return;
    if (connection.status.value !== "connected") {
      error.value = "Connect to a runtime first: the session's runs are sent to the connected runtime.";
      return;
    }
    busy.value = true;
    error.value = null;
    result.value = null;
    try {
      const stored = await store.header(id);
      const records: SessionRecord[] = [];
      for await (const page of store.records(id)) for (const r of page) records.push(r);
      const url = connection.url.value.trim();
      const fresh: SessionRecord[] = [];
      const headers = Object.fromEntries(connection.headers.value.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value]));
      const sink = await host.createSink(createHeader({ name: `check of ${stored?.name ?? "a session"}`, runtimeUrl: url, ...(stored?.agentId ? { agentId: stored.agentId } : {}) }));
      // The recorder replaces secret values it sent wherever they come back (an echoing runtime).
      const recorder = createRecorder({ sink });
      recorder.on("record", (r) => fresh.push(r));
      const client = createRuntimeClient({
        url,
        transport: connection.transport.value,
        headers,
        fetch: host.fetch,
        origin: host.origin,
        recorder,
      });
      await client.discover();
      const runs = await checkRecording(records, {
        run: (agentId, input) => client.run(agentId, input),
        records: () => fresh,
        rules: DEFAULT_RULES,
        ...(stored?.agentId ? { fallbackAgentId: stored.agentId } : {}),
      });
      await recorder.flush();
      for (const r of runs) if (r.error) r.error = recorder.secrets.text(r.error);
      result.value = { name: stored?.name ?? id, runs };
      onSaved();
    } catch (err) {
      error.value = `Checking failed: ${(err as Error).message}`;
    } finally {
      busy.value = false;
    }
  }

  return { result, error, busy, check };
}

export type CheckModel = ReturnType<typeof createCheckModel>;
