import { commands, type ExtensionContext, window } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { restartServer } from "./commands/restartServer";
import { setSystemdVersion } from "./commands/setSystemdVersion";
import { showOutput } from "./commands/showOutput";
import { createLanguageClient } from "./languageClient";
import { registerNetplanDetection } from "./netplanDetection";
import { registerRemote } from "./remote/register";
import { registerStatusBar } from "./statusBar";

let client: LanguageClient | undefined;

/** Activation stays thin: start the bundled server, register commands and the status bar. */
export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel("Etcetera", { log: true });
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  context.subscriptions.push(
    output,
    commands.registerCommand("etcetera.restartServer", () => restartServer(languageClient, output)),
    commands.registerCommand("etcetera.showOutput", () => showOutput(output)),
    commands.registerCommand("etcetera.setSystemdVersion", setSystemdVersion),
  );
  registerStatusBar(context, languageClient);
  registerNetplanDetection(context);
  registerRemote(context, output);
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
