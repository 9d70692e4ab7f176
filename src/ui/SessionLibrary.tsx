import { useEffect, useRef } from "preact/hooks";
import type { LibraryModel } from "../models/library";
import { size } from "./SessionCard";
import { SessionList } from "./SessionList";

export { saveBlob } from "./saveBlob";

export function SessionLibrary({ library }: { library: LibraryModel }) {
  const picker = useRef<HTMLInputElement>(null);
  const duplicate = library.duplicate.value;
  useEffect(() => {
    void library.refresh();
  }, []);
  const meter = library.meter.value;
  const progress = library.progress.value;
  return (
    <section class="library" aria-label="Sessions">
      <h2>Sessions</h2>
      <div class="row">
        <input type="search" aria-label="Search sessions" placeholder="Name, agent, URL, tag" value={library.query.value} onInput={(e) => ((library.query.value = (e.target as HTMLInputElement).value), void library.refresh())} />
        <button type="button" class="secondary" onClick={() => picker.current?.click()}>
          Import session
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          aria-label="Session file"
          accept=".jsonl,.json,.ndjson,.har,.sse,.txt,application/json"
          onChange={(e) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) void library.importFile(file);
            (e.target as HTMLInputElement).value = "";
          }}
        />
      </div>
      {progress && (
        <p class="small" role="status">
          Importing… {size(progress.bytes)} of {size(progress.total)} · {progress.records} records
          <progress value={progress.bytes} max={progress.total || 1} />
        </p>
      )}
      {library.notice.value && <p class="small" role="status">{library.notice.value}</p>}
      {duplicate && (
        <div class="notice" role="alert" aria-label="Already imported">
          <p class="small">
            {duplicate.file.name ?? "This file"} is already in the library as “{duplicate.existing.name}”.
          </p>
          <div class="row small">
            <button type="button" onClick={() => void library.openDuplicate()}>
              Open the existing session
            </button>
            <button type="button" class="secondary" onClick={() => void library.importDuplicateAnyway()}>
              Import a copy
            </button>
            <button type="button" class="link" onClick={() => library.dismissDuplicate()}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      {[...library.deleting.value.values()].map(({ item }) => (
        <p class="small notice" role="status">
          Deleted “{item.name}”.{" "}
          <button type="button" class="link" aria-label={`Undo delete of ${item.name}`} onClick={() => library.undo(item.id)}>
            Undo
          </button>
        </p>
      ))}
      {library.error.value && (
        <p class="error" role="alert">
          {library.error.value}
        </p>
      )}
      <SessionList library={library} />
      <div class="row small muted">
        {meter?.supported && meter.quota ? (
          <span>
            Storage: {size(meter.usage ?? 0)} of {size(meter.quota)}
            <meter aria-label="Storage used" min={0} max={meter.quota} value={meter.usage ?? 0} />
            {meter.persisted ? " · persistent" : ""}
          </span>
        ) : (
          <span>Storage estimate unavailable</span>
        )}
        {meter && !meter.persisted && (
          <button type="button" class="link" onClick={() => void library.persist()}>
            Keep data (persistent)
          </button>
        )}
        <button type="button" class="link danger" onClick={() => confirm("Delete every stored session?") && void library.wipe()}>
          Wipe all
        </button>
      </div>
    </section>
  );
}
