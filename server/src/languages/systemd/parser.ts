import { detached } from "../../core/memo.js";
import type { Position, Range } from "../../core/text.js";
import { splitLines } from "../../core/text.js";
import type { DirectiveInfo } from "./data.js";
import type { EntryFindingsMemo } from "./entry-rule.js";

/**
 * A parser for the unit-file dialect of systemd's conf-parser: `#`/`;`
 * comments only at line start (also inside a continuation, where they are
 * skipped), a trailing unescaped backslash joining the next line, whitespace
 * stripped around key and value, repeated keys kept in order. It never throws.
 */

/** A piece of one physical line that contributes to a logical line. */
interface Segment {
  line: number;
  /** Column of text[0] in the physical line. */
  column: number;
  text: string;
}

export interface Entry {
  key: string;
  keyRange: Range;
  /** The logical value: continuations joined (backslash becomes a space), comment lines skipped, stripped. */
  value: string;
  /** From the first to the last character of the value; an empty value is a zero-width range after `=`. */
  valueRange: Range;
  /** The whole assignment, key through value. */
  range: Range;
  /** The physical line systemd names in its messages: the last line of a continuation. */
  reportLine: number;
  /** Maps an offset inside `value` to a document position. */
  positionAt(offset: number): Position;
  section: Section;
  /**
   * Kept by the rule context (context.ts): the directive this entry names in one directive table. Every rule
   * asks it of every entry on every check, and the entries an edit does not touch are the same objects.
   */
  directiveMemo?: DirectiveMemo;
  /** Kept by entry rules (entry-rule.ts): what each found in this assignment, for one file path, type and version. */
  findingsMemo?: EntryFindingsMemo;
}

export interface DirectiveMemo {
  table: object;
  section: string;
  directive: DirectiveInfo | undefined;
}

export interface Section {
  name: string;
  nameRange: Range;
  headerRange: Range;
  /** Header through the last line before the next header (or the end). */
  range: Range;
  entries: Entry[];
}

export interface Comment {
  line: number;
  text: string;
}

export type SyntaxProblemKind =
  | "invalid-section-header"
  | "assignment-outside-section"
  | "missing-equals"
  | "missing-key"
  | "invalid-utf8"
  | "line-too-long";

export interface SyntaxProblem {
  kind: SyntaxProblemKind;
  message: string;
  range: Range;
}

export interface UnitFile {
  lines: string[];
  sections: Section[];
  comments: Comment[];
  problems: SyntaxProblem[];
  /** Lines (0-based) that end in CR LF; systemd reads them like LF lines. */
  crlfLines: number[];
}

const WHITESPACE = " \t\n\r";
const LONG_LINE_MAX = 1024 * 1024;

function isWhitespace(ch: string | undefined): boolean {
  return ch !== undefined && ch !== "" && WHITESPACE.includes(ch);
}

export function parseUnitFile(text: string): UnitFile {
  const lines = splitLines(text);
  const unit: UnitFile = { lines, sections: [], comments: [], problems: [], crlfLines: crlfLines(text) };
  const reader = new LineReader(unit);
  for (let lineNo = 0; lineNo < lines.length; lineNo++) reader.read(lineNo, lines[lineNo] ?? "");
  reader.finish();
  closeLastSection(unit);
  return unit;
}

/**
 * The parse of `text` from the parse of `previousText` (`previous`), reading
 * again only the logical lines an edit touched: unit files are line by line,
 * so an edit inside one assignment re-parses that assignment. The untouched
 * assignments stay the same objects (rules may keep what they found on them);
 * those below an edit that adds or removes lines are moved. An edit that adds,
 * removes or changes a section header is parsed whole. Equal to
 * parseUnitFile(text) in every field; `previous` is used up (its sections are
 * updated in place) and must not be read afterwards.
 */
