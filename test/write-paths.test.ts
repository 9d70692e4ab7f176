import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { SourceFile } from "./layer-rules";
import { writesIntoDocs } from "./write-paths";

const root = join(import.meta.dirname, "..");

function walk(dir: string, out: SourceFile[] = []): SourceFile[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push({ path: relative(root, full), text: readFileSync(full, "utf8") });
  }
  return out;
}

describe("tests write under reports/, never into docs/", () => {
  it("no test, e2e spec, bench or config writes into docs/, and screenshots go to reports/", () => {
    // This file's own samples of bad writes are the only ones allowed.
    const files = [...walk(join(root, "test")), ...walk(join(root, "e2e")), ...walk(join(root, "bench"))].filter((f) => f.path !== "test/write-paths.test.ts");
    for (const config of ["playwright.config.ts", "vite.config.ts", "vite.cli.config.ts"]) {
      if (existsSync(join(root, config))) files.push({ path: config, text: readFileSync(join(root, config), "utf8") });
    }
    expect(files.length).toBeGreaterThan(20);
    // The e2e specs do take screenshots: the scan would see a wrong path.
    expect(files.some((f) => /screenshot\(\{ path: `reports\//.test(f.text))).toBe(true);
    expect(writesIntoDocs(files)).toEqual([]);
  });

  it("the scan catches each way of writing into docs/", () => {
    const bad: SourceFile[] = [
      { path: "e2e/a.spec.ts", text: "await page.screenshot({ path: `docs/screenshots/${name}.png` });" },
      { path: "e2e/b.spec.ts", text: `await page.screenshot({ fullPage: true, path: "shots/x.png" });` },
      { path: "test/c.test.ts", text: `writeFileSync("docs/figures.md", text);` },
      { path: "bench/d.ts", text: "await writeFile(`../docs/bench-${n}.json`, out);" },
      { path: "e2e/e.spec.ts", text: `await download.saveAs("docs/export.agui.jsonl");` },
      { path: "playwright.config.ts", text: `reporter: [["json", { outputFile: "docs/report.json" }]],` },
    ];
    expect(writesIntoDocs(bad).map((v) => v.path)).toEqual(bad.map((b) => b.path));
    expect(writesIntoDocs([{ path: "e2e/ok.spec.ts", text: "page.screenshot({ path: `reports/screenshots/x.png` }); writeFileSync(join(dir, \"x\"), t); readFileSync(\"docs/replay-rules.md\");" }])).toEqual([]);
  });
});
