import { redactUrlsIn } from "../core/session/redact";
import { createSecretValues } from "../core/session/redact-values";
import type { CliIO } from "./io";

// What the CLI prints goes through the same redaction as what it stores: URLs lose their
// credentials and secret query values, and every secret given on the command line (-H values
// under secret names, URL credentials) is replaced wherever an error message quotes it.

export function scrubbedIO(io: CliIO, argv: readonly string[]): CliIO {
  const secrets = createSecretValues();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const header = arg === "-H" || arg === "--header" ? argv[++i] : arg.startsWith("--header=") ? arg.slice(9) : arg.startsWith("-H") && arg.length > 2 ? arg.slice(2) : undefined;
    if (header !== undefined) {
      const at = header.indexOf(":");
      if (at > 0) secrets.learn({ headers: { [header.slice(0, at).trim()]: header.slice(at + 1).trim() } });
    } else if (/^https?:\/\//i.test(arg)) secrets.learn({ url: arg });
  }
  const clean = (text: string) => secrets.text(redactUrlsIn(text));
  return { ...io, stdout: (t) => io.stdout(clean(t)), stderr: (t) => io.stderr(clean(t)) };
}
