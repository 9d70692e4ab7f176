import { describe, expect, it } from "vitest";
import { importedHeader } from "./header";

describe("importedHeader", () => {
  it("names the session and its source by the file's base name, on either slash", () => {
    expect(importedHeader("har", "C:\\caps\\run.har")).toMatchObject({ name: "run.har", source: { kind: "har", file: "run.har" } });
    expect(importedHeader("sse", "/tmp/x/cap.sse")).toMatchObject({ name: "cap.sse", source: { kind: "sse", file: "cap.sse" } });
    expect(importedHeader("sse", "dir/")).toMatchObject({ name: "dir/", source: { kind: "sse", file: "dir/" } });
    const bare = importedHeader("ndjson", undefined);
    expect(bare.source).toEqual({ kind: "ndjson" });
    expect(bare).not.toHaveProperty("name");
  });

  it("names the agent only when every stream named the same one", () => {
    expect(importedHeader("har", undefined, ["a", "a"]).agentId).toBe("a");
    expect(importedHeader("har", undefined, ["a", "b"])).not.toHaveProperty("agentId");
    expect(importedHeader("har", undefined, ["a", undefined])).not.toHaveProperty("agentId");
    expect(importedHeader("har", undefined, [undefined])).not.toHaveProperty("agentId");
    expect(importedHeader("har", undefined, [])).not.toHaveProperty("agentId");
  });

  it("takes the reader's fields, but the source is always the import's", () => {
    const h = importedHeader("har", "x.har", [], { createdAt: "2026-01-01T00:00:00.000Z", transport: "rest", source: { kind: "other" } });
    expect(h).toMatchObject({ createdAt: "2026-01-01T00:00:00.000Z", transport: "rest", source: { kind: "har", file: "x.har" }, format: "agui-inspector-session", version: 1 });
  });
});
