import { createRecorder, type Recorder } from "../src/core/recorder/recorder";
import type { SessionRecord } from "../src/core/session/record";
import { readFileSync } from "node:fs";
import { main } from "../src/cli/main";
import type { CliIO } from "../src/cli/io";

/** A recorder whose records are all visible at once (listener side), plus flushes to a list. */
export function recordingHarness(): { recorder: Recorder; records: SessionRecord[] } {
  const records: SessionRecord[] = [];
  const recorder = createRecorder({ sink: { write: async () => {} } });
  recorder.on("record", (r) => records.push(r));
  return { recorder, records };
}

/** Split a captured SSE body the simple way (the runtime writes `data: <json>\n\n` only). */
export function wireEvents(body: string): unknown[] {
  return body
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => JSON.parse(f.slice("data: ".length)));
}

export const eventsOf = (records: SessionRecord[]) => records.flatMap((r) => (r.kind === "event" ? [r.event] : []));

/** Run the CLI in-process and collect what it printed. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readFile: async (p) => readFileSync(p, "utf8") };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
