import { mountInspector } from "./mount";
import { createStorageHost } from "./storage-host";
import { createMemorySink } from "../storage/memory";
import type { InspectorHost } from "../models/host";
import { createForwardingFetch } from "./forwarding";
import { takeToken } from "./token";
import { storagePrefs } from "../models/prefs";
import "../ui/styles.css";

// The web entry: the page's own fetch; CORS applies, so the page origin is passed to name refusals.
const params = new URLSearchParams(location.search);
// First thing: the token leaves the address bar before anything else can read or log it.
const token = takeToken({ location, history, storage: sessionStorageOrNull() });

async function start() {
  const forwarding = await createForwardingFetch({ origin: location.origin }, token);
  const base: Omit<InspectorHost, "createSink"> = {
    kind: "web",
    fetch: forwarding.fetch,
    origin: location.origin,
    initialRuntimeUrl: params.get("runtime") ?? undefined,
    ...(Number(params.get("liveWindow")) > 0 ? { liveWindow: Number(params.get("liveWindow")) } : {}),
    beforeConnect: (url) => forwarding.target(url),
    prefs: localStorageOrNull() ? storagePrefs(localStorageOrNull()!) : undefined,
    // The served inspector's recording proxy; its record feed wants the page's token. The proxy
    // answers loopback pages' CORS itself, so its feed is fetched directly, not through the forward
    // (which reaches only the runtime the page connected to).
    ...(params.get("proxy") && token ? { proxy: { url: params.get("proxy")!, token, fetch: (i: string, init?: RequestInit) => fetch(i, init) } } : {}),
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

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

void start();
