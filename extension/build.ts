// `npx tsx extension/build.ts`: the DevTools extension for Chrome (dist/extension) and Firefox
// (dist/extension-firefox), each also zipped. Same code; only the manifests differ.
import { build, type InlineConfig } from "vite";
import preact from "@preact/preset-vite";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromeManifest, firefoxManifest } from "./manifest";
import { zip } from "./zip";
import { drawIcon, encodePng, iconPath, ICON_SIZES } from "./icons";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

export interface ExtensionBuild {
  chromeDir: string;
  firefoxDir: string;
  chromeZip: string;
  firefoxZip: string;
}

export async function buildExtension(options: { outDir?: string; quiet?: boolean } = {}): Promise<ExtensionBuild> {
  const out = resolve(options.outDir ?? join(root, "dist"));
  const chromeDir = join(out, "extension");
  const firefoxDir = join(out, "extension-firefox");
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  const shared: InlineConfig = { configFile: false, logLevel: options.quiet ? "error" : "info", plugins: [preact()], root: here, base: "./" };

  // The pages: HTML entries, module scripts, hashed assets; no inline script (MV3's CSP forbids it).
  await build({
    ...shared,
    build: {
      outDir: chromeDir,
      emptyOutDir: true,
      sourcemap: true,
      target: "es2022",
      modulePreload: { polyfill: false },
      rolldownOptions: { input: { panel: join(here, "panel.html"), devtools: join(here, "devtools.html") }, output: { chunkFileNames: "assets/shared-[hash].js" } },
    },
  });
  // The background: one classic script, so it runs as a Chrome service worker and a Firefox event page.
  await build({
    ...shared,
    plugins: [],
    build: {
      outDir: chromeDir,
      emptyOutDir: false,
      sourcemap: true,
      target: "es2022",
      lib: { entry: join(here, "background.ts"), formats: ["iife"], name: "aguiBackground", fileName: () => "background.js" },
    },
  });

  // The capture content scripts: classic scripts (content scripts cannot be modules), one each.
  for (const [entry, name] of [["capture/page-hook.ts", "capture-page.js"], ["capture/relay.ts", "capture-relay.js"]] as const) {
    await build({
      ...shared,
      plugins: [],
      build: {
        outDir: chromeDir,
        emptyOutDir: false,
        sourcemap: false,
        target: "es2022",
        lib: { entry: join(here, entry), formats: ["iife"], name: name.replace(/\W/g, "_"), fileName: () => name },
      },
    });
  }
  mkdirSync(join(chromeDir, "icons"), { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(chromeDir, iconPath(size)), encodePng(size, drawIcon(size)));

  writeFileSync(join(chromeDir, "manifest.json"), JSON.stringify(chromeManifest(version), null, 2) + "\n");
  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(chromeDir, firefoxDir, { recursive: true });
  writeFileSync(join(firefoxDir, "manifest.json"), JSON.stringify(firefoxManifest(version), null, 2) + "\n");

  const chromeZip = join(out, `agui-inspector-extension-${version}.zip`);
  const firefoxZip = join(out, `agui-inspector-extension-firefox-${version}.zip`);
  writeFileSync(chromeZip, zip(filesOf(chromeDir)));
  writeFileSync(firefoxZip, zip(filesOf(firefoxDir)));
  return { chromeDir, firefoxDir, chromeZip, firefoxZip };
}

/** Every file under dir, sorted, with paths relative to it (the extension root is the zip root). */
function filesOf(dir: string): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ name: relative(dir, full).split("\\").join("/"), data: readFileSync(full) });
    }
  };
  walk(dir);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await buildExtension();
  for (const [what, path] of Object.entries(result)) console.log(`${what.padEnd(10)} ${relative(process.cwd(), path)}`);
}
