import { describe, expect, it } from "vitest";
import { takeToken, type TokenPlace } from "./token";

function place(href: string, stored: Record<string, string> = {}) {
  const calls: string[] = [];
  const p: TokenPlace & { href: string; stored: Record<string, string>; calls: string[] } = {
    href,
    stored,
    calls,
    location: { href },
    history: { state: null, replaceState: (_d, _u, url) => void calls.push(url) },
    storage: { getItem: (k) => stored[k] ?? null, setItem: (k, v) => void (stored[k] = v) },
  };
  return p;
}

describe("the page's token", () => {
  it("is taken from the fragment once and removed from the address, other parts kept", () => {
    const p = place("http://127.0.0.1:4317/?runtime=http%3A%2F%2Fh#token=abcdefghijklmnop&x=1");
    expect(takeToken(p)).toBe("abcdefghijklmnop");
    expect(p.calls).toEqual(["/?runtime=http%3A%2F%2Fh#x=1"]);
    expect(p.stored["agui-inspector-token"]).toBe("abcdefghijklmnop");
  });

  it("is taken from ?token= as well, and a reload finds it in this tab's storage", () => {
    const p = place("http://127.0.0.1:4317/?token=abcdefghijklmnop&runtime=r");
    expect(takeToken(p)).toBe("abcdefghijklmnop");
    expect(p.calls).toEqual(["/?runtime=r"]);
    const reload = place("http://127.0.0.1:4317/?runtime=r", p.stored);
    expect(takeToken(reload)).toBe("abcdefghijklmnop");
    expect(reload.calls).toEqual([]);
  });

  it("is absent without a URL token or a stored one; storage that throws is survived", () => {
    expect(takeToken(place("http://127.0.0.1:4317/"))).toBeNull();
    const broken = place("http://127.0.0.1:4317/#token=abcdefghijklmnop");
    broken.storage = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
    expect(takeToken(broken)).toBe("abcdefghijklmnop");
    expect(broken.calls).toEqual(["/"]);
  });
});
