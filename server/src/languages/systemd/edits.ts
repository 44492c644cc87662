import type { Fix, TextEdit } from "../../core/diagnostic.js";
import type { Range } from "../../core/text.js";
import type { Entry, UnitFile } from "./parser.js";

/** The full physical lines of an entry, terminators included, as a range. */
function wholeLines(unit: UnitFile, entry: Entry): Range {
  const last = entry.range.end.line;
  if (last + 1 < unit.lines.length) return { start: { line: entry.range.start.line, character: 0 }, end: { line: last + 1, character: 0 } };
  return { start: { line: entry.range.start.line, character: 0 }, end: { line: last, character: (unit.lines[last] ?? "").length } };
}

/** Moves an assignment to the end of another section, creating the section when the file lacks it. */
export function moveEntryFix(unit: UnitFile, entry: Entry, target: string): Fix {
  const text = unit.lines.slice(entry.range.start.line, entry.range.end.line + 1).join("\n");
  const edits: TextEdit[] = [{ range: wholeLines(unit, entry), newText: "" }];
  const section = unit.sections.find((s) => s.name === target);
  if (section) {
    const line = section.range.end.line + 1;
    const at = line < unit.lines.length ? { line, character: 0 } : { line: line - 1, character: (unit.lines[line - 1] ?? "").length };
    edits.push({ range: { start: at, end: at }, newText: line < unit.lines.length ? `${text}\n` : `\n${text}` });
  } else {
    const lastLine = unit.lines.length - 1;
    const end = { line: lastLine, character: (unit.lines[lastLine] ?? "").length };
    const lead = (unit.lines[lastLine] ?? "") === "" ? "" : "\n";
    edits.push({ range: { start: end, end }, newText: `${lead}\n[${target}]\n${text}\n` });
  }
  return { title: `Move ${entry.key}= to [${target}]`, edits, preferred: true };
}

export function renameKeyFix(entry: Entry, newKey: string, preferred = true): Fix {
  return { title: `Change to ${newKey}=`, edits: [{ range: entry.keyRange, newText: newKey }], preferred };
}
