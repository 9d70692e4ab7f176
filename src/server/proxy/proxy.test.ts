import { describe, expect, it } from "vitest";
import { proxyTarget } from "./proxy";
import { isLoopbackOrigin } from "./cors";

describe("proxy target", () => {
  it("hangs paths below the runtime URL; the root is the runtime URL itself", () => {
    expect(proxyTarget("http://rt:4000/api/copilotkit", "/info").href).toBe("http://rt:4000/api/copilotkit/info");
    expect(proxyTarget("http://rt:4000/api/copilotkit/", "/agent/a%2Fb/run").href).toBe("http://rt:4000/api/copilotkit/agent/a%2Fb/run");
    expect(proxyTarget("http://rt:4000/api/copilotkit", "/").href).toBe("http://rt:4000/api/copilotkit");
    expect(proxyTarget("http://rt:4000/api", "/threads?agentId=x&limit=2").href).toBe("http://rt:4000/api/threads?agentId=x&limit=2");
    expect(proxyTarget("https://rt/", "/info").href).toBe("https://rt/info");
  });
  it("a path cannot climb out of the runtime's host", () => {
    expect(proxyTarget("http://rt:4000/api", "//evil.example/x").host).toBe("rt:4000");
    expect(proxyTarget("http://rt:4000/api", "http://evil.example/x").host).toBe("rt:4000");
  });
});

describe("loopback origins", () => {
  it("accepts 127.0.0.1, localhost and [::1] on any port; nothing else", () => {
    for (const o of ["http://127.0.0.1:3000", "http://localhost:5173", "https://localhost", "http://[::1]:8080"]) expect(isLoopbackOrigin(o), o).toBe(true);
    for (const o of ["http://127.0.0.1.evil.example", "http://evil.example", "null", "file://", "chrome-extension://abc", "http://localhost.evil.example:80"]) expect(isLoopbackOrigin(o), o).toBe(false);
  });
});
