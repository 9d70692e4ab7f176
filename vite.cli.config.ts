import { defineConfig } from "vite";
import { builtinModules } from "node:module";

// The `agui-inspector` bin: one self-contained ESM file for Node, so an installed tarball needs no dependencies.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig({
  build: {
    ssr: "src/cli/bin.ts",
    outDir: "dist/cli",
    emptyOutDir: true,
    target: "node20",
    sourcemap: true,
    rollupOptions: {
      external: nodeBuiltins,
      output: { entryFileNames: "agui-inspector.js", banner: "#!/usr/bin/env node", format: "es" },
    },
  },
  ssr: { noExternal: true, target: "node" },
});
