import { describe, expect, it } from "vitest";
import { REDACTED, isSecretName, isSecretQueryParam, redactHeaders, redactJson, redactUrl, redactUrlsIn } from "./redact";
import { createSecretValues, headerSecrets } from "./redact-values";
import { redactRecordSecrets } from "./redact-record";
import { createRecorder } from "../recorder/recorder";
import { exportSession, redactRecord } from "./export";
import type { SessionRecord } from "./record";
import { createHeader } from "./file";

describe("secret names", () => {
  it("match by pattern, case-insensitive, anywhere in the name", () => {
    for (const name of ["Authorization", "proxy-authorization", "Cookie", "set-cookie", "X-Api-Key", "api_key", "apiKey", "OPENAI_API_KEY", "x-my-token", "token", "accessToken", "refresh_token", "myPassword", "passwd", "client_secret", "privateKey", "sessionId", "X-CopilotCloud-Public-Api-Key", "tokenizerSecret", "passphrase", "password", "credentials", "bearer", "x-signature", "private-key", "private_key", "session_key", "session-id", "X-CopilotCloud-Public-License-Key", "api-key", "apikey", "tokensecret", "tokens_secret", "maxTokens_accessToken", "TOKENS_API_KEY", "usageTokensSecret", "tokens_secret_key", "api_tokens_key", "privateTokensKey"]) {
      expect([name, isSecretName(name)]).toEqual([name, true]);
    }
  });

  it("leave ordinary names alone, token counts included", () => {
    for (const name of ["content-type", "accept", "author", "maxTokens", "max_tokens", "tokenCount", "token_usage", "totalTokens", "tokenizer", "threadId", "keyboard", "monkey", "tokens", "token_limit", "tokenBudget", "token_type", "tokenize", "max-tokens", "sessions", "credit", "signal", "tokensUsed", "tokensPerSecond", "maxTokensPerRun", "tokens_used", "TOKENS_USED", "tokens2", "cachedTokensCount"]) {
      expect([name, isSecretName(name)]).toEqual([name, false]);
    }
  });

  it("in a URL query, also the short conventional names, and only those", () => {
    for (const name of ["key", "KEY", "auth", "sig", "code", "pwd", "pass", "token", "api_key"]) expect([name, isSecretQueryParam(name)]).toEqual([name, true]);
    for (const name of ["keys", "q", "author", "codes", "passage", "signal", "mykey1"]) expect([name, isSecretQueryParam(name)]).toEqual([name, false]);
    // the short names are secrets in a query only: as JSON keys or headers they are ordinary
    for (const name of ["key", "auth", "sig", "code", "pwd", "pass"]) expect([name, isSecretName(name)]).toEqual([name, false]);
  });

  it("give back a URL with nothing to hide exactly as written, not normalised", () => {
    for (const url of ["http://h", "HTTP://Host:80/a/../b?q=1#f", "http://h/r?q=a b"]) expect(redactUrl(url)).toBe(url);
  });

  it("leave the copy's keys writable and deletable, redacted or not", () => {
    const out = redactJson({ token: "t", keep: "k" }) as Record<string, unknown>;
    out.token = "changed";
    out.keep = "changed";
    expect(out).toEqual({ token: "changed", keep: "changed" });
    expect(delete out.token && delete out.keep).toBe(true);
    expect(out).toEqual({});
  });

  it("redact headers, URLs and JSON keys at any depth, keeping names and empty values", () => {
    expect(redactHeaders({ "X-My-Token": "t", Accept: "a" })).toEqual({ "X-My-Token": REDACTED, Accept: "a" });
    expect(redactUrl("http://u:p@h/r?token=abc&key=k&q=1")).toBe("http://%5Bredacted%5D:%5Bredacted%5D@h/r?token=%5Bredacted%5D&key=%5Bredacted%5D&q=1");
    expect(redactUrlsIn("h @ http://h/r?api_key=zzz · 12:00")).toBe("h @ http://h/r?api_key=%5Bredacted%5D · 12:00");
    const deep: Record<string, unknown> = { a: { b: [{ nested: { token: "x", keep: 1 } }] }, myPassword: "p", empty: { secret: "" }, maxTokens: 5 };
    expect(redactJson(deep)).toEqual({ a: { b: [{ nested: { token: REDACTED, keep: 1 } }] }, myPassword: REDACTED, empty: { secret: "" }, maxTokens: 5 });
    // far deeper than any recursion limit
    let chain: Record<string, unknown> = { apiKey: "deep-secret" };
    for (let i = 0; i < 20_000; i++) chain = { n: chain };
    let out = redactJson(chain) as Record<string, unknown>;
    for (let i = 0; i < 20_000; i++) out = out.n as Record<string, unknown>;
    expect(out).toEqual({ apiKey: REDACTED });
  });

  it("keep an own __proto__ key an own key, with no pollution", () => {
    const input = JSON.parse('{"__proto__":{"polluted":true,"token":"t"}}') as Record<string, unknown>;
    const out = redactJson(input) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("secret values", () => {
  it("learn header credentials, URL credentials, secret query values and body values under secret keys", () => {
    const s = createSecretValues();
    s.learn({
      url: "http://user:pa55word@h/r?token=qtok1234&plain=visible",
      headers: { Authorization: "Bearer abcd1234", "X-Trace": "trace-visible", Cookie: "sid=cookie1234; other=cookie5678" },
      body: { forwardedProps: { apiKey: "fp-1234", nested: { token: 98765 } }, message: "visible" },
    });
    const text = "pa55word qtok1234 abcd1234 Bearer abcd1234 cookie1234 cookie5678 fp-1234 98765 trace-visible visible";
    // "Bearer abcd1234" goes whole (longest first), the bare credential too.
    expect(s.text(text)).toBe(`${Array(8).fill(REDACTED).join(" ")} trace-visible visible`);
  });

  it("find a secret in its JSON-escaped and URL-encoded forms, and decode Basic credentials", () => {
    const s = createSecretValues();
    s.add('se"cret/value');
    expect(s.text(JSON.stringify({ echoed: 'se"cret/value' }))).toBe(`{"echoed":"${REDACTED}"}`);
    expect(s.text(`?q=${encodeURIComponent('se"cret/value')}`)).toBe(`?q=${REDACTED}`);
    expect(headerSecrets("Authorization", `Basic ${btoa("me:hunter22")}`)).toContain("hunter22");
  });

  it("ignore values too short to search for, and leave values without secrets untouched (same object)", () => {
    const s = createSecretValues();
    s.add("abc");
    expect(s.size()).toBe(0);
    s.add("long-enough");
    const v = { a: ["x", { b: "y" }] };
    expect(s.value(v)).toBe(v);
    expect(s.value({ k: ["long-enough!"] })).toEqual({ k: [`${REDACTED}!`] });
  });
});

describe("records", () => {
  const secrets = () => {
    const s = createSecretValues();
    s.learn({ url: "http://h/r?token=qtok-9999", headers: { "X-My-Token": "mytok-9999" }, body: { forwardedProps: { apiKey: "fp-9999" } } });
    return s;
  };

  it("scrub RUN_STARTED.input by key and drop its raw text; scrub errors, bodies, comments and bad frames by value", () => {
    const s = secrets();
    const started = redactRecordSecrets({ dir: "in", kind: "event", x: 1, event: { type: "RUN_STARTED", threadId: "t", runId: "r", input: { forwardedProps: { apiKey: "fp-9999", nested: { token: "other" } } } } as never, raw: '{"type":"RUN_STARTED" }' }, s);
    expect(started).toEqual({ dir: "in", kind: "event", x: 1, event: { type: "RUN_STARTED", threadId: "t", runId: "r", input: { forwardedProps: { apiKey: REDACTED, nested: { token: REDACTED } } } } });
    const end = redactRecordSecrets({ dir: "in", kind: "end", x: 1, op: "run", outcome: "error", frames: 0, error: "HTTP 401 from http://h/r?token=qtok-9999: bad mytok-9999" }, s);
    expect(end).toMatchObject({ error: `HTTP 401 from http://h/r?token=${REDACTED}: bad ${REDACTED}` });
    const response = redactRecordSecrets({ dir: "in", kind: "response", x: 1, op: "run", status: 401, contentType: "text/plain", headers: { "set-cookie": "a=b" }, text: "you sent mytok-9999", ms: 1 }, s);
    expect(response).toMatchObject({ headers: { "set-cookie": REDACTED }, text: `you sent ${REDACTED}` });
    expect(redactRecordSecrets({ dir: "in", kind: "bad-frame", x: 1, raw: "data: fp-9999", error: "invalid JSON" }, s)).toMatchObject({ raw: `data: ${REDACTED}` });
    expect(redactRecordSecrets({ dir: "in", kind: "comment", x: 1, text: "qtok-9999" }, s)).toMatchObject({ text: REDACTED });
    const proto = redactRecordSecrets({ dir: "in", kind: "event", x: 1, event: { type: "CUSTOM", name: "n", value: "mytok-9999" } as never, raw: btoa("..mytok-9999.."), rawEncoding: "base64" }, s);
    expect(proto).toEqual({ dir: "in", kind: "event", x: 1, event: { type: "CUSTOM", name: "n", value: REDACTED } });
  });

  it("the recorder scrubs every record pushed after the request that taught it the secrets", () => {
    const records: SessionRecord[] = [];
    const recorder = createRecorder({ sink: { write: async (b) => void records.push(...b) } });
    recorder.secrets.learn({ headers: { Authorization: "Bearer live-secret-1" } });
    recorder.push({ dir: "in", kind: "event", x: 1, event: { type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "echo: live-secret-1" } as never });
    expect(recorder.secrets.text("printed live-secret-1")).toBe(`printed ${REDACTED}`);
    return recorder.flush().then(() => expect(JSON.stringify(records)).not.toContain("live-secret-1"));
  });

  it("export redacts what an older version stored raw: RUN_STARTED input, response bodies, the name and runtime URL", () => {
    const old: SessionRecord[] = [
      { seq: 1, t: 1, x: 1, dir: "in", kind: "response", op: "run", status: 401, contentType: "application/json", headers: {}, body: { headers: { authorization: "Bearer old" } }, ms: 1 },
      { seq: 2, t: 2, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r", input: { forwardedProps: { myPassword: "old-pw" } } } as never },
    ];
    expect(redactRecord(old[0])).toMatchObject({ body: { headers: { authorization: REDACTED } } });
    const text = exportSession(createHeader({ runtimeUrl: "http://h/r?token=old-q", name: "s @ http://h/r?token=old-q" }), old);
    for (const secret of ["Bearer old", "old-pw", "old-q"]) expect(text).not.toContain(secret);
  });
});

describe("imports", () => {
  it("a HAR whose 401 echoes the request's bearer token imports without it; any file loses secret names in RUN_STARTED.input", async () => {
    const { importText } = await import("./import");
    const har = {
      log: {
        version: "1.2",
        creator: { name: "t", version: "1" },
        entries: [
          {
            startedDateTime: "2026-01-01T00:00:00.000Z",
            time: 5,
            request: { method: "POST", url: "http://h/rest/agent/a/run", headers: [{ name: "Authorization", value: "Bearer har-echo-1234" }], postData: { mimeType: "application/json", text: JSON.stringify({ threadId: "t", runId: "r", messages: [] }) } },
            response: { status: 401, headers: [{ name: "content-type", value: "text/plain" }], content: { mimeType: "text/plain", text: "bad credentials: Bearer har-echo-1234" } },
            timings: { wait: 5 },
          },
        ],
      },
    };
    const imported = importText(JSON.stringify(har), { file: "x.har" });
    expect(imported.records.length).toBeGreaterThan(1);
    expect(JSON.stringify(imported.records)).not.toContain("har-echo-1234");
    const sse = `data: ${JSON.stringify({ type: "RUN_STARTED", threadId: "t", runId: "r", input: { forwardedProps: { apiKey: "sse-key-1234" } } })}\n\n`;
    expect(JSON.stringify(importText(sse, { file: "x.sse" }).records)).not.toContain("sse-key-1234");
  });
});
