import { describe, expect, it } from "vitest";
import { classifyEntry } from "../extension/observe/classify";
import { chromeEntries, chromeEntry, entryFor } from "./extension-fixtures";

describe("which of the page's requests are AG-UI traffic", () => {
  it("reads real Chrome entries: /info, a REST run, a single-route run, a connect; skips preflights", () => {
    const runtime = new URL(chromeEntry("GET", "/rest/info").entry.request.url).origin;
    expect(classifyEntry(chromeEntry("GET", "/rest/info").entry)).toEqual({ op: "info", transport: "rest", runtimeUrl: `${runtime}/rest` });
    expect(classifyEntry(chromeEntry("POST", "/agent/scripted/run").entry)).toMatchObject({ op: "run", transport: "rest", runtimeUrl: `${runtime}/rest`, agentId: "scripted", threadId: "thread-obs-1", runId: "run-obs-1" });
    expect(classifyEntry(chromeEntry("POST", "/single").entry)).toMatchObject({ op: "run", transport: "single", runtimeUrl: `${runtime}/single`, agentId: "scripted", threadId: "thread-obs-2", runId: "run-obs-2" });
    const connect = classifyEntry(chromeEntry("POST", "/agent/scripted/connect").entry);
    expect(connect).toMatchObject({ op: "connect", transport: "rest", agentId: "scripted", threadId: "thread-obs-1" });
    expect(connect).not.toHaveProperty("runId");
    for (const e of chromeEntries.filter((c) => c.entry.request.method === "OPTIONS")) expect(classifyEntry(e.entry)).toBeNull();
  });

  it("recognises stops on both transports and decodes path segments", () => {
    const rest = entryFor({ method: "POST", url: "http://h:1/api/copilotkit/agent/my%20agent/stop/t%2F1" }, { status: 200, headers: { "content-type": "application/json" }, body: "{}" });
    expect(classifyEntry(rest.entry)).toMatchObject({ op: "stop", transport: "rest", runtimeUrl: "http://h:1/api/copilotkit", agentId: "my agent", threadId: "t/1" });
    const single = entryFor({ method: "POST", url: "http://h:1/cpk", body: JSON.stringify({ method: "agent/stop", params: { agentId: "a", threadId: "t" } }) }, { status: 200, headers: { "content-type": "application/json" }, body: "{}" });
    expect(classifyEntry(single.entry)).toMatchObject({ op: "stop", transport: "single", runtimeUrl: "http://h:1/cpk", agentId: "a", threadId: "t" });
  });

  it("takes a plain AG-UI endpoint only when the body is a RunAgentInput and the answer a stream", () => {
    const input = JSON.stringify({ threadId: "t", runId: "r", messages: [], tools: [], context: [] });
    const sse = entryFor({ method: "POST", url: "http://h:1/awp", body: input }, { status: 200, headers: { "content-type": "text/event-stream" }, body: "" });
    expect(classifyEntry(sse.entry)).toMatchObject({ op: "run", transport: "agui", runtimeUrl: "http://h:1/awp", threadId: "t", runId: "r" });
    const json = entryFor({ method: "POST", url: "http://h:1/awp", body: input }, { status: 200, headers: { "content-type": "application/json" }, body: "{}" });
    expect(classifyEntry(json.entry)).toBeNull();
  });

  it("ignores everything else a page sends", () => {
    const cases = [
      entryFor({ method: "GET", url: "http://h:1/app.js" }, { status: 200, headers: { "content-type": "text/javascript" }, body: "" }),
      entryFor({ method: "POST", url: "http://h:1/graphql", body: JSON.stringify({ query: "{x}" }) }, { status: 200, headers: { "content-type": "application/json" }, body: "{}" }),
      entryFor({ method: "POST", url: "http://h:1/rpc", body: JSON.stringify({ method: "users/list" }) }, { status: 200, headers: { "content-type": "application/json" }, body: "{}" }),
      entryFor({ method: "GET", url: "http://h:1/agent/x/run" }, { status: 200, headers: { "content-type": "text/event-stream" }, body: "" }),
      entryFor({ method: "POST", url: "data:text/plain,agent/x/run" }, { status: 200, headers: {}, body: "" }),
    ];
    for (const c of cases) expect(classifyEntry(c.entry)).toBeNull();
  });
});
