import { describe, expect, it } from "vitest";
import { importText } from "./index";

// A HAR lists entries in the order the tool chose (DevTools: by finish, some tools: by
// request id); the import puts exchanges in the order they started.

const run = (runId: string, at: string | undefined, text = "") => ({
  ...(at !== undefined ? { startedDateTime: at } : {}),
  time: 5,
  request: { method: "POST", url: "http://127.0.0.1:4000/api/agent/a/run", headers: [], postData: { mimeType: "application/json", text: JSON.stringify({ threadId: "t", runId }) } },
  response: { status: 200, headers: [], content: { mimeType: "text/event-stream", text } },
});
const har = (...entries: unknown[]) => JSON.stringify({ log: { version: "1.2", creator: { name: "x", version: "1" }, entries } });
const runIds = (text: string) =>
  importText(text, { now: 0 }).records.flatMap((r) => (r.kind === "request" ? [(r.body as { runId: string }).runId] : []));

describe("HAR import order", () => {
  it("orders exchanges by start time, whatever order the file lists them in", () => {
    const text = har(run("third", "2026-09-02T08:00:03.000Z"), run("first", "2026-09-02T08:00:01.000Z"), run("second", "2026-09-02T08:00:02.000Z"));
    expect(runIds(text)).toEqual(["first", "second", "third"]);
    const r = importText(text, { now: 0 });
    expect(r.header.createdAt).toBe("2026-09-02T08:00:01.000Z");
    // Exchange numbers and seqs follow the same order.
    const requests = r.records.filter((x) => x.kind === "request");
    expect(requests.map((x) => x.x)).toEqual([1, 2, 3]);
    expect(r.records.map((x) => x.seq)).toEqual(r.records.map((_, i) => i + 1));
  });

  it("keeps the file's order for entries that started at the same time", () => {
    const at = "2026-09-02T08:00:01.000Z";
    expect(runIds(har(run("b", at), run("a", at), run("c", at)))).toEqual(["b", "a", "c"]);
  });

  it("stamps records with the entry's start time", () => {
    const sse = 'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n';
    const r = importText(har(run("late", "2026-09-02T08:00:09.000Z", sse), run("early", "2026-09-02T08:00:01.000Z", sse)), { now: 0 });
    const requests = r.records.filter((x) => x.kind === "request");
    expect(requests.map((x) => x.t)).toEqual([Date.parse("2026-09-02T08:00:01.000Z"), Date.parse("2026-09-02T08:00:09.000Z")]);
  });
});
