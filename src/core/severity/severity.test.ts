import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../session/record";
import { flaggedByFindings, recordSeverity, stepFinding } from "./severity";

const base = { seq: 1, t: 0, x: 1 } as const;
const ev = (type: string, extra: Partial<SessionRecord> = {}): SessionRecord => ({ ...base, dir: "in", kind: "event", event: { type }, ...extra }) as SessionRecord;

describe("row severity", () => {
  it("bad frame beats everything", () => {
    const bad: SessionRecord = { ...base, dir: "in", kind: "bad-frame", raw: "x", error: "invalid JSON" };
    expect(recordSeverity(bad, [{ rule: "state/patch-failed", severity: "error" }])).toBe("bad-frame");
  });
  it("a failed patch is its own level, above a plain error", () => {
    expect(recordSeverity(ev("STATE_DELTA"), [{ rule: "run/event-after-run-error", severity: "error" }, { rule: "state/patch-failed", severity: "error" }])).toBe("failed-patch");
    expect(recordSeverity(ev("ACTIVITY_DELTA"), [{ rule: "activity/patch-failed", severity: "error" }])).toBe("failed-patch");
  });
  it("errors: RUN_ERROR, SUBAGENT_ERROR, error findings, HTTP 4xx/5xx, a failed exchange", () => {
    expect(recordSeverity(ev("RUN_ERROR"))).toBe("error");
    expect(recordSeverity(ev("SUBAGENT_ERROR"))).toBe("error");
    expect(recordSeverity(ev("TEXT_MESSAGE_END"), [{ rule: "text/not-open", severity: "error" }])).toBe("error");
    expect(recordSeverity({ ...base, dir: "in", kind: "response", op: "run", status: 503, contentType: "", headers: {}, ms: 1 })).toBe("error");
    expect(recordSeverity({ ...base, dir: "in", kind: "end", op: "run", outcome: "error", frames: 0 })).toBe("error");
  });
  it("warnings: warning findings, schema issues, an unterminated frame, an end with bad frames", () => {
    expect(recordSeverity(ev("TEXT_MESSAGE_CONTENT"), [{ rule: "event/empty-delta", severity: "warning" }])).toBe("warning");
    expect(recordSeverity(ev("CUSTOM", { issues: [{ version: "1.0.0", path: "name", message: "x" }] } as never))).toBe("warning");
    expect(recordSeverity({ ...base, dir: "in", kind: "end", op: "run", outcome: "complete", frames: 3, badFrames: 1 })).toBe("warning");
  });
  it("plain rows and info findings have none", () => {
    expect(recordSeverity(ev("TEXT_MESSAGE_CONTENT"))).toBeUndefined();
    expect(recordSeverity(ev("RUN_ERROR"), [{ rule: "run/error", severity: "info" }])).toBe("error");
    expect(recordSeverity(ev("THINKING_START"), [{ rule: "thinking/deprecated", severity: "info" }])).toBeUndefined();
    expect(recordSeverity({ ...base, dir: "in", kind: "response", op: "run", status: 200, contentType: "", headers: {}, ms: 1 })).toBeUndefined();
  });
});

describe("next / previous finding", () => {
  const seqs = [3, 8, 20];
  it("moves forward and back, wrapping", () => {
    expect(stepFinding(seqs, 1, 1)).toBe(3);
    expect(stepFinding(seqs, 3, 1)).toBe(8);
    expect(stepFinding(seqs, 20, 1)).toBe(3);
    expect(stepFinding(seqs, 8, -1)).toBe(3);
    expect(stepFinding(seqs, 3, -1)).toBe(20);
    expect(stepFinding([], 3, 1)).toBeUndefined();
  });
});

describe("rows findings mark", () => {
  it("errors, warnings and failed patches mark their row; info findings do not", () => {
    const marked = flaggedByFindings([
      { seq: 2, rule: "thinking/deprecated", severity: "info" },
      { seq: 4, rule: "run/bare-finished", severity: "warning" },
      { seq: 6, rule: "schema/invalid", severity: "error" },
      { seq: 9, rule: "state/patch-failed", severity: "info" },
      { seq: 11, rule: "activity/patch-failed", severity: "warning" },
    ]);
    expect([...marked].sort((a, b) => a - b)).toEqual([4, 6, 9, 11]);
  });
});
