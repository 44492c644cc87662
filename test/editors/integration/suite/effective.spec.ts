/**
 * "Etcetera: Show Effective Unit" in a real VS Code: the code lens on a
 * drop-in, and the command opening the merged unit as a read-only,
 * highlighted document with each file under its path and the notes on what
 * overrides what.
 */
import * as assert from "node:assert/strict";
import { after, describe, it } from "mocha";
import * as vscode from "vscode";
import { open, waitFor, workspaceUri } from "./helpers.js";

const dropIn = "effective/web.service.d/override.conf";

export function effectiveUnitSuites(): void {
  describe("Show Effective Unit", () => {
    after(() => vscode.commands.executeCommand("workbench.action.closeAllEditors"));

    it("puts a lens on the drop-in's first line that runs the command with the drop-in", async () => {
      const { document } = await open(dropIn);
      const lenses = await waitFor("the effective-unit CodeLens", async () => {
        const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", document.uri);
        return ls?.some((l) => l.command?.command === "etcetera.showEffectiveUnit") ? ls : undefined;
      });
      const lens = lenses.find((l) => l.command?.command === "etcetera.showEffectiveUnit");
      assert.equal(lens?.command?.title, "Effective web.service: unit file + 1 drop-in");
      assert.equal(lens?.range.start.line, 0);
      assert.equal(String(lens?.command?.arguments?.[0]), document.uri.toString());
    });

    it("opens the merged unit as a read-only systemd-unit document, each file under its path", async () => {
      const { document } = await open(dropIn);
      await vscode.commands.executeCommand("etcetera.showEffectiveUnit", document.uri.toString());
      const view = await waitFor("the effective unit's editor", () =>
        vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === "etcetera-effective"),
      );
      const unitPath = workspaceUri("effective/web.service").fsPath;
      assert.equal(view.document.languageId, "systemd-unit");
      assert.equal(
        view.document.getText(),
        `# ${unitPath}
[Unit]
Description=Web front end

[Service]
ExecStart=/usr/bin/web
Restart=on-failure
#   ^ No effect: overridden by Restart=always at ${document.uri.fsPath}:2.

# ${document.uri.fsPath}
[Service]
Restart=always
#   ^ Overrides Restart=on-failure from ${unitPath}:6.
`,
      );
      // Typing into it changes nothing: VS Code opens a content provider's document read-only.
      const before = view.document.getText();
      await vscode.window.showTextDocument(view.document, { viewColumn: view.viewColumn, preserveFocus: false });
      await vscode.commands.executeCommand("type", { text: "Nice=5\n" });
      assert.equal(view.document.getText(), before);
      assert.equal(view.document.isDirty, false);
      // No diagnostics: the view repeats settings on purpose.
      assert.deepEqual(vscode.languages.getDiagnostics(view.document.uri), []);
    });

    it("follows an unsaved change of the drop-in", async () => {
      const document = await vscode.workspace.openTextDocument(workspaceUri(dropIn));
      await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
      await vscode.commands.executeCommand("etcetera.showEffectiveUnit", document.uri.toString());
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(2, 0), "Nice=5\n");
      assert.ok(await vscode.workspace.applyEdit(edit));
      const view = await waitFor("the refreshed effective unit", () => {
        const e = vscode.window.visibleTextEditors.find((v) => v.document.uri.scheme === "etcetera-effective");
        return e?.document.getText().includes("\nNice=5\n") ? e : undefined;
      });
      assert.match(view.document.getText(), /Restart=always\n# {3}\^ Overrides Restart=on-failure/);
      await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    });
  });
}
