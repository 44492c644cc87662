import { detached, GenerationalCache } from "../../../core/memo.js";

/**
 * Splits a value into words as systemd's extract_first_word() does with
 * EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE: whitespace separates words, single and
 * double quotes group (also in the middle of a word), a backslash escapes.
 */
export interface Word {
  /** The word with quotes removed and escapes resolved. */
  text: string;
  /** The raw source of the word. */
  raw: string;
  start: number;
  end: number;
}

export type SplitResult = { ok: true; words: Word[] } | { ok: false; reason: string; offset: number };

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

const simpleEscapes: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
  s: " ",
};

export interface SplitOptions {
  separators?: string;
  unescape?: boolean;
}

/** One cache per way of splitting (there are three in use), so the value alone is the key. */
const splitCaches = new Map<string, GenerationalCache<SplitResult>>();

/**
 * The words of a value. Several rules split the same value, and every check
 * splits every value of the document again: the result is kept by value, and
 * shared by every caller, who must not change it (not frozen: frozen arrays slow down every loop over them).
 */
export function splitWords(value: string, options: SplitOptions = {}): SplitResult {
  const how = `${options.separators ?? ""}\0${options.unescape !== false}`;
  let cache = splitCaches.get(how);
  if (!cache) {
    cache = new GenerationalCache<SplitResult>();
    splitCaches.set(how, cache);
  }
  let result = cache.get(value);
  if (!result) {
    const own = detached(value);
    result = split(own, options);
    cache.set(own, result);
  }
  return result;
}

function split(value: string, options: SplitOptions): SplitResult {
  const separators = options.separators;
  const isSep = (c: string | undefined) => (separators ? c !== undefined && separators.includes(c) : isSpace(c));
  const words: Word[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && isSep(value[i])) i++;
    if (i >= value.length) break;
    const start = i;
    let text = "";
    let quote: string | undefined;
    let quoteStart = 0;
    while (i < value.length) {
      const c = value[i] as string;
      if (quote) {
        if (c === quote) {
          quote = undefined;
          i++;
          continue;
        }
      } else if (c === '"' || c === "'") {
        quote = c;
        quoteStart = i;
        i++;
        continue;
      } else if (isSep(c)) {
        break;
      }
      if (c === "\\") {
        const next = value[i + 1];
        if (next === undefined) return { ok: false, reason: "a backslash at the end of the value escapes nothing", offset: i };
        if (options.unescape !== false && next in simpleEscapes) text += simpleEscapes[next];
        else if (options.unescape !== false) text += next;
        else text += c + next;
        i += 2;
        continue;
      }
      text += c;
      i++;
    }
    if (quote)
      return {
        ok: false,
        reason: `unbalanced quoting: the ${quote === '"' ? "double" : "single"} quote is never closed`,
        offset: quoteStart,
      };
    words.push({ text, raw: value.slice(start, i), start, end: i });
  }
  return { ok: true, words };
}