export function reparseUnitFile(previous: UnitFile, previousText: string, text: string): UnitFile {
  if (text === previousText) return previous;
  // Past 1 MiB a backslash no longer continues a line: the simple rules below do not hold.
  if (text.length > LONG_LINE_MAX || previousText.length > LONG_LINE_MAX) return parseUnitFile(text);
  const change = changedLines(previous.lines, previousText, text);
  const { lines, first, delta } = change;
  // Start at the logical line the change is part of: back over comments and lines continued into it.
  let restart = first;
  for (let j = first - 1; j >= 0; j--) {
    const line = lines[j] as string;
    if (isComment(j === 0 ? withoutBom(line) : line)) continue;
    if (!endsWithUnescapedBackslash(line)) break;
    restart = j;
  }
  // The first line's byte order mark and what comes before the first header: parsed whole (rare, and simple).
  if (restart === 0) return parseUnitFile(text);
  const section = sectionAt(previous, restart - 1);
  if (!section) return parseUnitFile(text);

  // Read the changed lines into a scratch section, on until both parses are between logical lines again.
  const scratchSection: Section = { ...section, entries: [] };
  const scratch: UnitFile = { lines, sections: [scratchSection], comments: [], problems: [], crlfLines: [] };
  const reader = new LineReader(scratch);
  let next = restart;
  for (; next < lines.length; next++) {
    if (next > change.lastNew && !reader.continuing && !continuesInto(previous.lines, next - delta)) break;
    reader.read(next, lines[next] as string);
  }
  reader.finish();
  if (scratch.sections.length !== 1) return parseUnitFile(text);
  const oldEnd = next - delta;
  const replaced = (line: number) => line >= restart && line < oldEnd;
  const sectionIndex = previous.sections.indexOf(section);
  for (let i = sectionIndex + 1; i < previous.sections.length; i++) {
    const header = (previous.sections[i] as Section).headerRange.start.line;
    if (header >= oldEnd) break;
    if (replaced(header)) return parseUnitFile(text);
  }

  // Commit: splice the new items in, move those below by the lines added or removed.
  const move = <T extends { line: number }>(item: T): T => (delta === 0 ? item : { ...item, line: item.line + delta });
  const comments: Comment[] = [];
  for (const c of previous.comments) {
    if (c.line >= oldEnd) break;
    if (c.line < restart) comments.push(c);
  }
  comments.push(...scratch.comments);
  for (const c of previous.comments) if (c.line >= oldEnd) comments.push(move(c));
  const problems: SyntaxProblem[] = [];
  for (const p of previous.problems) if (p.range.start.line < restart) problems.push(p);
  problems.push(...scratch.problems);
  for (const p of previous.problems)
    if (p.range.start.line >= oldEnd) problems.push(delta === 0 ? p : { ...p, range: shiftRange(p.range, delta) });

  const entries: Entry[] = [];
  for (const e of section.entries) if (e.range.start.line < restart) entries.push(e);
  for (const e of scratchSection.entries) {
    (e as ParsedEntry).section = section;
    entries.push(e);
  }
  for (const e of section.entries) if (e.range.start.line >= oldEnd) entries.push(delta === 0 ? e : (e as ParsedEntry).moved(delta));
  section.entries = entries;
  section.range = sectionRange(section);
  if (delta !== 0)
    for (let i = sectionIndex + 1; i < previous.sections.length; i++) {
      const s = previous.sections[i] as Section;
      s.headerRange = shiftRange(s.headerRange, delta);
      s.nameRange = shiftRange(s.nameRange, delta);
      s.entries = s.entries.map((e) => (e as ParsedEntry).moved(delta));
      s.range = sectionRange(s);
    }
  return { lines, sections: previous.sections.slice(), comments, problems, crlfLines: crlfLines(text) };
}

function withoutBom(line: string): string {
  return line.startsWith("\uFEFF") ? line.slice(1) : line;
}

/** Whether a logical line continues from above into line `line`: the nearest line above that is no comment ends in a backslash. */
function continuesInto(lines: readonly string[], line: number): boolean {
  for (let j = line - 1; j >= 0; j--) {
    const text = lines[j] as string;
    if (isComment(j === 0 ? withoutBom(text) : text)) continue;
    return endsWithUnescapedBackslash(text);
  }
  return false;
}

