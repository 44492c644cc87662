import { type ExtensionContext, l10n, StatusBarAlignment, type TextEditor, window, workspace } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type DocumentInfo, documentInfoRequest } from "../../server/src/protocol";

const kindNames: Record<string, string> = { systemd: "systemd unit", cron: "crontab", netplan: "netplan", logrotate: "logrotate" };

/** Shows the detected file kind and the target systemd version of the active editor. */
export function registerStatusBar(context: ExtensionContext, client: LanguageClient): void {
  const item = window.createStatusBarItem("etcetera.status", StatusBarAlignment.Right, 100);
  item.name = "Etcetera";
  item.command = "etcetera.setSystemdVersion";
  context.subscriptions.push(item);

  const update = async (editor: TextEditor | undefined) => {
    if (!editor || !client.isRunning()) {
      item.hide();
      return;
    }
    try {
      const info = await client.sendRequest<DocumentInfo>(documentInfoRequest, { uri: editor.document.uri.toString() });
      if (!info.kind) {
        item.hide();
        return;
      }
      const version = info.targetVersion ? `systemd ${info.targetVersion}` : l10n.t("systemd {0} (newest)", info.newestKnownVersion);
      item.text = `$(server-process) ${kindNames[info.kind] ?? info.kind}${info.kind === "systemd" ? ` · ${version}` : ""}`;
      const kind = kindNames[info.kind] ?? info.kind;
      item.tooltip =
        info.kind === "systemd"
          ? l10n.t("Etcetera checks this file as a {0} for {1}. Click to change the target version.", kind, version)
          : l10n.t("Etcetera checks this file as a {0}.", kind);
      item.show();
    } catch {
      item.hide();
    }
  };
  context.subscriptions.push(
    window.onDidChangeActiveTextEditor(update),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("etcetera")) setTimeout(() => void update(window.activeTextEditor), 300);
    }),
    client.onDidChangeState(() => void update(window.activeTextEditor)),
  );
  void update(window.activeTextEditor);
}
