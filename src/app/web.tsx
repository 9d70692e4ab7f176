import { mountInspector } from "./mount";
import { createStorageHost } from "./storage-host";
import { createMemorySink } from "../storage/memory";
import type { InspectorHost } from "../models/host";
import { createForwardingFetch } from "./forwarding";
import "../ui/styles.css";

// The web entry: the page's own fetch; CORS applies, so the page origin is passed to name refusals.
const params = new URLSearchParams(location.search);

async function start() {
  const { fetch: hostFetch } = await createForwardingFetch({ origin: location.origin });
  const base: Omit<InspectorHost, "createSink"> = {
    kind: "web",
    fetch: hostFetch,
    origin: location.origin,
    initialRuntimeUrl: params.get("runtime") ?? undefined,
    // The served inspector's recording proxy; its record feed wants the page's token.
    ...(params.get("proxy") && params.get("token") ? { proxy: { url: params.get("proxy")!, token: params.get("token")! } } : {}),
  };
  const container = document.getElementById("app")!;
  try {
    const storage = await createStorageHost({ window, document });
    return mountInspector({ container, host: { ...base, store: storage.store, createSink: storage.createSink, onRecorder: storage.onRecorder } });
  } catch (err) {
    // No IndexedDB (private mode, blocked upgrade): record in memory and say so.
    console.error(err);
    const app = mountInspector({ container, host: { ...base, createSink: async () => createMemorySink() } });
    app.models.recording.sinkError.value = `Sessions cannot be saved in this browser (${(err as Error).message}); recording stays in memory. Export to keep a session.`;
    return app;
  }
}

void start();
