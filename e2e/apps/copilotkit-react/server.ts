// Serves the CopilotKit React test app with Vite (dev server, its own config) on 127.0.0.1.
// Open `${url}/?runtime=<CopilotKit runtime URL>`; see main.tsx for the other query parameters.
import { createServer } from "vite";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ReactApp {
  url: string;
  close(): Promise<void>;
}

export async function startReactApp(port = 0): Promise<ReactApp> {
  const server = await createServer({ configFile: join(dirname(fileURLToPath(import.meta.url)), "vite.config.ts"), server: { port, strictPort: port !== 0 } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("the React app's server has no port");
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
