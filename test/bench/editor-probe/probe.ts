/**
 * Runs inside the extension host of a real VS Code (as --extensionTestsPath)
 * and measures the installed Etcetera extension as a user meets it: from
 * opening a unit to the extension being active (its activate() resolved,
 * which includes starting the server), and to the unit's first diagnostics.
 * Writes { activationMs, firstDiagnosticsMs } to bench-result.json in the
 * workspace folder.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";

const unitName = "app.service";

async function poll<T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error("the probe needs a workspace folder");
  const extension = vscode.extensions.getExtension("etcetera.etcetera-vscode");
  if (!extension) throw new Error("the Etcetera extension is not installed");
  if (extension.isActive) throw new Error("the extension was active before a unit was opened: activation is not lazy");
  const uri = vscode.Uri.joinPath(folder, unitName);

  const t0 = performance.now();
  const firstDiagnostics = new Promise<number>((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && vscode.languages.getDiagnostics(uri).length > 0) {
        sub.dispose();
        resolve(performance.now() - t0);
      }
    });
  });
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const activationMs = await poll(() => (extension.isActive ? performance.now() - t0 : undefined), "activation");
  const firstDiagnosticsMs = await Promise.race([
    firstDiagnostics,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error("no diagnostics within 60 s")), 60_000)),
  ]);
  writeFileSync(join(folder.fsPath, "bench-result.json"), JSON.stringify({ activationMs, firstDiagnosticsMs }));
}
