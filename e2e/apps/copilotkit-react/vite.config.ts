import { defineConfig } from "vite";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

// The CopilotKit React test app, on its own: React's JSX (the repo's config uses the Preact
// preset, which would alias react to preact/compat). No React plugin is installed, so Vite's
// built-in transform compiles the JSX (automatic runtime from "react").
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  server: { host: "127.0.0.1" },
  logLevel: "warn",
  // Its own dependency cache: sharing node_modules/.vite with the harness server (vite at the repo
  // root) re-optimises that server's deps under it and stalls the harness pages.
  cacheDir: "../../../node_modules/.vite-copilotkit-react",
});
