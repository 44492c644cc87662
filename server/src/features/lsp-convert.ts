import { pathToFileURL } from "node:url";
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  type CodeAction as LspCodeAction,
  type CodeLens as LspCodeLens,
  type CompletionItem as LspCompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol as LspDocumentSymbol,
  type FoldingRange as LspFoldingRange,
  type Hover as LspHover,
  MarkupKind,
  SymbolKind,
} from "vscode-languageserver";
import type { Diagnostic, Fix, Severity } from "../core/diagnostic.js";
import type { CodeLens, CompletionItem, CompletionKind, DocumentSymbol, FoldingRange, Hover, Refactoring } from "../core/language.js";
import { ruleDocUrl } from "../core/rule-docs.js";
import { type SemanticToken, semanticTokenTypes } from "../core/semantic-tokens.js";

/** Plain data → LSP types. The language modules never see these. */

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: severities[d.severity],
    code: d.rule,
    codeDescription: { href: ruleDocUrl(d.rule) },
    source: "etcetera",
    message: d.message,
  };
}

const completionKinds: Record<CompletionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  directive: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  unit: CompletionItemKind.Reference,
  specifier: CompletionItemKind.Variable,
  snippet: CompletionItemKind.Snippet,
};

export function toLspCompletion(c: CompletionItem): LspCompletionItem {
  const item: LspCompletionItem = { label: c.label, kind: completionKinds[c.kind] };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  if (c.sortText) item.sortText = c.sortText;
  if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (c.valueFollows) item.data = { valueFollows: true };
  const text = c.insertText ?? c.label;
  if (c.range) item.textEdit = { range: c.range, newText: text };
  else item.insertText = text;
  return item;
}

export function toLspHover(h: Hover): LspHover {
  return { range: h.range, contents: { kind: MarkupKind.Markdown, value: h.contents } };
}

export function toLspSymbol(s: DocumentSymbol): LspDocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind === "section" ? SymbolKind.Namespace : SymbolKind.Property,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children?.map(toLspSymbol),
  };
}

export function toLspFolding(f: FoldingRange): LspFoldingRange {
  return { startLine: f.startLine, endLine: f.endLine, kind: f.kind };
}

export function toLspCodeAction(uri: string, fix: Fix, diagnostics: Diagnostic[]): LspCodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: fix.preferred,
    diagnostics: diagnostics.map(toLspDiagnostic),
    edit: { changes: { [uri]: fix.edits } },
  };
}

/** A refactoring as a workspace edit: new files first, then the edits of the document. */
export function toLspRefactoring(uri: string, r: Refactoring): LspCodeAction {
  const action: LspCodeAction = { title: r.title, kind: CodeActionKind.RefactorRewrite };
  if (r.disabled) {
    action.disabled = { reason: r.disabled };
    return action;
  }
  const created = (r.createFiles ?? []).flatMap((f) => {
    const fileUri = pathToFileURL(f.path).toString();
    return [
      // No overwrite: an existing unit of that name makes the whole edit fail instead of being replaced.
      { kind: "create" as const, uri: fileUri },
      {
        textDocument: { uri: fileUri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.text }],
      },
    ];
  });
  action.edit = { documentChanges: [...created, { textDocument: { uri, version: null }, edits: r.edits }] };
  // Editors that can (the VS Code client) open the new files once the edit is applied.
  if (r.createFiles?.length) action.data = { openAfter: r.createFiles.map((f) => pathToFileURL(f.path).toString()) };
  return action;
}

/** A lens's command gets the document's URI as its first argument, before any of its own. */
export function toLspCodeLens(uri: string, lens: CodeLens): LspCodeLens {
  return {
    range: lens.range,
    command: { title: lens.title, command: lens.command?.id ?? "", arguments: lens.command ? [uri, ...lens.command.arguments] : undefined },
  };
}

/** Tokens in document order → the LSP's relative encoding (line delta, start delta, length, type index, modifiers). */
export function toLspSemanticTokens(tokens: readonly SemanticToken[]): { data: number[] } {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const t of tokens) {
    data.push(t.line - line, t.line === line ? t.character - character : t.character, t.length, semanticTokenTypes.indexOf(t.type), 0);
    line = t.line;
    character = t.character;
  }
  return { data };
}
