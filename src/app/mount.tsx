import { render } from "preact";
import { effect } from "@preact/signals";
import { App } from "../ui/App";
import { createConnectionModel } from "../models/connection";
import { createComposerModel } from "../models/composer";
import { createRecordingModel } from "../models/recording";
import { createSessionView } from "../models/session-view";
import { createLibraryModel } from "../models/library";
import { createWatchModel } from "../models/watch";
import { createRuntimeThreadsModel } from "../models/runtime-threads";
import type { InspectorHost } from "../models/host";

export interface MountOptions {
  container: HTMLElement;
  host: InspectorHost;
}

/** The composition root shared by the web page and the DevTools panel. */
export function mountInspector({ container, host }: MountOptions) {
  const view = createSessionView();
  const recording = createRecordingModel(host, view, (fn) => requestAnimationFrame(fn));
  const library = createLibraryModel(host.store, view, recording);
  const connection = createConnectionModel(host, async (meta) => {
    const rec = await recording.start(meta);
    library.openId.value = null;
    void library.refresh();
    return rec;
  });
  const composer = createComposerModel(connection, view);
  const watch = createWatchModel(host, recording, connection, () => {
    library.openId.value = null;
    void library.refresh();
  });
  const runtimeThreads = createRuntimeThreadsModel(host, connection, recording, composer, () => {
    library.openId.value = null;
    void library.refresh();
  });
  const models = { connection, composer, recording, view, library, watch, runtimeThreads };
  // When the last run ends, save what is buffered and show the library's new counts.
  let wasRunning = false;
  const stopRefresh = effect(() => {
    const running = composer.active.value.length > 0;
    if (wasRunning && !running) void recording.flush().then(() => library.refresh());
    wasRunning = running;
  });
  render(<App models={models} />, container);
  return {
    models,
    unmount() {
      stopRefresh();
      render(null, container);
    },
  };
}
