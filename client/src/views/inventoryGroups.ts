import {
  type ExtensionContext,
  type LogOutputChannel,
  ProgressLocation,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  window,
  workspace,
} from "vscode";
import type { FleetResult } from "../../../server/src/remote/ansible/rollout";
import { lastJson, runCli } from "../remote/cliRunner";

/** A group of the user's Ansible inventory in the Hosts view. */
export class GroupNode extends TreeItem {
  constructor(
    readonly group: string,
    hosts: number,
  ) {
    super(group, TreeItemCollapsibleState.Collapsed);
    this.contextValue = "etcetera.group";
    this.iconPath = new ThemeIcon("server-environment");
    this.description = `${hosts} host${hosts === 1 ? "" : "s"} · Ansible group`;
    this.tooltip = `Ansible inventory group ${group}: Deploy to Group rolls a file out to its hosts (one canary, then batches)`;
  }
}

interface InventoryJson {
  type: "inventory";
  top: string[];
  groups: { name: string; hosts: string[]; children: string[]; allHosts: string[] }[];
  hosts: string[];
}

/** The `etcetera.ansible.inventory` setting's groups, read through `etcetera inventory` (ansible-inventory). */
export class InventoryGroups {
  private data: InventoryJson | undefined;
  private error: string | undefined;
  private loading = false;

  constructor(
    private readonly context: ExtensionContext,
    private readonly onChange: () => void,
  ) {}

  /** The inventory file, from user or machine settings only (an inventory script runs when it is read). */
  file(): string | undefined {
    const v = workspace.getConfiguration("etcetera").get<string>("ansible.inventory", "");
    return v.trim() ? v.trim() : undefined;
  }

  /** Reads the inventory again, then tells the view. */
  refresh(): void {
    const file = this.file();
    if (!file) {
      this.data = undefined;
      return;
    }
    if (this.loading) return;
    this.loading = true;
    void runCli(this.context, "inventory", [`--inventory=${file}`, "--format=json"], [])
      .done.then(({ stdout, stderr, code }) => {
        const parsed = lastJson<InventoryJson | { type: "error"; message: string }>(stdout);
        if (parsed?.type === "inventory") {
          this.data = parsed;
          this.error = undefined;
        } else this.error = parsed?.message ?? (stderr.trim().split("\n")[0] || `ansible-inventory failed (${code})`);
      })
      .finally(() => {
        this.loading = false;
        this.onChange();
      });
  }

  /** The groups under `parent` (the top groups without `ungrouped` when undefined). */
  groups(parent?: string): GroupNode[] {
    if (!this.data) {
      if (this.file() && !this.loading && this.error === undefined) this.refresh();
      return [];
    }
    const names = parent ? (this.data.groups.find((g) => g.name === parent)?.children ?? []) : this.data.top;
    return names
      .map((n) => this.data?.groups.find((g) => g.name === n))
      .filter((g): g is InventoryJson["groups"][number] => g !== undefined && g.name !== "ungrouped")
      .map((g) => new GroupNode(g.name, g.allHosts.length));
  }

  /** The hosts listed directly in `group`. */
  hostsOf(group: string): string[] {
    return this.data?.groups.find((g) => g.name === group)?.hosts ?? [];
  }

  /** Every host of the inventory (shown under their groups, not again at the top). */
  all(): string[] {
    return this.data?.hosts ?? [];
  }

  problem(): string | undefined {
    return this.error;
  }
}

/** "Deploy to Group": the active file to every host of the group, through ansible-playbook. */
export async function deployToGroup(
  context: ExtensionContext,
  output: LogOutputChannel,
  inventory: InventoryGroups,
  node: GroupNode | undefined,
): Promise<void> {
  const file = inventory.file();
  if (!node || !file) return;
  const doc = window.activeTextEditor?.document;
  if (doc?.uri.scheme !== "file" || doc.isUntitled)
    return void window.showErrorMessage("Open the saved file to deploy first: its name and folder decide where it goes.");
  if (doc.isDirty && !(await doc.save())) return;
  const name = doc.uri.fsPath.split(/[\\/]/).pop();
  const ok = await window.showWarningMessage(
    `Deploy ${name} to the hosts of ${node.group}? One canary host first, then batches; the first failure stops the rollout.`,
    { modal: true },
    "Deploy",
  );
  if (!ok) return;
  const enable = workspace.getConfiguration("etcetera").get<boolean>("deploy.enableOnFirstDeploy", true);
  const options = [`--hosts=${node.group}`, `--inventory=${file}`, "--format=json", ...(enable ? [] : ["--no-enable"])];
  const { stdout, stderr } = await window.withProgress(
    { location: ProgressLocation.Notification, title: `Deploying ${name} to ${node.group} through Ansible` },
    () => runCli(context, "deploy", options, [doc.uri.fsPath]).done,
  );
  const r = lastJson<FleetResult | { type: "error"; message: string }>(stdout);
  if (r?.type !== "fleet-result") {
    const why = r?.message ?? stderr.trim().split("\n").slice(-3).join(" ");
    output.error(`deploy ${name} → ${node.group}: ${why}`);
    return void window.showErrorMessage(`Deploy to ${node.group}: ${why}`);
  }
  for (const h of r.results) output.info(`deploy ${name} → ${h.host}${h.batch === 1 ? " (canary)" : ""}: ${h.status}: ${h.message}`);
  const counts = [...new Set(r.results.map((h) => h.status))]
    .map((s) => `${r.results.filter((h) => h.status === s).length} ${s}`)
    .join(", ");
  if (r.ok) void window.showInformationMessage(`${name} on ${node.group}: ${counts}`);
  else
    void window.showErrorMessage(
      `${name} on ${node.group}: ${counts}${r.stopped ? "; the rollout stopped at the first failure" : ""} (details in the Etcetera output)`,
    );
}
