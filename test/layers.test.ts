import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { checkLayers, type SourceFile } from "./layer-rules";

const root = join(import.meta.dirname, "..");

function walk(dir: string, out: SourceFile[] = []): SourceFile[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push({ path: relative(root, full), text: readFileSync(full, "utf8") });
  }
  return out;
}

describe("layer rules (docs/architecture.md: core ← storage, core ← models ← ui ← app ← extension)", () => {
  it("the source tree imports only along the allowed arrows", () => {
    const files = [...walk(join(root, "src")), ...walk(join(root, "extension"))];
    expect(files.length).toBeGreaterThan(20);
    expect(checkLayers(files)).toEqual([]);
  });

  it("the checker catches each kind of forbidden edge", () => {
    const bad: SourceFile[] = [
      { path: "src/core/replay/x.ts", text: `import { h } from "preact";` },
      { path: "src/core/session/y.ts", text: `import { readFile } from "node:fs";` },
      { path: "src/ui/Z.tsx", text: `import { openDb } from "../storage/db";` },
      { path: "src/ui/W.tsx", text: `const r = await fetch("/x");` },
      { path: "src/models/m.ts", text: `export * from "../ui/App";` },
      { path: "src/app/a.ts", text: `chrome.runtime.sendMessage({});` },
      { path: "src/core/transport/t.ts", text: `const db = indexedDB.open("x");` },
      { path: "src/storage/s.ts", text: `import { App } from "../ui/App";` },
      { path: "src/ui/V.tsx", text: `import { createRecorder } from "../core/recorder/recorder";` },
      { path: "src/worker/p.ts", text: `import { App } from "../ui/App";` },
      { path: "src/worker/q.ts", text: `import { signal } from "@preact/signals";` },
      { path: "src/ui/U.tsx", text: `import { openPagedSession } from "../worker/paged-session";` },
      { path: "src/worker/r.ts", text: `const db = indexedDB.open("x");` },
    ];
    const found = checkLayers(bad);
    expect(found.map((f) => f.path)).toEqual(bad.map((b) => b.path));
  });

  it("product code never imports from test/, e2e/, bench/, scripts/ or a config file, nor a test runner", () => {
    const bad: SourceFile[] = [
      { path: "src/core/replay/a.ts", text: `import { fixtureNames } from "../../../test/replay-helpers";` },
      { path: "src/storage/b.ts", text: `import { startRuntime } from "../../e2e/fixtures/runtime";` },
      { path: "extension/c.ts", text: `import { HARNESS_PORT } from "../playwright.config";` },
      { path: "src/app/d.tsx", text: `export { default } from "../../vite.config.ts";` },
      { path: "src/cli/e.ts", text: `const m = await import("../../scripts/start");` },
      { path: "src/server/f.ts", text: `import { run } from "../../bench/run";` },
      { path: "extension/observe/g.ts", text: `import type { Fixture } from "../../test/extension-fixtures";` },
      { path: "src/ui/h.tsx", text: `import { expect } from "vitest";` },
      { path: "src/models/i.ts", text: `import "fake-indexeddb/auto";` },
      { path: "src/core/j.ts", text: `import { test } from "@playwright/test";` },
    ];
    const found = checkLayers(bad);
    expect(found.map((f) => f.path)).toEqual(bad.map((b) => b.path));
    expect(found.every((f) => /product code imports/.test(f.problem))).toBe(true);
  });

  it("tests beside the code may use test helpers, fixtures and runners", () => {
    const ok: SourceFile[] = [
      { path: "src/core/session/fork.test.ts", text: `import { otherToolFixture } from "../../../test/other-tool-fixtures";\nimport { it } from "vitest";` },
      { path: "src/storage/test-util.ts", text: `import "fake-indexeddb/auto";` },
      { path: "src/core/replay/configure.ts", text: `import { x } from "./config";` },
    ];
    expect(checkLayers(ok)).toEqual([]);
  });

  it("type-only imports from core are allowed in ui", () => {
    expect(checkLayers([{ path: "src/ui/T.tsx", text: `import type { SessionRecord } from "../core/session/record";` }])).toEqual([]);
  });
});
