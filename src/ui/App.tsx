import { useCallback, useMemo, useState } from "preact/hooks";
import type { ConnectionModel } from "../models/connection";
import type { ComposerModel } from "../models/composer";
import type { RecordingModel } from "../models/recording";
import type { SessionView } from "../models/session-view";
import type { LibraryModel } from "../models/library";
import { ConnectionBar } from "./ConnectionBar";
import { AgentList } from "./AgentList";
import { Composer } from "./Composer";
import { InputDrawer } from "./InputDrawer";
import { PendingBanner } from "./PendingBanner";
import { PlaybackBar } from "./PlaybackBar";
import { ToolsEditor } from "./ToolsEditor";
import type { ToolsModel } from "../models/tools";
import type { InputHistory } from "../models/input-history";
import type { Playback } from "../models/playback";
import type { ComparePicks } from "../models/state-diff";
import { Timeline } from "./Timeline";
import { TimelineToolbar } from "./TimelineToolbar";
import { CursorSlider } from "./CursorSlider";
import { DetailPanel } from "./DetailPanel";
import { SessionLibrary, saveBlob } from "./SessionLibrary";
import { exportFileName } from "../models/library";
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
import { CompareView } from "./CompareView";
import type { CompareModel } from "../models/compare";
import type { CheckModel } from "../models/check";
import { createLayoutModel, type LayoutModel } from "../models/layout";
import { memoryPrefs } from "../models/prefs";
import { Splitter } from "./Splitter";
import { useNarrow } from "./useNarrow";

export interface AppModels {
  connection: ConnectionModel;
  composer: ComposerModel;
  recording: RecordingModel;
  view: SessionView;
  library: LibraryModel;
  tools?: ToolsModel;
  history?: InputHistory;
  playback?: Playback;
  picks?: ComparePicks;
  watch?: WatchModel;
  runtimeThreads?: RuntimeThreadsModel;
  /** Absent in shells without a library. */
  compare?: CompareModel;
  check?: CheckModel;
  /** Pane sizes and folds that outlive a reload (a default in memory when absent). */
  layout?: LayoutModel;
}

/** Lays out the panels; nothing else. */
export function App({ models }: { models: AppModels }) {
  const { connection, composer, recording, view, library, tools, history, playback, picks } = models;
  const viewingStored = library.openId.value !== null;
  const sessionId = library.openId.value ?? (recording.saved.value ? recording.header.value?.id : null) ?? null;
  const openAt = (id: string, seq: number) => void library.open(id).then(() => view.select(seq));
  const [dragging, setDragging] = useState(false);
  const [help, setHelp] = useState(false);
  // Derived from the view as it grows: timing per run, one-line summaries, row severity.
  const insight = useMemo(() => ({ timing: createRunTiming(view), summaries: createSummaries(view), severity: createRowSeverity(view) }), [view]);
  const search = useCallback(() => document.getElementById("timeline-search")?.focus(), []);
  const showHelp = useCallback(() => setHelp(true), []);
  const finding = useCallback((dir: 1 | -1) => void insight.severity.step(dir), [insight]);
  useKeys(view, { search, help: showHelp, finding });
  const layout = useMemo(() => models.layout ?? createLayoutModel(memoryPrefs()), [models.layout]);
  const narrow = useNarrow();
  const sizes = layout.sizes;
  const paneStyle: Record<string, string> = {};
  if (sizes.aside.value !== undefined) paneStyle["--aside-w"] = `${sizes.aside.value}px`;
  if (sizes.detail.value !== undefined) paneStyle["--detail-w"] = `${sizes.detail.value}px`;
  // A detail height the user chose may take the timeline down to a few rows (Splitter keeps 160 px).
  if (sizes.detailHeight.value !== undefined) (paneStyle["--detail-h"] = `${sizes.detailHeight.value}px`), (paneStyle["--main-min"] = "160px");
  // The playback bar opens on demand, so the timeline keeps its height otherwise.
  const [playbackOpen, setPlaybackOpen] = useState(false);
  return (
    <div
      class={`app${dragging ? " dragging" : ""}`}
      style={paneStyle}
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
          <button type="button" class="link" onClick={async () => { const blob = await library.exportCurrent(); if (blob) saveBlob(blob, exportFileName(library.currentName.value)); }}>
            Export now
          </button>
        </div>
      )}
      <aside id="sidebar">
        <AgentList connection={connection} composer={composer} layout={layout} />
        <Composer composer={composer} connection={connection} viewingStored={viewingStored} history={history} />
        {tools && <ToolsEditor tools={tools} agentId={composer.currentAgent()} />}
        <ThreadList view={view} composer={composer} sessionId={sessionId} openAt={library.available ? openAt : undefined} />
        {models.runtimeThreads && <RuntimeThreads model={models.runtimeThreads} connection={connection} composer={composer} />}
        {library.available && <SessionLibrary library={library} />}
        {models.compare && <CompareView compare={models.compare} library={library} check={models.check} />}
      </aside>
      <main>
        <Splitter layout={layout} pane="aside" label="Resize the sidebar" controls="sidebar" className="split-aside" target={() => document.getElementById("sidebar")} />
        {narrow ? (
          <Splitter layout={layout} pane="detailHeight" label="Resize the detail pane" controls="detail-pane" className="split-detail-h" target={() => document.getElementById("detail-pane")} />
        ) : (
          <Splitter layout={layout} pane="detail" label="Resize the detail pane" controls="detail-pane" className="split-detail" target={() => document.getElementById("detail-pane")} />
        )}
        <div class="main-head">
          <TimelineToolbar view={view} onFinding={finding} />
          <ExportMenu library={library} view={view} />
        </div>
        <PendingBanner view={view} composer={composer} answerable={connection.status.value === "connected" && !viewingStored} layout={layout} />
        <Waterfall view={view} timing={insight.timing} />
        <Timeline view={view} insight={insight} />
        <CursorSlider view={view} composer={composer} sessionId={sessionId} tools={playback && picks ? { open: playbackOpen, toggle: () => setPlaybackOpen(!playbackOpen) } : undefined} />
        {playback && picks && playbackOpen && <PlaybackBar view={view} playback={playback} picks={picks} />}
      </main>
      <DetailPanel view={view} picks={picks} timing={insight.timing} />
      {composer.editorOpen.value && composer.advanced.value !== null && <InputDrawer composer={composer} canRun={connection.status.value === "connected" && !viewingStored} />}
      <CopyStatus />
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
