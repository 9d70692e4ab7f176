import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { readStatic } from "./static";

// readStatic on a real folder: what a URL path may reach, and what it may not, however it is spelled.
let dir: string;
let root: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "agui-static-"));
  root = join(dir, "web");
  mkdirSync(root);
  writeFileSync(join(root, "index.html"), "<title>root</title>");
  writeFileSync(join(root, "app.js"), "export {}");
  writeFileSync(join(root, "data.bin"), "x");
  mkdirSync(join(root, "sub"));
  writeFileSync(join(root, "sub", "index.html"), "<title>sub</title>");
  mkdirSync(join(root, "empty"));
  // A sibling whose name starts with the root's: a prefix test without the separator lets it in.
  mkdirSync(join(dir, "web-secrets"));
  writeFileSync(join(dir, "web-secrets", "key.txt"), "secret");
  writeFileSync(join(dir, "web-secrets", "index.html"), "<title>secret</title>");
  symlinkSync(join(dir, "web-secrets", "key.txt"), join(root, "key.txt"));
  symlinkSync(join(dir, "web-secrets"), join(root, "linked-dir"));
  symlinkSync(join(root, "app.js"), join(root, "alias.js"));
  symlinkSync(join(root, "sub"), join(root, "sub-alias"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = async (r: Promise<{ body: Buffer; type: string } | null>) => (await r)?.body.toString() ?? null;

describe("readStatic", () => {
  it("serves files with their type, a folder's index.html, and the root's for an empty path", async () => {
    expect(await readStatic(root, "/app.js")).toEqual({ body: Buffer.from("export {}"), type: "text/javascript; charset=utf-8" });
    expect((await readStatic(root, "/data.bin"))?.type).toBe("application/octet-stream");
    expect(await text(readStatic(root, "/sub/"))).toBe("<title>sub</title>");
    expect(await text(readStatic(root, "/sub"))).toBe("<title>sub</title>");
    expect(await text(readStatic(root, "/"))).toBe("<title>root</title>");
    expect(await text(readStatic(root, "/%2F"))).toBe("<title>root</title>");
    // A leading backslash is a separator too, as on Windows.
    expect(await text(readStatic(root, "/%5Capp.js"))).toBe("export {}");
  });

  it("works the same when the root is given with a trailing separator", async () => {
    expect(await text(readStatic(root + sep, "/app.js"))).toBe("export {}");
    expect(await text(readStatic(root + sep, "/key.txt"))).toBeNull();
  });

  it("follows a symlink that stays inside the root", async () => {
    expect(await text(readStatic(root, "/alias.js"))).toBe("export {}");
    expect(await text(readStatic(root, "/sub-alias/"))).toBe("<title>sub</title>");
  });

  it("refuses a symlink into a sibling folder whose name merely starts like the root's", async () => {
    expect(await readStatic(root, "/key.txt")).toBeNull();
    expect(await readStatic(root, "/linked-dir/")).toBeNull();
    expect(await readStatic(root, "/linked-dir/key.txt")).toBeNull();
  });

  it("refuses .. however it is spelled, NUL bytes, malformed escapes and folders without an index", async () => {
    for (const path of ["/../web-secrets/key.txt", "/..%2Fweb-secrets%2Fkey.txt", "/%2E%2E/web-secrets/key.txt", "/app.js%00.html", "/%E0%A4%A", "/empty/", "/missing.js"]) {
      expect(await readStatic(root, path), path).toBeNull();
    }
  });
});
