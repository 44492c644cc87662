import type { Position, Range } from "../../core/text.js";
import { lineStarts, offsetMap } from "../../core/text.js";
import { directiveInfo, scriptDirectives } from "./data.js";

/**
 * A logrotate config parser that reads a file the way `readConfigFile()` in
 * logrotate's config.c does: a keyword is a run of letters at the start of a
 * statement; keywords without an argument may be followed by another keyword
 * on the same line (`missingok notifempty`); keywords with an argument take
 * the rest of the line (after blanks and an optional '='); a '#' where a
 * statement starts begins a comment (a '#' after an argument is part of it);
 * a statement starting with '/', '"', '\'' or '~' is a list of path patterns
 * that runs (over lines) up to '{'; '}' ends the block; a script keyword
 * (postrotate ...) takes every line up to one whose first word is
 * `endscript`, as shell, unparsed. It never throws and, unlike logrotate,
 * keeps reading after a mistake so that every problem is reported.
 */

export interface Token {
  text: string;
  range: Range;
  offset: number;
}

export interface Script {
  /** The first and last line of the shell text (none when endscript follows at once). */
  startLine: number;
  endLine: number;
  /** The `endscript` keyword, absent when the file ends first. */
  end?: Token;
}

export interface Directive {
  name: Token;
  /** The argument as logrotate isolates it: the rest of the line, trimmed (absent for keywords that take none). */
  value?: Token;
  /** Whether the value was introduced by '='. */
  line: number;
  /** The block it is in, or none in the global section. */
  block?: Block;
  /** The keyword before it on the same line when this one follows an argumentless keyword (`compress yes`). */
  after?: Directive;
  script?: Script;
  range: Range;
}

export interface Block {
  /** The path patterns, quotes kept in `text` of `raw`, removed in `text`. */
  patterns: Token[];
  open: Token;
  close?: Token;
  directives: Directive[];
  startLine: number;
  endLine: number;
  range: Range;
}

export type ProblemCode =
  | "unexpected-close"
  | "missing-open"
  | "path-in-block"
  | "unclosed-block"
  | "unclosed-at-end"
  | "crlf"
  | "text-after-close"
  | "missing-endscript"
  | "not-a-statement"
  | "not-separated";

export interface Problem {
  code: ProblemCode;
  range: Range;
  message: string;
  /** For not-a-statement: the argumentless keyword it follows on the same line. */
  after?: Directive;
}

export interface LogrotateFile {
  text: string;
  directives: Directive[];
  blocks: Block[];
  comments: { line: number; text: string }[];
  problems: Problem[];
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  lineCount: number;
}

