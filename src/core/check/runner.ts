import { digestSession, type RunDigest } from "../compare/beats";
import { compareRuns, pairedIds, type RunComparison } from "../compare/diff";
import { judge, type CheckRules, type Verdict } from "../compare/rules";
import type { RunAgentInput } from "../protocol/events";
import type { SessionRecord } from "../session/record";
import type { RunOutcome } from "../transport/client";
import { rerunInput, type IdMap } from "./rerun";

// `check`: every run of a recording is sent again to a live agent, in order, each continuing
// the new session the way the recorded one was continued; the new run is compared with the
// recorded one and judged by the rules. The runner gets a way to run and the records that run
// produced, so the same code serves the CLI and the page.

export interface CheckEnv {
  /** Run the agent and wait for the stream to end. */
  run(agentId: string, input: RunAgentInput): Promise<RunOutcome>;
  /** Everything recorded in the new session so far, in seq order. */
  records(): readonly SessionRecord[];
  rules: CheckRules;
  /** Overrides the recorded agent id. */
  agentId?: string;
  /** Agent id when the recording names none. */
  fallbackAgentId?: string;
}

export type RunStatus = "passed" | "failed" | "error" | "skipped";

export interface RunCheck {
  /** 1-based position of the run in the recording. */
  index: number;
  recordedRunId?: string;
  newRunId?: string;
  agentId?: string;
  status: RunStatus;
  /** Why the run could not be checked (status "error") or was not (status "skipped"). */
  error?: string;
  comparison?: RunComparison;
  verdict?: Verdict;
  /** Recorded answers left out, and other things worth knowing. */
  notes: string[];
  /** Wall time of the new run, ms. */
  ms: number;
}

export async function checkRecording(recorded: readonly SessionRecord[], env: CheckEnv, now: () => number = Date.now): Promise<RunCheck[]> {
  const digest = digestSession(recorded);
  const ids: IdMap = new Map();
  const threads = new Map<string, string>();
  const results: RunCheck[] = [];
  let previous: RunDigest | undefined;
  for (const run of digest.runs) {
    const agentId = env.agentId ?? run.agentId ?? env.fallbackAgentId;
    const base: RunCheck = { index: run.index, ...(run.runId ? { recordedRunId: run.runId } : {}), ...(agentId ? { agentId } : {}), status: "error", notes: [], ms: 0 };
    const skip = run.op === "connect" ? "replayed by /connect when recorded, not a run the client asked for" : run.outcome === "stopped" ? "stopped when recorded: a new run would not stop at the same point" : undefined;
    if (skip) {
      results.push({ ...base, status: "skipped", error: skip });
      continue;
    }
    if (!run.input) {
      results.push({ ...base, error: "the recording holds no request for this run, so there is no input to send again" });
      continue;
    }
    if (!agentId) {
      results.push({ ...base, error: "the recording names no agent: pass --agent" });
      continue;
    }
    const { input, skipped } = rerunInput(run, { recorded: digest.replay, previous, fresh: env.records(), ids, threads });
    const seqBefore = env.records().at(-1)?.seq ?? 0;
    const started = now();
    const outcome = await env.run(agentId, input);
    const result: RunCheck = { ...base, newRunId: input.runId, notes: skipped, ms: now() - started };
    previous = run;
    if (outcome.status === "failed" || outcome.status === "aborted") {
      results.push({ ...result, error: `[${outcome.error?.code ?? outcome.status}] ${outcome.error?.message ?? "the run did not complete"}` });
      continue;
    }
    // The run the agent streamed back: by the id sent, else (an agent making up its own) the last one started.
    const runs = digestSession(env.records()).runs.filter((r) => r.startSeq > seqBefore);
    const fresh = runs.find((r) => r.runId === input.runId) ?? runs.at(-1);
    if (!fresh) {
      results.push({ ...result, error: `the agent's stream held no RUN_STARTED for run ${input.runId}` });
      continue;
    }
    const comparison = compareRuns(run, fresh, [...ids].map(([from, to]): [string, string] => [from, to.id]));
    for (const [from, to] of pairedIds(run, fresh)) ids.set(from, to);
    const verdict = judge(comparison.differences, env.rules);
    results.push({ ...result, status: verdict.failures.length ? "failed" : "passed", comparison, verdict });
  }
  return results;
}
