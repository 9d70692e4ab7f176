import { describe, expect, it } from "vitest";
import { encode } from "@ag-ui/proto";
import { createProtoFramer, decodeProtoEvent, fromBase64, toBase64 } from "./proto";
import { buildRunInput, toolMessage, userMessage } from "./input";
import type { Message } from "../protocol/events";

/** A length-prefixed frame: 4-byte big-endian length, then the bytes. */
function framed(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, false);
  out.set(bytes, 4);
  return out;
}
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

describe("protobuf framing", () => {
  const a = encode({ type: "RUN_STARTED", threadId: "t", runId: "r" } as never);
  const b = encode({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "hello" } as never);
  const body = concat(framed(a), framed(new Uint8Array(0)), framed(b));

  it("gives every frame once, in order, however the body is split (inside a length prefix included)", () => {
    for (let cut = 0; cut <= body.length; cut++) {
      for (const second of [cut, Math.min(body.length, cut + 3)]) {
        const got: number[][] = [];
        const framer = createProtoFramer(({ bytes }) => got.push([...bytes]));
        framer.push(body.subarray(0, cut));
        framer.push(body.subarray(cut, second));
        framer.push(body.subarray(second));
        expect(got, `cut at ${cut}, ${second}`).toEqual([[...a], [], [...b]]);
        expect(framer.leftover()).toEqual(new Uint8Array(0));
      }
    }
  });

  it("keeps the bytes of a frame the body ended inside", () => {
    const framer = createProtoFramer(() => {});
    const cutBody = concat(framed(a), framed(b).subarray(0, 7));
    framer.push(cutBody);
    expect([...framer.leftover()]).toEqual([...framed(b).subarray(0, 7)]);
    const short = createProtoFramer(() => {});
    short.push(new Uint8Array([0, 0, 1]));
    expect([...short.leftover()]).toEqual([0, 0, 1]);
  });

  it("decodes an event, and says why when it cannot", () => {
    expect(decodeProtoEvent(b)).toEqual({ ok: true, event: expect.objectContaining({ type: "TEXT_MESSAGE_CONTENT", messageId: "m", delta: "hello" }) });
    const bad = decodeProtoEvent(new Uint8Array([0xff, 0xff, 0xff]));
    expect(bad.ok).toBe(false);
    expect((bad as { error: string }).error).toMatch(/^protobuf decode failed: ./);
    expect(decodeProtoEvent(new Uint8Array(0))).toEqual({ ok: false, error: expect.stringMatching(/^(protobuf message has no event type|protobuf decode failed: .+)$/) });
  });
});

describe("base64", () => {
  it("round-trips bytes past one 32 KiB block, every byte value included", () => {
    const bytes = new Uint8Array(0x8000 * 2 + 17).map((_, i) => (i * 7) % 256);
    const text = toBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString("base64"));
    expect(fromBase64(text)).toEqual(bytes);
    expect(toBase64(new Uint8Array(0))).toBe("");
  });
});

describe("buildRunInput", () => {
  it("fills what a runtime requires, with fresh ids", () => {
    const a = buildRunInput();
    const b = buildRunInput();
    expect(a).toEqual({ threadId: expect.any(String), runId: expect.any(String), state: {}, messages: [], tools: [], context: [], forwardedProps: {} });
    expect(a.threadId).not.toBe(b.threadId);
    expect(a.runId).not.toBe(b.runId);
    expect(a).not.toHaveProperty("parentRunId");
    expect(a).not.toHaveProperty("resume");
  });

  it("keeps what it is given, drops activity messages, and adds parentRunId and resume only when there are some", () => {
    const messages = [userMessage("hi", "u1"), { id: "act", role: "activity", activityType: "A", content: {} } as unknown as Message, toolMessage("c1", "done", "t1")];
    const input = buildRunInput({ threadId: "t", runId: "r", parentRunId: "p", state: { n: 1 }, messages, tools: [{ name: "f", description: "d", parameters: {} }], context: [{ description: "c", value: "v" }], forwardedProps: { x: 1 }, resume: [] });
    expect(input).toEqual({
      threadId: "t",
      runId: "r",
      parentRunId: "p",
      state: { n: 1 },
      messages: [
        { id: "u1", role: "user", content: "hi" },
        { id: "t1", role: "tool", toolCallId: "c1", content: "done" },
      ],
      tools: [{ name: "f", description: "d", parameters: {} }],
      context: [{ description: "c", value: "v" }],
      forwardedProps: { x: 1 },
    });
    const resume = [{ interruptId: "i", payload: { ok: true } }] as never;
    expect(buildRunInput({ resume }).resume).toEqual(resume);
    expect(buildRunInput({ parentRunId: "" })).not.toHaveProperty("parentRunId");
    expect(userMessage("x").id).not.toBe(userMessage("x").id);
  });
});
