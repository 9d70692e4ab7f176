import type { RequestRecord } from "../session/record";
import { isSecretHeader, REDACTED, redactJson, redactUrl } from "../session/redact";
import { envName, shellQuote } from "./shell";

// A recorded request as a command that sends it again. Stored requests are already redacted; the
// builders redact once more on their own, so a secret handed to them by any path still never
// appears: secret headers become a shell variable (cURL) or a named placeholder (fetch).

export type CopyableRequest = Pick<RequestRecord, "method" | "url" | "headers" | "body">;

interface Header {
  name: string;
  value: string;
  secret: boolean;
}

function headersOf(req: CopyableRequest): Header[] {
  return Object.entries(req.headers ?? {})
    // The browser sets these itself; copying them would only make the command fail or lie.
    .filter(([name]) => !/^(content-length|host|connection)$/i.test(name))
    .map(([name, value]) => {
      const secret = isSecretHeader(name) || value.includes(REDACTED);
      return { name, value: secret ? "" : value, secret };
    });
}

function bodyText(req: CopyableRequest): string | undefined {
  if (req.body === undefined) return undefined;
  return typeof req.body === "string" ? req.body : JSON.stringify(redactJson(req.body));
}

/** `curl -N -X POST '<url>' -H '…' --data-raw '<body>'`; secret headers read from $NAME. */
export function toCurl(req: CopyableRequest): string {
  const lines = [`curl -N -X ${req.method.toUpperCase()} ${shellQuote(redactUrl(req.url))}`];
  for (const h of headersOf(req)) {
    lines.push(h.secret ? `-H ${shellQuote(`${h.name}: `)}"$${envName(h.name)}"` : `-H ${shellQuote(`${h.name}: ${h.value}`)}`);
  }
  const body = bodyText(req);
  if (body !== undefined) lines.push(`--data-raw ${shellQuote(body)}`);
  return lines.join(" \\\n  ");
}

/** The variables a copied cURL command expects to be set, one per secret header. */
export function curlSecrets(req: CopyableRequest): string[] {
  return headersOf(req).filter((h) => h.secret).map((h) => envName(h.name));
}

/** `await fetch(url, { method, headers, body })`; secret headers are "<NAME>" placeholders. */
export function toFetch(req: CopyableRequest): string {
  const headers: Record<string, string> = {};
  for (const h of headersOf(req)) headers[h.name] = h.secret ? `<${envName(h.name)}>` : h.value;
  const init: string[] = [`  method: ${JSON.stringify(req.method.toUpperCase())},`, `  headers: ${JSON.stringify(headers, null, 2).replace(/\n/g, "\n  ")},`];
  const body = bodyText(req);
  if (body !== undefined) init.push(`  body: ${JSON.stringify(body)},`);
  return `await fetch(${JSON.stringify(redactUrl(req.url))}, {\n${init.join("\n")}\n});`;
}
