import type { Diagnostic, Fix } from "../core/diagnostic.js";
import { type Range, rangesOverlap, splitLines } from "../core/text.js";

export type CodeActionKindName = "quickfix" | "refactor.rewrite";

/**
 * Whether an action of `kind` answers a request limited to `only` (LSP:
 * `quickfix` asks for `quickfix` and `quickfix.*`; no `only` asks for all).
 * VS Code drops, with a warning, actions of a kind it did not ask for.
 */
export function kindRequested(kind: CodeActionKindName, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The fixes of the diagnostics that touch a range, each with the diagnostic it resolves. */
export function fixesInRange(diagnostics: Diagnostic[], range: Range): { fix: Fix; diagnostic: Diagnostic }[] {
  const out: { fix: Fix; diagnostic: Diagnostic }[] = [];
  for (const d of diagnostics) {
    if (!d.fixes || !rangesOverlap(d.range, range)) continue;
    for (const fix of d.fixes) out.push({ fix, diagnostic: d });
  }
  return out;
}

const nextLineMarker = /^(\s*#\s*etcetera-disable-next-line)((?:\s+[\w/-]+)*)\s*$/;
const fileMarker = /^(\s*#\s*etcetera-disable)((?:\s+[\w/-]+)+)\s*$/;

/**
 * "Disable <rule> for this line" and "for this file" for every rule reported in
 * the range, written as the inline comments the rule runner honours in every
 * language (all four use `#` comments). An existing marker line gets the rule
 * added instead of a second marker.
 */
export function suppressionFixes(text: string, diagnostics: Diagnostic[], range: Range): { fix: Fix; diagnostic: Diagnostic }[] {
  const lines = splitLines(text);
  const out: { fix: Fix; diagnostic: Diagnostic }[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (!rangesOverlap(d.range, range)) continue;
    const line = d.range.start.line;
    const key = `${d.rule}@${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fix: { title: `Disable ${d.rule} for this line`, edits: [lineEdit(lines, line, d.rule)] }, diagnostic: d });
    out.push({ fix: { title: `Disable ${d.rule} for this file`, edits: [fileEdit(lines, d.rule)] }, diagnostic: d });
  }
  return out;
}

function lineEdit(lines: string[], line: number, rule: string) {
  const above = line > 0 ? (lines[line - 1] ?? "") : "";
  const marker = nextLineMarker.exec(above);
  if (marker) return appendRule(line - 1, above, marker, rule);
  const indent = /^[ \t]*/.exec(lines[line] ?? "")?.[0] ?? "";
  return { range: at(line, 0), newText: `${indent}# etcetera-disable-next-line ${rule}\n` };
}

function fileEdit(lines: string[], rule: string) {
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (nextLineMarker.test(text)) continue;
    const marker = fileMarker.exec(text);
    if (marker) return appendRule(i, text, marker, rule);
  }
  return { range: at(0, 0), newText: `# etcetera-disable ${rule}\n` };
}

function appendRule(line: number, text: string, marker: RegExpExecArray, rule: string) {
  const ids = (marker[2] ?? "").trim();
  const end = (marker[1] ?? "").length + (marker[2] ?? "").length;
  if (ids.split(/\s+/).includes(rule)) return { range: at(line, end), newText: "" };
  return { range: { start: { line, character: end }, end: { line, character: text.length } }, newText: ` ${rule}` };
}

function at(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}
