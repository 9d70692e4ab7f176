import { render } from "preact";
import { effect } from "@preact/signals";
import { App } from "../ui/App";
import { createConnectionModel } from "../models/connection";
import { createComposerModel } from "../models/composer";
import { createRecordingModel } from "../models/recording";
import { createSessionView } from "../models/session-view";
import { createLibraryModel } from "../models/library";
import { createToolsModel } from "../models/tools";
import { createInputHistory } from "../models/input-history";
import { createPlayback } from "../models/playback";
import { memoryPrefs } from "../models/prefs";
import { createLayoutModel } from "../models/layout";
import { createComparePicks } from "../models/state-diff";
import { rememberLastSession, restoreLastSession } from "../models/last-session";
import { NO_FILTER } from "../models/filters";
import { createWatchModel } from "../models/watch";
import { createRuntimeThreadsModel } from "../models/runtime-threads";
import { createCompareModel } from "../models/compare";
import { createCheckModel } from "../models/check";
import type { InspectorHost } from "../models/host";

export interface MountOptions {
  container: HTMLElement;
  host: InspectorHost;
}

/** The composition root shared by the web page and the DevTools panel. */
export function mountInspector({ container, host }: MountOptions) {
  const prefs = host.prefs ?? memoryPrefs();
  const view = createSessionView();
  const recording = createRecordingModel(host, view, (fn) => requestAnimationFrame(fn));
  const library = createLibraryModel(host.store, view, recording);
  const connection = createConnectionModel(host, async (meta) => {
    const rec = await recording.start(meta);
    library.openId.value = null;
    return rec;
  });
  let composerRef: ReturnType<typeof createComposerModel> | null = null;
  const tools = createToolsModel(prefs, { runtimeUrl: () => connection.url.value, agentId: () => composerRef?.agentId.value ?? connection.agents.value[0]?.[0] ?? null });
  const history = createInputHistory(prefs);
  const composer = createComposerModel(connection, view, {
    tools,
    history,
    // The session is stored when the first run goes out, named after the agent and its first message.
    beforeSend: async (agentId, input) => {
      if (library.openId.value !== null || recording.saved.value) return;
      const first = input.messages.find((m) => m.role === "user");
      await recording.keep({ agentId, firstMessage: typeof first?.content === "string" ? first.content : undefined });
      void library.refresh();
    },
  });
  composerRef = composer;
  const playback = createPlayback({
    seqs: () => view.rows.value.map((r) => view.records()[r.index].seq),
    timeOf: (seq) => view.recordAt(seq)?.t ?? 0,
    cursor: () => view.cursorSeq.value,
    select: (seq) => view.select(seq),
  });
  const picks = createComparePicks((seq) => view.forkAt(seq), view.version);
  const watch = createWatchModel(host, recording, connection, () => {
    library.openId.value = null;
    void library.refresh();
  });
  const runtimeThreads = createRuntimeThreadsModel(host, connection, recording, composer, () => {
    library.openId.value = null;
    void library.refresh();
  });
  const compare = createCompareModel(host.store);
  const check = createCheckModel(host, connection, () => void library.refresh());
  const models = { connection, composer, recording, view, library, tools, history, playback, picks, watch, runtimeThreads, compare, check, layout: createLayoutModel(prefs) };

  // A new session in view or a new connection: the composer, thread choice, filters and errors start over.
  let lastContext: string | null = null;
  const stopContext = effect(() => {
    const context = `${library.openId.value ?? ""}|${recording.header.value?.id ?? ""}`;
    if (lastContext !== null && context !== lastContext) {
      composer.resetContext();
      view.filter.value = NO_FILTER;
      playback.pause();
      picks.clear();
    }
    lastContext = context;
  });
  // Where forked threads came from, kept per session so the link back survives a reload.
  const sessionIdNow = () => library.openId.value ?? (recording.saved.value ? recording.header.value?.id : undefined) ?? null;
  let forksOf: string | null = null;
  const stopForks = effect(() => {
    const id = sessionIdNow();
    const forks = composer.forks.value;
    if (id !== forksOf) {
      forksOf = id;
      // a session just stored keeps the forks sent before it was; one opened brings its own
      const known = id ? prefs.get<typeof forks>(`forks:${id}`) : undefined;
      if (known) composer.forks.value = { ...known, ...forks };
      return;
    }
    if (id && Object.keys(forks).length) prefs.set(`forks:${id}`, forks);
  });
  // When the last run ends, save what is buffered and show the library's new counts.
  let wasRunning = false;
  const stopRefresh = effect(() => {
    const running = composer.active.value.length > 0;
    if (wasRunning && !running) void recording.flush().then(() => library.refresh());
    wasRunning = running;
  });
  let stopRemember = () => {};
  // The last session (and its connection settings, secrets excepted) comes back after a reload;
  // a page following a recording proxy shows the proxy live instead (the last session stays in the library).
  const restored = restoreLastSession(prefs, { connection, library, view }, { keepUrl: !!host.initialRuntimeUrl, reopen: !host.proxy })
    .catch(() => false)
    .finally(() => (stopRemember = rememberLastSession(prefs, { connection, library, recording, view })));
  render(<App models={models} />, container);
  return {
    models,
    restored,
    unmount() {
      stopRefresh();
      stopContext();
      stopForks();
      stopRemember();
      playback.pause();
      picks.clear();
      render(null, container);
    },
  };
}
