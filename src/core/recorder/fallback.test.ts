import { describe, expect, it } from "vitest";
import { fallbackRecord } from "./fallback";
import { RAW_CAP } from "../protocol/limits";
import type { SessionRecord } from "../session/record";

describe("fallbackRecord", () => {
  it("keeps an event's seq, time, exchange, ids, raw text and encoding, and says why", () => {
    const record: SessionRecord = {
      seq: 7, t: 1234, x: 3, dir: "in", kind: "event", agentId: "a", threadId: "t", runId: "r",
      event: { type: "CUSTOM", name: "n", value: 1 }, raw: '{"type":"CUSTOM"}', rawEncoding: "text",
    };
    expect(fallbackRecord(record, new Error("DataCloneError: too deep"))).toEqual({
      seq: 7, t: 1234, x: 3, agentId: "a", threadId: "t", runId: "r", dir: "in", kind: "bad-frame",
      raw: '{"type":"CUSTOM"}', rawEncoding: "text",
      error: "this event record could not be stored (DataCloneError: too deep); its raw text is kept",
    });
  });

  it("adds no ids the record did not have, and no raw-text claim when there was none", () => {
    const record: SessionRecord = { seq: 2, t: 5, x: 1, dir: "in", kind: "event", event: { type: "RUN_STARTED", threadId: "t", runId: "r" } };
    const out = fallbackRecord(record, "refused");
    expect(Object.keys(out).sort()).toEqual(["dir", "error", "kind", "raw", "seq", "t", "x"]);
    expect(out.raw).toBe("");
    expect(out.error).toBe("this event record could not be stored (refused)");
  });

  it("keeps only the ids that are present", () => {
    const base = { seq: 1, t: 0, x: 1, dir: "in", kind: "comment", text: "c" } as const;
    expect(fallbackRecord({ ...base, threadId: "t" }, "x")).toMatchObject({ threadId: "t" });
    expect(fallbackRecord({ ...base, threadId: "t" }, "x")).not.toHaveProperty("agentId");
    expect(fallbackRecord({ ...base, runId: "r" }, "x")).not.toHaveProperty("threadId");
    expect(fallbackRecord({ ...base, agentId: "a" }, "x")).not.toHaveProperty("runId");
    expect(fallbackRecord({ ...base, agentId: "a", runId: "r" }, "x")).toMatchObject({ agentId: "a", runId: "r" });
  });

  it("caps a long raw text and records its original length", () => {
    const raw = "x".repeat(RAW_CAP + 10);
    const out = fallbackRecord({ seq: 1, t: 0, x: 1, dir: "in", kind: "bad-frame", raw, error: "bad json" }, new Error("boom"));
    expect(out.raw.length).toBe(RAW_CAP);
    expect(out.rawLength).toBe(RAW_CAP + 10);
    expect(out.error).toBe("this bad-frame record could not be stored (boom); its raw text is kept");
  });

  it("keeps a base64 encoding, and none for a record kind that has no raw text", () => {
    const b64 = fallbackRecord({ seq: 1, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: "AAE=", rawEncoding: "base64", error: "e" }, "e");
    expect(b64.rawEncoding).toBe("base64");
    expect(b64.raw).toBe("AAE=");
    const plain = fallbackRecord({ seq: 1, t: 0, x: 1, dir: "in", kind: "bad-frame", raw: "r", error: "e" }, "e");
    expect(plain).not.toHaveProperty("rawEncoding");
    // a request's body is not a raw frame: nothing to keep, and no encoding claimed
    const req = fallbackRecord({ seq: 1, t: 0, x: 1, dir: "out", kind: "request", method: "POST", url: "http://127.0.0.1/x", headers: {}, body: "{}" } as unknown as SessionRecord, "e");
    expect(req).toMatchObject({ dir: "in", kind: "bad-frame", raw: "" });
    expect(req).not.toHaveProperty("rawEncoding");
  });

  it("does not take a non-string raw field as text", () => {
    const odd = { seq: 1, t: 0, x: 1, dir: "in", kind: "event", event: { type: "CUSTOM" }, raw: 42 } as unknown as SessionRecord;
    expect(fallbackRecord(odd, "e").raw).toBe("");
  });
});
