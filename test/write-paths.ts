import type { SourceFile } from "./layer-rules";

/** Calls that write a file, and the path text they were given (a literal or template start). */
const WRITES = [
  /\bscreenshot\(\s*\{[^}]*?\bpath:\s*([`'"][^`'"]*)/g,
  /\b(?:writeFileSync|writeFile|copyFileSync|createWriteStream|saveAs|outputFile(?:\.json)?)\s*[(=:]\s*\(?\s*([`'"][^`'"]*)/g,
];

/** Tests write reports and screenshots under reports/ (or a temp dir), never into docs/. */
export function writesIntoDocs(files: SourceFile[]): { path: string; target: string }[] {
  const out: { path: string; target: string }[] = [];
  for (const file of files) {
    for (const re of WRITES) {
      for (const m of file.text.matchAll(re)) {
        const target = m[1].slice(1);
        if (/^(\.\.?\/)*docs\//.test(target) || /\/docs\//.test(target)) out.push({ path: file.path, target });
        else if (re === WRITES[0] && !/^reports\//.test(target)) out.push({ path: file.path, target });
      }
    }
  }
  return out;
}
