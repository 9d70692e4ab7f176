import { posix } from "node:path";

export interface SourceFile {
  path: string;
  text: string;
}

export interface LayerViolation {
  path: string;
  problem: string;
}

type Layer = "core" | "storage" | "models" | "ui" | "app" | "cli" | "server" | "extension" | "worker";

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<Layer, Layer[]> = {
  core: [],
  storage: ["core"],
  models: ["core"],
  ui: ["models"], // and `import type` from core
  app: ["ui", "models", "core", "storage", "worker"],
  extension: ["app", "ui", "models", "core", "storage", "worker"],
  cli: ["core", "storage", "server"],
  server: ["core"],
  // The page's worker: decoding, folding, indexing and IndexedDB reads, behind one message port.
  worker: ["core", "storage", "models"],
};

const FORBIDDEN_PACKAGES: Partial<Record<Layer, RegExp>> = {
  core: /^(preact|@preact\/|idb$|fake-indexeddb|node:)/,
  storage: /^(preact|@preact\/)/,
  models: /^(preact$|preact\/|idb$)/,
  ui: /^(idb$)/,
  worker: /^(preact|@preact\/)/,
};

function layerOf(path: string): Layer | null {
  const p = path.replace(/\\/g, "/");
  if (p.startsWith("extension/")) return "extension";
  const m = /^src\/(core|storage|models|ui|app|cli|server|worker)\//.exec(p);
  return m ? (m[1] as Layer) : null;
}

/** Where tests, harnesses and tooling live: product code never imports from there. */
const NOT_PRODUCT = /^(test|e2e|bench|scripts)\/|(^|\/)[^/]+\.config(\.[cm]?[jt]sx?)?$/;
/** Test runners and fakes: only tests import them. */
const TEST_PACKAGES = /^(vitest|@vitest\/|@playwright\/test$|playwright$|fake-indexeddb)/;

/** Test files and test helpers that sit beside the code they test. */
export function isTestFile(path: string): boolean {
  return /\.test\.tsx?$/.test(path) || /(^|\/)test-util\.tsx?$/.test(path);
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

export function checkLayers(files: SourceFile[]): LayerViolation[] {
  const out: LayerViolation[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (!layer) continue;
    const isTest = isTestFile(file.path);
    for (const match of file.text.matchAll(IMPORT)) {
      const typeOnly = !!match[2];
      const spec = match[3] ?? match[4] ?? match[5];
      if (spec.startsWith(".")) {
        const resolved = posix.normalize(posix.join(posix.dirname(file.path), spec));
        if (!isTest && NOT_PRODUCT.test(resolved)) {
          out.push({ path: file.path, problem: `product code imports ${resolved} (${spec}): tests, harnesses and config are not part of the product` });
          continue;
        }
        const target = layerOf(resolved + "/");
        if (!target || target === layer) continue;
        if (typeOnly && target === "core") continue;
        if (!ALLOWED[layer].includes(target)) out.push({ path: file.path, problem: `${layer} imports ${target} (${spec})` });
      } else if (!isTest && TEST_PACKAGES.test(spec)) {
        out.push({ path: file.path, problem: `product code imports test package ${spec}` });
      } else if (!isTest && FORBIDDEN_PACKAGES[layer]?.test(spec)) {
        out.push({ path: file.path, problem: `${layer} imports package ${spec}` });
      }
    }
    const code = file.text.replace(/\/\/.*$/gm, "");
    if (layer !== "extension" && /\bchrome\.\w/.test(code)) out.push({ path: file.path, problem: "chrome.* outside extension/" });
    if (layer !== "storage" && /\bindexedDB\b/.test(code)) out.push({ path: file.path, problem: "indexedDB outside src/storage" });
    if (layer === "ui" && /(^|[^.\w])fetch\(/.test(code)) out.push({ path: file.path, problem: "ui calls fetch" });
  }
  return out;
}
