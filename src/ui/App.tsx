import { useCallback, useMemo, useState } from "preact/hooks";
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
import { Waterfall } from "./Waterfall";
import { CopyStatus } from "./CopyStatus";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { createRunTiming } from "../models/run-timing";
import { createSummaries } from "../models/summaries";
import { createRowSeverity } from "../models/row-severity";
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
  const [help, setHelp] = useState(false);
  // Derived from the view as it grows: timing per run, one-line summaries, row severity.
  const insight = useMemo(() => ({ timing: createRunTiming(view), summaries: createSummaries(view), severity: createRowSeverity(view) }), [view]);
  const search = useCallback(() => document.getElementById("timeline-search")?.focus(), []);
  const showHelp = useCallback(() => setHelp(true), []);
  const finding = useCallback((dir: 1 | -1) => void insight.severity.step(dir), [insight]);
  useKeys(view, { search, help: showHelp, finding });
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
        <button type="button" class="secondary" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={showHelp}>
          ?
        </button>
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
          <TimelineToolbar view={view} onFinding={finding} />
          <ExportMenu library={library} view={view} />
        </div>
        <Waterfall view={view} timing={insight.timing} />
        <Timeline view={view} insight={insight} />
        <CursorSlider view={view} composer={composer} />
      </main>
      <DetailPanel view={view} timing={insight.timing} />
      <CopyStatus />
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
