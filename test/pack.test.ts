import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { parseSessionFile } from "../src/core/session/file";

// The published tarball: its bin works after installing it in an empty folder.
// Needs `npm run build` first (the test command builds before it runs vitest).
const root = join(import.meta.dirname, "..");
let rt: RuntimeFixture;
let dir: string;

beforeAll(async () => {
  rt = await startRuntime();
  dir = mkdtempSync(join(tmpdir(), "agui-pack-"));
}, 120_000);
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("installs in an empty folder and its bin records a run", { timeout: 180_000 }, async () => {
    expect(existsSync(join(root, "dist/cli/agui-inspector.js")), "run npm run build first").toBe(true);
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: root, encoding: "utf8" });
    const [{ filename, files }] = JSON.parse(out.slice(out.indexOf("["))) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((f) => f.path);
    expect(paths).toContain("dist/cli/agui-inspector.js");
    expect(paths).toContain("dist/web/index.html");
    expect(paths.some((p) => p.startsWith("src/"))).toBe(false);

    const app = join(dir, "app");
    execFileSync("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "empty", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", join(dir, filename)], { cwd: app, encoding: "utf8" });
    const bin = join(app, "node_modules/.bin/agui-inspector");
    expect(execFileSync(bin, ["--help"], { encoding: "utf8" })).toMatch(/agui-inspector record <url> --agent <id>/);
    const file = join(app, "run.agui.jsonl");
    // async: the runtime answering it lives in this process
    const { stdout: summary } = await promisify(execFile)(bin, ["record", rt.restUrl, "--agent", "scripted", "--message", "hi", "--out", file], { encoding: "utf8" });
    expect(summary).toMatch(/^ok: 15 events/);
    const parsed = parseSessionFile(readFileSync(file, "utf8"));
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.filter((r) => r.kind === "event").map((r) => (r.kind === "event" ? r.event.type : "")).at(-1)).toBe("RUN_FINISHED");
  });
});
