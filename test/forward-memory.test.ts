import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";

// Backpressure through /__forward: a runtime writes a 400 MB answer as fast as TCP lets it,
// the page reads it slowly, and the server's resident memory (VmRSS of its own process) stays
// within a bound that does not depend on the answer's size. Without backpressure the server
// buffers what the page has not read yet: hundreds of MB here.

const ANSWER = 400 * 1024 * 1024;
/** Stated bound on the server's RSS growth while the answer flows (documented in docs/security.md). */
const BOUND = 64 * 1024 * 1024;

let upstream: Server;
let child: ChildProcess;
let origin = "";
let token = "";
let upstreamSent = 0;
let target = "";

const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/octet-stream" });
    const chunk = Buffer.alloc(256 * 1024, 120);
    // A well-behaved writer: it waits for drain, so only the forward can pile bytes up.
    const pump = () => {
      while (upstreamSent < ANSWER) {
        upstreamSent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  });
  upstream.listen(0, "127.0.0.1");
  await once(upstream, "listening");
  target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/server/forward-child.ts"), target], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  ({ origin, token } = JSON.parse(line.toString()) as { origin: string; token: string });
}, 30_000);

afterAll(async () => {
  child?.kill("SIGTERM");
  upstream.closeAllConnections();
  upstream.close();
});

describe("forward memory", () => {
  it("stays bounded while a slow page reads a 400 MB answer", async () => {
    const before = rss(child.pid!);
    let peak = before;
    let read = 0;
    await new Promise<void>((resolve, reject) => {
      const req = request(`${origin}/__forward?url=${encodeURIComponent(target + "/big")}`, { headers: { "x-inspector-token": token } }, (res) => {
        expect(res.statusCode).toBe(200);
        // Slow reader: take 1 MB, then pause until the event loop has turned a few times.
        res.on("data", (c: Buffer) => {
          read += c.length;
          if (read % (1024 * 1024) < c.length) {
            res.pause();
            peak = Math.max(peak, rss(child.pid!));
            setTimeout(() => res.resume(), 5);
          }
          if (read >= 120 * 1024 * 1024) {
            peak = Math.max(peak, rss(child.pid!));
            req.destroy();
            resolve();
          }
        });
        res.on("error", () => undefined);
      });
      req.on("error", (e) => (read >= 120 * 1024 * 1024 ? resolve() : reject(e)));
      req.end();
    });
    const grown = peak - before;
    console.log(`forward RSS: before ${(before / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB (+${(grown / 2 ** 20).toFixed(1)} MB) after the page read ${(read / 2 ** 20).toFixed(0)} MB; runtime had written ${(upstreamSent / 2 ** 20).toFixed(0)} MB`);
    // The runtime was held back by TCP, not allowed to run ahead into the server's memory.
    expect(upstreamSent).toBeLessThan(read + 32 * 1024 * 1024);
    expect(grown).toBeLessThan(BOUND);
  }, 120_000);
});
