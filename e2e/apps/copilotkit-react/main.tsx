/** @jsxImportSource react */
// A small, real CopilotKit v2 React app, used as a test fixture: a chat (CopilotChat), a frontend
// tool with a handler, and a button that runs an agent with useAgent().agent.runAgent(), counting
// every event the page itself received. Query parameters:
//   runtime   CopilotKit runtime URL (REST mount, or the single-route endpoint with single=1)
//   agent     the agent the chat and the Run button use (default "scripted")
//   endpoint  a plain AG-UI endpoint: registers an HttpAgent under `agent` instead of the runtime's
//   message   what the Run button sends (default "hello from the React page")
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { CopilotChat, CopilotKitProvider, HttpAgent, useAgent, useFrontendTool } from "@copilotkit/react-core/v2";
import "@copilotkit/react-core/v2/styles.css";
import { z } from "zod";

const params = new URLSearchParams(location.search);
const runtimeUrl = params.get("runtime") ?? undefined;
const agentId = params.get("agent") ?? "scripted";
const endpoint = params.get("endpoint");
const message = params.get("message") ?? "hello from the React page";
const single = params.get("single") === "1";
/** Where the page keeps its count, so a test can read what it received before a reload. */
const COUNT_KEY = "copilotkit-react-app:received";
const previous = sessionStorage.getItem(COUNT_KEY);
const agents = endpoint ? { [agentId]: new HttpAgent({ url: endpoint, agentId }) } : undefined;

function RunPanel() {
  const { agent, isReady } = useAgent({ agentId });
  const [status, setStatus] = useState("idle");
  const [received, setReceived] = useState(0);
  const [types, setTypes] = useState<string[]>([]);
  const [runThread, setRunThread] = useState("");

  const run = async () => {
    let count = 0;
    let aborted = false;
    const seen: string[] = [];
    setStatus("running");
    setReceived(0);
    (window as { __stopRun?: () => void }).__stopRun = () => {
      aborted = true;
      agent.abortRun();
    };
    agent.addMessage({ id: crypto.randomUUID(), role: "user", content: message });
    try {
      await agent.runAgent(
        {},
        {
          onEvent: ({ event }) => {
            count++;
            seen.push(event.type);
            const threadId = (event as { threadId?: unknown }).threadId;
            if (event.type === "RUN_STARTED" && typeof threadId === "string") setRunThread(threadId);
            sessionStorage.setItem(COUNT_KEY, String(count));
            setReceived(count);
            setTypes([...seen]);
          },
        },
      );
      setStatus(aborted ? "aborted" : "done");
    } catch (err) {
      setStatus(aborted ? "aborted" : `error: ${(err as Error)?.message ?? String(err)}`);
    }
  };

  return (
    <section aria-label="Run panel">
      <button type="button" disabled={!isReady || status === "running"} onClick={() => void run()}>
        Run agent
      </button>
      <button type="button" disabled={status !== "running"} onClick={() => (window as { __stopRun?: () => void }).__stopRun?.()}>
        Stop run
      </button>
      <p>
        Thread of the last run: <output aria-label="Run thread">{runThread}</output>
      </p>
      <p role="status" aria-label="Run status">
        {status}
      </p>
      <p>
        Events received: <output aria-label="Events received">{received}</output>
      </p>
      {previous !== null && (
        <p>
          Before this load: <output aria-label="Events received before this load">{previous}</output>
        </p>
      )}
      <ol aria-label="Event types">
        {types.map((type, i) => (
          <li key={i}>{type}</li>
        ))}
      </ol>
    </section>
  );
}

function ToolHandler() {
  const [calls, setCalls] = useState<string[]>([]);
  useFrontendTool({
    name: "confirm_action",
    description: "Ask the user to confirm an action",
    parameters: z.object({ action: z.string(), target: z.string() }),
    handler: async ({ action, target }) => {
      setCalls((c) => [...c, `${action} → ${target}`]);
      return { confirmed: true, action, target };
    },
  });
  return (
    <section aria-label="Frontend tool">
      <p>
        Tool handler calls: <output aria-label="Tool handler calls">{calls.length}</output>
      </p>
      <ul aria-label="Tool handler arguments">
        {calls.map((c, i) => (
          <li key={i}>{c}</li>
        ))}
      </ul>
    </section>
  );
}

function App() {
  return (
    <CopilotKitProvider runtimeUrl={endpoint ? undefined : runtimeUrl} useSingleEndpoint={single} agentId={agentId} agents__unsafe_dev_only={agents} enableInspector={false}>
      <main style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 16, height: "100vh" }}>
        <div>
          <h1>CopilotKit React test app</h1>
          <RunPanel />
          <ToolHandler />
        </div>
        <div aria-label="Chat" role="region" style={{ minHeight: 0 }}>
          <CopilotChat agentId={agentId} />
        </div>
      </main>
    </CopilotKitProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
