import { TRANSPORTS, type ConnectionModel, type TransportChoice } from "../models/connection";
import { HeadersEditor } from "./HeadersEditor";

export function ConnectionBar({ connection }: { connection: ConnectionModel }) {
  const { url, transport, status, error, info, resolvedTransport, preferProto, protoAsked, note } = connection;
  const busy = status.value === "connecting";
  return (
    <form
      class="connection"
      aria-label="Connection"
      onSubmit={(e) => {
        e.preventDefault();
        void connection.connect();
      }}
    >
      <label class="field grow">
        <span>Runtime URL</span>
        <input
          type="url"
          aria-label="Runtime URL"
          placeholder="http://127.0.0.1:4000/api/copilotkit"
          value={url.value}
          onInput={(e) => (url.value = (e.target as HTMLInputElement).value)}
          required
        />
      </label>
      <label class="field">
        <span>Transport</span>
        <select aria-label="Transport" value={transport.value} onChange={(e) => (transport.value = (e.target as HTMLSelectElement).value as TransportChoice)}>
          {TRANSPORTS.map((t) => (
            <option value={t}>{t}</option>
          ))}
        </select>
      </label>
      <label class="check" title="Ask for application/vnd.ag-ui.event+proto; a CopilotKit runtime answers SSE regardless">
        <input type="checkbox" checked={preferProto.value} onChange={(e) => (preferProto.value = (e.target as HTMLInputElement).checked)} />
        <span>Protobuf</span>
      </label>
      <HeadersEditor rows={connection.headers.value} onChange={(rows) => (connection.headers.value = rows)} />
      <button type="submit" disabled={busy}>
        {busy ? "Connecting…" : "Connect"}
      </button>
      <p class="status" role="status" aria-live="polite">
        {status.value === "connected" && (
          <span>
            Connected · {resolvedTransport.value}
            {info.value ? ` · runtime ${info.value.version ?? "?"} · mode ${info.value.mode ?? "sse"}` : " · plain AG-UI endpoint"}
            {protoAsked.value ? " · asks for protobuf" : ""}
            {note.value ? ` · ${note.value}` : ""}
          </span>
        )}
        {status.value === "error" && error.value && (
          <span class="error">
            <strong>{error.value.code}</strong>: {error.value.message}
          </span>
        )}
      </p>
    </form>
  );
}
