import { useState } from "preact/hooks";
import type { ConnectionModel } from "../models/connection";
import type { ComposerModel } from "../models/composer";
import type { RecordingModel } from "../models/recording";
import type { SessionView } from "../models/session-view";
import type { LibraryModel } from "../models/library";
import { ConnectionBar } from "./ConnectionBar";
import { AgentList } from "./AgentList";
import { Composer } from "./Composer";
import { PendingPanel } from "./PendingPanel";
import { Timeline } from "./Timeline";
import { TimelineToolbar } from "./TimelineToolbar";
import { CursorSlider } from "./CursorSlider";
import { DetailPanel } from "./DetailPanel";
import { SessionLibrary, saveBlob } from "./SessionLibrary";
import { useKeys } from "./useKeys";
import { ThreadList } from "./ThreadList";
import { ExportMenu } from "./ExportMenu";
import { ThemeToggle } from "./ThemeToggle";
import { WatchBar } from "./WatchBar";
import type { WatchModel } from "../models/watch";
import type { RuntimeThreadsModel } from "../models/runtime-threads";
import { RuntimeThreads } from "./RuntimeThreads";

export interface AppModels {
  connection: ConnectionModel;
  composer: ComposerModel;
  recording: RecordingModel;
  view: SessionView;
  library: LibraryModel;
  watch?: WatchModel;
  runtimeThreads?: RuntimeThreadsModel;
}

/** Lays out the panels; nothing else. */
export function App({ models }: { models: AppModels }) {
  const { connection, composer, recording, view, library } = models;
  const [dragging, setDragging] = useState(false);
  useKeys(view);
  return (
    <div
      class={`app${dragging ? " dragging" : ""}`}
      onDragOver={(e) => {
        if (!library.available) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files?.[0];
        if (file) void library.importFile(file);
      }}
    >
      <header>
        <h1>AG-UI Inspector</h1>
        <ConnectionBar connection={connection} />
        {models.watch && <WatchBar watch={models.watch} />}
        <ThemeToggle />
      </header>
      {recording.sinkError.value && (
        <div class="banner error" role="alert">
          {recording.sinkError.value}{" "}
          <button type="button" class="link" onClick={async () => { const blob = await library.exportCurrent(); if (blob) saveBlob(blob, "session.agui.jsonl"); }}>
            Export now
          </button>
        </div>
      )}
      <aside>
        <AgentList connection={connection} composer={composer} />
        <Composer composer={composer} connection={connection} viewingStored={library.openId.value !== null} />
        <ThreadList view={view} composer={composer} />
        {models.runtimeThreads && <RuntimeThreads model={models.runtimeThreads} connection={connection} composer={composer} />}
        <PendingPanel view={view} composer={composer} />
        {library.available && <SessionLibrary library={library} />}
      </aside>
      <main>
        <div class="main-head">
          <TimelineToolbar view={view} />
          <ExportMenu library={library} view={view} />
        </div>
        <Timeline view={view} />
        <CursorSlider view={view} composer={composer} />
      </main>
      <DetailPanel view={view} />
    </div>
  );
}
