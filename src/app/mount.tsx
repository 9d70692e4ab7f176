import { render } from "preact";
import { App } from "../ui/App";
import { createConnectionModel } from "../models/connection";
import { createComposerModel } from "../models/composer";
import { createRecordingModel } from "../models/recording";
import type { InspectorHost } from "../models/host";

export interface MountOptions {
  container: HTMLElement;
  host: InspectorHost;
}

/** The composition root shared by the web page and the DevTools panel. */
export function mountInspector({ container, host }: MountOptions) {
  const recording = createRecordingModel(host, { frame: (fn) => requestAnimationFrame(fn) });
  const connection = createConnectionModel(host, (meta) => recording.start(meta));
  const composer = createComposerModel(connection);
  const models = { connection, composer, recording };
  render(<App models={models} />, container);
  return {
    models,
    unmount() {
      render(null, container);
    },
  };
}