interface LineChange {
  /** The lines of the new text: the unchanged ones are the previous strings. */
  lines: string[];
  /** First line that may differ (the same in both texts). */
  first: number;
  /** Last line of the new text that may differ; the lines after it are those after the old text's `lastNew - delta`. */
  lastNew: number;
  /** Lines added (removed, when negative). */
  delta: number;
}

/**
 * The lines two texts differ in, from their common beginning and end. A line
 * starts after \n, and after a \r that no \n follows: whether a line starts at
 * an offset depends on the characters on both sides of it, so the unchanged
 * lines are those that end before the common beginning does, and those that
 * start after the common end starts.
 */
function changedLines(previousLines: readonly string[], before: string, after: string): LineChange {
  const shorter = Math.min(before.length, after.length);
  const prefix = commonPrefixLength(before, after, shorter);
  const suffix = commonSuffixLength(before, after, shorter - prefix);
  const common = lineHolding(before, Math.max(prefix - 1, 0), 0, 0);
  const lastOld = lineHolding(before, before.length - suffix, common.line, common.start).line;
  const lastNew = lineHolding(after, after.length - suffix, common.line, common.start).line;
  const end = nextLineStart(after, after.length - suffix);
  const middle = splitLines(after.slice(common.start, end < 0 ? after.length : end)).map(detached);
  if (end >= 0) middle.pop();
  const lines = previousLines.slice(0, common.line).concat(middle, previousLines.slice(lastOld + 1));
  return { lines, first: common.line, lastNew, delta: lastNew - lastOld };
}

/**
 * Compares whole blocks first: two substrings are compared natively in one call, where a loop reads the
 * characters one by one (on a 5,000-line unit the loops were the re-parse's largest cost).
 */
const BLOCK = 1024;

function commonPrefixLength(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.substring(n, n + BLOCK) === b.substring(n, n + BLOCK)) n += BLOCK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

function commonSuffixLength(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.substring(a.length - n - BLOCK, a.length - n) === b.substring(b.length - n - BLOCK, b.length - n))
    n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function startsLine(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
}

/** The line holding `offset` and the offset it starts at, counting on from a line start below it. */
function lineHolding(text: string, offset: number, fromLine: number, fromStart: number): { line: number; start: number } {
  let line = fromLine;
  let start = fromStart;
  // Without a CR up to `offset`, lines start after each LF alone: hop from LF to LF natively.
  const cr = text.indexOf("\r", fromStart);
  if (cr < 0 || cr >= offset) {
    for (let nl = text.indexOf("\n", fromStart); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
      line++;
      start = nl + 1;
    }
    return { line, start };
  }
  for (let i = fromStart; i < offset; i++) {
    if (startsLine(text, i)) {
      line++;
      start = i + 1;
    }
  }
  return { line, start };
}

/** The first line start after `offset`, or -1. */
function nextLineStart(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) if (startsLine(text, i)) return i + 1;
  return -1;
}

/** Whether a line is a comment (`#` or `;` first after blanks): comments are skipped, also inside a continuation. */
function isComment(raw: string): boolean {
  const firstNonBlank = firstNonWhitespace(raw);
  return firstNonBlank < raw.length && (raw[firstNonBlank] === "#" || raw[firstNonBlank] === ";");
}

/** Reads physical lines one after the other into logical lines: the state between lines is the pending continuation. */
class LineReader {
  private pending: Segment[] | undefined;
  private pendingLength = 0;

  constructor(private readonly unit: UnitFile) {}

  /** Whether a logical line is still open (the last line read continues). */
  get continuing(): boolean {
    return this.pending !== undefined;
  }

