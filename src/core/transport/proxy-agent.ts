import { AbstractAgent, type AgentConfig, type BaseEvent, type RunAgentInput } from "@ag-ui/client";
import { Observable } from "rxjs";
import type { RunAgentInput as WireInput } from "../protocol/events";
import type { RunOutcome, RuntimeClient, StreamCallOptions } from "./client";

export interface ProxyAgentConfig extends AgentConfig {
  client: RuntimeClient;
  /** The agent's id on the runtime. */
  remoteAgentId: string;
}

/**
 * An @ag-ui/client agent whose runs go through the inspector's runtime client, so AG-UI
 * subscribers and the client's own apply pipeline work on recorded runs. Every byte still goes
 * through the recorder; this class only adapts the outcome to an Observable.
 */
export class ProxyAgent extends AbstractAgent {
  client: RuntimeClient;
  remoteAgentId: string;
  private active: { threadId: string; runId: string; controller: AbortController } | null = null;

  constructor(config: ProxyAgentConfig) {
    super(config);
    this.client = config.client;
    this.remoteAgentId = config.remoteAgentId;
  }

  run(input: RunAgentInput): Observable<BaseEvent> {
    return this.stream((call) => this.client.run(this.remoteAgentId, input as unknown as WireInput, call), input);
  }

  protected override connect(input: RunAgentInput): Observable<BaseEvent> {
    return this.stream((call) => this.client.connect(this.remoteAgentId, input as unknown as WireInput, call), input);
  }

  /** Like CopilotKit's client: ask the runtime to stop (the stream then ends with its closers); a plain endpoint has no stop route, so cancel the request. */
  override abortRun(): void {
    const active = this.active;
    if (!active) return;
    if (this.client.discovery?.transport === "agui") {
      active.controller.abort();
      return;
    }
    this.client.stop(this.remoteAgentId, active.threadId, active.runId).catch(() => active.controller.abort());
  }

  override clone(): ProxyAgent {
    const copy = super.clone() as ProxyAgent;
    copy.client = this.client;
    copy.remoteAgentId = this.remoteAgentId;
    copy.active = null;
    return copy;
  }

  private stream(start: (call: StreamCallOptions) => Promise<RunOutcome>, input: RunAgentInput): Observable<BaseEvent> {
    return new Observable<BaseEvent>((subscriber) => {
      const controller = new AbortController();
      this.active = { threadId: input.threadId, runId: input.runId, controller };
      const onEvent = (event: Record<string, unknown> & { type: string }) => {
        // A stop ends the stream with a bare RUN_FINISHED that the client's schema rejects.
        // Hand the pipeline the run's ids (as CopilotKit's client tolerates it); the record keeps it as sent.
        const fixed = event.type === "RUN_FINISHED" && event.threadId === undefined && event.runId === undefined ? { ...event, threadId: input.threadId, runId: input.runId } : event;
        subscriber.next(fixed as unknown as BaseEvent);
      };
      start({ signal: controller.signal, onEvent }).then(
        (outcome) => {
          if (outcome.status === "failed" && outcome.error) subscriber.error(outcome.error);
          else subscriber.complete();
        },
        (err) => subscriber.error(err),
      );
      return () => {
        if (this.active?.controller === controller) this.active = null;
        controller.abort();
      };
    });
  }
}
