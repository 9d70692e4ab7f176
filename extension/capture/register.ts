/// <reference types="chrome" />
// The capture scripts for sites the user granted beyond the built-in localhost and 127.0.0.1
// (those are in the manifest). Registered with the scripting API, kept in step with the grants.

/** Match patterns the manifest's content scripts already cover. */
export const BUILT_IN_MATCHES = ["http://localhost/*", "https://localhost/*", "http://127.0.0.1/*", "https://127.0.0.1/*"];
export const CAPTURE_FILES = { page: "capture-page.js", relay: "capture-relay.js" };
const IDS = { page: "agui-capture-page", relay: "agui-capture-relay" };

type Api = Pick<typeof chrome, "permissions" | "scripting">;

/** The granted origins that are not built in: what the registered scripts should match. */
export function extraMatches(origins: readonly string[] | undefined): string[] {
  return [...new Set((origins ?? []).filter((o) => /^https?:\/\/[^/]+\/\*$/.test(o) && !BUILT_IN_MATCHES.includes(o)))].sort();
}

export async function syncCaptureScripts(api: Api): Promise<string[]> {
  if (!api.scripting?.registerContentScripts) return [];
  const matches = extraMatches((await api.permissions.getAll()).origins);
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [IDS.page, IDS.relay] }).catch(() => []);
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (!matches.length) return [];
  await api.scripting.registerContentScripts([
    { id: IDS.page, matches, js: [CAPTURE_FILES.page], runAt: "document_start", world: "MAIN", allFrames: true, persistAcrossSessions: true },
    { id: IDS.relay, matches, js: [CAPTURE_FILES.relay], runAt: "document_start", allFrames: true, persistAcrossSessions: true },
  ]);
  return matches;
}
