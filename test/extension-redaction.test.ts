import { describe, expect, it } from "vitest";
import { classifyEntry } from "../extension/observe/classify";
import { observedSession } from "../extension/observe/records";
import { entryFor } from "./extension-fixtures";

// An observed request is redacted like a live one: by name, and every secret value the page
// sent is scrubbed from what the runtime echoed back.

describe("observed sessions and echoed secrets", () => {
  it("a 401 echoing the page's headers and an event echoing its input keep none of the secrets", () => {
    const input = { threadId: "t", runId: "r", messages: [], forwardedProps: { myPassword: "pw-obs-1234", nested: { token: "nt-obs-1234" } } };
    const sse = `data: ${JSON.stringify({ type: "RUN_STARTED", threadId: "t", runId: "r", input })}\n\ndata: ${JSON.stringify({ type: "CUSTOM", name: "echo", value: "pw-obs-1234 and X-My-Token mytok-obs-1234" })}\n\n`;
    const c = entryFor({ method: "POST", url: "http://h:1/rest/agent/a/run?token=q-obs-1234", headers: { "X-My-Token": "mytok-obs-1234" }, body: JSON.stringify(input) }, { status: 200, headers: { "content-type": "text/event-stream" }, body: sse });
    const what = classifyEntry(c.entry)!;
    const { records, header } = observedSession("o", c.entry, what, c.content);
    const text = JSON.stringify({ records, header });
    expect(text).toContain("CUSTOM");
    expect(text).not.toMatch(/pw-obs|nt-obs|mytok-obs|q-obs/);
    const denied = entryFor({ method: "POST", url: "http://h:1/rest/agent/a/run", headers: { Authorization: "Bearer sk-obs-1234" }, body: JSON.stringify(input) }, { status: 401, headers: { "content-type": "text/plain" }, body: "rejected Authorization: Bearer sk-obs-1234" });
    const out = observedSession("d", denied.entry, classifyEntry(denied.entry)!, denied.content);
    expect(out.records[1]).toMatchObject({ status: 401, text: "rejected Authorization: [redacted]" });
  });
});
