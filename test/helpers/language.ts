import type { CompletionItem, Hover, LanguageContext } from "../../server/src/core/language.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import "../../server/src/core/languages.js";
import { analyze } from "../../server/src/features/documents.js";
import { cursor } from "./lint.js";

/** Runs a language feature on a text with a `|` cursor marker, as the server would. */
export function at(path: string, textWithCursor: string, unitNames: string[] = []) {
  const { text, position } = cursor(textWithCursor);
  const analysis = analyze(path, text);
  if (!analysis) throw new Error(`no language for ${path}`);
  const ctx: LanguageContext = { path, settings: defaultSettings, workspace: { unitNames: () => unitNames } };
  return {
    completions: (): CompletionItem[] => analysis.language.complete(analysis.doc, position, ctx),
    labels: (): string[] => analysis.language.complete(analysis.doc, position, ctx).map((c) => c.label),
    hover: (): Hover | undefined => analysis.language.hover(analysis.doc, position, ctx),
  };
}

/** Applies text edits (non-overlapping, any order) to a text. */
export function applyEdits(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
