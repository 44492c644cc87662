import type { DocumentSymbol, FoldingRange } from "../../core/language.js";
import type { UnitFile } from "./parser.js";

export function unitSymbols(unit: UnitFile): DocumentSymbol[] {
  return unit.sections.map((section) => ({
    name: `[${section.name}]`,
    kind: "section",
    range: section.range,
    selectionRange: section.nameRange,
    children: section.entries.map((e) => ({
      name: e.key,
      detail: e.value.length > 60 ? `${e.value.slice(0, 57)}...` : e.value,
      kind: "directive" as const,
      range: e.range,
      selectionRange: e.keyRange,
    })),
  }));
}

export function unitFolding(unit: UnitFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const section of unit.sections) {
    if (section.range.end.line > section.range.start.line)
      out.push({ startLine: section.range.start.line, endLine: section.range.end.line });
    for (const e of section.entries)
      if (e.range.end.line > e.range.start.line) out.push({ startLine: e.range.start.line, endLine: e.range.end.line });
  }
  // Runs of three or more comment lines fold too.
  let runStart = -1;
  let prev = -2;
  const comments = [...unit.comments.map((c) => c.line), Number.MAX_SAFE_INTEGER];
  for (const line of comments) {
    if (line !== prev + 1) {
      if (runStart >= 0 && prev - runStart >= 2) out.push({ startLine: runStart, endLine: prev, kind: "comment" });
      runStart = line;
    }
    prev = line;
  }
  return out;
}
