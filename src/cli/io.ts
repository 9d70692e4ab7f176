import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** A file in chunks, for commands that read files of any size (replay, verify). */
  readStream?(path: string): AsyncIterable<string | Uint8Array>;
}

export const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: (p) => readFile(p, "utf8"),
  readStream: (p) => createReadStream(p, { highWaterMark: 1 << 20 }),
};

export class UsageError extends Error {}

export const EXIT = { ok: 0, failure: 1, usage: 2, runError: 3, verifyErrors: 4, mismatch: 5 } as const;

/** `-H 'Name: value'` → [name, value]. */
export function parseHeaderFlag(flag: string): [string, string] {
  const at = flag.indexOf(":");
  if (at <= 0) throw new UsageError(`-H expects 'Name: value', got ${JSON.stringify(flag)}`);
  return [flag.slice(0, at).trim(), flag.slice(at + 1).trim()];
}

/** `id=<json>` → [id, value]; a value that is not JSON is taken as a string. */
export function parseAssignment(flag: string, name: string): [string, unknown] {
  const at = flag.indexOf("=");
  if (at <= 0) throw new UsageError(`${name} expects <id>=<json>, got ${JSON.stringify(flag)}`);
  const raw = flag.slice(at + 1);
  try {
    return [flag.slice(0, at), JSON.parse(raw)];
  } catch {
    return [flag.slice(0, at), raw];
  }
}
