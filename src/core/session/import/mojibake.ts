// Chromium's HAR export stores `text/event-stream` bodies decoded as windows-1252 rather than
// UTF-8, so `21°C` is saved as `21Â°C` and `🌞` as `ðŸŒž`. The saved text maps back to the wire's
// bytes one character per byte; when those bytes are valid UTF-8, decoding them gives the text
// the wire carried. Text that does not map back or decode is left alone.

/** windows-1252's characters for bytes 0x80–0x9F (WHATWG); the five unassigned bytes map to U+0080–U+009F. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

const TO_BYTE = new Map<number, number>();
// Stryker disable next-line EqualityOperator: a 33rd round maps NaN, which no character has
for (let i = 0; i < 32; i++) TO_BYTE.set(CP1252_HIGH.charCodeAt(i), 0x80 + i);

/**
 * A lead byte of a multi-byte UTF-8 sequence followed by a continuation byte, both as
 * windows-1252 shows them: the mark of mis-decoded UTF-8.
 */
const MIS_DECODED = new RegExp(`[\\u00C2-\\u00F4][\\u00A0-\\u00BF${escapeClass(CP1252_HIGH)}]`);

function escapeClass(chars: string): string {
  return [...chars].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
}

export type Repair = { state: "clean"; text: string } | { state: "repaired"; text: string } | { state: "unrepairable"; text: string };

/** The text as the wire carried it, if `text` is UTF-8 that was read as windows-1252. */
export function repairMisDecoded(text: string): Repair {
  if (!MIS_DECODED.test(text)) return { state: "clean", text };
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // U+0080–U+00FF also come back as their byte: ISO-8859-1 readers save those.
    const b = c < 0x100 ? c : TO_BYTE.get(c);
    if (b === undefined) return { state: "unrepairable", text };
    bytes[i] = b;
  }
  try {
    return { state: "repaired", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { state: "unrepairable", text };
  }
}
