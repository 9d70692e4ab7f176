import { describe, expect, it } from "vitest";
import { corsMessage, describeErrorBody, InspectorError, isAbortError, networkErrorMessage } from "./errors";

// The transport's error words: which failures count as a cancel, and the sentences a person reads.

describe("InspectorError", () => {
  it("carries its code, status and body, and a cause only when there is one", () => {
    const cause = new Error("socket hang up");
    const err = new InspectorError("http", "HTTP 500", { status: 500, body: { error: "boom" }, cause });
    expect([err.name, err.code, err.message, err.status, err.body, err.cause]).toEqual(["InspectorError", "http", "HTTP 500", 500, { error: "boom" }, cause]);
    expect(err).toBeInstanceOf(Error);
    const bare = new InspectorError("unreachable", "no");
    expect(["cause" in bare, bare.status, bare.body]).toEqual([false, undefined, undefined]);
  });
});

describe("isAbortError", () => {
  it("is a cancel by name (fetch's DOMException) or by code (Node's), nothing else", () => {
    expect(isAbortError(new DOMException("The operation was aborted.", "AbortError"))).toBe(true);
    expect(isAbortError({ name: "AbortError" })).toBe(true);
    expect(isAbortError(Object.assign(new Error("aborted"), { code: "ABORT_ERR" }))).toBe(true);
    for (const other of [new Error("AbortError"), { name: "TimeoutError", code: "ECONNRESET" }, null, undefined, "AbortError", 20, function AbortError() {}]) {
      expect(isAbortError(other), String(other)).toBe(false);
    }
  });
});

describe("describeErrorBody", () => {
  it("joins a runtime's error, message and details, skipping empty or non-text parts", () => {
    expect(describeErrorBody({ error: "Agent not found", message: "Agent 'x' does not exist", details: "see /info" })).toBe("Agent not found: Agent 'x' does not exist: see /info");
    expect(describeErrorBody({ error: "", message: "only this", details: 7 })).toBe("only this");
  });

  it("shows other JSON as JSON and text as trimmed text, each at most 500 characters", () => {
    expect(describeErrorBody({ status: "bad" })).toBe('{"status":"bad"}');
    expect(describeErrorBody({ error: 5 })).toBe('{"error":5}');
    const long = describeErrorBody({ list: "y".repeat(600) });
    expect([long.length, long.startsWith('{"list":"yyy')]).toEqual([500, true]);
    expect(describeErrorBody(undefined, "  Bad Gateway \n")).toBe("Bad Gateway");
    expect(describeErrorBody("ignored as a body", "z".repeat(600))).toBe("z".repeat(500));
    expect(describeErrorBody(undefined, "   ")).toBe("(empty body)");
    expect(describeErrorBody(null)).toBe("(empty body)");
  });
});

describe("networkErrorMessage", () => {
  it("names the URL and the deepest reason it has: the cause's code, its message, the error's message, or the value", () => {
    const tail = ". Is the runtime running, and is the URL right?";
    expect(networkErrorMessage("http://rt", Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED", message: "connect ECONNREFUSED" } }))).toBe(`Cannot reach http://rt: ECONNREFUSED${tail}`);
    expect(networkErrorMessage("http://rt", Object.assign(new TypeError("fetch failed"), { cause: { message: "other side closed" } }))).toBe(`Cannot reach http://rt: other side closed${tail}`);
    expect(networkErrorMessage("http://rt", new TypeError("Failed to fetch"))).toBe(`Cannot reach http://rt: Failed to fetch${tail}`);
    expect(networkErrorMessage("http://rt", "plain words")).toBe(`Cannot reach http://rt: plain words${tail}`);
    expect(networkErrorMessage("http://rt", null)).toBe(`Cannot reach http://rt: null${tail}`);
  });
});

describe("corsMessage", () => {
  it("says the runtime refused this page's origin and what to do", () => {
    expect(corsMessage("http://rt/api", "http://localhost:5173")).toBe(
      "The runtime at http://rt/api is reachable but refused this page's origin (http://localhost:5173) — a CORS refusal. " +
        "Enable CORS on the runtime (e.g. cors: true, or list this origin), or use a way that CORS does not bind: " +
        "the loopback inspector (npx agui-inspector), which forwards requests, or the browser extension's AG-UI panel.",
    );
  });
});
