import type { DocumentSymbol, FoldingRange } from "../../core/language.js";
import type { LogrotateFile } from "./parser.js";

/** One symbol per log block, named by its paths, with its directives as children; global directives at the top. */
export function logrotateSymbols(file: LogrotateFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const directive = (d: LogrotateFile["directives"][number]): DocumentSymbol => ({
    name: d.name.text,
    ...(d.value ? { detail: d.value.text } : {}),
    kind: "directive",
    range: d.range,
    selectionRange: d.name.range,
  });
  for (const d of file.directives) if (!d.block) out.push(directive(d));
  for (const b of file.blocks) {
    const first = b.patterns[0];
    out.push({
      name: b.patterns.map((p) => p.text).join(" ") || "{ }",
      kind: "section",
      range: b.range,
      selectionRange: first ? { start: first.range.start, end: (b.patterns[b.patterns.length - 1] ?? first).range.end } : b.open.range,
      children: b.directives.map(directive),
    });
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

/** Blocks and scripts fold, and runs of three or more comment lines. */
export function logrotateFolding(file: LogrotateFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const b of file.blocks) if (b.endLine > b.startLine) out.push({ startLine: b.startLine, endLine: b.endLine, kind: "region" });
  for (const d of file.directives) {
    const s = d.script;
    if (!s) continue;
    const end = s.end ? s.end.range.start.line : s.endLine;
    if (end > d.line) out.push({ startLine: d.line, endLine: end, kind: "region" });
  }
  let runStart = -1;
  let prev = -2;
  for (const line of [...file.comments.map((c) => c.line), Number.MAX_SAFE_INTEGER]) {
    if (line !== prev + 1) {
      if (runStart >= 0 && prev - runStart >= 2) out.push({ startLine: runStart, endLine: prev, kind: "comment" });
      runStart = line;
    }
    prev = line;
  }
  return out;
}
