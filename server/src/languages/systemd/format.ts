import type { TextEdit } from "../../core/diagnostic.js";
import { lineStarts, offsetMap, type Range } from "../../core/text.js";
import { endsWithUnescapedBackslash } from "./parser.js";

/**
 * The document formatter for units and drop-ins: `Key=value` with nothing
 * around the `=`, headers and keys at the start of their line, no trailing
 * blanks, at most one blank line in a row, exactly one blank line before each
 * section (with the comments right above it), and a final newline.
 *
 * It works on physical lines, as systemd's parser reads them, and never
 * changes what that parser reads: values (inside and after a continuation),
 * the text of comments, and the lines that end or continue a backslash
 * continuation stay as they are. Only the blanks systemd strips anyway go,
 * and a blank line is removed only where systemd skips it.
 */

/** What a physical line is to systemd's parser. */
type LineKind = "comment" | "continuation" | "blank" | "start";

/** The blanks systemd's parser strips around keys and values (never other Unicode spaces: those are part of a key). */
const isBlank = (c: string | undefined) => c === " " || c === "\t";

function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && isBlank(s[i])) i++;
  return s.slice(i);
}

function trimEnd(s: string): string {
  let i = s.length;
  while (i > 0 && isBlank(s[i - 1])) i--;
  return s.slice(0, i);
}

function isCommentLine(s: string): boolean {
  const t = trimStart(s);
  return t.startsWith("#") || t.startsWith(";");
}

function classify(lines: string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let pending = false;
  for (const line of lines) {
    if (isCommentLine(line)) {
      // Comment lines are skipped, also inside a continuation; they never continue themselves.
      kinds.push("comment");
      continue;
    }
    kinds.push(pending ? "continuation" : trimStart(line) === "" ? "blank" : "start");
    pending = endsWithUnescapedBackslash(line);
  }
  return kinds;
}

/** Trailing blanks go, unless removing them would leave a backslash at the end that joins the next line. */
function withoutTrailingBlanks(line: string): string {
  const trimmed = trimEnd(line);
  return trimmed !== line && endsWithUnescapedBackslash(trimmed) && !endsWithUnescapedBackslash(line) ? line : trimmed;
}

/** The first line of a logical line: a header or `Key=value` starts the line, with nothing around the `=`. */
function formatStart(line: string): string {
  const body = withoutTrailingBlanks(trimStart(line));
  if (body.startsWith("[")) return body;
  const eq = body.indexOf("=");
  if (eq <= 0) return body;
  const key = trimEnd(body.slice(0, eq));
  // A key of blanks only is a line systemd ignores; leave it for the rule that says so.
  if (key === "") return body;
  return `${key}=${trimStart(body.slice(eq + 1))}`;
}

interface OutputLine {
  /** The original line it comes from; undefined for an inserted blank line. */
  from?: number;
  text: string;
}

/** The formatted lines, each with the original line it comes from. */
function formatLines(lines: string[]): OutputLine[] {
  // The byte order mark is not part of the first line's text for systemd.
  const bom = lines[0]?.startsWith("\uFEFF") ? "\uFEFF" : "";
  const bare = bom ? [(lines[0] as string).slice(1), ...lines.slice(1)] : lines;
  const kinds = classify(bare);
  const last = bare.length - 1;
  const isHeader = (i: number) => kinds[i] === "start" && trimStart(bare[i] as string).startsWith("[");
  // A section "block" begins at its header or at the comment lines directly above it.
  const blockStarts = new Set<number>();
  for (let i = 0; i < bare.length; i++) {
    if (!isHeader(i)) continue;
    let start = i;
    while (start > 0 && kinds[start - 1] === "comment") start--;
    blockStarts.add(start);
  }
  const lastContent = (() => {
    for (let i = last; i >= 0; i--) if (kinds[i] !== "blank") return i;
    return -1;
  })();

  // A byte order mark inside the text is text; moved to the very start (leading blanks or blank lines
  // removed), it would become the file's mark, which systemd skips: then the start of the file stays as it is.
  const firstContent = kinds.findIndex((k) => k !== "blank");
  const markLike = !bom && firstContent >= 0 && trimStart(bare[firstContent] as string).startsWith("\uFEFF");

  const out: OutputLine[] = [];
  for (let i = 0; i < bare.length; i++) {
    const raw = bare[i] as string;
    const kind = kinds[i] as LineKind;
    if (kind === "blank") {
      // The text after the final newline is not a line; blank lines at the start, at the end or after another go.
      const previous = out[out.length - 1];
      if (i === last || (out.length === 0 && !markLike) || i > lastContent || previous?.text === "") continue;
      out.push({ from: i, text: "" });
      continue;
    }
    if (blockStarts.has(i) && out.length > 0 && out[out.length - 1]?.text !== "") out.push({ text: "" });
    const keepsIndent = kind !== "start" || (markLike && i === firstContent);
    out.push({ from: i, text: keepsIndent ? withoutTrailingBlanks(raw) : formatStart(raw) });
  }
  const first = out[0];
  if (first && first.from === 0 && bom) first.text = bom + first.text;
  else if (bom) out.unshift({ from: 0, text: bom });
  return out;
}

/** The line terminators of the text, one a line ("" for the last). */
function terminators(text: string): string[] {
  const out: string[] = [];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[0]);
  out.push("");
  return out;
}

/**
 * The edits that format a unit file (within `range` when given: only lines
 * that start in it change). Each changed line is replaced whole, with its
 * terminator, and neighbouring changes are merged into one edit.
 */
export function formatUnit(text: string, range?: Range): TextEdit[] {
  const lines = text.split(/\r\n|\r|\n/);
  const ends = terminators(text);
  const eol = ends.find((t) => t !== "") ?? "\n";
  const last = lines.length - 1;
  const out = formatLines(lines);

  // What each original line becomes: the blank lines inserted before it, then itself (if kept) with its terminator.
  const replacement: string[] = lines.map(() => "");
  let inserted = "";
  for (const o of out) {
    if (o.from === undefined) {
      inserted += eol;
      continue;
    }
    // The last line gets a terminator of its own: the final newline.
    const end = o.from === last ? (o.text === "" ? "" : eol) : (ends[o.from] as string);
    replacement[o.from] = inserted + o.text + end;
    inserted = "";
  }

  const edits: TextEdit[] = [];
  let open: { first: number; lastLine: number; newText: string } | undefined;
  const flush = () => {
    if (!open) return;
    const endsAtLast = open.lastLine === last;
    edits.push({
      range: {
        start: { line: open.first, character: 0 },
        end: endsAtLast ? { line: last, character: (lines[last] as string).length } : { line: open.lastLine + 1, character: 0 },
      },
      newText: open.newText,
    });
    open = undefined;
  };
  for (let i = 0; i <= last; i++) {
    const before = (lines[i] as string) + (ends[i] as string);
    const after = replacement[i] as string;
    const inRange = !range || (i >= range.start.line && i <= range.end.line);
    if (before === after || !inRange) {
      flush();
      continue;
    }
    if (open) {
      open.lastLine = i;
      open.newText += after;
    } else open = { first: i, lastLine: i, newText: after };
  }
  flush();
  return edits;
}

/** The text with the edits applied (they never overlap). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const map = offsetMap(text, lineStarts(text));
  const sorted = [...edits].sort((a, b) => map.offsetAt(b.range.start) - map.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, map.offsetAt(e.range.start)) + e.newText + out.slice(map.offsetAt(e.range.end));
  return out;
}

/** The formatted text of a unit file. */
export function formatUnitText(text: string): string {
  return applyTextEdits(text, formatUnit(text));
}
