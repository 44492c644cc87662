import type { Position, Range } from "../../core/text.js";
import { splitLines } from "../../core/text.js";

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
  let pending: Segment[] | undefined;
  let pendingLength = 0;

  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    let raw = lines[lineNo] ?? "";
    let column = 0;
    if (lineNo === 0 && raw.startsWith("\uFEFF")) {
      raw = raw.slice(1);
      column = 1;
    }
    const firstNonBlank = firstNonWhitespace(raw);
    if (firstNonBlank < raw.length && (raw[firstNonBlank] === "#" || raw[firstNonBlank] === ";")) {
      unit.comments.push({ line: lineNo, text: raw });
      continue;
    }
    const segment: Segment = { line: lineNo, column, text: raw };
    if (pending) pending.push(segment);
    else pending = [segment];
    pendingLength += raw.length;

    if (endsWithUnescapedBackslash(raw) && pendingLength <= LONG_LINE_MAX) {
      segment.text = `${raw.slice(0, -1)} `;
      continue;
    }
    parseLogicalLine(unit, pending, pendingLength);
    pending = undefined;
    pendingLength = 0;
  }
  if (pending) parseLogicalLine(unit, pending, pendingLength);
  closeLastSection(unit);
  return unit;
}

function crlfLines(text: string): number[] {
  const out: number[] = [];
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

/** Resolves offsets in the joined text of segments to document positions. */
function makePositionAt(segments: Segment[]): (offset: number) => Position {
  return (offset: number): Position => {
    let remaining = offset;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as Segment;
      if (remaining <= seg.text.length && (remaining < seg.text.length || i === segments.length - 1)) {
        return { line: seg.line, character: seg.column + remaining };
      }
      remaining -= seg.text.length;
    }
    const last = segments[segments.length - 1] as Segment;
    return { line: last.line, character: last.column + last.text.length };
  };
}

function parseLogicalLine(unit: UnitFile, segments: Segment[], length: number): void {
  const joined = segments.map((s) => s.text).join("");
  const positionAt = makePositionAt(segments);
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
  section.entries.push({
    key: joined.slice(start, keyEnd),
    keyRange: { start: positionAt(start), end: positionAt(keyEnd) },
    value: joined.slice(valueStart, end),
    valueRange: { start: positionAt(valueStart), end: positionAt(end) },
    range: whole,
    reportLine,
    positionAt: (offset: number) => positionAt(valueStart + offset),
    section,
  });
}

function closeLastSection(unit: UnitFile): void {
  const section = unit.sections[unit.sections.length - 1];
  if (!section) return;
  const lastEntry = section.entries[section.entries.length - 1];
  section.range = { start: section.headerRange.start, end: lastEntry ? lastEntry.range.end : section.headerRange.end };
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
