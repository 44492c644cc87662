import type { LogrotateVersion } from "../../core/settings.js";
import type { Token } from "./parser.js";

/**
 * The argument grammars of config.c, one function per reader it uses
 * (strtol/strtoul with base 0, the size reader, sscanf("%ho ...") in 3.21.0
 * and the word splitter of 3.22.0 for modes and owners). Each returns what is
 * wrong, or nothing; the rule words the message.
 */

/** What strtol/strtoul with base 0 read completely: decimal, 0x hex, 0 octal (a sign allowed). */
const cInteger = /^[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

export function cValue(s: string): number {
  const neg = s.startsWith("-");
  const body = s.replace(/^[+-]/, "");
  const v = /^0[xX]/.test(body) ? Number.parseInt(body.slice(2), 16) : /^0/.test(body) ? Number.parseInt(body, 8) || 0 : Number(body);
  return neg ? -v : v;
}

/** A count read with strtol/strtoul: whole text consumed and at least `min` (strtoul turns "-1" into a huge number, read back as -1). */
export function badCount(text: string, min: number): boolean {
  return !cInteger.test(text) || cValue(text) < min;
}

/** size/minsize/maxsize: an optional last letter k, K, M or G, then what strtoull reads (no sign). */
export function sizeProblem(text: string): { unit?: string; bad?: true } | undefined {
  const last = text[text.length - 1] as string;
  const unit = /[kKMG]$/.test(last);
  if (!unit && !/[0-9]/.test(last)) return { unit: last };
  const digits = unit ? text.slice(0, -1) : text;
  if (digits === "") return undefined; // strtoull of "" is 0: `size M` means 0 bytes
  if (!cInteger.test(digits) || (digits.startsWith("-") && cValue(digits) !== 0)) return { bad: true };
  return undefined;
}

/** Splits words as 3.22.0's readModeUidGid does: blanks separate, a word may be quoted with ' or ". */
export function splitWords(value: Token): { words: Token[]; unterminated: boolean } {
  const words: Token[] = [];
  const t = value.text;
  let i = 0;
  while (i < t.length) {
    while (/\s/.test(t[i] ?? "x")) i++;
    if (i >= t.length) break;
    const q = t[i] === "'" || t[i] === '"' ? t[i] : "";
    const s = i;
    if (q) {
      const close = t.indexOf(q, i + 1);
      if (close < 0) return { words, unterminated: true };
      i = close + 1;
      words.push(sub(value, s, i, t.slice(s + 1, close)));
    } else {
      while (i < t.length && !/\s/.test(t[i] as string)) i++;
      words.push(sub(value, s, i, t.slice(s, i)));
    }
  }
  return { words, unterminated: false };
}

function sub(value: Token, s: number, e: number, text: string): Token {
  const { line, character } = value.range.start;
  return { text, offset: value.offset + s, range: { start: { line, character: character + s }, end: { line, character: character + e } } };
}

export type OwnerProblem =
  | { kind: "extra"; from: Token; to: Token }
  | { kind: "unterminated" }
  | { kind: "mode"; word: Token }
  | { kind: "no-group" }
  | { kind: "no-user" };

export interface OwnerReading {
  mode?: Token;
  user?: Token;
  group?: Token;
  problem?: OwnerProblem;
}

/**
 * How `create`, `createolddir` and `su` read their words. 3.21.0 uses
 * sscanf("%ho %s %s%c"): a first word that starts like an octal number is
 * the mode (whatever follows the octal digits becomes the next word), else
 * the words are owner and group. 3.22.0 splits words (quotes allowed): three
 * are mode, owner, group; two are owner, group; one is a mode (`su`: a user).
 */
export function readOwner(directive: string, value: Token, version: LogrotateVersion): OwnerReading {
  const su = directive === "su";
  if (version === "3.21.0") {
    const words = splitOnBlanks(value);
    const first = words[0];
    if (!first) return {};
    const octal = /^[+-]?[0-7]+/.exec(first.text);
    if (!su && octal) {
      // sscanf stops the mode at the first non-octal digit and reads the rest as the user.
      const rest = first.text.slice(octal[0].length);
      const tail = rest ? [sub(first, octal[0].length, first.text.length, rest), ...words.slice(1)] : words.slice(1);
      const mode = sub(first, 0, octal[0].length, octal[0]);
      if (tail.length > 2) return { mode, problem: { kind: "extra", from: tail[2] as Token, to: tail[tail.length - 1] as Token } };
      if (rest) return { mode, problem: { kind: "mode", word: first } };
      return { mode, ...(tail[0] ? { user: tail[0] } : {}), ...(tail[1] ? { group: tail[1] } : {}) };
    }
    if (words.length > 2) return { problem: { kind: "extra", from: words[2] as Token, to: words[words.length - 1] as Token } };
    return { user: first, ...(words[1] ? { group: words[1] } : {}) };
  }
  const { words, unterminated } = splitWords(value);
  if (unterminated) return { problem: { kind: "unterminated" } };
  const max = su ? 2 : 3;
  if (words.length > max) return { problem: { kind: "extra", from: words[max] as Token, to: words[words.length - 1] as Token } };
  if (words.length === 3) {
    const [mode, user, group] = words as [Token, Token, Token];
    return /^[0-7]+$/.test(mode.text) ? { mode, user, group } : { mode, user, group, problem: { kind: "mode", word: mode } };
  }
  if (words.length === 2) return { user: words[0] as Token, group: words[1] as Token };
  if (words.length === 1) {
    const w = words[0] as Token;
    if (su) return { user: w };
    return /^[0-7]+$/.test(w.text) ? { mode: w } : { mode: w, problem: { kind: "mode", word: w } };
  }
  return {};
}

function splitOnBlanks(value: Token): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(value.text); m; m = re.exec(value.text)) out.push(sub(value, m.index, m.index + m[0].length, m[0]));
  return out;
}

/** The strftime specifiers logrotate turns into digits for `dateformat` (any other % is written as it is). */
export const dateSpecifiers = new Set(["Y", "m", "d", "H", "M", "S", "V", "s"]);

/** The compression commands whose extension logrotate sets by itself when `compresscmd` names them. */
export function knownCompressExt(command: string, version: LogrotateVersion): string | undefined {
  const base = command.split("/").pop() ?? command;
  const table: Record<string, string> = {
    gzip: ".gz",
    bzip2: ".bz2",
    xz: ".xz",
    zstd: ".zst",
    compress: ".Z",
    zip: version === "3.21.0" ? "zip" : ".zip",
  };
  return table[base];
}

/** readPath(): every character printable and not blank. */
export function badPath(text: string): boolean {
  return /[\s\p{Cc}]/u.test(text);
}

/** readAddress(): printable ASCII without spaces. */
export function badAddress(text: string): boolean {
  return !/^[\x21-\x7e]*$/.test(text);
}
