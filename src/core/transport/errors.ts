// Every failure the transport reports carries a stable code (scripts and the UI branch on it)
// and a sentence a person can act on.

export type ErrorCode =
  | "unreachable"
  | "cors"
  | "http"
  | "unknown-agent"
  | "intelligence"
  | "empty-run"
  | "cut-stream"
  | "incomplete-stream"
  | "bad-info"
  | "plain-agui"
  | "wrong-transport"
  | "unsupported"
  | "aborted";

export class InspectorError extends Error {
  readonly code: ErrorCode;
  readonly status?: number;
  readonly body?: unknown;

  constructor(code: ErrorCode, message: string, extra: { status?: number; body?: unknown; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = "InspectorError";
    this.code = code;
    this.status = extra.status;
    this.body = extra.body;
  }
}

export function isAbortError(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    ((err as { name?: string }).name === "AbortError" || (err as { code?: string }).code === "ABORT_ERR")
  );
}

/** The text of a runtime's JSON error body: `{error, message, details}` in CopilotKit. */
export function describeErrorBody(body: unknown, text?: string): string {
  if (body && typeof body === "object") {
    const b = body as { error?: unknown; message?: unknown; details?: unknown };
    const parts = [b.error, b.message, b.details].filter((p) => typeof p === "string" && p.length > 0);
    if (parts.length) return parts.join(": ");
    return JSON.stringify(body).slice(0, 500);
  }
  return (text ?? "").trim().slice(0, 500) || "(empty body)";
}

export function networkErrorMessage(url: string, err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
  return `Cannot reach ${url}: ${detail}. Is the runtime running, and is the URL right?`;
}

export function corsMessage(url: string, origin: string): string {
  return (
    `The runtime at ${url} is reachable but refused this page's origin (${origin}) — a CORS refusal. ` +
    `Enable CORS on the runtime (e.g. cors: true, or list this origin), or use a way that CORS does not bind: ` +
    `the loopback inspector (npx agui-inspector), which forwards requests, or the browser extension's AG-UI panel.`
  );
}
