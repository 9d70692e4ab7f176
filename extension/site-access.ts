import { effect, signal } from "@preact/signals";
import type { ConnectionModel } from "../src/models/connection";
import { originPattern, type PermissionsLike } from "./permissions";
import { BUILT_IN_MATCHES } from "./capture/register";

export type AccessState = "granted" | "will-ask" | "unknown";
export type CaptureState = "built-in" | "granted" | "off" | "unknown";

/**
 * What the panel says about host access before the browser asks: whether Connect will bring up
 * an access prompt for the runtime, and whether the inspected page is captured in-page (and a
 * way to turn that on for a site beyond localhost and 127.0.0.1).
 */
export function createSiteAccess(permissions: PermissionsLike | undefined, connection: ConnectionModel, pageOrigin: (() => Promise<string | null>) | null) {
  const runtime = signal<AccessState>("unknown");
  const page = signal<{ origin: string; state: CaptureState } | null>(null);
  const notice = signal<string | null>(null);

  const has = async (pattern: string | null): Promise<AccessState> => {
    if (!pattern || typeof permissions?.contains !== "function") return "unknown";
    return (await permissions.contains({ origins: [pattern] }).catch(() => false)) ? "granted" : "will-ask";
  };

  effect(() => {
    const url = connection.url.value.trim();
    void has(originPattern(url)).then((state) => {
      if (connection.url.peek().trim() === url) runtime.value = state;
    });
  });
  // A connect that got through means access is there now.
  effect(() => {
    if (connection.status.value === "connected") runtime.value = runtime.peek() === "unknown" ? "unknown" : "granted";
  });

  async function refreshPage() {
    const origin = await pageOrigin?.().catch(() => null);
    if (!origin) return;
    const pattern = originPattern(origin);
    if (!pattern) return;
    if (BUILT_IN_MATCHES.includes(pattern)) page.value = { origin, state: "built-in" };
    else {
      const state = await has(pattern);
      page.value = { origin, state: state === "granted" ? "granted" : state === "will-ask" ? "off" : "unknown" };
    }
  }
  void refreshPage();

  return {
    runtime,
    page,
    notice,
    refreshPage,
    /** From a click: ask for the inspected site, so the worker registers the capture scripts there. */
    enableCapture() {
      const current = page.peek();
      const pattern = current && originPattern(current.origin);
      if (!pattern || typeof permissions?.request !== "function") return;
      notice.value = null;
      permissions.request({ origins: [pattern] }).then(
        (granted) => {
          notice.value = granted ? `Capture is on for ${current.origin}: reload the page to start capturing it.` : `Access to ${current.origin} was not granted (the prompt was declined or dismissed); the page is observed only while DevTools is open.`;
          void refreshPage();
        },
        (err: unknown) => (notice.value = `Could not ask for access to ${current.origin}: ${(err as Error)?.message ?? String(err)}`),
      );
    },
  };
}

export type SiteAccess = ReturnType<typeof createSiteAccess>;