  read(lineNo: number, line: string): void {
    let raw = line;
    let column = 0;
    if (lineNo === 0 && raw.startsWith("\uFEFF")) {
      raw = raw.slice(1);
      column = 1;
    }
    if (isComment(raw)) {
      this.unit.comments.push({ line: lineNo, text: raw });
      return;
    }
    const segment: Segment = { line: lineNo, column, text: raw };
    if (this.pending) this.pending.push(segment);
    else this.pending = [segment];
    this.pendingLength += raw.length;

    if (endsWithUnescapedBackslash(raw) && this.pendingLength <= LONG_LINE_MAX) {
      segment.text = `${raw.slice(0, -1)} `;
      return;
    }
    this.finish();
  }

  finish(): void {
    if (this.pending) parseLogicalLine(this.unit, this.pending, this.pendingLength);
    this.pending = undefined;
    this.pendingLength = 0;
  }
}

function crlfLines(text: string): number[] {
  const out: number[] = [];
  // Most files have no CR at all: one native search instead of a loop over every character (on every re-parse).
  const firstCr = text.indexOf("\r");
  if (firstCr < 0) return out;
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        out.push(line);
        i++;
      }
      line++;
    } else if (c === 10) line++;
  }
  return out;
}

function firstNonWhitespace(s: string): number {
  let i = 0;
  while (i < s.length && isWhitespace(s[i])) i++;
  return i;
}

/** Whether a line continues on the next one (the formatter must never add or remove such a backslash). */
export function endsWithUnescapedBackslash(s: string): boolean {
  let escaped = false;
  for (let i = 0; i < s.length; i++) {
    if (escaped) escaped = false;
    else if (s[i] === "\\") escaped = true;
  }
  return escaped;
}

/** The document position of an offset in the joined text of segments (their lines moved by `lineShift`). */
function segmentPosition(segments: readonly Segment[], offset: number, lineShift: number): Position {
  let remaining = offset;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    if (remaining <= seg.text.length && (remaining < seg.text.length || i === segments.length - 1)) {
      return { line: seg.line + lineShift, character: seg.column + remaining };
    }
    remaining -= seg.text.length;
  }
  const last = segments[segments.length - 1] as Segment;
  return { line: last.line + lineShift, character: last.column + last.text.length };
}

function shiftPosition(p: Position, lines: number): Position {
  return { line: p.line + lines, character: p.character };
}

function shiftRange(r: Range, lines: number): Range {
  return { start: shiftPosition(r.start, lines), end: shiftPosition(r.end, lines) };
}

/** An assignment as parsed; it keeps its segments to map value offsets and to move with the lines above it. */
class ParsedEntry implements Entry {
  directiveMemo: DirectiveMemo | undefined = undefined;
  findingsMemo: EntryFindingsMemo | undefined = undefined;

  constructor(
    readonly key: string,
    readonly keyRange: Range,
    readonly value: string,
    readonly valueRange: Range,
    readonly range: Range,
    readonly reportLine: number,
    public section: Section,
    private readonly segments: readonly Segment[],
    private readonly valueStart: number,
    private readonly lineShift: number,
  ) {}

  positionAt(offset: number): Position {
    return segmentPosition(this.segments, this.valueStart + offset, this.lineShift);
  }

  /** The same assignment `lines` lines further down (up, when negative). */
  moved(lines: number): ParsedEntry {
    const range = shiftRange(this.range, lines);
    // Positions shared with the whole assignment stay shared.
    const at = (p: Position) => (p === this.range.start ? range.start : p === this.range.end ? range.end : shiftPosition(p, lines));
    return new ParsedEntry(
      this.key,
      { start: at(this.keyRange.start), end: at(this.keyRange.end) },
      this.value,
      { start: at(this.valueRange.start), end: at(this.valueRange.end) },
      range,
      this.reportLine + lines,
      this.section,
      this.segments,
      this.valueStart,
      this.lineShift + lines,
    );
  }
}

