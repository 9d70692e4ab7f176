// Structural sharing between two JSON values: `next` with every subtree that deep-equals the
// one at the same place in `prev` replaced by prev's own object. A view that skips unchanged
// objects by identity (the state tree) then redraws only what a seek changed, though every seek
// answer arrives from the worker as a fresh copy. `next` is rewritten in place; `prev` is not.

export function share<T>(prev: unknown, next: T): T {
  if (prev === next) return next;
  if (prev === null || next === null || typeof prev !== "object" || typeof next !== "object") return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  const a = prev as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  let same = true;
  if (Array.isArray(b)) {
    const pa = prev as unknown[];
    if (pa.length !== b.length) same = false;
    for (let i = 0; i < b.length; i++) {
      const v = i < pa.length ? share(pa[i], b[i]) : b[i];
      if (v !== pa[i]) same = false;
      b[i] = v;
    }
  } else {
    const keys = Object.keys(b);
    let inA = 0;
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) {
        same = false;
        continue;
      }
      inA++;
      const v = share(a[k], b[k]);
      if (v !== a[k]) same = false;
      // (defineProperty: a "__proto__" key from JSON.parse is data, not the prototype)
      if (v !== b[k]) Object.defineProperty(b, k, { value: v, writable: true, enumerable: true, configurable: true });
    }
    if (same && inA !== Object.keys(a).length) same = false;
  }
  return (same ? prev : next) as T;
}
