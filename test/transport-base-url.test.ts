import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type RuntimeFixture } from "../e2e/fixtures/runtime";
import { createRuntimeClient } from "../src/core/transport/client";
import { buildRunInput, userMessage } from "../src/core/transport/input";
import { recordingHarness } from "./helpers";

// The runtime URL as a user types or pastes it: a trailing "/" (or several) must not end up
// inside the URLs the client calls and records.

let rt: RuntimeFixture;
beforeAll(async () => {
  rt = await startRuntime();
});
afterAll(() => rt.close());

const requestUrls = (records: { kind: string; url?: string }[]) => records.filter((r) => r.kind === "request").map((r) => r.url);

describe("REST base URL with trailing slashes", () => {
  for (const suffix of ["/", "//"]) {
    it(`"${suffix}": info, run and stop go to the runtime's own paths`, async () => {
      const { recorder, records } = recordingHarness();
      const client = createRuntimeClient({ url: rt.restUrl + suffix, transport: "rest", recorder });
      const d = await client.discover();
      expect(d.info?.version).toBe("1.75.0");
      const input = buildRunInput({ messages: [userMessage("slash")] });
      const run = await client.run("scripted", input);
      expect(run.status).toBe("finished");
      await client.stop("scripted", input.threadId);
      expect(requestUrls(records)).toEqual([`${rt.restUrl}/info`, `${rt.restUrl}/agent/scripted/run`, `${rt.restUrl}/agent/scripted/stop/${encodeURIComponent(input.threadId)}`]);
      // The client still names the URL it was given.
      expect(client.url).toBe(rt.restUrl + suffix);
    });
  }

  it("auto discovery with a trailing slash records the slash-free /info", async () => {
    const { recorder, records } = recordingHarness();
    await createRuntimeClient({ url: rt.restUrl + "/", recorder }).discover();
    expect(requestUrls(records)).toEqual([`${rt.restUrl}/info`]);
  });
});
