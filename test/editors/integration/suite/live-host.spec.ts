/**
 * The live host in a real VS Code against a real systemd host
 * (test/editors/live-host.test.ts starts it and prepares live.service with a
 * drop-in): open a unit as the host has it, edit a copy and save it (which
 * deploys it), compare a file with the host's copy in a diff editor, the
 * unit's page with its actions, and the failure paths. Runs only when that
 * test passes the host in (ETCETERA_TEST_HOST_ALIAS, ETCETERA_TEST_SUITE=live-host).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { after, before, describe, it } from "mocha";
import * as vscode from "vscode";
import { extensionId, waitFor } from "./helpers.js";

const unit = "live.service";

interface Api {
  hostsTree: vscode.TreeDataProvider<vscode.TreeItem>;
}
type LiveResult = { uri?: string; error?: string; ran?: boolean; status?: { activeState: string } };

async function setHosts(value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration("etcetera").update("hosts", value, vscode.ConfigurationTarget.Global);
}

const run = <T = LiveResult>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);

export function liveHostSuites(): void {
  const alias = process.env.ETCETERA_TEST_HOST_ALIAS;
  if (!alias) return;
  const sh = (command: string) => spawnSync("ssh", ["-o", "BatchMode=yes", alias, command], { encoding: "utf8", timeout: 30_000 });
  const onHost = (command: string) => {
    const r = sh(command);
    assert.equal(r.status, 0, `on the host: ${command}: ${r.stderr}`);
    return r.stdout;
  };
  const target = { host: alias, unit };

  describe("the live host in the editor", function () {
    this.timeout(120_000);
    let api: Api;

    before(async () => {
      // The first host is the current one; "pw" logs in as a user whose sudo wants a password; "gone" does not exist.
      await setHosts([{ name: alias }, { name: "pw", host: alias, user: "plain" }, { name: "gone", host: "no-such-alias.invalid" }]);
      const ext = vscode.extensions.getExtension<Api>(extensionId);
      assert.ok(ext);
      api = await ext.activate();
    });
    after(async () => {
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      await setHosts(undefined);
    });

    it("opens the unit as the host has it (fragment and drop-in), read-only, as a systemd unit", async () => {
      const r = await run("etcetera.host.openUnit", target);
      assert.equal(r.error, undefined);
      const editor = await waitFor("the host's unit in the editor", () =>
        vscode.window.activeTextEditor?.document.uri.toString() === r.uri ? vscode.window.activeTextEditor : undefined,
      );
      const doc = editor.document;
      assert.equal(doc.uri.scheme, "etcetera-host");
      assert.equal(doc.languageId, "systemd-unit");
      assert.equal(doc.getText(), onHost(`systemctl cat --no-pager ${unit}`));
      assert.match(doc.getText(), /^# \/etc\/systemd\/system\/live\.service\.d\/10-nice\.conf$/m);
      // A TextDocumentContentProvider's document: the editor shows it read-only; there is no file to save it to.
      assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, "etcetera-host");
    });

    let copy: vscode.Uri;
    it("edits a copy of the unit file; saving it deploys it to that host", async () => {
      const r = await run("etcetera.host.editCopy", target, `/etc/systemd/system/${unit}`);
      assert.equal(r.error, undefined);
      copy = vscode.Uri.parse(r.uri as string);
      const doc = await vscode.workspace.openTextDocument(copy);
      assert.equal(copy.scheme, "file");
      assert.match(copy.fsPath, /[\\/]live\.service$/);
      assert.equal(doc.getText(), onHost(`cat /etc/systemd/system/${unit}`));
      const edit = new vscode.WorkspaceEdit();
      const at = doc.getText().indexOf("Description=Live one");
      assert.ok(at >= 0, doc.getText());
      edit.replace(copy, new vscode.Range(doc.positionAt(at), doc.positionAt(at + "Description=Live one".length)), "Description=Live two");
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await doc.save());
      const installed = await waitFor(
        "the saved copy to be deployed on the host",
        () => {
          const text = sh(`cat /etc/systemd/system/${unit}`).stdout;
          return text.includes("Description=Live two") ? text : undefined;
        },
        60_000,
      );
      assert.equal(installed, doc.getText());
      await waitFor("the unit to run the new version", () =>
        sh(`systemctl show -p Description --value ${unit}`).stdout.trim() === "Live two" ? true : undefined,
      );
      assert.equal(onHost(`systemctl is-active ${unit}`).trim(), "active");
    });

    it("marks the unit in the Hosts view once its deployed local file changed, and compares it with the host's copy", async () => {
      writeFileSync(copy.fsPath, (await vscode.workspace.openTextDocument(copy)).getText().replace("Live two", "Live three"));
      await run("etcetera.hosts.refresh");
      const node = await waitFor(
        "the unit to show as changed locally",
        async () => {
          const hosts = (await api.hostsTree.getChildren()) ?? [];
          const host = hosts.find((h) => h.label === alias);
          const units = host ? ((await api.hostsTree.getChildren(host)) ?? []) : [];
          return units.find((n) => String(n.label) === unit && String(n.description).endsWith("local file changed"));
        },
        30_000,
      );
      const r = await run("etcetera.compareWithHost", node);
      assert.equal(r.error, undefined);
      const tab = await waitFor("the diff editor", () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff ? input : undefined;
      });
      assert.equal(tab.original.toString(), r.uri);
      assert.equal(tab.modified.fsPath, copy.fsPath);
      const hostSide = await vscode.workspace.openTextDocument(tab.original);
      assert.equal(hostSide.getText(), onHost(`cat /etc/systemd/system/${unit}`));
      assert.match((await vscode.workspace.openTextDocument(tab.modified)).getText(), /Description=Live three/);
    });

    it("Compare with Host on a workspace file the host does not have compares with an empty host side", async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
      const file = vscode.Uri.joinPath(folder, "deploy/etcetera-broken.service");
      const r = await run("etcetera.compareWithHost", file);
      assert.equal(r.error, undefined);
      assert.equal((await vscode.workspace.openTextDocument(vscode.Uri.parse(r.uri as string))).getText(), "");
    });

    it("shows the unit's page: state, main PID, journal, and its actions as CodeLenses", async () => {
      const r = await run("etcetera.host.showPage", target);
      assert.equal(r.error, undefined);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.uri as string));
      assert.equal(doc.languageId, "markdown");
      const pid = onHost(`systemctl show -p MainPID --value ${unit}`).trim();
      assert.match(doc.getText(), /^- \*\*State:\*\* active \(running\) since \d{4}-/m);
      assert.match(doc.getText(), new RegExp(`^- \\*\\*Main PID:\\*\\* ${pid}$`, "m"));
      assert.match(doc.getText(), /^- \*\*Drop-in:\*\* \/etc\/systemd\/system\/live\.service\.d\/10-nice\.conf$/m);
      assert.match(doc.getText(), /: live says hello$/m);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", doc.uri);
      const titles = lenses.map((l) => l.command?.title);
      for (const t of ["Start", "Stop", "Restart", "Reload", "Enable", "Disable", "Mask", "Unmask", "Reset Failed"])
        assert.ok(titles.includes(t), `${t} in ${titles.join(", ")}`);
    });

    it("a destructive action asks first (VS Code under test refuses every dialog): Stop without a yes leaves the unit running", async () => {
      const uri = hostPage();
      const stop = await lens(uri, "Stop");
      const r = await run(stop.command as string, ...(stop.arguments ?? []));
      assert.equal(r.ran, false);
      assert.equal(onHost(`systemctl is-active ${unit}`).trim(), "active");
    });

    it("Start from the page starts the stopped unit on the host and the page shows it", async () => {
      onHost(`systemctl stop ${unit}`);
      const uri = hostPage();
      assert.equal((await run("etcetera.host.refreshPage", uri)).error, undefined);
      const doc = await vscode.workspace.openTextDocument(uri);
      // The document takes the new text when VS Code asks the provider again, just after.
      await waitFor("the page to show the unit stopped", () =>
        /^- \*\*State:\*\* inactive \(dead\)/m.test(doc.getText()) ? true : undefined,
      );
      const start = await lens(uri, "Start");
      const r = await run(start.command as string, ...(start.arguments ?? []));
      assert.equal(r.error, undefined);
      assert.equal(r.status?.activeState, "active");
      assert.equal(onHost(`systemctl is-active ${unit}`).trim(), "active");
      await waitFor("the page to show the unit active again", () =>
        /^- \*\*State:\*\* active \(running\)/m.test(doc.getText()) ? true : undefined,
      );
    });

    it("says clearly when the host cannot be reached, or sudo wants a password", async () => {
      const gone = await run("etcetera.host.showPage", { host: "gone", unit });
      assert.match(gone.error ?? "", /unknown host 'no-such-alias\.invalid'/);
      const open = await run("etcetera.host.openUnit", { host: "gone", unit });
      assert.match(open.error ?? "", /unknown host/);
      const pw = await run("etcetera.unit.start", { host: "pw", unit });
      assert.match(pw.error ?? "", /sudo on .* wants a password from plain/);
      const copyPw = await run("etcetera.host.editCopy", { host: "gone", unit });
      assert.match(copyPw.error ?? "", /unknown host/);
    });

    function hostPage(): vscode.Uri {
      return vscode.Uri.from({ scheme: "etcetera-host", path: `/page/${alias}/${unit}.md` });
    }
    async function lens(uri: vscode.Uri, title: string): Promise<vscode.Command> {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri);
      const l = lenses.find((x) => x.command?.title === title)?.command;
      assert.ok(l, `a ${title} lens`);
      return l;
    }
  });
}
