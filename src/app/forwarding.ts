import type { FetchLike } from "../core/transport/exchange";

/**
 * When the page is served by agui-inspector's loopback server, requests a runtime refuses for
 * CORS are retried through its /__forward route. Only a failed cross-origin fetch is retried: a
 * preflighted request never reached the runtime, and a refused GET is safe to repeat.
 */
export async function createForwardingFetch(page: { origin: string }, base: FetchLike = (i, init) => fetch(i, init)): Promise<{ fetch: FetchLike; forwarding: boolean }> {
  const forwarding = await probe(base);
  if (!forwarding) return { fetch: base, forwarding };
  const wrapped: FetchLike = async (input, init) => {
    try {
      return await base(input, init);
    } catch (err) {
      if (init?.signal?.aborted || init?.mode === "no-cors" || !crossOrigin(input, page.origin)) throw err;
      return base(`/__forward?url=${encodeURIComponent(input)}`, init);
    }
  };
  return { fetch: wrapped, forwarding };
}

async function probe(base: FetchLike): Promise<boolean> {
  try {
    const res = await base("/__forward");
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
