// The protocol checks the replay reports, by stable id. Ids are part of the CLI's output and
// of docs/replay-rules.md: never rename one, add a new id instead.

export type Severity = "error" | "warning" | "info";

export interface RuleInfo {
  severity: Severity;
  /** One line: what happened and why it matters. */
  summary: string;
}

export const RULES = {
  "frame/unparseable": { severity: "error", summary: "A frame could not be decoded into an event (bad JSON, not an object, no type); it was kept raw and the stream went on." },
  "frame/unhandled": { severity: "error", summary: "The fold failed on this record (e.g. a value nested too deep to copy, from a file written before the depth limit); the record is kept and the fold goes on without it." },
  "event/unknown-type": { severity: "warning", summary: "An event type AG-UI does not define; a 1.0.0 client drops it, a 0.0.59 client fails the run. The fold ignores it." },
  "schema/0.0.59": { severity: "error", summary: "The event violates the AG-UI 0.0.59 schema that CopilotKit 1.75 runtimes and clients validate." },
  "schema/1.0.0": { severity: "warning", summary: "The event violates the AG-UI 1.0.0 schema; a 1.0.0 client strips or rejects the offending field." },
  "event/null-subagent-run-id": { severity: "error", summary: "subagentRunId is null; the client rejects the event (the field must be absent instead)." },
  "event/empty-delta": { severity: "warning", summary: "A content, args or patch event that changes nothing: an empty delta or a patch with no operations." },
  "run/event-before-run-started": { severity: "error", summary: "The stream's first event is not RUN_STARTED (or RUN_ERROR); the client fails the run." },
  "run/started-while-active": { severity: "error", summary: "RUN_STARTED arrived while the previous run was still open; the client fails the run." },
  "run/event-after-run-finished": { severity: "error", summary: "An event other than RUN_STARTED or RUN_ERROR followed RUN_FINISHED; the client fails the run." },
  "run/event-after-run-error": { severity: "error", summary: "An event other than RUN_STARTED followed RUN_ERROR; the client fails the run." },
  "run/finished-with-open-message": { severity: "error", summary: "RUN_FINISHED while a text message had no TEXT_MESSAGE_END; the client fails the run." },
  "run/finished-with-open-tool-call": { severity: "error", summary: "RUN_FINISHED while a tool call had no TOOL_CALL_END; the client fails the run." },
  "run/finished-with-open-step": { severity: "error", summary: "RUN_FINISHED while a step had no STEP_FINISHED; the client fails the run." },
  "run/finished-with-open-subagent": { severity: "error", summary: "RUN_FINISHED while a subagent had no SUBAGENT_FINISHED or SUBAGENT_ERROR; the client fails the run." },
  "run/finished-with-open-reasoning": { severity: "warning", summary: "RUN_FINISHED while a reasoning message or span was open; 1.0.0 clients fail the run, 0.0.59 clients accept it." },
  "run/bare-finished": { severity: "warning", summary: "RUN_FINISHED without threadId and runId: what a CopilotKit runtime sends after a stop. Strict 0.0.59 parsing rejects it; the run counts as stopped." },
  "run/incomplete": { severity: "warning", summary: "The stream ended (or a new one began) without RUN_FINISHED or RUN_ERROR for the open run." },
  "run/error": { severity: "info", summary: "The run ended with RUN_ERROR." },
  "text/already-open": { severity: "error", summary: "TEXT_MESSAGE_START for a message id that is already open; the client fails the run." },
  "text/not-open": { severity: "error", summary: "TEXT_MESSAGE_CONTENT or TEXT_MESSAGE_END for a message that is not open; the client fails the run." },
  "tool/already-open": { severity: "error", summary: "TOOL_CALL_START for a tool call id that is already open; the client fails the run." },
  "tool/not-open": { severity: "error", summary: "TOOL_CALL_ARGS or TOOL_CALL_END for a tool call that is not open; the client fails the run." },
  "tool/restarted": { severity: "info", summary: "TOOL_CALL_START for a tool call already in the conversation (e.g. a replay); the client only renames it." },
  "tool/parent-not-assistant": { severity: "warning", summary: "TOOL_CALL_START names a parentMessageId that is not an assistant message; the client attaches the call to a new assistant message keyed by the tool call id." },
  "tool/args-not-json": { severity: "warning", summary: "At TOOL_CALL_END the accumulated arguments are not valid JSON; the client hands the tool {}." },
  "tool/result-for-unknown-call": { severity: "warning", summary: "TOOL_CALL_RESULT for a tool call no assistant message holds; the client appends it at the end." },
  "tool/placeholder-result": { severity: "warning", summary: "A tool result whose content is the placeholder \"Forwarded to client\"; the real result never reached the stream." },
  "tool/frontend-call-unanswered": { severity: "info", summary: "The run finished with a call to a frontend tool and no result: the client must run the tool and send the result in a new run." },
  "tool/call-without-result": { severity: "warning", summary: "The run finished with a call to a tool the client did not declare and no TOOL_CALL_RESULT for it." },
  "reasoning/already-open": { severity: "warning", summary: "REASONING_START or REASONING_MESSAGE_START for an id that is already open; 1.0.0 clients fail the run." },
  "reasoning/not-open": { severity: "warning", summary: "REASONING_MESSAGE_CONTENT/END or REASONING_END for an id that is not open; 1.0.0 clients fail the run." },
  "thinking/deprecated": { severity: "info", summary: "Deprecated THINKING_* events; shown as a reasoning message, as the 1.0.0 client converts them (0.0.59 drops them)." },
  "step/already-active": { severity: "error", summary: "STEP_STARTED for a step name that is already active; the client fails the run." },
  "step/not-started": { severity: "error", summary: "STEP_FINISHED for a step that was not started (by that owner); the client fails the run." },
  "subagent/already-active": { severity: "error", summary: "SUBAGENT_STARTED for a subagentRunId that is already active; the client fails the run." },
  "subagent/id-reused": { severity: "error", summary: "SUBAGENT_STARTED reuses a subagentRunId that already finished in this run; the client fails the run." },
  "subagent/parent-not-started": { severity: "error", summary: "SUBAGENT_STARTED names a parentSubagentRunId that never started in this run; the client fails the run." },
  "subagent/not-active": { severity: "error", summary: "SUBAGENT_FINISHED or SUBAGENT_ERROR for a subagent that is not active; the client fails the run." },
  "subagent/owner-mismatch": { severity: "error", summary: "An event's subagentRunId disagrees with the subagent that opened its message, tool call or reasoning; the client fails the run." },
  "chunk/missing-id": { severity: "error", summary: "The first *_CHUNK of a stream lacks its id (or a tool call chunk its name); the client fails the run. The chunk is dropped." },
  "chunk/opener-mismatch": { severity: "error", summary: "A continuation chunk repeats a field of its opener with a different value; the client fails the run." },
  "chunk/ambiguous": { severity: "error", summary: "A chunk without id or subagentRunId while several subagent lanes have that kind of stream open; the client fails the run. The chunk is dropped." },
  "message/duplicate-id": { severity: "warning", summary: "TOOL_CALL_RESULT reuses an existing message id; the client inserts a second message with that id." },
  "message/activity-id-reused": { severity: "warning", summary: "A text or reasoning event targets an activity message's id; the client ignores it." },
  "activity/unknown-message": { severity: "warning", summary: "ACTIVITY_DELTA for a message that does not exist; the client ignores it." },
  "activity/not-activity": { severity: "warning", summary: "ACTIVITY_DELTA for a message that is not an activity message; the client ignores it." },
  "event/stripped-by-client": { severity: "warning", summary: "The event carries material the AG-UI 1.0.0 schema does not describe (e.g. finishReason on RUN_FINISHED); @ag-ui/client 1.0.0 removes it before any handler sees it." },
  "import/truncated-value": { severity: "warning", summary: "A value reads \"[Truncated depth]\": the CopilotKit web inspector cut it when exporting; the replay holds the mark, not what the agent sent." },
  "import/body-repaired": { severity: "info", summary: "The saving tool stored this UTF-8 body decoded as windows-1252 (Chromium's HAR export); the import turned it back into the text the wire carried." },
  "import/body-mis-decoded": { severity: "warning", summary: "This body looks like UTF-8 decoded as windows-1252 but does not turn back cleanly; it was kept as saved, so non-ASCII text may read wrong." },
  "state/patch-failed": { severity: "error", summary: "A STATE_DELTA operation failed; the whole delta is rejected and the state stays as it was, as in the client." },
  "activity/patch-failed": { severity: "error", summary: "An ACTIVITY_DELTA operation failed; the activity content stays as it was, as in the client." },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** The record the finding is about. */
  seq: number;
  message: string;
  /** JSON Pointer (patches) or field path (schema) the finding is about. */
  path?: string;
  /** Index of the failing operation within a JSON Patch. */
  opIndex?: number;
}

export interface FindingDetail {
  path?: string;
  opIndex?: number;
}

/** Where the fold reports; the caller stamps seq and severity. */
export type Report = (rule: RuleId, message: string, detail?: FindingDetail) => void;

export const noReport: Report = () => {};
