/** Random ids (RFC 4122 v4) from the platform's crypto; present in Node ≥ 19 and every browser. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
