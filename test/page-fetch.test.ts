import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { checkPageFetch } from "../src/server/page-fetch";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const page = { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };

describe("who counts as the inspector page", () => {
  it("its own fetch() on its own host and port, with or without Origin; a client without Sec-Fetch-*", () => {
    expect(checkPageFetch(req({ host: "127.0.0.1:4317", origin: "http://127.0.0.1:4317", ...page }), 4317)).toBeNull();
    expect(checkPageFetch(req({ host: "localhost:4317", origin: "http://localhost:4317", ...page }), 4317)).toBeNull();
    expect(checkPageFetch(req({ host: "127.0.0.1:4317", ...page, "sec-fetch-mode": "same-origin" }), 4317)).toBeNull();
    expect(checkPageFetch(req({ host: "127.0.0.1:4317" }), 4317)).toBeNull();
    expect(checkPageFetch(req({ host: "127.0.0.1", origin: "http://127.0.0.1", ...page }), 80)).toBeNull();
  });

  it("not a Host naming another port or name, nor an Origin of the other loopback name", () => {
    expect(checkPageFetch(req({ host: "127.0.0.1:4318", ...page }), 4317)).toMatch(/not this server's own address/);
    expect(checkPageFetch(req({ ...page }), 4317)).toBe("Host  is not this server's own address");
    expect(checkPageFetch(req({ host: "127.0.0.1", ...page }), 4317)).toMatch(/not this server's own address/);
    expect(checkPageFetch(req({ host: "evil.example:4317", ...page }), 4317)).toMatch(/not this server's own address/);
    expect(checkPageFetch(req({ host: "127.0.0.1:4317", origin: "http://localhost:4317", ...page }), 4317)).toMatch(/Origin http:\/\/localhost:4317 refused/);
    expect(checkPageFetch(req({ host: "127.0.0.1:4317", origin: "http://127.0.0.1:4317", ...page, "sec-fetch-site": "same-site" }), 4317)).toMatch(/Sec-Fetch-Site/);
  });
});
