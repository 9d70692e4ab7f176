import { createHeader } from "../file";
import type { SessionHeader } from "../record";
import type { ImportFormat } from "./types";

/**
 * The header of an imported file: where it came from, and the agent when every stream named
 * the same one (`undefined` in `agents` is a stream that named none).
 */
export function importedHeader(kind: ImportFormat, file: string | undefined, agents: Iterable<string | undefined> = [], fields: Partial<SessionHeader> = {}): SessionHeader {
  const distinct = [...new Set(agents)];
  return createHeader({
    ...(file ? { name: baseName(file) } : {}),
    ...(distinct.length === 1 && distinct[0] !== undefined ? { agentId: distinct[0] } : {}),
    ...fields,
    source: { kind, ...(file ? { file: baseName(file) } : {}) },
  });
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
