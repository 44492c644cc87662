import type { Diagnostic } from "../core/diagnostic.js";
import type { FileKind, LanguageContext, LanguageModule } from "../core/language.js";
import { detectKind, languageOf } from "../core/registry.js";

/** A document with its kind and (lazily) its parse tree and diagnostics, cached per version. */
export interface Analysis {
  kind: FileKind;
  language: LanguageModule<unknown>;
  doc: unknown;
  diagnostics(ctx: LanguageContext): Diagnostic[];
}

/**
 * The analysis of a document's text. With `previous` (the analysis of
 * `previousText`, of the same kind), a language that can re-reads only what
 * changed; `previous` is used up then.
 */
export function analyze(
  path: string,
  text: string,
  forcedKind?: FileKind,
  previous?: { analysis: Analysis; text: string },
): Analysis | undefined {
  const kind = forcedKind ?? detectKind(path, text);
  if (!kind) return undefined;
  const language = languageOf(kind);
  const doc =
    previous && previous.analysis.kind === kind && language.reparse
      ? language.reparse(previous.analysis.doc, previous.text, text)
      : language.parse(text);
  return analysisOf(kind, language, doc);
}

/**
 * The analysis of a file as saved, for the CLI: its parse may be the one the checks of other files made of it
 * (the dependency graph of its unit set reads it), as nothing edits or re-parses it afterwards.
 */
export function analyzeSaved(path: string, text: string, forcedKind?: FileKind): Analysis | undefined {
  const kind = forcedKind ?? detectKind(path, text);
  if (!kind) return undefined;
  const language = languageOf(kind);
  return analysisOf(kind, language, language.parseSaved ? language.parseSaved(path, text) : language.parse(text));
}

function analysisOf(kind: FileKind, language: LanguageModule<unknown>, doc: unknown): Analysis {
  let cached: Diagnostic[] | undefined;
  return {
    kind,
    language,
    doc,
    diagnostics: (ctx) => {
      cached ??= language.diagnose(doc, ctx);
      return cached;
    },
  };
}

/** Caches the analysis of open documents by URI and version; a new version is parsed from the one before. */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; text: string; analysis: Analysis | undefined }>();

  get(uri: string, version: number, path: string, text: () => string, kind?: FileKind): Analysis | undefined {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version) return hit.analysis;
    const current = text();
    const previous = hit?.analysis ? { analysis: hit.analysis, text: hit.text } : undefined;
    const analysis = analyze(path, current, kind, previous);
    this.entries.set(uri, { version, text: current, analysis });
    return analysis;
  }

  /** Forgets cached diagnostics (settings changed) or the whole document (closed). */
  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
