import { describe, expect, it } from "vitest";
import { REDACTED, isSecretHeader, redactHeaders, redactJson, redactUrl } from "./redact";

describe("redactUrl", () => {
  it("removes user and password from the authority", () => {
    const out = redactUrl("https://alice:s3cret@example.test:8443/api/copilotkit?x=1");
    expect(out).not.toMatch(/alice|s3cret/);
    expect(new URL(out).host).toBe("example.test:8443");
    expect(new URL(out).pathname).toBe("/api/copilotkit");
    expect(new URL(out).searchParams.get("x")).toBe("1");
  });

  it("removes a user given without a password, and a password given without a user", () => {
    expect(redactUrl("http://token123@h/x")).toBe("http://%5Bredacted%5D@h/x");
    expect(redactUrl("http://:pw456@h/x")).toBe("http://:%5Bredacted%5D@h/x");
  });

  it("replaces secret query values and keeps the rest", () => {
    const url = new URL(redactUrl("http://h/r?api_key=k1&api-key=k2&apikey=k3&key=k4&token=t&access_token=a&auth=b&secret=s&password=p&sig=g&signature=h&page=2"));
    for (const name of ["api_key", "api-key", "apikey", "key", "token", "access_token", "auth", "secret", "password", "sig", "signature"]) {
      expect(url.searchParams.get(name), name).toBe(REDACTED);
    }
    expect(url.searchParams.get("page")).toBe("2");
    expect(redactUrl("http://h/r?API_KEY=K")).not.toContain("=K");
  });

  it("gives back a URL with nothing to hide, or that does not parse, unchanged", () => {
    expect(redactUrl("http://127.0.0.1:4000/api/copilotkit/?a=1&b=two")).toBe("http://127.0.0.1:4000/api/copilotkit/?a=1&b=two");
    expect(redactUrl("not a url")).toBe("not a url");
    expect(redactUrl("http://h/r?monkey=1&tokens=2")).toBe("http://h/r?monkey=1&tokens=2");
  });

  it("is idempotent", () => {
    const once = redactUrl("http://u:p@h/r?token=t");
    expect(redactUrl(once)).toBe(once);
  });
});

describe("redactJson", () => {
  it("replaces the values of secret keys at any depth, keeping the keys", () => {
    const body = {
      threadId: "t",
      forwardedProps: { auth: { refresh_token: "r1", refreshToken: "r2", access_token: "a1", accessToken: "a2", id_token: "i", client_secret: "c", clientSecret: "c2", private_key: "k" } },
      list: [{ password: "pw", passwd: "pw2", apiKey: "k1", api_key: "k2", "x-api-key": "k3", Authorization: "Bearer b", cookie: "c=1", bearer: "b", secret: "s" }],
    };
    const out = redactJson(body);
    expect(JSON.stringify(out)).not.toMatch(/r1|r2|a1|a2|"i"|"c"|c2|"k"|pw|k1|k2|k3|Bearer|c=1|"b"|"s"/);
    expect(Object.keys(out.forwardedProps.auth)).toEqual(Object.keys(body.forwardedProps.auth));
    expect(out.forwardedProps.auth.refresh_token).toBe(REDACTED);
    expect(out.list[0].password).toBe(REDACTED);
    expect(out.threadId).toBe("t");
    // A copy: the input is untouched.
    expect(body.forwardedProps.auth.refresh_token).toBe("r1");
  });

  it("keeps token counts and types, and empty or null secrets", () => {
    const out = redactJson({ tokenCount: 5, token_type: "bearer", refresh_token: "", password: null, apiKey: undefined, threadId: "t" });
    expect(out).toEqual({ tokenCount: 5, token_type: "bearer", refresh_token: "", password: null, apiKey: undefined, threadId: "t" });
  });

  it("redacts non-string secrets and leaves plain values as they are", () => {
    expect(redactJson({ secret: { nested: 1 }, password: 1234 })).toEqual({ secret: REDACTED, password: REDACTED });
    expect(redactJson("text")).toBe("text");
    expect(redactJson(null)).toBeNull();
    expect(redactJson([1, { runId: "x", access_token: "y" }])).toEqual([1, { runId: "x", access_token: REDACTED }]);
  });

  it("does not overflow on deep values, and redacts well below the surface", () => {
    let deep: Record<string, unknown> = { password: "deep" };
    for (let i = 0; i < 100; i++) deep = { child: deep };
    expect(() => redactJson(deep)).not.toThrow();
    let shallow: Record<string, unknown> = { password: "p" };
    for (let i = 0; i < 60; i++) shallow = { child: shallow };
    expect(JSON.stringify(redactJson(shallow))).not.toContain('"p"');
  });
});

describe("header redaction", () => {
  it("names secret headers, case-insensitively", () => {
    for (const name of ["Authorization", "proxy-authorization", "Cookie", "set-cookie", "X-API-Key", "api-key", "x-auth-token", "X-Access-Token", "x-copilotcloud-public-api-key", "x-copilotcloud-public-license-key", "x-my-apikey", "x-client-secret", "x-csrf-token", "x-password", "x-session-id"]) {
      expect(isSecretHeader(name), name).toBe(true);
    }
    for (const name of ["content-type", "accept", "x-trace", "user-agent", "x-request-id"]) {
      expect(isSecretHeader(name), name).toBe(false);
    }
  });

  it("replaces secret header values and keeps the others", () => {
    expect(redactHeaders({ Authorization: "Bearer x", cookie: "a=1", accept: "text/event-stream" })).toEqual({ Authorization: REDACTED, cookie: REDACTED, accept: "text/event-stream" });
    expect(redactHeaders(undefined)).toEqual({});
  });
});
