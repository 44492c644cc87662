import type { Position, Range } from "../../core/text.js";
import { lineStarts, offsetMap } from "../../core/text.js";

/**
 * A crontab parser that reads lines the way Debian's cron (the Vixie 3.0
 * line) does: a line is split on '\n' only (a '\r' before it stays part of
 * the line, as it does for cron), blanks are spaces and tabs, a line whose
 * first non-blank character is '#' is a comment, an environment line is
 * recognised by cron's own state machine (see env.ts), anything else is a
 * job: an @shorthand or five time fields, then (in system crontabs) a user
 * name, then the command. Whether a file has the user field depends on its
 * path, so the parser keeps the words after the time fields and lets
 * `jobParts()` split them. It never throws.
 */

export interface Token {
  text: string;
  range: Range;
  /** Offset of the token in the document. */
  offset: number;
}

export interface CommentLine {
  kind: "comment";
  line: number;
  text: string;
}

export interface EnvLine {
  kind: "env";
  line: number;
  /** The variable's name, quotes removed. */
  key: string;
  name: Token;
  /** The value as cron stores it: quotes removed, an unquoted value trimmed. */
  value: string;
  valueToken: Token;
  quoted: boolean;
  range: Range;
}

export interface JobLine {
  kind: "job";
  line: number;
  /** The whole line, without the '\n' (a '\r' before it is kept). */
  text: string;
  offset: number;
  /** `@daily` and friends, when the line starts with '@'. */
  special?: Token;
  /** The time fields present (up to five; fewer when the line ends early). */
  fields: Token[];
  /** The blank-separated words after the schedule. */
  words: Token[];
  /** Offset in the line where the text after the schedule starts (after blanks); the line's length when none. */
  restStart: number;
  range: Range;
}

export type CronLine = CommentLine | EnvLine | JobLine;

export interface CronFile {
  text: string;
  lines: CronLine[];
  comments: { line: number; text: string }[];
  /** Whether the last line that cron reads as a job or an environment line is followed by '\n'. */
  lastLineUnterminated?: CronLine;
  positionAt(offset: number): Position;
  /** The document offset of a position (inverse of positionAt). */
  offsetAt(position: Position): number;
  /** Number of lines as an editor counts them. */
  lineCount: number;
  /** Whether the text starts with a byte order mark, which the lines are parsed without (cron itself keeps it: see the byte-order-mark rule). */
  byteOrderMark: boolean;
}

const isBlank = (ch: string | undefined) => ch === " " || ch === "\t";

/** Line starts as an editor (and the LSP) counts lines: \n, \r\n and a lone \r all end a line. */
export function parseCrontab(text: string): CronFile {
  const starts = lineStarts(text);
  const { positionAt, offsetAt } = offsetMap(text, starts);
  const byteOrderMark = text.startsWith("\uFEFF");
  const file: CronFile = { text, lines: [], comments: [], positionAt, offsetAt, lineCount: starts.length, byteOrderMark };
  let offset = byteOrderMark ? 1 : 0;
  while (offset <= text.length) {
    const nl = text.indexOf("\n", offset);
    const end = nl < 0 ? text.length : nl;
    const parsed = parseLine(text.slice(offset, end), offset, positionAt);
    if (parsed) {
      file.lines.push(parsed);
      if (parsed.kind === "comment") file.comments.push({ line: parsed.line, text: parsed.text });
      else if (nl < 0) file.lastLineUnterminated = parsed;
    }
    if (nl < 0) break;
    offset = nl + 1;
  }
  return file;
}

function token(lineText: string, lineOffset: number, start: number, end: number, positionAt: (o: number) => Position): Token {
  return {
    text: lineText.slice(start, end),
    offset: lineOffset + start,
    range: { start: positionAt(lineOffset + start), end: positionAt(lineOffset + end) },
  };
}

