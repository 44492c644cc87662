/**
 * Languages found by content, in a real VS Code: with
 * etcetera.netplan.detectByContent on, a YAML file whose root is `network:`
 * becomes netplan and gets netplan's diagnostics; a language set by hand
 * afterwards stays.
 */
import * as assert from "node:assert/strict";
import { after, describe, it } from "mocha";
import * as vscode from "vscode";
import { diagnosticsOf, hasRule, open, waitFor } from "./helpers.js";

async function setDetection(on: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration("etcetera").update("netplan.detectByContent", on, vscode.ConfigurationTarget.Global);
}

export function detectionSuites(): void {
  describe("netplan detected by content", () => {
    after(() => setDetection(undefined));

    it("leaves a YAML file outside a netplan directory alone by default", async () => {
      const { document } = await open("config/office-network.yaml");
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(document.languageId, "yaml");
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    });

    it("turns it into netplan when the user opts in, with netplan's diagnostics", async () => {
      await setDetection(true);
      const { document } = await open("config/office-network.yaml");
      const netplan = await waitFor("the file to become netplan", () =>
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === document.uri.toString() && d.languageId === "netplan"),
      );
      await diagnosticsOf(netplan.uri, hasRule("netplan/deprecated-gateway"), "netplan/deprecated-gateway on gateway4");
    });

    it("keeps YAML when the user switches the language back by hand", async () => {
      const { document } = await open("config/office-network.yaml");
      const yaml = await vscode.languages.setTextDocumentLanguage(document, "yaml");
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === yaml.uri.toString())?.languageId, "yaml");
    });
  });
}
