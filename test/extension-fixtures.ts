import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { HarContent, HarEntryLike } from "../extension/observe/har";

// Real entries from chrome.devtools.network (see the fixture's note), and a builder for entries
// made from real exchanges with the runtime fixture in Node.

export interface CapturedEntry {
  entry: HarEntryLike;
  content: HarContent;
}

type Stored = { entry: HarEntryLike; content: string | null; encoding?: string }[];
const file = JSON.parse(readFileSync(join(import.meta.dirname, "../extension/observe/fixtures/chrome-entries.json"), "utf8")) as { entries: Stored; har: Stored };
const captured = (list: Stored): CapturedEntry[] => list.map((e) => ({ entry: e.entry, content: { text: e.content, ...(e.encoding ? { encoding: e.encoding } : {}) } }));

/** As onRequestFinished delivered them. */
export const chromeEntries = captured(file.entries);
/** The same requests as getHAR() returned them later. */
export const chromeHar = captured(file.har);

export function chromeEntry(method: string, pathEnd: string): CapturedEntry {
  const found = chromeEntries.find((e) => e.entry.request.method === method && e.entry.request.url.endsWith(pathEnd));
  if (!found) throw new Error(`no ${method} …${pathEnd} in the fixture`);
  return found;
}

/** A HAR entry for a request made from Node, with the body the runtime wrote. */
export function entryFor(req: { method: string; url: string; headers?: Record<string, string>; body?: string }, res: { status: number; headers: Record<string, string>; body: string }, startedDateTime = new Date().toISOString()): CapturedEntry {
  const rows = (h: Record<string, string> = {}) => Object.entries(h).map(([name, value]) => ({ name, value }));
  return {
    entry: {
      startedDateTime,
      time: 40,
      request: { method: req.method, url: req.url, headers: rows(req.headers), ...(req.body !== undefined ? { postData: { mimeType: "application/json", text: req.body } } : {}) },
      response: { status: res.status, headers: rows(res.headers), content: { mimeType: res.headers["content-type"] ?? "", size: res.body.length } },
      timings: { blocked: 1, dns: -1, connect: -1, send: 0.5, wait: 20, receive: 18.5 },
    },
    content: { text: res.body },
  };
}
