import type { InspectorHost } from "../src/models/host";
import { createStorageHost } from "../src/app/storage-host";
import { createMemorySink } from "../src/storage/memory";
import { requestHostAccess, type PermissionsLike } from "./permissions";
import type { PanelSettings } from "./settings";

/**
 * The panel's platform: the extension page's own fetch (host access granted per runtime origin
 * lifts CORS, so no origin is named), the IndexedDB session library, and the host-access request
 * on Connect. Without IndexedDB it still records, in memory, and says so.
 */
export async function createPanelHost(settings: PanelSettings, permissions: PermissionsLike | undefined, page: { window: Window; document: Document }): Promise<{ host: InspectorHost; problem?: string }> {
  const base = {
    kind: "extension" as const,
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
    initialRuntimeUrl: settings.runtimeUrl,
    beforeConnect: (url: string) => requestHostAccess(permissions, url),
  };
  try {
    const storage = await createStorageHost(page);
    return { host: { ...base, store: storage.store, createSink: storage.createSink, onRecorder: storage.onRecorder } };
  } catch (err) {
    return {
      host: { ...base, createSink: async () => createMemorySink() },
      problem: `Sessions cannot be saved here (${(err as Error).message}); recording stays in memory. Export to keep a session.`,
    };
  }
}
