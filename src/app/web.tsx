import { mountInspector } from "./mount";
import { createMemorySink } from "../storage/memory";
import "../ui/styles.css";

// The web entry: the page's own fetch; CORS applies, so the page origin is passed to name refusals.
const params = new URLSearchParams(location.search);
mountInspector({
  container: document.getElementById("app")!,
  host: {
    kind: "web",
    fetch: (input, init) => fetch(input, init),
    origin: location.origin,
    createSink: async () => createMemorySink(),
    initialRuntimeUrl: params.get("runtime") ?? undefined,
  },
});
