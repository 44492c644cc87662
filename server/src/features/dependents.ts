import { kindOfPath } from "../core/kinds.js";
import { loadedLanguageOf } from "../core/registry.js";
import type { Analysis } from "./documents.js";

/** An open document as the language server holds it. */
export interface OpenDocument {
  uri: string;
  path: string;
  analysis: Analysis | undefined;
}

/**
 * The open documents whose diagnostics may change when the file at
 * `changedPath` changes (is edited, opened, closed, created or deleted): those
 * that depend on a name the changed file provides (see the language's
 * providedNames and dependencyNames).
 */
export function dependentsOf(changedPath: string, docs: readonly OpenDocument[]): string[] {
  const kind = kindOfPath(changedPath);
  if (!kind) return [];
  // A language not loaded yet has no open document analyzed: its documents are checked once it is.
  const provided = new Set(loadedLanguageOf(kind)?.providedNames?.(changedPath) ?? []);
  if (provided.size === 0) return [];
  return docs
    .filter((d) => {
      if (d.path === changedPath || d.analysis?.kind !== kind) return false;
      const needs = d.analysis.language.dependencyNames?.(d.analysis.doc, d.path) ?? [];
      return needs.some((n) => provided.has(n));
    })
    .map((d) => d.uri);
}
