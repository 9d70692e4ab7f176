import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { storedSession } from "../storage/test-util";
import { createSessionView } from "../models/session-view";
import { NO_FILTER, type TimelineFilter } from "../models/filters";
import { recordSeverity } from "../core/severity";
import { generateMixedSession } from "../../test/session-generator";
import { openPagedSession } from "./paged-session";

// "Errors only" keeps exactly the rows the gutter marks (errors, warnings, bad frames, failed
// patches), in memory and in the worker's window alike.

const records = generateMixedSession(20);

describe("errors only", () => {
  it("keeps the rows with a severity, the same in memory and paged", async () => {
    const view = createSessionView();
    view.reset(records);
    const bySeq = new Map<number, { rule: string; severity: "error" | "warning" | "info" }[]>();
    for (const f of view.findings.value) bySeq.set(f.seq, [...(bySeq.get(f.seq) ?? []), f]);
    const want = records.filter((r) => recordSeverity(r, bySeq.get(r.seq)) !== undefined).map((r) => r.seq);
    const kinds = new Set(records.filter((r) => want.includes(r.seq)).map((r) => recordSeverity(r, bySeq.get(r.seq))));
    // The fixture has bad frames and failed patches: both kinds must be kept.
    expect(kinds.has("bad-frame")).toBe(true);
    expect(kinds.has("failed-patch")).toBe(true);

    const filter: TimelineFilter = { ...NO_FILTER, errorsOnly: true };
    view.filter.value = filter;
    expect(view.rows.value.map((row) => view.records()[row.index].seq)).toEqual(want);

    const { db, id: sessionId } = await storedSession(records);
    const paged = await openPagedSession(db, sessionId, { cacheChunks: 4 });
    const answer = await paged.rows({ filter, coalesce: false }, 0, 1e9);
    expect(answer.complete).toBe(true);
    expect(answer.rows.map((r) => r.record.seq)).toEqual(want);
    // Combined with a search, both apply.
    const both = await paged.rows({ filter: { ...filter, text: "missing" }, coalesce: false }, 0, 1e9);
    expect(both.rows.length).toBeGreaterThan(0);
    expect(both.rows.every((r) => want.includes(r.record.seq) && JSON.stringify(r.record).includes("missing"))).toBe(true);
  });
});
