import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync, crc32 } from "node:zlib";
import webExt from "web-ext";
import { buildExtension, type ExtensionBuild } from "../extension/build";
import { zip } from "../extension/zip";

// The real build (Vite, both manifests, both zips) into a scratch directory, then Mozilla's
// linter over the Firefox directory and over the Firefox zip (which also proves the zip reads).

let out: string;
let built: ExtensionBuild;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "agui-ext-build-"));
  built = await buildExtension({ outDir: out, quiet: true });
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const filesUnder = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).map((f) => f.split("\\").join("/")).sort();

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));

const lint = (sourceDir: string) => webExt.cmd.lint({ sourceDir, output: "none" }, { shouldExitProgram: false });

/** The central directory of a zip, each entry inflated and its CRC checked. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString("utf8");
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(crc32(data) >>> 0).toBe(crc);
    files.set(name, data);
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return files;
}

describe("the extension build", () => {
  it("Chrome: an MV3 devtools extension with storage and scripting, host access optional, no remote code", () => {
    const m = manifestOf(built.chromeDir);
    expect(m).toMatchObject({ manifest_version: 3, devtools_page: "devtools.html", background: { service_worker: "background.js" }, permissions: ["storage", "scripting"], optional_host_permissions: ["http://*/*", "https://*/*"] });
    expect(m.host_permissions).toBeUndefined();
    expect(m.content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'self'");
    for (const page of ["devtools.html", "panel.html"]) {
      const html = readFileSync(join(built.chromeDir, page), "utf8");
      const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((s) => s[1]);
      expect(scripts.length).toBe(1);
      for (const src of scripts) {
        expect(src).toMatch(/^\.\/assets\//);
        expect(existsSync(join(built.chromeDir, src))).toBe(true);
      }
      // MV3 refuses inline scripts
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    expect(existsSync(join(built.chromeDir, "background.js"))).toBe(true);
  });

  it("captures in-page on localhost and 127.0.0.1 only: the hook in the MAIN world, the relay isolated, both at document_start", () => {
    const m = manifestOf(built.chromeDir);
    const local = ["http://localhost/*", "https://localhost/*", "http://127.0.0.1/*", "https://127.0.0.1/*"];
    expect(m.content_scripts).toEqual([
      { matches: local, js: ["capture-page.js"], run_at: "document_start", world: "MAIN", all_frames: true },
      { matches: local, js: ["capture-relay.js"], run_at: "document_start", all_frames: true },
    ]);
    // Classic scripts (content scripts cannot be modules), self-contained, no chrome.* in the page's world.
    const hook = readFileSync(join(built.chromeDir, "capture-page.js"), "utf8");
    expect(hook).not.toMatch(/^\s*(import|export)\b/m);
    expect(hook).not.toMatch(/\bchrome\.|\bbrowser\./);
    expect(readFileSync(join(built.chromeDir, "capture-relay.js"), "utf8")).not.toMatch(/^\s*(import|export)\b/m);
    expect(manifestOf(built.firefoxDir).content_scripts).toEqual(m.content_scripts);
  });

  it("store icons at 16, 32, 48 and 128 px: real PNGs of those sizes, named in the manifest", () => {
    const m = manifestOf(built.chromeDir);
    for (const size of [16, 32, 48, 128]) {
      expect(m.icons[String(size)]).toBe(`icons/icon-${size}.png`);
      const png = readFileSync(join(built.chromeDir, m.icons[String(size)]));
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("Firefox: the same files, its manifest differences, and web-ext lint finds no error", async () => {
    const m = manifestOf(built.firefoxDir);
    expect(m.background).toEqual({ scripts: ["background.js"] });
    expect(m.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(m.minimum_chrome_version).toBeUndefined();
    expect(readFileSync(join(built.firefoxDir, "panel.html"), "utf8")).toBe(readFileSync(join(built.chromeDir, "panel.html"), "utf8"));
    const result = await lint(built.firefoxDir);
    expect(result.errors).toEqual([]);
    expect(result.summary.errors).toBe(0);
  }, 120_000);

  it("both zips hold exactly their directory, byte for byte; the Firefox zip lints clean too", async () => {
    for (const [dir, file] of [
      [built.chromeDir, built.chromeZip],
      [built.firefoxDir, built.firefoxZip],
    ]) {
      const files = unzip(readFileSync(file));
      expect(files.get("manifest.json")?.toString("utf8")).toBe(readFileSync(join(dir, "manifest.json"), "utf8"));
      expect([...files.keys()].sort()).toEqual(filesUnder(dir));
      for (const [name, data] of files) expect(data.equals(readFileSync(join(dir, name)))).toBe(true);
      expect([...files.keys()]).toEqual(expect.arrayContaining(["manifest.json", "devtools.html", "panel.html", "background.js"]));
    }
    expect((await lint(built.firefoxZip)).summary.errors).toBe(0);
  }, 120_000);
});

describe("the zip writer", () => {
  it("stores what does not compress, deflates what does, and is the same bytes every time", () => {
    const text = Buffer.from("data: {}\n\n".repeat(500));
    const random = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 7919) % 251));
    const archive = zip([
      { name: "a/text.txt", data: text },
      { name: "b/bytes.bin", data: random },
      { name: "ünï.txt", data: Buffer.alloc(0) },
    ]);
    const files = unzip(archive);
    expect([...files.keys()]).toEqual(["a/text.txt", "b/bytes.bin", "ünï.txt"]);
    expect(files.get("a/text.txt")!.equals(text)).toBe(true);
    expect(files.get("b/bytes.bin")!.equals(random)).toBe(true);
    expect(files.get("ünï.txt")!.length).toBe(0);
    expect(archive.length).toBeLessThan(text.length);
    expect(zip([{ name: "x", data: text }]).equals(zip([{ name: "x", data: text }]))).toBe(true);
  });
});
