/** Small helpers for the tests that run inside the extension host. */
import * as vscode from "vscode";

export const extensionId = "etcetera.etcetera-vscode";

/** Polls `probe` until it returns something other than undefined, or fails saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("the tests need the fixture workspace open");
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document);
}

/** The rule id of a diagnostic: the server sends it as the code, with a link to its documentation or not. */
export function ruleOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === "object" ? d.code.value : d.code);
}

/** Waits until the document's diagnostics satisfy `accept`, and returns them. */
export function diagnosticsOf(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = vscode.languages.getDiagnostics(uri);
    return accept(ds) ? ds : undefined;
  });
}

export function hasRule(rule: string) {
  return (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === rule);
}

/** The position just after the first occurrence of `text` (or at its start). */
export function positionOf(document: vscode.TextDocument, text: string, where: "start" | "end" = "start"): vscode.Position {
  const offset = document.getText().indexOf(text);
  if (offset < 0) throw new Error(`'${text}' is not in ${document.uri.path}`);
  return document.positionAt(where === "start" ? offset : offset + text.length);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n");
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === "string" ? item.label : item.label.label;
}

/** The language ids this build of the extension registers. */
export function registeredLanguages(): string[] {
  const ext = vscode.extensions.getExtension(extensionId);
  const manifest = ext?.packageJSON as { contributes?: { languages?: { id: string }[] } } | undefined;
  const languages = manifest?.contributes?.languages ?? [];
  return languages.map((l) => l.id);
}