function parseLogicalLine(unit: UnitFile, segments: Segment[], length: number): void {
  const joined = segments.map((s) => s.text).join("");
  const positionAt = (offset: number): Position => segmentPosition(segments, offset, 0);
  let start = 0;
  let end = joined.length;
  while (start < end && isWhitespace(joined[start])) start++;
  while (end > start && isWhitespace(joined[end - 1])) end--;
  if (start === end) return;
  const whole: Range = { start: positionAt(start), end: positionAt(end) };
  const reportLine = (segments[segments.length - 1] as Segment).line;

  if (length > LONG_LINE_MAX) {
    unit.problems.push({ kind: "line-too-long", message: "Line longer than 1 MiB; systemd refuses the file.", range: whole });
    return;
  }
  if (joined.includes("\uFFFD")) {
    unit.problems.push({
      kind: "invalid-utf8",
      message: "Line is not valid UTF-8; systemd ignores it and refuses to load the unit.",
      range: whole,
    });
    return;
  }
  const l = joined.slice(start, end);
  if (l.startsWith("[")) {
    if (!l.endsWith("]")) {
      unit.problems.push({
        kind: "invalid-section-header",
        message: `Invalid section header '${l}': a header is '[Name]' alone on its line; systemd refuses the file.`,
        range: whole,
      });
      // Go on as if the header were well formed, so the lines below are checked against the section meant.
      const name = /^\[\s*([^\]\s]*)/.exec(l)?.[1] ?? "";
      closeLastSection(unit);
      unit.sections.push({ name, nameRange: whole, headerRange: whole, range: whole, entries: [] });
      return;
    }
    closeLastSection(unit);
    unit.sections.push({
      name: l.slice(1, -1),
      nameRange: { start: positionAt(start + 1), end: positionAt(end - 1) },
      headerRange: whole,
      range: whole,
      entries: [],
    });
    return;
  }
  const section = unit.sections[unit.sections.length - 1];
  if (!section) {
    unit.problems.push({
      kind: "assignment-outside-section",
      message: "Assignment outside of any section; systemd ignores it. Put it under a [Section] header.",
      range: whole,
    });
    return;
  }
  const eq = l.indexOf("=");
  if (eq < 0) {
    unit.problems.push({ kind: "missing-equals", message: "Missing '=': systemd ignores this line. Write Key=value.", range: whole });
    return;
  }
  if (eq === 0) {
    unit.problems.push({ kind: "missing-key", message: "Missing key name before '=': systemd ignores this line.", range: whole });
    return;
  }
  let keyEnd = start + eq;
  while (keyEnd > start && isWhitespace(joined[keyEnd - 1])) keyEnd--;
  let valueStart = start + eq + 1;
  while (valueStart < end && isWhitespace(joined[valueStart])) valueStart++;
  section.entries.push(
    new ParsedEntry(
      joined.slice(start, keyEnd),
      // The ranges share the positions they have in common with the whole assignment (4,000 assignments of a large unit: 400 KB).
      { start: whole.start, end: positionAt(keyEnd) },
      joined.slice(valueStart, end),
      { start: valueStart === end ? whole.end : positionAt(valueStart), end: whole.end },
      whole,
      reportLine,
      section,
      segments,
      valueStart,
      0,
    ),
  );
}

function closeLastSection(unit: UnitFile): void {
  const section = unit.sections[unit.sections.length - 1];
  if (section) section.range = sectionRange(section);
}

function sectionRange(section: Section): Range {
  const lastEntry = section.entries[section.entries.length - 1];
  return { start: section.headerRange.start, end: lastEntry ? lastEntry.range.end : section.headerRange.end };
}

/** The entry whose key or value range holds the position, if any. */
export function entryAt(unit: UnitFile, position: Position): Entry | undefined {
  for (const section of unit.sections) {
    for (const entry of section.entries) {
      const { start, end } = entry.range;
      if (position.line < start.line || position.line > end.line) continue;
      if (position.line === start.line && position.character < start.character) continue;
      if (position.line === end.line && position.character > end.character) continue;
      return entry;
    }
  }
  return undefined;
}

/** The section a position falls in: the last header at or above its line. */
export function sectionAt(unit: UnitFile, line: number): Section | undefined {
  let found: Section | undefined;
  for (const section of unit.sections) {
    if (section.headerRange.start.line <= line) found = section;
    else break;
  }
  return found;
}
