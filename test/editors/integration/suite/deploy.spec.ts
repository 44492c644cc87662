/**
 * "Deploy and Restart", the Hosts view and Show Logs in a real VS Code against
 * a real systemd host (test/remote/host/test-host.ts, started by
 * test/editors/deploy.test.ts). Runs only when that test passes the host in:
 *   ETCETERA_TEST_HOST_ALIAS  the ssh alias of the host; `ssh` on PATH knows it
 *                             (the test puts its ssh config first, as a user's ~/.ssh/config would)
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "mocha";
import * as vscode from "vscode";
import { extensionId, open, waitFor } from "./helpers.js";

const file = "deploy/etcetera-hello.service";
const unit = "etcetera-hello.service";
const printed = "hello from etcetera-hello";

/** What the extension's activate() returns. */
interface Api {
  hostsTree: vscode.TreeDataProvider<vscode.TreeItem>;
}

interface UnitItem extends vscode.TreeItem {
  unit?: string;
  status?: { activeState: string; subState: string; unitFileState: string };
}

async function setHosts(value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration("etcetera").update("hosts", value, vscode.ConfigurationTarget.Global);
}

export function deploySuites(): void {
  const alias = process.env.ETCETERA_TEST_HOST_ALIAS;
  if (!alias) return;
  const sh = (command: string) => spawnSync("ssh", ["-o", "BatchMode=yes", alias, command], { encoding: "utf8", timeout: 30_000 });

  describe("Deploy and Restart on a real systemd host", function () {
    this.timeout(90_000);
    let api: Api;

    before(async () => {
      // The first configured host is the current one: the deploy asks for none.
      await setHosts([{ name: alias }]);
      await open(file);
      const ext = vscode.extensions.getExtension<Api>(extensionId);
      assert.ok(ext);
      api = await ext.activate();
      assert.ok(api?.hostsTree, "activate() returns the Hosts view's data");
    });
    after(async () => {
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      await setHosts(undefined);
    });

    it("offers the Deploy and Restart CodeLens on the unit, naming the current host", async () => {
      const { document } = await open(file);
      const lenses = await waitFor("the deploy CodeLens", async () => {
        const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", document.uri);
        return ls?.some((l) => l.command?.command === "etcetera.deploy") ? ls : undefined;
      });
      const lens = lenses.find((l) => l.command?.command === "etcetera.deploy");
      assert.equal(lens?.command?.title, `$(cloud-upload) Deploy and Restart on ${alias}`);
      assert.equal(String(lens?.command?.arguments?.[0]), document.uri.toString());
    });

    it("deploys the unit: installed, enabled and active on the host", async () => {
      const { document } = await open(file);
      await vscode.commands.executeCommand("etcetera.deploy", document.uri);
      const active = sh(`systemctl is-active ${unit}; systemctl is-enabled ${unit}; cat /etc/systemd/system/${unit}`);
      assert.equal(active.status, 0, `on the host: ${active.stderr}${active.stdout}`);
      const [state, enabled, ...text] = active.stdout.split("\n");
      assert.equal(state, "active");
      assert.equal(enabled, "enabled");
      assert.equal(`${text.join("\n")}`, document.getText());
    });

    it("a deploy that fails on the host ends the command (without waiting for the notification) and leaves no unit", async () => {
      const { document } = await open("deploy/etcetera-broken.service");
      const ended = await Promise.race([
        vscode.commands.executeCommand("etcetera.deploy", document.uri).then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 45_000)),
      ]);
      assert.ok(ended, "etcetera.deploy returns once the deploy has failed and been rolled back");
      const left = sh("test -e /etc/systemd/system/etcetera-broken.service; echo $?; systemctl is-active etcetera-broken.service");
      assert.match(left.stdout, /^1\n(inactive|unknown)\n$/, `on the host: ${left.stderr}${left.stdout}`);
    });

    it("lists the unit in the Hosts view with its state", async () => {
      const tree = api.hostsTree;
      const item = await waitFor(
        "the unit to show as active in the Hosts view",
        async () => {
          const hosts = (await tree.getChildren()) ?? [];
          const host = hosts.find((h) => h.label === alias);
          if (!host) return undefined;
          const units = ((await tree.getChildren(host)) ?? []) as UnitItem[];
          const u = units.find((n) => n.unit === unit);
          return u?.status?.activeState === "active" ? u : undefined;
        },
        30_000,
      );
      assert.match(String(item.description), /^active \(running\) · enabled · PID \d+$/);
      assert.equal(item.command?.command, "etcetera.showLogs");
    });

    it("Show Logs opens the unit's journal with the line the service printed", async () => {
      const hosts = (await api.hostsTree.getChildren()) ?? [];
      const host = hosts.find((h) => h.label === alias);
      assert.ok(host);
      const node = ((await api.hostsTree.getChildren(host)) as UnitItem[]).find((n) => n.unit === unit);
      assert.ok(node?.command);
      // What clicking the unit in the tree runs.
      await vscode.commands.executeCommand(node.command.command, ...(node.command.arguments ?? []));
      const doc = await waitFor(
        "the journal to show the service's line",
        () => {
          const d = vscode.window.activeTextEditor?.document;
          return d?.uri.scheme === "etcetera-journal" && d.getText().includes(printed) ? d : undefined;
        },
        30_000,
      );
      assert.equal(doc.uri.path, `/${alias}/${unit}.log`);
      assert.match(doc.getText(), new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.* sh\\[\\d+\\]: ${printed}$`, "m"));
    });

    it("groups the hosts as the Ansible inventory does, with Deploy to Group on the group", async () => {
      const inventory = process.env.ETCETERA_TEST_INVENTORY;
      assert.ok(inventory, "the outer test passes an inventory");
      const setting = (v: string | undefined) =>
        vscode.workspace.getConfiguration("etcetera").update("ansible.inventory", v, vscode.ConfigurationTarget.Global);
      await setting(inventory);
      try {
        const tree = api.hostsTree;
        const group = await waitFor(
          "the inventory's group in the Hosts view",
          async () => ((await tree.getChildren()) ?? []).find((n) => n.label === "web" && n.contextValue === "etcetera.group"),
          60_000,
        );
        assert.equal(group.description, "1 host · Ansible group");
        assert.deepEqual(
          ((await tree.getChildren(group)) ?? []).map((n) => [n.label, n.contextValue]),
          [[alias, "etcetera.host"]],
        );
        const roots = (await tree.getChildren()) ?? [];
        assert.ok(!roots.some((n) => n.label === alias), "the host is shown under its group, not again at the top");
        assert.ok((await vscode.commands.getCommands(true)).includes("etcetera.hosts.deployToGroup"));
      } finally {
        await setting(undefined);
      }
    });
  });
}
