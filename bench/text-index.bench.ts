// The text index's cost where it is paid, on writing: the sink's chunk building (JSON text and
// keys) with each chunk's trigram filter, against the same building without it, in one run, on
// the big bench's records (20% STATE_DELTA on a ~200 KB state, text and tool streams). And the
// index's size against the records' JSON. (Search times with and without it: big.bench.ts.)
import { buildIndexedChunks } from "../src/storage/chunks";
import type { SessionRecord } from "../src/core/session/record";
import { generateSession } from "./replay.bench";
import type { BenchLine, BenchReport } from "./run";

const EVENTS = 100_000;
const ROUNDS = 5;

export async function run(): Promise<BenchReport> {
  const records = generateSession(EVENTS, EVENTS / 2000, EVENTS / 5).map(
    (event, i) => ({ seq: i + 1, t: 1_700_000_000_000 + i, x: 1, dir: "in", kind: "event", event, threadId: "t1", runId: `r${Math.floor(i / 2000)}` }) as SessionRecord,
  );
  // As the sink builds them: a batch of 1,000 records at a time, 100 to a chunk.
  const build = (grams: boolean) => {
    const started = performance.now();
    let bytes = 0;
    let index = 0;
    for (let i = 0; i < records.length; i += 1000) {
      const out = buildIndexedChunks("s", records.slice(i, i + 1000), 100, grams);
      for (const c of out.chunks) bytes += c.bytes;
      for (const g of out.grams) index += g.bits.length;
    }
    return { ms: performance.now() - started, bytes, index };
  };
  const plain: number[] = [];
  const indexed: number[] = [];
  let sizes = { bytes: 0, index: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    plain.push(build(false).ms);
    const b = build(true);
    indexed.push(b.ms);
    sizes = b;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mb = sizes.bytes / 1e6;
  const lines: BenchLine[] = [
    { name: `chunks with their text index, ${EVENTS / 1000}k events (${mb.toFixed(0)} MB)`, value: mb / (median(indexed) / 1000), unit: "MB/s", baseline: mb / (median(plain) / 1000), note: "baseline = the same chunks without the index (JSON text and keys only)" },
    { name: "text index size", value: sizes.index / 2 ** 10, unit: "KiB", baseline: sizes.bytes / 2 ** 10, note: `baseline = the records' JSON; ${(sizes.index / (EVENTS / 100)).toFixed(0)} bytes a chunk of 100` },
  ];
  return { title: "text index (Node, the sink's chunk building)", lines };
}
