import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { checkPageFetch } from "./page-fetch";

const PORT = 5301;
const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const own = { host: `127.0.0.1:${PORT}` };
const fetchHeaders = { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };

describe("checkPageFetch", () => {
  it("lets the inspector page's own fetch through, and clients that send no browser headers", () => {
    expect(checkPageFetch(req({ ...own, origin: `http://127.0.0.1:${PORT}`, ...fetchHeaders }), PORT)).toBeNull();
    expect(checkPageFetch(req({ host: `localhost:${PORT}`, origin: `http://localhost:${PORT}`, ...fetchHeaders, "sec-fetch-mode": "same-origin" }), PORT)).toBeNull();
    expect(checkPageFetch(req({ host: `[::1]:${PORT}`, origin: `http://[::1]:${PORT}` }), PORT)).toBeNull();
    expect(checkPageFetch(req(own), PORT)).toBeNull();
  });

  it("refuses a Host that is not this server", () => {
    expect(checkPageFetch(req({ host: `127.0.0.1:${PORT + 1}` }), PORT)).toMatch(/^Host 127\.0\.0\.1:5302 is not this server's own address/);
    expect(checkPageFetch(req({ host: `localhost.evil.com:${PORT}` }), PORT)).toMatch(/^Host /);
    expect(checkPageFetch(req({ host: "127.0.0.1" }), PORT)).toMatch(/^Host /);
    expect(checkPageFetch(req({}), PORT)).toMatch(/^Host /);
  });

  it("on port 80, takes a Host without a port and refuses one naming another", () => {
    expect(checkPageFetch(req({ host: "localhost", origin: "http://localhost" }), 80)).toBeNull();
    expect(checkPageFetch(req({ host: "localhost:8080" }), 80)).toMatch(/^Host /);
  });

  it("refuses another origin, another port of the same host included", () => {
    for (const origin of [`http://127.0.0.1:${PORT + 1}`, `http://localhost:${PORT}`, "https://evil.example", "null"]) {
      expect(checkPageFetch(req({ ...own, origin }), PORT), origin).toMatch(/^Origin .* refused: only the inspector page \(http:\/\/127\.0\.0\.1:5301\)/);
    }
  });

  it("refuses cross-site, no-cors, navigation and frame requests", () => {
    expect(checkPageFetch(req({ ...own, "sec-fetch-site": "same-site" }), PORT)).toMatch(/^Sec-Fetch-Site same-site refused/);
    expect(checkPageFetch(req({ ...own, "sec-fetch-site": "cross-site" }), PORT)).toMatch(/^Sec-Fetch-Site/);
    expect(checkPageFetch(req({ ...own, "sec-fetch-mode": "no-cors" }), PORT)).toMatch(/^Sec-Fetch-Mode no-cors refused/);
    expect(checkPageFetch(req({ ...own, "sec-fetch-mode": "navigate" }), PORT)).toMatch(/^Sec-Fetch-Mode/);
    for (const dest of ["document", "iframe", "script", "image"]) {
      expect(checkPageFetch(req({ ...own, "sec-fetch-dest": dest }), PORT), dest).toMatch(new RegExp(`^Sec-Fetch-Dest ${dest} refused`));
    }
  });
});
