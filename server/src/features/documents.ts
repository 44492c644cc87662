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

export function analyze(path: string, text: string, forcedKind?: FileKind): Analysis | undefined {
  const kind = forcedKind ?? detectKind(path, text);
  if (!kind) return undefined;
  const language = languageOf(kind);
  const doc = language.parse(text);
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

/** Caches the analysis of open documents by URI and version. */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis | undefined }>();

  get(uri: string, version: number, path: string, text: () => string, kind?: FileKind): Analysis | undefined {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version) return hit.analysis;
    const analysis = analyze(path, text(), kind);
    this.entries.set(uri, { version, analysis });
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
