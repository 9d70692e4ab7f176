import type { FetchLike } from "../core/transport/exchange";

/** The header the loopback server reads its token from (never a cookie: cookies reach every port). */
export const TOKEN_HEADER = "X-Inspector-Token";

export interface Forwarding {
  fetch: FetchLike;
  forwarding: boolean;
  /** Tell the server which runtime the page connects to: the forward reaches only that one. */
  target(url: string): Promise<void>;
}

/**
 * When the page is served by agui-inspector's loopback server, cross-origin requests go through
 * its /__forward route with the token in a header, from the start: trying the runtime first
 * would log a CORS error in the console for every runtime without CORS headers, before the
 * forward got the answer anyway. A no-cors request (the transport's reachability probe) still
 * goes direct.
 */
export async function createForwardingFetch(page: { origin: string }, token: string | null, base: FetchLike = (i, init) => fetch(i, init)): Promise<Forwarding> {
  const withToken = (init?: RequestInit): RequestInit => {
    const headers = new Headers(init?.headers);
    headers.set(TOKEN_HEADER, token ?? "");
    return { ...init, headers, credentials: "omit" };
  };
  const forwarding = token !== null && (await probe(base, withToken()));
  if (!forwarding) return { fetch: base, forwarding, target: async () => {} };
  const wrapped: FetchLike = (input, init) =>
    init?.mode === "no-cors" || !crossOrigin(input, page.origin) ? base(input, init) : base(`/__forward?url=${encodeURIComponent(input)}`, withToken(init));
  const target = async (url: string) => {
    // A refusal here (not among the origins given at launch) shows later as the forward's own error.
    await base("/__forward/target", withToken({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url }) })).catch(() => undefined);
  };
  return { fetch: wrapped, forwarding, target };
}

/** The server answers a bare /__forward with 204 and a marker (an error status would log in the console). */
async function probe(base: FetchLike, init: RequestInit): Promise<boolean> {
  try {
    const res = await base("/__forward", init);
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