/** isblank(): logrotate skips only spaces and tabs between statements; a CR there is a stray character. */
const isBlank = (ch: string | undefined) => ch === " " || ch === "\t";
const isAlpha = (ch: string | undefined) => ch !== undefined && ((ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z"));
/** isspace() in the C locale. */
const isSpace = (ch: string | undefined) => ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\v" || ch === "\f";

/** Keywords that take no argument: what follows on the line is read as the next statement. */
function takesNoArgument(name: string): boolean {
  const info = directiveInfo(name);
  return name === "errors" || name === "endscript" || info?.argType === "none";
}

export function parseLogrotate(text: string): LogrotateFile {
  const starts = lineStarts(text);
  const { positionAt, offsetAt } = offsetMap(text, starts);
  const file: LogrotateFile = {
    text,
    directives: [],
    blocks: [],
    comments: [],
    problems: [],
    positionAt,
    offsetAt,
    lineCount: starts.length,
  };
  const tok = (s: number, e: number, t = text.slice(s, e)): Token => ({
    text: t,
    offset: s,
    range: { start: positionAt(s), end: positionAt(e) },
  });
  const lineEnd = (from: number) => {
    const nl = text.indexOf("\n", from);
    return nl < 0 ? text.length : nl;
  };
  const trimEnd = (s: number, e: number) => {
    while (e > s && isSpace(text[e - 1])) e--;
    return e;
  };
  // No spread of a conditional object: V8 builds those property by property (slow on a file of 13,000 problems).
  const problem = (code: ProblemCode, s: number, e: number, message: string, after?: Directive) => {
    const p: Problem = { code, range: { start: positionAt(s), end: positionAt(e) }, message };
    if (after) p.after = after;
    file.problems.push(p);
  };

  let block: Block | undefined;
  let pos = text.startsWith("\uFEFF") ? 1 : 0;
  /** The argumentless keyword just read on this line, if any. */
  let prevOnLine: Directive | undefined;
  while (pos < text.length) {
    const ch = text[pos] as string;
    if (ch === "\n") {
      prevOnLine = undefined;
      pos++;
      continue;
    }
    if (isBlank(ch)) {
      pos++;
      continue;
    }
    if (ch === "\r" && text[pos + 1] === "\n") {
      // A Windows line end where a statement could start (a blank line, after '{', after an argumentless keyword and a blank).
      problem("crlf", pos, pos, crlfMessage(block)); // at the end of the line: editors count CR LF as one line end
      prevOnLine = undefined;
      pos++;
      continue;
    }
    if (ch === "#") {
      const e = lineEnd(pos);
      const lineStart = starts[positionAt(pos).line] as number;
      if (text.slice(lineStart, pos).trim() === "") file.comments.push({ line: positionAt(pos).line, text: text.slice(pos, e) });
      pos = e;
      continue;
    }
    if (isAlpha(ch)) {
      let e = pos;
      while (isAlpha(text[e])) e++;
      const name = tok(pos, e);
      const d: Directive = { name, line: name.range.start.line, range: name.range, ...(block ? { block } : {}) };
      if (prevOnLine) d.after = prevOnLine;
      file.directives.push(d);
      block?.directives.push(d);
      const next = text[e];
      if (next !== undefined && !isSpace(next) && next !== "=") {
        const le = lineEnd(e);
        problem(
          "not-separated",
          pos,
          trimEnd(pos, le),
          `'${name.text}' must be followed by a blank or '=', not '${next}': ${consequence({ block })}.`,
        );
        pos = le;
        prevOnLine = undefined;
        continue;
      }
      if (scriptDirectives.has(name.text)) {
        pos = readScript(d, e);
        prevOnLine = undefined;
        continue;
      }
      if (takesNoArgument(name.text) || !directiveInfo(name.text)) {
        if (!directiveInfo(name.text) && name.text !== "errors" && name.text !== "endscript") {
          // logrotate skips the rest of the line of an unknown keyword.
          pos = lineEnd(e);
          prevOnLine = undefined;
          continue;
        }
        prevOnLine = d;
        pos = e + 1 > text.length ? e : text[e] === "\n" ? e : e + 1;
        continue;
      }
      // The argument: the rest of the line, after blanks and an optional '='.
      let v = e;
      while (text[v] === " " || text[v] === "\t") v++;
      if (text[v] === "=" && !["weekly", "create", "createolddir", "su", "compressoptions"].includes(name.text)) {
        v++;
        while (text[v] === " " || text[v] === "\t") v++;
      }
      const le = lineEnd(v);
      // A lone CR ends the line for an editor (logrotate reads on to the LF): keep the value on its editor line.
      // Searched within the line only: from v to the end of the file is quadratic on a file without CRs.
      let cr = v;
      while (cr < le && text.charCodeAt(cr) !== 13) cr++;
      const ve = trimEnd(v, cr);
      if (ve > v) {
        d.value = tok(v, ve);
        d.range = { start: name.range.start, end: d.value.range.end };
      }
      pos = le;
      prevOnLine = undefined;
      continue;
    }
    if (ch === "/" || ch === '"' || ch === "'" || ch === "~") {
      prevOnLine = undefined;
      if (block) {
        problem(
          "path-in-block",
          pos,
          trimEnd(pos, lineEnd(pos)),
          `A path inside the block of ${block.patterns[0]?.text ?? "the logs above"}: is its '}' missing? logrotate skips this whole block.`,
        );
      }
      pos = readPatterns(pos);
      continue;
    }
    if (ch === "}") {
      prevOnLine = undefined;
      if (!block) {
        problem(
          "unexpected-close",
          pos,
          pos + 1,
          "A '}' without a block to close: logrotate stops reading the file here (blocks above still count).",
        );
        pos++;
        continue;
      }
      block.close = tok(pos, pos + 1);
      block.endLine = block.close.range.start.line;
      block.range = { start: block.range.start, end: block.close.range.end };
      block = undefined;
      const le = lineEnd(pos + 1);
      const te = trimEnd(pos + 1, le);
      let ts = pos + 1;
      while (ts < te && isBlank(text[ts])) ts++;
      if (te === ts && text[le - 1] === "\r")
        problem(
          "crlf",
          le - 1,
          le - 1,
          "A Windows line end (CR LF) after '}': logrotate reports the CR as text after '}' and ignores the rest of the line. Save the file with LF line ends.",
        );
      else if (te > ts)
        problem(
          "text-after-close",
          ts,
          te,
          "Text after '}' on the same line: logrotate reports an error and ignores the rest of the line. Put it on its own line.",
        );
      pos = le;
      continue;
    }
    const le = lineEnd(pos);
    problem(
      "not-a-statement",
      pos,
      trimEnd(pos, le),
      `A line must start with a directive, a path (possibly quoted) or '}': ${consequence({ block })}.`,
      prevOnLine,
    );
    prevOnLine = undefined;
    pos = le;
  }
  // A script without endscript swallows the '}' too: that is one mistake, reported once.
  if (block && !file.problems.some((p) => p.code === "missing-endscript")) {
    problem(
      "unclosed-at-end",
      block.open.offset,
      block.open.offset + 1,
      `The block of ${block.patterns[0]?.text ?? "these logs"} is never closed: logrotate accepts this at the end of a file, but anything added below it joins the block. Add '}'.`,
    );
  }
  if (block) block.endLine = file.lineCount - 1;
  return file;

  function readScript(d: Directive, from: number): number {
    // The shell text starts on the line after the keyword (text after it on its line is shell too).
    const script: Script = { startLine: d.line + 1, endLine: d.line };
    d.script = script;
    // logrotate looks for endscript from the first word after the keyword, on its own line too.
    let f = from;
    while (isBlank(text[f])) f++;
    let fe = f;
    while (isAlpha(text[fe])) fe++;
    if (text.slice(f, fe) === "endscript") {
      script.end = tok(f, fe);
      d.range = { start: d.name.range.start, end: script.end.range.end };
      return fe;
    }
    let p = lineEnd(from);
    while (p < text.length) {
      p++; // past '\n'
      let s = p;
      while (text[s] === " " || text[s] === "\t") s++;
      let e = s;
      while (isAlpha(text[e])) e++;
      if (text.slice(s, e) === "endscript") {
        script.end = tok(s, e);
        script.endLine = script.end.range.start.line - 1;
        d.range = { start: d.name.range.start, end: script.end.range.end };
        return e;
      }
      p = lineEnd(p);
    }
    script.endLine = file.lineCount - 1;
    problem(
      "missing-endscript",
      d.name.offset,
      d.name.offset + d.name.text.length,
      `'${d.name.text}' has no 'endscript': logrotate reads the rest of the file as shell, then drops this block and reports the file as broken.`,
    );
    d.range = { start: d.name.range.start, end: positionAt(text.length) };
    return text.length;
  }

  function readPatterns(from: number): number {
    // Like parseGlobString(): the path list runs to the first '{' (quotes do not hide it), skipping
    // comment lines; then it is split into words as poptParseArgvString() does (blanks separate,
    // quotes group, an unclosed quote runs to the end, a backslash escapes).
    let p = from;
    let atLineStart = false;
    let open = -1;
    const pieces: [number, number][] = [];
    let pieceStart = from;
    while (p < text.length) {
      const c = text[p] as string;
      if (c === "\n") {
        atLineStart = true;
        p++;
        continue;
      }
      if (atLineStart && isSpace(c)) {
        p++;
        continue;
      }
      if (atLineStart && c === "#") {
        pieces.push([pieceStart, p]);
        p = lineEnd(p);
        pieceStart = p;
        continue;
      }
      atLineStart = false;
      if (c === "}") {
        // The mistake is the missing '{' after the paths (where logrotate reports it), not the '}'.
        const closeLine = positionAt(p).line + 1;
        problem(
          "missing-open",
          from,
          trimEnd(from, Math.min(lineEnd(from), p)),
          closeLine === positionAt(from).line + 1
            ? "A '}' before the '{' of these paths: logrotate stops reading the file here (blocks above still count)."
            : `These paths have no '{' (the '}' on line ${closeLine} closes nothing): logrotate stops reading the file here (blocks above still count).`,
        );
        return p + 1;
      }
      if (c === "{") {
        open = p;
        break;
      }
      p++;
    }
    pieces.push([pieceStart, open < 0 ? text.length : open]);
    const patterns: Token[] = [];
    for (const [ps, pe] of pieces) {
      let i = ps;
      while (i < pe) {
        while (i < pe && isSpace(text[i])) i++;
        if (i >= pe) break;
        const s0 = i;
        let word = "";
        let quote = "";
        while (i < pe && (quote || !isSpace(text[i]))) {
          const c = text[i] as string;
          if (quote && c === quote) quote = "";
          else if (!quote && (c === '"' || c === "'")) quote = c;
          else if (c === "\\" && i + 1 < pe) word += text[++i];
          else word += c;
          i++;
        }
        patterns.push(tok(s0, trimEnd(s0, i), word));
      }
    }
    if (open < 0) {
      const last = patterns[patterns.length - 1];
      problem(
        "missing-open",
        from,
        last ? offsetAt(last.range.end) : from + 1,
        "Paths without a '{' block after them: logrotate stops reading the file here (blocks above still count).",
      );
      return text.length;
    }
    const openTok = tok(open, open + 1);
    const startPos = patterns[0]?.range.start ?? openTok.range.start;
    const b: Block = {
      patterns,
      open: openTok,
      directives: [],
      startLine: startPos.line,
      endLine: openTok.range.start.line,
      range: { start: startPos, end: openTok.range.end },
    };
    file.blocks.push(b);
    block = b;
    return open + 1;
  }
}

/** What logrotate does after a stray CR where a statement starts: the same as after any line it cannot read. */
function crlfMessage(block: Block | undefined): string {
  return `A Windows line end (CR LF): logrotate reads the CR as a line that starts with neither a keyword nor a path, and ${
    block ? "skips this whole block" : "stops reading the file here (blocks above still count)"
  }. Save the file with LF line ends.`;
}

/** What logrotate does when it cannot read a statement: inside a block it skips the block, outside it stops reading the file. */
export function consequence(d: { block?: Block | undefined }): string {
  return d.block ? "logrotate skips this whole block" : "logrotate stops reading the file here (blocks above still count)";
}

/** The directive whose keyword or argument is on a position's line and contains it. */
export function directiveAt(file: LogrotateFile, position: Position): Directive | undefined {
  return file.directives.find(
    (d) =>
      d.line === position.line &&
      position.character >= d.name.range.start.character &&
      position.character <= (d.value ?? d.name).range.end.character,
  );
}

/** The block whose braces enclose a position (between '{' and '}'). */
export function blockAt(file: LogrotateFile, position: Position): Block | undefined {
  const off = file.offsetAt(position);
  return file.blocks.find((b) => off > b.open.offset && (b.close ? off <= b.close.offset : true));
}
