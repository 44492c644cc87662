/**
 * Just enough of /bin/sh's word reading to see a cron command the way the
 * shell will: words outside quotes, the operators that separate commands, and
 * where a comment starts. Quotes, backslashes, `$(...)` and backticks keep
 * their content inside one word; nothing is expanded. Never throws.
 */

export interface ShellWord {
  kind: "word";
  text: string;
  /** Offset in the command. */
  start: number;
  end: number;
}

export interface ShellOperator {
  kind: "op";
  /** `;`, `&&`, `||`, `|`, `&`, `|&`, `(`, `)` or a redirection (`>`, `>>`, `2>&1`, `&>`, `<`, ...). */
  text: string;
  start: number;
  end: number;
}

export type ShellToken = ShellWord | ShellOperator;

export interface ShellCommand {
  tokens: ShellToken[];
  /** Offset of the '#' that starts a comment, when there is one. */
  comment?: number;
}

const blank = (ch: string | undefined) => ch === " " || ch === "\t";
const separators = ["&&", "||", "|&", ";;", ";", "|", "&", "(", ")"];

/** Reads a command line (the text cron hands to `sh -c`, before '%' handling). */
/** A redirection where a token starts: sticky, so no copy of the rest of the command is made per token. */
const redirectAt = /\d*(?:>>|>&|<&|<>|>\||>|<)(?:&?\d+|-)?|&>>?/y;

export function readShell(command: string): ShellCommand {
  const tokens: ShellToken[] = [];
  let i = 0;
  const n = command.length;
  while (i < n) {
    const ch = command[i] as string;
    if (blank(ch) || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "#") return { tokens, comment: i };
    redirectAt.lastIndex = i;
    const redirect = redirectAt.exec(command);
    if (redirect) {
      tokens.push({ kind: "op", text: redirect[0], start: i, end: i + redirect[0].length });
      i += redirect[0].length;
      continue;
    }
    const sep = separators.find((s) => command.startsWith(s, i));
    if (sep) {
      tokens.push({ kind: "op", text: sep, start: i, end: i + sep.length });
      i += sep.length;
      continue;
    }
    const start = i;
    i = wordEnd(command, i);
    tokens.push({ kind: "word", text: command.slice(start, i), start, end: i });
  }
  return { tokens };
}

/** The end of the word that starts at `i`: quotes and substitutions are skipped whole. */
function wordEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length) {
    const ch = s[i] as string;
    if (blank(ch) || ch === "\n" || ch === "\r" || ";&|()<>".includes(ch)) break;
    if (ch === "\\") i += 2;
    else if (ch === "'") i = closing(s, i + 1, "'");
    else if (ch === '"') i = closingDouble(s, i + 1);
    else if (ch === "`") i = closing(s, i + 1, "`");
    else if (ch === "$" && s[i + 1] === "(") i = closingParen(s, i + 2);
    else if (ch === "$" && s[i + 1] === "{") i = closing(s, i + 2, "}");
    else i++;
  }
  return Math.min(i, s.length);
}

function closing(s: string, from: number, quote: string): number {
  const j = s.indexOf(quote, from);
  return j < 0 ? s.length : j + 1;
}

function closingDouble(s: string, from: number): number {
  let i = from;
  while (i < s.length) {
    const ch = s[i];
    if (ch === "\\") i += 2;
    else if (ch === '"') return i + 1;
    else if (ch === "$" && s[i + 1] === "(") i = closingParen(s, i + 2);
    else i++;
  }
  return s.length;
}

function closingParen(s: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < s.length && depth > 0) {
    const ch = s[i] as string;
    if (ch === "\\") i++;
    else if (ch === "'") {
      i = closing(s, i + 1, "'");
      continue;
    } else if (ch === '"') {
      i = closingDouble(s, i + 1);
      continue;
    } else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    i++;
  }
  return i;
}

const commandSeparators = new Set([";", "&&", "||", "|", "&", "|&", "(", ";;"]);
/** Reserved words and wrappers after which the next word is again a command. */
const prefixWords = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "exec", "command", "nohup"]);

/**
 * The words in command position: the first word of every simple command,
 * after leading NAME=value assignments and reserved words. Redirections and
 * their targets are skipped.
 */
export function commandWords(cmd: ShellCommand): ShellWord[] {
  const out: ShellWord[] = [];
  let expecting = true;
  let skipNext = false;
  for (const t of cmd.tokens) {
    if (t.kind === "op") {
      if (commandSeparators.has(t.text)) expecting = true;
      // A redirection without its target attached (`>`, `2>>`) takes the next word.
      else skipNext = /[<>|]$/.test(t.text);
      continue;
    }
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (!expecting) continue;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t.text) || prefixWords.has(t.text)) continue;
    out.push(t);
    expecting = false;
  }
  return out;
}
