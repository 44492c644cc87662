import {
  type Disposable,
  EventEmitter,
  l10n,
  languages,
  type TextDocumentContentProvider,
  Uri,
  ViewColumn,
  window,
  workspace,
} from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type EffectiveUnitResult, effectiveUnitRequest, effectiveUnitScheme } from "../../../server/src/protocol";

/**
 * The effective unit as a read-only document (`etcetera-effective:/UNIT?SOURCE-URI`):
 * the server merges the unit file and its drop-ins; documents of a content
 * provider cannot be edited, and follow the files they show as those change.
 */
export class EffectiveUnitDocuments implements TextDocumentContentProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly listeners: Disposable[];
  private refresh: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    const later = () => {
      clearTimeout(this.refresh);
      this.refresh = setTimeout(() => this.refreshOpen(), 300);
    };
    this.listeners = [
      workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === "systemd-unit" && e.document.uri.scheme !== effectiveUnitScheme) later();
      }),
      workspace.onDidSaveTextDocument(later),
      workspace.onDidCreateFiles(later),
      workspace.onDidDeleteFiles(later),
    ];
  }

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const result = await this.client.sendRequest<EffectiveUnitResult>(effectiveUnitRequest, { uri: uri.query });
    return result.text;
  }

  private refreshOpen(): void {
    for (const doc of workspace.textDocuments) if (doc.uri.scheme === effectiveUnitScheme) this.changed.fire(doc.uri);
  }

  dispose(): void {
    clearTimeout(this.refresh);
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}

/** Opens the effective unit of a unit file or drop-in (the code lens passes its URI; otherwise the active editor's). */
export async function showEffectiveUnit(client: LanguageClient, uri?: string): Promise<void> {
  const source = uri ?? window.activeTextEditor?.document.uri.toString();
  if (!source) {
    await window.showInformationMessage(l10n.t("Open a unit file or a drop-in to see the unit as systemd merges it."));
    return;
  }
  const result = await client.sendRequest<EffectiveUnitResult>(effectiveUnitRequest, { uri: source });
  if (!result.unit) {
    await window.showInformationMessage(result.text.replace(/^# /, "").trim());
    return;
  }
  const view = Uri.from({ scheme: effectiveUnitScheme, path: `/${result.unit}`, query: source });
  const doc = await languages.setTextDocumentLanguage(await workspace.openTextDocument(view), "systemd-unit");
  await window.showTextDocument(doc, { preview: true, viewColumn: ViewColumn.Beside });
}