function parseLine(lineText: string, lineOffset: number, positionAt: (o: number) => Position): CronLine | undefined {
  let i = 0;
  while (isBlank(lineText[i])) i++;
  if (i >= lineText.length) return undefined;
  const line = positionAt(lineOffset + i).line;
  if (lineText[i] === "#") return { kind: "comment", line, text: lineText };
  const env = parseEnv(lineText, i);
  if (env) {
    return {
      kind: "env",
      line,
      key: env.key,
      name: token(lineText, lineOffset, env.nameStart, env.nameEnd, positionAt),
      value: env.value,
      valueToken: token(lineText, lineOffset, env.valueStart, env.valueEnd, positionAt),
      quoted: env.quoted,
      range: { start: positionAt(lineOffset + i), end: positionAt(lineOffset + trimmedEnd(lineText)) },
    };
  }
  const job: JobLine = {
    kind: "job",
    line,
    text: lineText,
    offset: lineOffset,
    fields: [],
    words: [],
    restStart: lineText.length,
    range: { start: positionAt(lineOffset + i), end: positionAt(lineOffset + trimmedEnd(lineText)) },
  };
  const word = (): [number, number] | undefined => {
    while (isBlank(lineText[i])) i++;
    if (i >= lineText.length) return undefined;
    const s = i;
    while (i < lineText.length && !isBlank(lineText[i])) i++;
    return [s, i];
  };
  if (lineText[i] === "@") {
    const w = word() as [number, number];
    job.special = token(lineText, lineOffset, w[0], w[1], positionAt);
  } else {
    for (let f = 0; f < 5; f++) {
      const w = word();
      if (!w) break;
      job.fields.push(token(lineText, lineOffset, w[0], w[1], positionAt));
    }
  }
  while (isBlank(lineText[i])) i++;
  job.restStart = i;
  for (let w = word(); w; w = word()) job.words.push(token(lineText, lineOffset, w[0], w[1], positionAt));
  return job;
}

function trimmedEnd(s: string): number {
  let end = s.length;
  while (end > 0 && /\s/.test(s[end - 1] as string)) end--;
  return end;
}

interface EnvParse {
  key: string;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  value: string;
  quoted: boolean;
}

const isSpace = (ch: string) => ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\v" || ch === "\f";

/**
 * cron's load_env() state machine (Debian and cronie share it): an optionally
 * quoted name, blanks, '=', blanks, an optionally quoted value; after a
 * closing quote only blanks may follow; an unquoted value runs to the end of
 * the line and is trimmed; an empty unquoted value is not an assignment.
 */
export function parseEnv(s: string, from: number): EnvParse | undefined {
  type State = "namei" | "name" | "eq1" | "eq2" | "valuei" | "value" | "fini";
  let state: State = "namei";
  let quote = "";
  let c = from;
  let nameStart = from;
  let nameEnd = from;
  let valueStart = -1;
  let valueEnd = -1;
  let value = "";
  let quoted = false;
  while (c < s.length) {
    const ch = s[c] as string;
    if (state === "namei" || state === "valuei") {
      if (ch === "'" || ch === '"') {
        quote = ch;
        if (state === "valuei") {
          quoted = true;
          valueStart = c;
        } else nameStart = c;
        c++;
      } else if (state === "valuei") valueStart = c;
      state = state === "namei" ? "name" : "value";
      continue;
    }
    if (state === "name" || state === "value") {
      if (quote) {
        if (ch === quote) {
          c++;
          if (state === "name") {
            nameEnd = c;
            state = "eq1";
          } else {
            valueEnd = c;
            state = "fini";
          }
          continue;
        }
        if (state === "name" && ch === "=") return undefined;
      } else if (state === "name") {
        if (isSpace(ch)) {
          nameEnd = c;
          c++;
          state = "eq1";
          continue;
        }
        if (ch === "=") {
          nameEnd = c;
          state = "eq1";
          continue;
        }
      }
      if (state === "value") value += ch;
      c++;
      continue;
    }
    if (state === "eq1") {
      if (ch === "=") {
        state = "eq2";
        quote = "";
      } else if (!isSpace(ch)) return undefined;
      c++;
      continue;
    }
    // eq2 and fini skip blanks; anything else moves on (and is an error after a closing quote).
    if (isSpace(ch)) c++;
    else if (state === "fini") return undefined;
    else state = "valuei";
  }
  if (!(state === "fini" || (state === "value" && !quote))) return undefined;
  if (state === "value") {
    value = value.trimEnd();
    valueEnd = valueStart + value.length;
  }
  const rawName = s.slice(nameStart, nameEnd);
  const key = /^["']/.test(rawName) ? rawName.slice(1, -1) : rawName;
  return { key, nameStart, nameEnd, valueStart, valueEnd, value, quoted };
}

/** Splits a job's words into the user (system crontabs) and the command text. */
export function jobParts(job: JobLine, system: boolean): { user?: Token; command: string; commandStart: number } {
  if (!system) return { command: job.text.slice(job.restStart), commandStart: job.restStart };
  const user = job.words[0];
  if (!user) return { command: "", commandStart: job.text.length };
  let start = user.offset - job.offset + user.text.length;
  while (isBlank(job.text[start])) start++;
  return { user, command: job.text.slice(start), commandStart: start };
}

/** The line (job or environment) under a position. */
export function lineAt(file: CronFile, line: number): CronLine | undefined {
  return file.lines.find((l) => l.line === line);
}
