import * as path from "node:path";
import { type ExtensionContext, type LogOutputChannel, l10n, workspace } from "vscode";
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { kindTable, unitTypes } from "../../server/src/core/kinds";
import { languageServerNodeFlags } from "../../server/src/core/server-flags";
import { withValueRetrigger } from "./completionRetrigger";
import { openAfterOf, openFilesCommand } from "./openCreatedFiles";

/** Every language of the kinds table; the server decides the rest from the path. */
export const documentSelector = kindTable.map((k) => ({ language: k.languageId }));

/** Unit files and drop-ins (and, harmlessly, other .conf files: the server keeps only systemd's). */
const watchedFiles = `**/*.{${[...unitTypes, "conf"].join(",")}}`;

/** How often the server may crash within `crashWindowMs` before we stop restarting it. */
const maxRestarts = 4;
const crashWindowMs = 3 * 60 * 1000;

/** Restarts a crashed server a bounded number of times, and says so in the output channel. */
function boundedRestarts(output: LogOutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
    closed: (): CloseHandlerResult => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - (crashes[0] as number) > crashWindowMs) crashes.shift();
      if (crashes.length > maxRestarts) {
        const message = l10n.t(
          'The Etcetera language server stopped {0} times in 3 minutes and will not be restarted. Run "Etcetera: Restart Language Server" after checking the output.',
          crashes.length,
        );
        output.error(message);
        return { action: CloseAction.DoNotRestart, message };
      }
      output.warn(`The language server stopped unexpectedly; restarting (${crashes.length} of ${maxRestarts}).`);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

/** Starts the bundled server (dist/server.cjs) over IPC. */
export function createLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join("dist", "server.cjs"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...languageServerNodeFlags] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...languageServerNodeFlags, "--nolazy", "--inspect=6011"] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    errorHandler: boundedRestarts(output),
    // Units and drop-ins created, changed or deleted outside the editor change what open documents are judged with.
    synchronize: { configurationSection: "etcetera", fileEvents: workspace.createFileSystemWatcher(watchedFiles) },
    middleware: {
      provideCompletionItem: async (document, position, context, token, next) => {
        const result = await next(document, position, context, token);
        if (!result) return result;
        if (Array.isArray(result)) return withValueRetrigger(result);
        withValueRetrigger(result.items);
        return result;
      },
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        for (const action of actions ?? []) {
          if (!("edit" in action) || action.command) continue;
          const uris = openAfterOf((action as { data?: unknown }).data);
          if (uris.length > 0) action.command = { title: l10n.t("Open the new files"), command: openFilesCommand, arguments: [uris] };
        }
        return actions;
      },
    },
  };
  return new LanguageClient("etcetera", "Etcetera", serverOptions, clientOptions);
}
