/**
 * Text from a host (unit descriptions, journal messages, checker output) made
 * safe for a terminal: control characters (C0 but tab, DEL, C1) and the
 * Unicode bidirectional overrides become visible escapes, so a host can never
 * retitle, clear or recolour the user's terminal. JSON output keeps the data.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const unsafe = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string): string {
  return s.replace(unsafe, (c) => {
    const n = c.charCodeAt(0);
    return n > 0xff ? `\\u${n.toString(16).padStart(4, "0")}` : `\\x${n.toString(16).padStart(2, "0")}`;
  });
}

/** printable() for each line of a multi-line message. */
export function printableLines(s: string): string {
  return s.split("\n").map(printable).join("\n");
}
