import * as path from "node:path";
import type { ExtensionContext, LogOutputChannel } from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from "vscode-languageclient/node";

export const documentSelector = [{ language: "systemd-unit" }];

/** Starts the bundled server (dist/server.cjs) over IPC. */
export function createLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join("dist", "server.cjs"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    synchronize: { configurationSection: "etcetera" },
  };
  return new LanguageClient("etcetera", "Etcetera", serverOptions, clientOptions);
}
