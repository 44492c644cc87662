import { l10n, ViewColumn, window, workspace } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type SecurityReport, securityReportRequest } from "../../../server/src/protocol";

/** Opens the full exposure table of a service (the code lens on [Service] passes its URI; otherwise the active editor's). */
export async function showSecurityTable(client: LanguageClient, uri?: string): Promise<void> {
  const target = uri ?? window.activeTextEditor?.document.uri.toString();
  if (!target) {
    await window.showInformationMessage(l10n.t("Open a .service file to see its exposure score."));
    return;
  }
  const report = await client.sendRequest<SecurityReport>(securityReportRequest, { uri: target });
  const doc = await workspace.openTextDocument({ content: report.text, language: "plaintext" });
  await window.showTextDocument(doc, { preview: true, viewColumn: ViewColumn.Beside });
}
