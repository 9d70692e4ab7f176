// Replay: state, messages, runs and protocol findings at any recorded event.
export { createReplay, type Replay, type ReplayOptions, type ReplayStats, type ReplayView } from "./replay";
export { RULES, RULE_IDS, type Finding, type RuleId, type RuleInfo, type Severity } from "./rules";
export type { Interrupt, RunInfo, RunOutcome } from "./runs";
export { foldFrom, resumeFold, type ResumedFold, type CoreSnapshot } from "./resume";
