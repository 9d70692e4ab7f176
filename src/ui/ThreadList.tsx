import type { SessionView } from "../models/session-view";
import type { ComposerModel } from "../models/composer";

/** Threads seen in this session, each with its lane colour; pick one to continue it or to filter the timeline by it. */
export function ThreadList({ view, composer, sessionId, openAt }: { view: SessionView; composer: ComposerModel; sessionId?: string | null; openAt?: (sessionId: string, seq: number) => void }) {
  const threads = view.threads.value;
  if (!threads.length) return null;
  const filter = view.filter.value;
  const active = new Set(composer.active.value.map((r) => r.threadId));
  const forks = composer.forks.value;
  const runs = view.runs.value;
  return (
    <section class="threads" aria-label="Threads">
      <h2>Threads</h2>
      <ul role="list" aria-label="Threads seen">
        {threads.map((t, i) => (
          <li class={`thread lane-${(i % 6) + 1}`}>
            <button type="button" class="link" aria-pressed={composer.threadId.value === t} title="Continue this thread with the next run" onClick={() => (composer.threadId.value = t)}>
              {t.slice(0, 8)}
            </button>
            {active.has(t) && <span class="small"> · streaming</span>}
            {runs.filter((r) => r.threadId === t).at(-1)?.outcome === "interrupt" && <span class="badge interrupted">interrupted</span>}
            {forks[t] && (
              <button type="button" class="link small" title="Go to the point this thread was forked from" onClick={() => {
                  const origin = forks[t];
                  if (origin.sessionId && origin.sessionId !== sessionId && openAt) openAt(origin.sessionId, origin.seq);
                  else view.select(origin.seq);
                }}>
                forked from {forks[t].sessionId && forks[t].sessionId !== sessionId ? "another session " : ""}#{forks[t].seq}
              </button>
            )}
            {composer.threadId.value === t && <span class="small muted"> · next run</span>}
            <button
              type="button"
              class="link small"
              aria-label={`Show only thread ${t.slice(0, 8)}`}
              aria-pressed={filter.threadId === t}
              onClick={() => (view.filter.value = { ...filter, threadId: filter.threadId === t ? null : t })}
            >
              {filter.threadId === t ? "show all" : "only this"}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
