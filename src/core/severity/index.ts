export { recordSeverity, flaggedByFindings, stepFinding, SEVERITY_RANK, SEVERITY_WORDS, type RowSeverity, type FindingLike } from "./severity";
