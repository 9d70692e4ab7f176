// Loopback names and origins, shared by the inspector's server and the `serve` mock runtime.
// Exact names only: `localhost.evil.com` or `127.0.0.1.nip.io` are not loopback.

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "::1"]);

/** The host name of a Host header or URL host ("[::1]:80" → "::1"), lower-cased. */
export function hostName(host: string): string {
  return host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").toLowerCase();
}

export function isLoopbackHost(host: string | undefined): boolean {
  return !!host && LOOPBACK_NAMES.has(hostName(host));
}

export function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && isLoopbackHost(u.host);
  } catch {
    return false;
  }
}

/** An origin as the browser serialises it ("http://localhost:3000"), or null when it is not one. */
export function normalizeOrigin(value: string): string | null {
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}
