import { commands, type ExtensionContext, window } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { createLanguageClient } from "./languageClient";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel("Etcetera", { log: true });
  client = createLanguageClient(context, output);
  context.subscriptions.push(
    output,
    commands.registerCommand("etcetera.restartServer", async () => {
      await client?.restart();
      output.appendLine("Language server restarted.");
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
