// Regenerates test/fixtures/runtime/: session files recorded by the CLI against the real
// CopilotKit runtime fixture (e2e/fixtures/runtime.ts), for the replay oracle's file cases.
// Run: npx tsx scripts/capture-runtime-fixtures.ts
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startRuntime } from "../e2e/fixtures/runtime";
import { main } from "../src/cli/main";

const out = join(import.meta.dirname, "..", "test", "fixtures", "runtime");
mkdirSync(out, { recursive: true });
const rt = await startRuntime();
const io = { stdout: () => {}, stderr: (t: string) => process.stderr.write(t), readFile: async (p: string) => readFileSync(p, "utf8") };
try {
  for (const [transport, url] of [["rest", rt.restUrl], ["single", rt.singleUrl]] as const) {
    for (const agent of ["scripted", "reasoning", "interrupt"]) {
      const file = join(out, `${agent}-${transport}.agui.jsonl`);
      const code = await main(["record", url, "--agent", agent, "--transport", transport, "--message", `hello ${agent}`, "--out", file], io);
      if (code !== 0) throw new Error(`record ${agent} over ${transport} exited ${code}`);
      console.log(file);
    }
  }
} finally {
  await rt.close();
}
