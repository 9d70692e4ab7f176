// The one manifest source for both browsers; the Firefox one differs only where Firefox needs it.

import { BUILT_IN_MATCHES, CAPTURE_FILES } from "./capture/register";
import { ICON_SIZES, iconPath } from "./icons";

const icons = Object.fromEntries(ICON_SIZES.map((size) => [String(size), iconPath(size)]));

/**
 * In-page capture on localhost and 127.0.0.1 out of the box: the hook in the page's MAIN world
 * before its scripts run, the relay beside it in the isolated world. Other sites are added at
 * run time (capture/register.ts) once the user grants access to them.
 */
const contentScripts = [
  { matches: BUILT_IN_MATCHES, js: [CAPTURE_FILES.page], run_at: "document_start", world: "MAIN", all_frames: true },
  { matches: BUILT_IN_MATCHES, js: [CAPTURE_FILES.relay], run_at: "document_start", all_frames: true },
];

const common = (version: string) => ({
  manifest_version: 3,
  name: "AG-UI Inspector",
  short_name: "AG-UI",
  version,
  description: "An AG-UI panel in DevTools: record your page's AG-UI runs live, connect to a CopilotKit runtime, replay state at any point.",
  icons,
  devtools_page: "devtools.html",
  // storage: settings (local) and what each tab saw (session). scripting: the capture scripts for
  // sites the user adds beyond localhost and 127.0.0.1.
  permissions: ["storage", "scripting"],
  content_scripts: contentScripts,
  // Host access is asked per runtime origin when the user connects (chrome.permissions.request).
  optional_host_permissions: ["http://*/*", "https://*/*"],
  // Only the extension's own scripts: no remote code, no eval.
  content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
});

export function chromeManifest(version: string) {
  return {
    ...common(version),
    // 111: MAIN-world content scripts declared in the manifest.
    minimum_chrome_version: "116",
    background: { service_worker: "background.js" },
  };
}

export const GECKO_ID = "agui-inspector@agui-inspector.dev";

export function firefoxManifest(version: string) {
  return {
    ...common(version),
    // Firefox runs MV3 backgrounds as event pages (scripts), not service workers.
    background: { scripts: ["background.js"] },
    browser_specific_settings: {
      // 140: the first release that reads data_collection_permissions (this add-on collects nothing).
      gecko: { id: GECKO_ID, strict_min_version: "140.0", data_collection_permissions: { required: ["none"] } },
      gecko_android: { strict_min_version: "142.0" },
    },
  };
}
