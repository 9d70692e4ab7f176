import type { FetchLike } from "../core/transport/exchange";

/**
 * When the page is served by agui-inspector's loopback server, cross-origin requests go through
 * its /__forward route from the start: trying the runtime first would log a CORS error in the
 * console for every runtime without CORS headers, before the forward got it anyway. A no-cors
 * request (the transport's reachability probe) still goes direct.
 */
export async function createForwardingFetch(page: { origin: string }, base: FetchLike = (i, init) => fetch(i, init)): Promise<{ fetch: FetchLike; forwarding: boolean }> {
  const forwarding = await probe(base);
  if (!forwarding) return { fetch: base, forwarding };
  const wrapped: FetchLike = (input, init) => (init?.mode === "no-cors" || !crossOrigin(input, page.origin) ? base(input, init) : base(`/__forward?url=${encodeURIComponent(input)}`, init));
  return { fetch: wrapped, forwarding };
}

/** The server answers a bare /__forward with 204 and a marker (an error status would log in the console). */
async function probe(base: FetchLike): Promise<boolean> {
  try {
    const res = await base("/__forward");
    if (res.status === 204) return res.headers.get("x-agui-forward") === "available";
    if (res.status !== 400 || !(res.headers.get("content-type") ?? "").includes("application/json")) return false;
    const body = (await res.json()) as { error?: string };
    return typeof body.error === "string" && body.error.startsWith("forward:");
  } catch {
    return false;
  }
}

function crossOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin !== origin;
  } catch {
    return false;
  }
}
