import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import type { FileKind, WorkspaceIndex } from "../../server/src/core/language.js";
import { defaultSettings, type Settings } from "../../server/src/core/settings.js";
import "../../server/src/core/languages.js";
import { analyze } from "../../server/src/features/documents.js";

/** Lints text as if it were the file at `path`, with the CLI's and the server's code; `workspace` is a list of unit names or a full index. */
export function lintText(
  path: string,
  text: string,
  settings: Settings = defaultSettings,
  kind?: FileKind,
  workspace: string[] | WorkspaceIndex = [],
): Diagnostic[] {
  const analysis = analyze(path, text, kind);
  if (!analysis) throw new Error(`no language for ${path}`);
  const index = Array.isArray(workspace) ? { unitNames: () => workspace } : workspace;
  return analysis.diagnostics({ path, settings, workspace: index });
}

/** Splits a `|` cursor marker out of a text: returns the text without it and the cursor position. */
export function cursor(textWithMarker: string): { text: string; position: { line: number; character: number } } {
  const offset = textWithMarker.indexOf("|");
  if (offset < 0) throw new Error("no | cursor marker");
  const before = textWithMarker.slice(0, offset);
  const lines = before.split("\n");
  return {
    text: before + textWithMarker.slice(offset + 1),
    position: { line: lines.length - 1, character: (lines[lines.length - 1] as string).length },
  };
}
