/** The part of chrome.permissions the panel uses. */
export interface PermissionsLike {
  request(permissions: { origins: string[] }): Promise<boolean>;
  contains?(permissions: { origins: string[] }): Promise<boolean>;
}

/** How long a host-access prompt may stay unanswered before the connect gives up and says why. */
export const PROMPT_TIMEOUT_MS = 45_000;

export class HostAccessError extends Error {
  readonly code = "host-access";
  constructor(message: string) {
    super(message);
    this.name = "HostAccessError";
  }
}

/** The match pattern for a runtime URL's host (any port), or null when it is not http(s). */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

/**
 * Ask for access to the runtime's host, synchronously from the Connect click (browsers only show
 * the prompt inside a user gesture). Granted once, it is remembered; asking again answers at once.
 * A URL that is not http(s) is left for the runtime client to reject with its own message.
 * Firefox does not expose permissions to DevTools pages: there the user grants site access in
 * the add-on's settings, and the connect simply goes ahead.
 */
export function requestHostAccess(permissions: PermissionsLike | undefined, url: string, timeoutMs = PROMPT_TIMEOUT_MS): Promise<void> {
  const pattern = originPattern(url);
  if (!pattern || typeof permissions?.request !== "function") return Promise.resolve();
  const host = new URL(url).host;
  // A prompt hidden behind another window, or closed without an answer, may never settle: the
  // connect stops waiting and says so instead of showing "Connecting…" forever.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unanswered = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostAccessError(`The browser's prompt for access to ${host} was not answered (dismissed or hidden behind another window). Connect again to see it, or grant access in the extension's site access settings.`)), timeoutMs);
  });
  const asked = permissions.request({ origins: [pattern] }).then(
    (granted) => {
      if (!granted) throw new HostAccessError(`Access to ${host} was not granted, so the panel cannot reach this runtime. Connect again and allow access, or grant it in the extension's site access settings.`);
    },
    (err: unknown) => {
      throw new HostAccessError(`Could not ask for access to ${host}: ${(err as Error)?.message ?? String(err)}`);
    },
  );
  return Promise.race([asked, unanswered]).finally(() => clearTimeout(timer));
}
