import { describe, expect, it } from "vitest";
import { hostName, isLoopbackHost, isLoopbackOrigin, normalizeOrigin } from "./loopback";

describe("isLoopbackHost", () => {
  it("accepts exactly 127.0.0.1, localhost and ::1, with or without a port, in any case", () => {
    for (const host of ["127.0.0.1", "127.0.0.1:5173", "localhost", "LOCALHOST:80", "[::1]", "[::1]:3000"]) expect(isLoopbackHost(host), host).toBe(true);
  });

  it("refuses names that only start or end like one, other addresses, and nothing", () => {
    for (const host of ["localhost.evil.com", "localhost.evil.com:80", "127.0.0.1.nip.io", "evil-localhost", "xlocalhost", "127.0.0.10", "127.0.0.2", "0.0.0.0", "::2", "[::1].evil", "localhost:abc", "local[host", "[::1]]", ""]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(isLoopbackHost(undefined)).toBe(false);
  });
});

describe("hostName", () => {
  it("drops the port and IPv6 brackets and lower-cases", () => {
    expect(hostName("LocalHost:8080")).toBe("localhost");
    expect(hostName("[::1]:3000")).toBe("::1");
    expect(hostName("[::1]")).toBe("::1");
    expect(hostName("example.test")).toBe("example.test");
  });
});

describe("isLoopbackOrigin", () => {
  it("accepts http and https loopback origins only", () => {
    for (const origin of ["http://127.0.0.1:5173", "https://localhost", "http://[::1]:3000"]) expect(isLoopbackOrigin(origin), origin).toBe(true);
    for (const origin of ["http://localhost.evil.com", "ftp://127.0.0.1", "file://localhost/x", "null", "", "http://10.0.0.1"]) expect(isLoopbackOrigin(origin), origin).toBe(false);
  });
});

describe("normalizeOrigin", () => {
  it("gives the origin as a browser serialises it", () => {
    expect(normalizeOrigin("http://LOCALHOST:3000/api/copilotkit?x=1")).toBe("http://localhost:3000");
    expect(normalizeOrigin("https://example.test:443/")).toBe("https://example.test");
    expect(normalizeOrigin("http://127.0.0.1:80")).toBe("http://127.0.0.1");
  });

  it("refuses what is not an http(s) URL", () => {
    for (const value of ["ftp://h/x", "file:///etc/passwd", "javascript:alert(1)", "not a url", ""]) expect(normalizeOrigin(value), value).toBeNull();
  });
});
