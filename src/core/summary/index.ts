export { eventSummary, patchSummary, patchOpSummary, type SummaryContext } from "./event-summary";
export { recordSummary, toolCallIndex, createToolCallIndex } from "./record-summary";
export { preview, shortId, clip } from "./preview";
