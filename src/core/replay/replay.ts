import type { Message } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import { checkWireEvent } from "./checks";
import { FULL, ReplayCore, type CoreEnv, type CoreMode, type CoreSnapshot } from "./core";
import { cloneJson, isRecord } from "./json";
import { toolCallArgs } from "./messages";
import { RULES, noReport, type Finding, type FindingDetail, type Report, type RuleId } from "./rules";
import { RunTracker, type Interrupt, type RunInfo } from "./runs";
import { StreamVerifier } from "./verify";

// One fold for live runs, stored sessions and imported files. Records are folded once, in seq
// order, as they are appended (the "head"); that pass records findings and runs and leaves
// checkpoints behind. A seek restores the nearest checkpoint at or before the target and
// re-folds forward, so it costs at most one checkpoint interval whatever the session length.

export interface ReplayOptions {
  /** Check events that carry no recorded `issues` against both schemas (slower; for imported files). */
  checkSchema?: boolean;
  /** Checkpoint after this many records (default 1000). */
  checkpointEvery?: number;
  /** ...or after this many applied patch operations, whichever comes first (default 512). */
  checkpointPatchOps?: number;
  /**
   * "window" keeps only the records since the last checkpoint (and that checkpoint), handing
   * each checkpoint to `onCheckpoint` first: a fold of any length in bounded memory. Seeks before
   * the last checkpoint then throw; whoever kept the checkpoints (a store) seeks from them.
   */
  retain?: "all" | "window";
  onCheckpoint?: (seq: number, snapshot: CoreSnapshot) => void;
}

export interface ReplayView {
  seq: number;
  state: unknown;
  messages: Message[];
}

export interface ReplayStats {
  records: number;
  checkpoints: number;
  /** Seqs the checkpoints were taken after (0 is the empty start). */
  checkpointSeqs: number[];
  findings: number;
  failedDeltas: number;
}

export interface Replay {
  /** Fold more records; they must come in seq order (older or repeated seqs are ignored). */
  append(records: SessionRecord | readonly SessionRecord[]): void;
  /** Seq of the last record folded (0 before any). */
  readonly lastSeq: number;
  /**
   * State and messages right after record `seq` (clamped to 0..lastSeq). The state is a fresh
   * copy the caller owns; the array is fresh too, but its messages are shared, immutable
   * objects: keep them, compare them by identity, never mutate them.
   */
  at(seq: number): ReplayView;
  stateAt(seq: number): unknown;
  messagesAt(seq: number): Message[];
  /** Findings about records up to and including `seq` (all when omitted), in seq order. */
  findingsUpTo(seq?: number): Finding[];
  runs(): RunInfo[];
  /** The run whose span holds `seq`, if any. */
  runAt(seq: number): RunInfo | undefined;
  /** What the client's pendingInterrupts would hold right after `seq`. */
  pendingInterruptsAt(seq: number): Interrupt[];
  stats(): ReplayStats;
}

const STATE_ONLY: CoreMode = { state: true, messages: false };
const MESSAGES_ONLY: CoreMode = { state: false, messages: true };
/** A snapshot is a free checkpoint, but not one per record when an agent snapshots every event. */
const MIN_SNAPSHOT_GAP = 64;

interface Checkpoint {
  seq: number;
  snap: CoreSnapshot;
}

