import type { LogOutputChannel } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

export async function restartServer(client: LanguageClient, output: LogOutputChannel): Promise<void> {
  await client.restart();
  output.info("Language server restarted.");
}
