import { readFile, realpath, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/**
 * Resolve a URL path inside root, refusing anything that escapes it: `..` in the path, and
 * symlinks whose real path lies outside the root's real path. `urlPath` is a URL's pathname (no query).
 */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Stryker disable next-line ConditionalExpression: the fs calls below also refuse a NUL (caught: null); this says it up front
  if (decoded.includes("\0")) return null;
  // Stryker disable next-line Regex: a pathname starts with "/", so the first run of slashes is the leading one
  const rel = normalize(decoded).replace(/^([/\\])+/, "");
  const file = join(root, rel || "index.html");
  // normalize() keeps an absolute path under "/", so this cannot fail for a pathname; kept as a
  // second guard in front of the file system.
  // Stryker disable next-line ConditionalExpression: cannot fail for a pathname (see above); a guard in front of the file system
  if (!inside(root, file)) return null;
  try {
    const realRoot = await realpath(root);
    let target = await realpath(file);
    if ((await stat(target)).isDirectory()) target = await realpath(join(target, "index.html"));
    if (!inside(realRoot, target)) return null;
    return { body: await readFile(target), type: TYPES[extname(target)] ?? "application/octet-stream" };
  } catch {
    return null;
  }
}

/** `file` lies under `root` (never the root itself: both callers ask about a file in it). */
function inside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : root + sep);
}
