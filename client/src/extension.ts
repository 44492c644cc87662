import { commands, type ExtensionContext, type TreeDataProvider, type TreeItem, window, workspace } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { effectiveUnitScheme, showEffectiveUnitCommand } from "../../server/src/protocol";
import { restartServer } from "./commands/restartServer";
import { setSystemdVersion } from "./commands/setSystemdVersion";
import { EffectiveUnitDocuments, showEffectiveUnit } from "./commands/showEffectiveUnit";
import { showOutput } from "./commands/showOutput";
import { showSecurityTable } from "./commands/showSecurityTable";
import { createLanguageClient } from "./languageClient";
import { registerNetplanDetection } from "./netplanDetection";
import { registerOpenFiles } from "./openCreatedFiles";
import { registerRemote } from "./remote/register";
import { registerStatusBar } from "./statusBar";
import { type DependencyTree, registerDependencyTree } from "./views/dependencyTree";
import { registerNewFileCommands } from "./walkthrough/newFile";

let client: LanguageClient | undefined;

/** What activate() returns (vscode.extensions.getExtension(id).exports): the Hosts view's data, read by the integration tests. */
export interface EtceteraApi {
  hostsTree: TreeDataProvider<TreeItem>;
  /** The Dependencies view's data (set once the language server runs). */
  dependencyTree?: DependencyTree;
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
    ...registerNewFileCommands(),
    commands.registerCommand("etcetera.setSystemdVersion", setSystemdVersion),
    commands.registerCommand("etcetera.security.showTable", (uri?: string) => showSecurityTable(languageClient, uri)),
  );
  const effectiveUnits = new EffectiveUnitDocuments(languageClient);
  context.subscriptions.push(
    effectiveUnits,
    workspace.registerTextDocumentContentProvider(effectiveUnitScheme, effectiveUnits),
    commands.registerCommand(showEffectiveUnitCommand, (uri?: string) => showEffectiveUnit(languageClient, uri)),
  );
  registerStatusBar(context, languageClient);
  registerNetplanDetection(context);
  const hostsTree = registerRemote(context, output);
  await languageClient.start();
  const dependencyTree = registerDependencyTree(context, languageClient);
  return { hostsTree, dependencyTree };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
