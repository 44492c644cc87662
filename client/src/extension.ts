import { commands, type ExtensionContext, type TreeDataProvider, type TreeItem, window } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { restartServer } from "./commands/restartServer";
import { setSystemdVersion } from "./commands/setSystemdVersion";
import { showOutput } from "./commands/showOutput";
import { showSecurityTable } from "./commands/showSecurityTable";
import { createLanguageClient } from "./languageClient";
import { registerNetplanDetection } from "./netplanDetection";
import { registerOpenFiles } from "./openCreatedFiles";
import { registerRemote } from "./remote/register";
import { registerStatusBar } from "./statusBar";

let client: LanguageClient | undefined;

/** What activate() returns (vscode.extensions.getExtension(id).exports): the Hosts view's data, read by the integration tests. */
export interface EtceteraApi {
  hostsTree: TreeDataProvider<TreeItem>;
}

/** Activation stays thin: start the bundled server, register commands and the status bar. */
export async function activate(context: ExtensionContext): Promise<EtceteraApi> {
  const output = window.createOutputChannel("Etcetera", { log: true });
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  context.subscriptions.push(
    output,
    commands.registerCommand("etcetera.restartServer", () => restartServer(languageClient, output)),
    commands.registerCommand("etcetera.showOutput", () => showOutput(output)),
    registerOpenFiles(),
    commands.registerCommand("etcetera.setSystemdVersion", setSystemdVersion),
    commands.registerCommand("etcetera.security.showTable", (uri?: string) => showSecurityTable(languageClient, uri)),
  );
  registerStatusBar(context, languageClient);
  registerNetplanDetection(context);
  const hostsTree = registerRemote(context, output);
  await languageClient.start();
  return { hostsTree };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
