// Compare two runs: beats (what the agent did, however it was chunked), alignment, differences,
// and the rules a check judges them by.
export { digestSession, jsonDiff, type Beat, type RunDigest, type RunTiming, type SessionDigest } from "./beats";
export { compareRuns, pairedIds, type Difference, type DifferenceKind, type RunComparison, type RunSide } from "./diff";
export { compareSessions, RunSelectionError, type SessionComparison } from "./sessions";
export { DEFAULT_RULES, EXACT_RULES, judge, parseRules, RulesError, type CheckRules, type Verdict } from "./rules";
