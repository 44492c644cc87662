import type { LanguageContext } from "../../core/language.js";
import type { SemanticToken, SemanticTokenType } from "../../core/semantic-tokens.js";
import type { Range } from "../../core/text.js";
import { unitContext } from "./context.js";
import { parserInfo, specifiers } from "./data.js";
import type { Entry, UnitFile } from "./parser.js";

/**
 * What stands out in a unit beyond its TextMate colours: section names and
 * keys, and inside values what systemd itself expands or reads specially —
 * specifiers (%i) where the directive expands them, $VAR and ${VAR} in
 * command lines, calendar events in OnCalendar= and time spans.
 */

const knownSpecifiers = new Set(specifiers.map((s) => s.specifier));
const timespanKinds = new Set(["timespan", "timespan-ns"]);
/** $NAME or ${NAME}; `$$` is a literal dollar sign. */
const maxValueLines = 64;
const variablePattern = /\$\$|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

function push(out: SemanticToken[], range: Range, type: SemanticTokenType): void {
  // A token lies on one line; a piece of a value that runs over a continuation is left to the grammar.
  if (range.start.line !== range.end.line || range.end.character <= range.start.character) return;
  out.push({ line: range.start.line, character: range.start.character, length: range.end.character - range.start.character, type });
}

function valuePiece(entry: Entry, start: number, end: number): Range {
  return { start: entry.positionAt(start), end: entry.positionAt(end) };
}

/** The whole value, line by line (a continuation splits it). */
function wholeValue(out: SemanticToken[], entry: Entry, type: SemanticTokenType): void {
  let start = 0;
  for (let i = 0; i <= entry.value.length; i++) {
    const atEnd = i === entry.value.length;
    if (!atEnd && entry.positionAt(i).line === entry.positionAt(start).line) continue;
    // Trim the blanks that joined two physical lines.
    let s = start;
    let e = i;
    while (s < e && entry.value[s] === " ") s++;
    while (e > s && entry.value[e - 1] === " ") e--;
    if (e > s) push(out, valuePiece(entry, s, e), type);
    start = i;
  }
}

export function unitSemanticTokens(unit: UnitFile, lctx: LanguageContext): SemanticToken[] {
  const ctx = unitContext(unit, lctx);
  const out: SemanticToken[] = [];
  for (const section of unit.sections) {
    push(out, section.nameRange, "namespace");
    for (const entry of section.entries) {
      push(out, entry.keyRange, "property");
      const directive = ctx.directiveOf(entry);
      // Offsets map to positions through the value's lines: a value over hundreds of lines would cost their square.
      if (!directive || entry.value === "" || entry.range.end.line - entry.range.start.line > maxValueLines) continue;
      const parser = parserInfo(directive.parser);
      if (directive.parser === "config_parse_timer") wholeValue(out, entry, directive.name === "OnCalendar" ? "regexp" : "number");
      else if (parser && timespanKinds.has(parser.kind)) wholeValue(out, entry, "number");
      if (directive.parser === "config_parse_exec") {
        for (const m of entry.value.matchAll(variablePattern)) {
          if (m[0] !== "$$") push(out, valuePiece(entry, m.index, m.index + m[0].length), "variable");
        }
      }
      if (parser?.specifiers || directive.parser === "config_parse_exec") {
        for (let i = 0; i < entry.value.length - 1; i++) {
          if (entry.value[i] !== "%") continue;
          const spec = entry.value.slice(i, i + 2);
          if (knownSpecifiers.has(spec)) push(out, valuePiece(entry, i, i + 2), "macro");
          i++;
        }
      }
    }
  }
  return out.sort((a, b) => a.line - b.line || a.character - b.character);
}
