import { commands, type Disposable, l10n, languages, Uri, window, workspace } from "vscode";
import { type Sample, samples } from "./samples";

/**
 * Opens a sample as a new, unsaved file in its own language. The untitled
 * file carries the name it would be saved under (in the first workspace
 * folder), so the server knows the unit type from it and Save proposes it.
 */
async function openSample(sample: Sample): Promise<void> {
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const base = folder ? Uri.joinPath(folder, sample.path) : Uri.file(`/${sample.path}`);
  const uri = await freeName(base);
  const document = await workspace.openTextDocument(uri.with({ scheme: "untitled" }));
  const editor = await window.showTextDocument(document, { preview: false });
  if (document.languageId !== sample.languageId) await languages.setTextDocumentLanguage(document, sample.languageId);
  await editor.edit((e) => e.insert(document.positionAt(0), sample.text));
}

/** hello.service, or hello-2.service when the workspace has one already (an untitled file must not shadow a real one). */
async function freeName(uri: Uri): Promise<Uri> {
  const name = uri.path.slice(uri.path.lastIndexOf("/") + 1);
  const dot = name.indexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  const dir = Uri.joinPath(uri, "..");
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? uri : Uri.joinPath(dir, `${stem}-${n}${ext}`);
    const open = workspace.textDocuments.some((d) => d.uri.path === candidate.path);
    if (!open && !(await exists(candidate))) return candidate;
  }
  return uri;
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function registerNewFileCommands(): Disposable[] {
  return samples.map((sample) =>
    commands.registerCommand(sample.command, () =>
      openSample(sample).catch((e: unknown) =>
        window.showErrorMessage(l10n.t("Could not open a new {0}: {1}", sample.path, e instanceof Error ? e.message : String(e))),
      ),
    ),
  );
}
