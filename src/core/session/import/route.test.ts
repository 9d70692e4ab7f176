import { describe, expect, it } from "vitest";
import { routeOf } from "./route";

describe("routeOf", () => {
  it("reads a single-route envelope by its method, ids from params then the input", () => {
    const url = "http://h/api/copilotkit";
    expect(routeOf("POST", url, { method: "agent/run", params: { agentId: "a", threadId: "tp" }, body: { threadId: "tb", runId: "r" } })).toEqual({ op: "run", transport: "single", agentId: "a", threadId: "tp", runId: "r", base: url });
    expect(routeOf("POST", url, { method: "agent/connect", params: { agentId: "a" }, body: { threadId: "tb" } })).toEqual({ op: "connect", transport: "single", agentId: "a", threadId: "tb", base: url });
    expect(routeOf("POST", url, { method: "agent/stop", params: "odd", body: "odd" })).toEqual({ op: "stop", transport: "single", base: url });
    expect(routeOf("POST", url, { method: "info" })).toEqual({ op: "info", transport: "single", base: url });
    // an envelope method the runtime does not have is no runtime call
    expect(routeOf("POST", url, { method: "agent/dance" })).toBeNull();
    expect(routeOf("POST", url, { method: 5 })).toBeNull();
  });

  it("matches REST run and connect from the end of the path, POST only, decoding the agent id", () => {
    expect(routeOf("POST", "http://h:3000/api/cpk/agent/my%20agent/run/", { threadId: "t", runId: "r", other: 1 })).toEqual({ op: "run", transport: "rest", agentId: "my agent", threadId: "t", runId: "r", base: "http://h:3000/api/cpk" });
    expect(routeOf("post", "http://h/agent/a/connect?x=1", undefined)).toEqual({ op: "connect", transport: "rest", agentId: "a", base: "http://h" });
    expect(routeOf("GET", "http://h/api/agent/a/run", undefined)).toBeNull();
    expect(routeOf("POST", "http://h/api/agent/a/run/extra", undefined)).toBeNull();
    expect(routeOf("POST", "http://h/api/agent/a/b/run", undefined)).toBeNull();
  });

  it("matches REST stop with the thread in the path", () => {
    expect(routeOf("POST", "http://h/api/agent/a/stop/t%2F1", { runId: "r" })).toEqual({ op: "stop", transport: "rest", agentId: "a", threadId: "t/1", runId: "r", base: "http://h/api" });
    expect(routeOf("GET", "http://h/api/agent/a/stop/t", undefined)).toBeNull();
    expect(routeOf("POST", "http://h/api/agent/support/stop/t1/", undefined)).toEqual({ op: "stop", transport: "rest", agentId: "support", threadId: "t1", base: "http://h/api" });
    expect(routeOf("POST", "http://h/api/agent/support/stop/t1/now", undefined)).toBeNull();
  });

  it("matches GET info", () => {
    expect(routeOf("GET", "http://h/api/info/", undefined)).toEqual({ op: "info", transport: "rest", base: "http://h/api" });
    expect(routeOf("get", "http://h/info", undefined)).toEqual({ op: "info", transport: "rest", base: "http://h" });
    expect(routeOf("POST", "http://h/api/info", undefined)).toBeNull();
    expect(routeOf("GET", "http://h/api/information", undefined)).toBeNull();
  });

  it("reads relative URLs, as the DevTools extension records them, and keeps a segment that does not decode", () => {
    expect(routeOf("POST", "/api/agent/a/run?x=1#f", {})).toEqual({ op: "run", transport: "rest", agentId: "a", base: "/api" });
    expect(routeOf("POST", "/api/agent/%E0%A4%A/run", {})).toEqual({ op: "run", transport: "rest", agentId: "%E0%A4%A", base: "/api" });
    expect(routeOf("GET", "/x/info#frag", undefined)).toEqual({ op: "info", transport: "rest", base: "/x" });
  });

  it("takes ids only when they are strings, leaving out the ones it has not", () => {
    expect(routeOf("POST", "http://h/agent/a/run", { threadId: 1, runId: null })).toStrictEqual({ op: "run", transport: "rest", agentId: "a", base: "http://h" });
  });
});