export function createReplay(options: ReplayOptions = {}): Replay {
  const every = options.checkpointEvery ?? 1000;
  const patchOpsBudget = options.checkpointPatchOps ?? 512;
  const checkSchema = options.checkSchema ?? false;
  const windowed = options.retain === "window";

  const records: SessionRecord[] = [];
  const findings: Finding[] = [];
  const failedDeltas = new Set<number>();
  const checkpoints: Checkpoint[] = [];
  const verifiers = new Map<unknown, StreamVerifier>();
  let lastSeq = 0;
  let currentSeq = 0;
  let sinceCheckpoint = 0;
  /** The one checkpoint whose state is held parsed (scrubbing stays near one checkpoint). */
  let warm: CoreSnapshot | undefined;

  const report: Report = (rule: RuleId, message: string, detail?: FindingDetail) => {
    const finding: Finding = { rule, severity: RULES[rule].severity, seq: currentSeq, message };
    if (detail?.path !== undefined) finding.path = detail.path;
    if (detail?.opIndex !== undefined) finding.opIndex = detail.opIndex;
    findings.push(finding);
  };

  const seekEnv: CoreEnv = { report: noReport, failedDeltas, stateBefore: (seq) => seek(seq - 1, STATE_ONLY).state };
  const headEnv: CoreEnv = {
    report,
    failedDeltas,
    stateBefore: (seq) => seek(seq - 1, STATE_ONLY).state,
    applied(event, record) {
      verifierFor(record.x).check(event);
      runs.event(event, record.x, record.seq);
    },
  };
  const head = new ReplayCore(headEnv);
  const runs = new RunTracker(report, (id) => toolCallArgs(head.conv, id));
  checkpoints.push({ seq: 0, snap: head.snapshot() });

  function verifierFor(x: unknown): StreamVerifier {
    let v = verifiers.get(x);
    if (!v) verifiers.set(x, (v = new StreamVerifier(report)));
    return v;
  }

  function step(record: SessionRecord): void {
    currentSeq = record.seq;
    records.push(record);
    let adoptsState = false;
    // Each record is isolated: one the fold cannot take is reported and the next starts clean.
    try {
      adoptsState = fold(record);
    } catch (err) {
      adoptsState = false;
      report("frame/unhandled", `the fold could not apply this record: ${err instanceof Error ? err.message : String(err)}`);
    }
    lastSeq = record.seq;
    sinceCheckpoint++;
    const cheap = adoptsState && head.statePristine && sinceCheckpoint >= MIN_SNAPSHOT_GAP;
    if (cheap || sinceCheckpoint >= every || head.patchOps >= patchOpsBudget) checkpoint();
  }

  /** Apply one record to the head; true when it hands the state a new value (a cheap checkpoint). */
  function fold(record: SessionRecord): boolean {
    let adoptsState = false;
    switch (record.kind) {
      case "event": {
        const event = record.event as unknown;
        if (!isRecord(event) || typeof event.type !== "string") {
          report("frame/unparseable", "event record without an event object with a string type");
          break;
        }
        if (!checkWireEvent(record, report, checkSchema)) break;
        adoptsState = event.type === "STATE_SNAPSHOT";
        head.apply(record);
        break;
      }
      case "bad-frame":
        report("frame/unparseable", `frame not decoded: ${record.error}`);
        break;
      case "request":
        if (record.op === "run" || record.op === "connect") verifiers.delete(record.x);
        adoptsState = record.op === "run";
        runs.request(record);
        head.apply(record);
        break;
      case "end":
        runs.endStream(record.x, record.seq);
        verifiers.delete(record.x);
        head.apply(record);
        break;
      case "response":
        if (record.misDecoded?.repaired) report("import/body-repaired", `the body was saved as UTF-8 read as ${record.misDecoded.as}; repaired on import`);
        else if (record.misDecoded) report("import/body-mis-decoded", `the body looks like UTF-8 read as ${record.misDecoded.as} but does not turn back; kept as saved`);
        break;
      case "comment":
        break;
    }
    return adoptsState;
  }

  function checkpoint(): void {
    let snap: ReturnType<ReplayCore["snapshot"]>;
    try {
      snap = head.snapshot();
    } catch {
      return; // a state that cannot be copied gets no checkpoint; seeks start from an earlier one
    }
    checkpoints.push({ seq: lastSeq, snap });
    sinceCheckpoint = 0;
    head.patchOps = 0;
    options.onCheckpoint?.(lastSeq, snap);
    if (windowed) {
      // Everything up to here is now reachable from this checkpoint alone.
      records.length = 0;
      checkpoints.splice(0, checkpoints.length - 1);
      if (warm && warm !== snap) warm.stateWarm = undefined;
      warm = undefined;
    }
  }

  /** A core holding the fold right after record `seq`, rebuilt from the nearest checkpoint. */
  function seek(seq: number, mode: CoreMode): ReplayCore {
    if (seq < checkpoints[0].seq) throw new RangeError(`record ${seq} was folded and let go (this replay keeps records from ${checkpoints[0].seq} on); seek from a stored checkpoint`);
    const ck = checkpoints[lastAtOrBefore(checkpoints, seq)];
    if (mode.state && ck.snap.stateJson !== undefined && warm !== ck.snap) {
      if (warm) warm.stateWarm = undefined;
      ck.snap.stateWarm = { value: JSON.parse(ck.snap.stateJson) };
      warm = ck.snap;
    }
    const core = new ReplayCore(seekEnv, mode, ck.snap);
    for (let i = firstAfter(records, ck.seq); i < records.length && records[i].seq <= seq; i++) {
      try {
        core.apply(records[i]);
      } catch {
        // reported once, as frame/unhandled, when the head folded it
      }
    }
    return core;
  }

  function view(seq: number, mode: CoreMode): ReplayView {
    const target = Math.max(0, Math.min(Math.floor(seq), lastSeq));
    if (target === lastSeq) {
      return { seq: target, state: mode.state ? cloneJson(head.state) : undefined, messages: mode.messages ? head.conv.snapshot() : [] };
    }
    const core = seek(target, mode);
    return { seq: target, state: core.state, messages: core.conv.snapshot() };
  }

  return {
    append(input) {
      const list = Array.isArray(input) ? input : [input as SessionRecord];
      for (const record of list) if (record && record.seq > lastSeq) step(record);
    },
    get lastSeq() {
      return lastSeq;
    },
    at: (seq) => view(seq, FULL),
    stateAt: (seq) => view(seq, STATE_ONLY).state,
    messagesAt: (seq) => view(seq, MESSAGES_ONLY).messages,
    findingsUpTo(seq = lastSeq) {
      return findings.slice(0, firstAfter(findings, seq));
    },
    runs: () => runs.runs.map(copyRun),
    runAt(seq) {
      for (let i = lastAtOrBefore(runs.runs, seq, "startSeq"); i >= 0; i--) {
        const run = runs.runs[i];
        if (run.endSeq === undefined || run.endSeq >= seq) return copyRun(run);
      }
      return undefined;
    },
    pendingInterruptsAt(seq) {
      const i = lastAtOrBefore(runs.finishes, seq);
      return i >= 0 ? runs.finishes[i].interrupts.slice() : [];
    },
    stats: () => ({ records: records.length, checkpoints: checkpoints.length, checkpointSeqs: checkpoints.map((c) => c.seq), findings: findings.length, failedDeltas: failedDeltas.size }),
  };
}

function copyRun(run: RunInfo): RunInfo {
  return { ...run, pendingInterrupts: run.pendingInterrupts.slice() };
}

/** Index of the last item whose key is <= seq, or -1. Items are sorted by key. */
function lastAtOrBefore<K extends string>(items: readonly Record<K, unknown>[], seq: number, key: K = "seq" as K): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid][key] as number) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first item whose seq is > seq. */
function firstAfter(items: readonly { seq: number }[], seq: number): number {
  return lastAtOrBefore(items, seq) + 1;
}
