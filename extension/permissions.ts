/** The part of chrome.permissions the panel uses. */
export interface PermissionsLike {
  request(permissions: { origins: string[] }): Promise<boolean>;
}

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
export function requestHostAccess(permissions: PermissionsLike | undefined, url: string): Promise<void> {
  const pattern = originPattern(url);
  if (!pattern || typeof permissions?.request !== "function") return Promise.resolve();
  return permissions.request({ origins: [pattern] }).then(
    (granted) => {
      if (!granted) throw new HostAccessError(`Access to ${new URL(url).host} was not granted, so the panel cannot reach this runtime. Connect again and allow access, or grant it in the extension's site access settings.`);
    },
    (err: unknown) => {
      throw new HostAccessError(`Could not ask for access to ${new URL(url).host}: ${(err as Error)?.message ?? String(err)}`);
    },
  );
}
