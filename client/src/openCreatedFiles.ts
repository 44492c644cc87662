import { commands, Uri, window } from "vscode";

/**
 * A refactoring that creates files (a crontab line turned into a .timer and a
 * .service) names them in `data.openAfter`; the client runs this command after
 * applying the edit, so the new files open beside the crontab.
 */
export const openFilesCommand = "etcetera.openFiles";

export function openAfterOf(data: unknown): string[] {
  const list = (data as { openAfter?: unknown } | undefined)?.openAfter;
  return Array.isArray(list) ? list.filter((u): u is string => typeof u === "string") : [];
}

export async function openFiles(uris: string[]): Promise<void> {
  for (const uri of uris) await window.showTextDocument(Uri.parse(uri), { preview: false, preserveFocus: uri !== uris[uris.length - 1] });
}

export function registerOpenFiles() {
  return commands.registerCommand(openFilesCommand, (uris: string[]) => openFiles(uris));
}
