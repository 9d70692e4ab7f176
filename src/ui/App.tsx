import type { ConnectionModel } from "../models/connection";
import type { ComposerModel } from "../models/composer";
import type { RecordingModel } from "../models/recording";
import { ConnectionBar } from "./ConnectionBar";
import { AgentList } from "./AgentList";
import { Composer } from "./Composer";
import { Timeline } from "./Timeline";

export interface AppModels {
  connection: ConnectionModel;
  composer: ComposerModel;
  recording: RecordingModel;
}

/** Lays out the panels; nothing else. */
export function App({ models }: { models: AppModels }) {
  const { connection, composer, recording } = models;
  const records = recording.records.value;
  return (
    <div class="app">
      <header>
        <h1>AG-UI Inspector</h1>
        <ConnectionBar connection={connection} />
      </header>
      {recording.sinkError.value && (
        <p class="banner error" role="alert">
          {recording.sinkError.value}
        </p>
      )}
      <aside>
        <AgentList connection={connection} composer={composer} />
        <Composer composer={composer} connection={connection} />
      </aside>
      <main>
        <p class="muted small">
          {records.length} records · {recording.eventCount.value} events
        </p>
        <Timeline records={records} origin={records[0]?.t ?? 0} />
      </main>
    </div>
  );
}
