// The loopback server's token, as the page holds it. It arrives once in the address
// (#token=…, or ?token=… from older printouts), is removed from the address bar and history
// with replaceState, and is kept in memory plus this tab's sessionStorage so a reload works.
// sessionStorage is safe for this: it belongs to this origin (scheme, host and port: a page on
// another 127.0.0.1 port cannot read it) and this tab only, it is never sent with a request
// (unlike a cookie), and no other script runs on this origin (forwarded answers are sandboxed).
// Closing the tab forgets it; the printed URL brings it back.

const KEY = "agui-inspector-token";
const PARAM = "token";

export interface TokenPlace {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url: string): void; state: unknown };
  storage: Pick<Storage, "getItem" | "setItem"> | null;
}

/** The token from the address (then removed from it) or from this tab's earlier load. */
export function takeToken(place: TokenPlace): string | null {
  const url = new URL(place.location.href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ""));
  const fromUrl = hash.get(PARAM) ?? url.searchParams.get(PARAM);
  if (fromUrl !== null) {
    hash.delete(PARAM);
    url.searchParams.delete(PARAM);
    const rest = hash.toString();
    url.hash = rest ? `#${rest}` : "";
    place.history.replaceState(place.history.state, "", url.pathname + url.search + url.hash);
    try {
      place.storage?.setItem(KEY, fromUrl);
    } catch {
      // storage refused (private mode): the token lives in memory only; a reload needs the printed URL again
    }
    return fromUrl || null;
  }
  try {
    return place.storage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}
