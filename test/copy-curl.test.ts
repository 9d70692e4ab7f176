import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { toCurl } from "../src/core/copy";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { eventsOf, recordingHarness, wireEvents } from "./helpers";

// A request copied as cURL, run by a real shell and curl against the real runtime, plays the same
// run again; the secret it was first sent with is not in the text, and is supplied by variable.

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(() => rt.close());

function withoutEcho(e: unknown): unknown {
  const ev = e as { type: string; input?: { messages?: unknown } };
  return ev.type === "RUN_STARTED" && ev.input ? { ...ev, input: { ...ev.input, messages: "(echo)" } } : e;
}

function sh(command: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("bash", ["-c", command], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))),
  );
}

describe("copied cURL against the real runtime", () => {
  for (const transport of ["rest", "single"] as const) {
    it(`${transport}: the copied command reproduces the recorded run`, async () => {
      const { recorder, records } = recordingHarness();
      const url = transport === "rest" ? rt.restUrl : rt.singleUrl;
      const client = createRuntimeClient({ url, transport, recorder, headers: { Authorization: "Bearer sk-copy-secret" } });
      await client.discover();
      const outcome = await client.run("scripted", buildRunInput({ messages: [userMessage("copy me")] }));
      expect(outcome.status).toBe("finished");
      const request = records.find((r) => r.kind === "request" && r.op === "run");
      expect(request?.kind).toBe("request");
      if (request?.kind !== "request") return;

      const curl = toCurl(request);
      expect(curl).not.toContain("sk-copy-secret");
      expect(curl).toContain('"$AUTHORIZATION"');

      const before = rt.tapped.length;
      const body = await sh(`${curl} --silent --show-error --fail`, { AUTHORIZATION: "Bearer sk-copy-secret" });
      const replayed = wireEvents(body);
      expect(replayed.length).toBeGreaterThan(10);
      // Identical events, except that RUN_STARTED echoes only the messages new to the thread, and the
      // user's message is no longer new the second time.
      expect(replayed.map(withoutEcho)).toEqual(eventsOf(records).map(withoutEcho));
      expect(replayed.filter((e) => (e as { type: string }).type === "TEXT_MESSAGE_CONTENT").map((e) => (e as { delta: string }).delta).join("")).toBe("You said: copy me");
      // The runtime served the copied request itself.
      expect(rt.tapped.length).toBeGreaterThan(before);
    });
  }
});
