import { request, type IncomingHttpHeaders } from "node:http";

/** One HTTP request as a client that is not a browser sends it (any header, any method), read whole. */
export function rawRequest(url: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, method }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
