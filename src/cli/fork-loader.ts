import { forkInputAt } from "../core/session/fork";
import { ImportError, importText } from "../core/session/import";
import type { ForkLoader } from "./record-command";
import { UsageError, type CliIO } from "./io";

/** `file` or `file@seq`; the seq is the digits after the last "@". */
export function parseForkSpec(spec: string): { file: string; seq?: number } {
  const m = /@(\d+)$/.exec(spec);
  if (!m) return { file: spec };
  return { file: spec.slice(0, m.index), seq: Number(m[1]) };
}

/**
 * `record --from <file>[@seq]`: seeds messages, state and thread from the replay of any file
 * the importer reads, and says on stderr what the recorded agent was waiting for.
 */
export const loadFork: ForkLoader = async (spec, io: CliIO) => {
  const { file, seq } = parseForkSpec(spec);
  if (!file) throw new UsageError(`--from expects <file>[@seq], got ${JSON.stringify(spec)}`);
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (err) {
    throw new UsageError(`--from ${file}: ${(err as Error).message}`);
  }
  let imported;
  try {
    imported = importText(text, { file });
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError(`--from ${file}: ${err.message}`);
    throw err;
  }
  const records = imported.records;
  for (const e of imported.errors.slice(0, 5)) io.stderr(`warning: ${file} line ${e.line}: ${e.error} (skipped)\n`);
  const last = records.length ? records[records.length - 1].seq : 0;
  if (seq !== undefined && (seq < 1 || seq > last)) throw new UsageError(`--from ${spec}: seq ${seq} is outside the file (records 1…${last})`);
  const fork = forkInputAt(records, seq);
  const waiting = [
    ...fork.pendingToolCalls.map((c) => `tool call ${c.toolCallId} (${c.name}) → --tool-result ${c.toolCallId}=<json>`),
    ...fork.pendingInterrupts.map((i) => `interrupt ${i.id} (${i.reason}) → --resume ${i.id}=<json>`),
  ];
  io.stderr(`fork: ${file} at seq ${fork.seq}: ${fork.messages.length} message(s)${fork.threadId ? `, thread ${fork.threadId}` : ""}\n${waiting.map((w) => `  awaiting ${w}\n`).join("")}`);
  return { messages: fork.messages, state: fork.state, ...(fork.threadId !== undefined ? { threadId: fork.threadId } : {}) };
};
