import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../session/record";
import { eventJson, jsonPointer, rawFrame } from "./record";
import { curlSecrets, toCurl, toFetch } from "./request";
import { envName, shellQuote } from "./shell";

const req = {
  method: "POST",
  url: "http://127.0.0.1:4000/api?api_key=live-123&x=1",
  headers: { "content-type": "application/json", Authorization: "Bearer sk-live-999", "X-Team": "qa", "X-Custom": "[redacted]", "content-length": "99" },
  body: { threadId: "t", password: "hunter2", note: "it's" },
};

describe("request as cURL and fetch", () => {
  const curl = toCurl(req);
  const fetchText = toFetch(req);

  it("never carries a secret value, from headers, URL or body", () => {
    for (const text of [curl, fetchText]) {
      expect(text).not.toMatch(/sk-live-999|live-123|hunter2/);
    }
  });

  it("secret headers become $VARIABLES in cURL and <NAME> placeholders in fetch", () => {
    expect(curl).toContain(`-H 'Authorization: '"$AUTHORIZATION"`);
    expect(curl).toContain(`-H 'X-Custom: '"$X_CUSTOM"`);
    expect(curl).toContain(`-H 'X-Team: qa'`);
    expect(curl).not.toContain("content-length");
    expect(curlSecrets(req)).toEqual(["AUTHORIZATION", "X_CUSTOM"]);
    expect(fetchText).toContain(`"Authorization": "<AUTHORIZATION>"`);
    expect(fetchText).toContain(`"X-Team": "qa"`);
  });

  it("quotes the body for a POSIX shell (a single quote inside survives)", () => {
    expect(curl).toContain(`--data-raw '{"threadId":"t","password":"[redacted]","note":"it'\\''s"}'`);
    expect(curl.startsWith("curl -N -X POST 'http://127.0.0.1:4000/api?api_key=%5Bredacted%5D&x=1'")).toBe(true);
  });

  it("the fetch text is valid JavaScript whose body parses back", () => {
    const calls: [string, { method: string; headers: Record<string, string>; body: string }][] = [];
    const run = new Function("fetch", `return (async () => { ${fetchText} })();`);
    return run((url: string, init: never) => calls.push([url, init])).then(() => {
      expect(calls).toHaveLength(1);
      expect(calls[0][1].method).toBe("POST");
      expect(JSON.parse(calls[0][1].body)).toEqual({ threadId: "t", password: "[redacted]", note: "it's" });
    });
  });

  it("shell helpers", () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(shellQuote("$HOME `x`")).toBe(`'$HOME \`x\`'`);
    expect(envName("x-api-key")).toBe("X_API_KEY");
    expect(envName("1st")).toBe("H_1ST");
  });
});

describe("record copies", () => {
  it("event JSON is the event; the raw frame is the wire text when it differed", () => {
    const r: SessionRecord = { seq: 3, t: 1, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM", name: "n", value: 1 }, raw: '{"type":"CUSTOM", "name":"n","value":1}' };
    expect(JSON.parse(eventJson(r))).toEqual(r.kind === "event" && r.event);
    expect(rawFrame(r)).toBe('{"type":"CUSTOM", "name":"n","value":1}');
    const plain: SessionRecord = { ...r, raw: undefined };
    expect(rawFrame(plain)).toBe('{"type":"CUSTOM","name":"n","value":1}');
    const bad: SessionRecord = { seq: 4, t: 1, x: 1, dir: "in", kind: "bad-frame", raw: "{oops", error: "invalid JSON" };
    expect(rawFrame(bad)).toBe("{oops");
    expect(JSON.parse(eventJson(bad))).toEqual(bad);
  });
  it("JSON Pointer escapes ~ and /", () => {
    expect(jsonPointer(["a/b", "c~d", 0])).toBe("/a~1b/c~0d/0");
    expect(jsonPointer([])).toBe("");
  });
});
