/**
 * What the systemd language does beyond the common features, in a real VS
 * Code: a quick fix applied through the code-action API changes the text, the
 * target version setting takes effect without a restart, and the server comes
 * back after "Restart Language Server".
 */
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, describe, it } from "mocha";
import * as vscode from "vscode";
import { languageServerNodeFlags } from "../../../../server/src/core/server-flags.js";
import { diagnosticsOf, hasRule, open, ruleOf } from "./helpers.js";

/** The command lines of this extension host's child processes that run the bundled server (from /proc). */
function serverCommandLines(): string[][] {
  const out: string[][] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const parent = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      if (Number(parent) !== process.pid) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (argv.some((a) => a.endsWith("server.cjs"))) out.push(argv);
    } catch {
      // The process ended while we read it.
    }
  }
  return out;
}

async function setTargetVersion(version: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration("etcetera").update("systemd.version", version, vscode.ConfigurationTarget.Global);
}

export function systemdSuites(): void {
  describe("systemd quick fixes", () => {
    it("renames a misspelled directive through the code action the diagnostic offers", async () => {
      const { document } = await open("fix.service");
      const [typo] = (await diagnosticsOf(document.uri, hasRule("systemd/unknown-directive"), "the unknown directive")).filter(
        (d) => ruleOf(d) === "systemd/unknown-directive",
      );
      assert.ok(typo);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        "vscode.executeCodeActionProvider",
        document.uri,
        typo.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title.includes("Restart"));
      assert.ok(fix?.edit, `a quick fix renaming to Restart=; got ${actions.map((a) => a.title).join(" | ")}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(document.lineAt(typo.range.start.line).text, "Restart=on-failure");
      await diagnosticsOf(document.uri, (ds) => !hasRule("systemd/unknown-directive")(ds), "the diagnostic to go away after the fix");
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
    });
  });

  describe("systemd settings", () => {
    after(() => setTargetVersion(undefined));

    it("flags directives newer than the target version once etcetera.systemd.version is set, without a restart", async () => {
      const { document } = await open("newer.service");
      // Without a target, the newest version is assumed: RestartSteps= is fine.
      await diagnosticsOf(document.uri, () => true, "the first diagnostics");
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(!hasRule("systemd/newer-than-target")(vscode.languages.getDiagnostics(document.uri)));

      await setTargetVersion(252);
      const ds = await diagnosticsOf(
        document.uri,
        hasRule("systemd/newer-than-target"),
        "systemd/newer-than-target after the setting change",
      );
      const d = ds.find((x) => ruleOf(x) === "systemd/newer-than-target");
      assert.equal(d && document.getText(d.range), "RestartSteps");
      assert.match(d?.message ?? "", /254/);

      await setTargetVersion(undefined);
      await diagnosticsOf(
        document.uri,
        (ds) => !hasRule("systemd/newer-than-target")(ds),
        "the diagnostic to go away when the setting is cleared",
      );
    });
  });

  describe("the language server process", () => {
    it("runs with the Node.js flags of core/server-flags.ts (a young generation of at most 16 MiB)", async () => {
      const { document } = await open("typo.service");
      await diagnosticsOf(document.uri, hasRule("systemd/unknown-directive"), "the server to answer");
      const servers = serverCommandLines();
      assert.equal(servers.length, 1, `one server process; got ${JSON.stringify(servers)}`);
      for (const flag of languageServerNodeFlags) assert.ok(servers[0]?.includes(flag), `${flag} in ${servers[0]?.join(" ")}`);
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    });
  });

  describe("Restart Language Server", () => {
    it("restarts the server, which checks the open files again", async () => {
      const { document } = await open("typo.service");
      await diagnosticsOf(document.uri, hasRule("systemd/unknown-directive"), "diagnostics before the restart");
      await vscode.commands.executeCommand("etcetera.restartServer");
      // The restarted server publishes afresh; an edit proves it answers.
      const editor = await open("typo.service");
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), "Restrat2=x\n"));
      await diagnosticsOf(
        document.uri,
        (ds) => ds.some((d) => ruleOf(d) === "systemd/unknown-directive" && d.message.includes("Restrat2")),
        "diagnostics from the restarted server",
      );
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
    });
  });
}
