import { describe, expect, it } from "vitest";
import { MIN_SECRET_LENGTH, bodySecrets, createSecretValues, headerSecrets, urlSecrets } from "./redact-values";
import { REDACTED } from "./redact";

// What a request teaches the scrubber, and how the scrubber then finds those values again.

describe("secrets a request carries", () => {
  it("a scheme header gives its credential; Basic also the decoded user:pass and the password", () => {
    expect(headerSecrets("Authorization", "Bearer abc123")).toEqual(["Bearer abc123", "abc123"]);
    expect(headerSecrets("Authorization", "  token   xyz789  ")).toEqual(["  token   xyz789  ", "xyz789"]);
    expect(headerSecrets("Authorization", `Basic ${btoa("user:pa:ss")}`)).toEqual([`Basic ${btoa("user:pa:ss")}`, btoa("user:pa:ss"), "user:pa:ss", "pa:ss"]);
    // Basic text that does not decode to printable user:pass adds nothing decoded
    expect(headerSecrets("Authorization", `Basic ${btoa("nocolon")}`)).toEqual([`Basic ${btoa("nocolon")}`, btoa("nocolon")]);
    expect(headerSecrets("Authorization", `Basic ${btoa("us\u0001er:pw")}`)).toHaveLength(2);
    expect(headerSecrets("Authorization", "Basic %%%")).toEqual(["Basic %%%", "%%%"]);
    // a value with no scheme is the credential itself
    expect(headerSecrets("X-Api-Key", "k-123 456")).toEqual(["k-123 456"]);
    expect(headerSecrets("X-Api-Key", "Bearerish abc")).toEqual(["Bearerish abc"]);
    expect(headerSecrets("X-Api-Key", "NotBearer abcd")).toEqual(["NotBearer abcd"]);
    // only Basic is decoded
    expect(headerSecrets("Authorization", `Bearer ${btoa("a:bcd")}`)).toEqual([`Bearer ${btoa("a:bcd")}`, btoa("a:bcd")]);
  });

  it("a cookie header gives each cookie's value; other headers are not split", () => {
    expect(headerSecrets("Cookie", "sid=one111; theme = dark22")).toEqual(["sid=one111; theme = dark22", "one111", "dark22"]);
    expect(headerSecrets("X-Token", "a=b1234; c=d5678")).toEqual(["a=b1234; c=d5678"]);
  });

  it("a URL gives its user, password and secret query values, decoded", () => {
    expect(urlSecrets("http://us%40er:p%3Ass@h/x?token=t0k3n&q=visible&key=kkkk")).toEqual(["us@er", "p:ss", "t0k3n", "kkkk"]);
    expect(urlSecrets("http://:only-pass@h/")).toEqual(["only-pass"]);
    expect(urlSecrets("http://only-user@h/")).toEqual(["only-user"]);
    expect(urlSecrets("http://h/?q=1")).toEqual([]);
    expect(urlSecrets("not a url")).toEqual([]);
  });

  it("a body gives the strings and numbers under secret keys, at any depth, and nothing else", () => {
    const body = { apiKey: 12345, list: ["plain"], nested: { password: ["p111", { inner: "p222" }], other: 7 }, token: { deep: "d333" }, flag: true, none: null };
    expect(bodySecrets(body).sort()).toEqual(["12345", "d333", "p111", "p222"]);
    expect(bodySecrets(["x", { secret: "s444" }])).toEqual(["s444"]);
    expect(bodySecrets("just text")).toEqual([]);
  });
});

describe("the scrubber", () => {
  it("learns from the URL, secret-named headers and the body, not from other headers", () => {
    const secrets = createSecretValues();
    secrets.learn({ url: "http://h/?token=url-secret", headers: { Authorization: "Bearer hdr-secret", "X-Trace": "visible-trace" }, body: { apiKey: "body-secret" } });
    expect(secrets.text("url-secret hdr-secret body-secret visible-trace")).toBe(`${REDACTED} ${REDACTED} ${REDACTED} visible-trace`);
    expect(secrets.found("…hdr-secret…")).toBe(true);
    expect(secrets.found("nothing here")).toBe(false);
    const empty = createSecretValues();
    empty.learn({});
    expect(empty.size()).toBe(0);
  });

  it("remembers values of at least MIN_SECRET_LENGTH characters, once each, never the mark itself", () => {
    const secrets = createSecretValues();
    secrets.add("abc");
    secrets.add("abcd".slice(0, MIN_SECRET_LENGTH));
    secrets.add("abcd");
    secrets.add(REDACTED);
    secrets.add(42 as unknown as string);
    expect(secrets.size()).toBe(1);
    expect(secrets.text("abc abcd")).toBe(`abc ${REDACTED}`);
  });

  it("replaces a longer secret whole before a shorter one it contains", () => {
    const secrets = createSecretValues();
    secrets.add("abcd");
    secrets.add("abcdefgh");
    expect(secrets.text("xx abcdefgh yy abcd")).toBe(`xx ${REDACTED} yy ${REDACTED}`);
    const reversed = createSecretValues();
    reversed.add("abcdefgh");
    reversed.add("abcd");
    expect(reversed.text("abcdefgh")).toBe(REDACTED);
  });

  it("finds the JSON-escaped and URL-encoded forms, spaces as + too, but not forms too short to search", () => {
    const secrets = createSecretValues();
    secrets.add('p"w d\\x');
    expect(secrets.text(JSON.stringify({ v: 'p"w d\\x' }))).toBe(`{"v":"${REDACTED}"}`);
    expect(secrets.text(`q=${encodeURIComponent('p"w d\\x')}`)).toBe(`q=${REDACTED}`);
    expect(secrets.text("q=p%22w+d%5Cx")).toBe(`q=${REDACTED}`);
    expect(secrets.text("p")).toBe("p");
  });

  it("hands back non-text and text without secrets as they are", () => {
    const secrets = createSecretValues();
    expect(secrets.text("anything")).toBe("anything");
    secrets.add("s3cr3t");
    expect(secrets.text(5 as unknown as string)).toBe(5);
    expect(secrets.value("say s3cr3t")).toBe(`say ${REDACTED}`);
    expect(secrets.value(7)).toBe(7);
    expect(secrets.value(null)).toBe(null);
    expect(secrets.value(undefined)).toBe(undefined);
  });

  it("copies arrays and objects with a secret anywhere, keeping numbers, nulls and booleans, and a secret key renamed", () => {
    const secrets = createSecretValues();
    secrets.add("s3cr3t");
    const v = { list: [1, null, true, "a s3cr3t"], ["k-s3cr3t"]: { n: 2 }, plain: "x" };
    const out = secrets.value(v);
    expect(out).toEqual({ list: [1, null, true, `a ${REDACTED}`], [`k-${REDACTED}`]: { n: 2 }, plain: "x" });
    expect(Array.isArray(out.list)).toBe(true);
    // only in a key
    const keyOnly = { ["s3cr3t"]: 1 };
    expect(secrets.value(keyOnly)).toEqual({ [REDACTED]: 1 });
    // renamed keys stay writable like any other
    const renamed = secrets.value(keyOnly) as Record<string, number>;
    renamed[REDACTED] = 2;
    expect(renamed[REDACTED]).toBe(2);
  });

  it("does not look at inherited properties", () => {
    const secrets = createSecretValues();
    secrets.add("s3cr3t");
    const proto = { leaked: "s3cr3t" };
    const v = Object.assign(Object.create(proto) as Record<string, unknown>, { own: "fine" });
    expect(secrets.value(v)).toBe(v);
    expect(secrets.value([v])).toEqual([v]);
  });
});
