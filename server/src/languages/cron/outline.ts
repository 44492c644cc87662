import type { DocumentSymbol, FoldingRange } from "../../core/language.js";
import type { CronFile } from "./parser.js";

/** One symbol per job (named by its command) and per environment line. */
export function cronSymbols(file: CronFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const line of file.lines) {
    if (line.kind === "env") {
      out.push({ name: `${line.key}=`, detail: line.value, kind: "directive", range: line.range, selectionRange: line.name.range });
    } else if (line.kind === "job") {
      const schedule = line.special ? line.special.text : line.fields.map((f) => f.text).join(" ");
      const rest = line.text.slice(line.restStart).trim();
      const name = rest.length > 60 ? `${rest.slice(0, 57)}...` : rest || schedule;
      const first = line.special ?? line.fields[0];
      out.push({ name, detail: schedule, kind: "directive", range: line.range, selectionRange: first ? first.range : line.range });
    }
  }
  return out;
}

/** Runs of three or more comment lines fold. */
export function cronFolding(file: CronFile): FoldingRange[] {
  const out: FoldingRange[] = [];
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
