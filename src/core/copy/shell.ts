/** POSIX single-quoting: nothing inside is expanded, a quote is closed, escaped and reopened. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** AUTHORIZATION for "authorization", X_API_KEY for "x-api-key": a name a shell variable can have. */
export function envName(header: string): string {
  const n = header.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[0-9]/.test(n) || n === "" ? `H_${n}` : n;
}
