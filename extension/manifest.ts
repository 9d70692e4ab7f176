// The one manifest source for both browsers; the Firefox one differs only where Firefox needs it.

const common = (version: string) => ({
  manifest_version: 3,
  name: "AG-UI Inspector",
  short_name: "AG-UI",
  version,
  description: "An AG-UI panel in DevTools: connect to a CopilotKit runtime, record and replay runs, and see the AG-UI traffic of the inspected page.",
  devtools_page: "devtools.html",
  // storage: settings (local) and what each tab's DevTools saw (session). Nothing else at install.
  permissions: ["storage"],
  // Host access is asked per runtime origin when the user connects (chrome.permissions.request).
  optional_host_permissions: ["http://*/*", "https://*/*"],
  // Only the extension's own scripts: no remote code, no eval.
  content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
});

export function chromeManifest(version: string) {
  return {
    ...common(version),
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
