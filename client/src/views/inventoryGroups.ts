import {
  type ExtensionContext,
  type LogOutputChannel,
  l10n,
  ProgressLocation,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  window,
  workspace,
} from "vscode";
import type { FleetResult } from "../../../server/src/remote/ansible/rollout";
import { activateTimeoutOptions } from "../commands/deploy";
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
    this.description = hosts === 1 ? l10n.t("1 host · Ansible group") : l10n.t("{0} hosts · Ansible group", hosts);
    this.tooltip = l10n.t("Ansible inventory group {0}: Deploy to Group rolls a file out to its hosts (one canary, then batches)", group);
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
    return void window.showErrorMessage(l10n.t("Open the saved file to deploy first: its name and folder decide where it goes."));
  if (doc.isDirty && !(await doc.save())) return;
  const name = doc.uri.fsPath.split(/[\\/]/).pop();
  const ok = await window.showWarningMessage(
    l10n.t(
      "Deploy {0} to the hosts of {1}? One canary host first, then batches; the first failure stops the rollout.",
      name ?? "",
      node.group,
    ),
    { modal: true },
    l10n.t("Deploy"),
  );
  if (!ok) return;
  const enable = workspace.getConfiguration("etcetera").get<boolean>("deploy.enableOnFirstDeploy", true);
  const options = [
    `--hosts=${node.group}`,
    `--inventory=${file}`,
    "--format=json",
    ...(enable ? [] : ["--no-enable"]),
    ...activateTimeoutOptions(),
  ];
  const { stdout, stderr } = await window.withProgress(
    { location: ProgressLocation.Notification, title: l10n.t("Deploying {0} to {1} through Ansible", name ?? "", node.group) },
    () => runCli(context, "deploy", options, [doc.uri.fsPath]).done,
  );
  const r = lastJson<FleetResult | { type: "error"; message: string }>(stdout);
  if (r?.type !== "fleet-result") {
    const why = r?.message ?? stderr.trim().split("\n").slice(-3).join(" ");
    output.error(`deploy ${name} → ${node.group}: ${why}`);
    return void window.showErrorMessage(l10n.t("Deploy to {0}: {1}", node.group, why));
  }
  for (const h of r.results) output.info(`deploy ${name} → ${h.host}${h.batch === 1 ? " (canary)" : ""}: ${h.status}: ${h.message}`);
  const counts = [...new Set(r.results.map((h) => h.status))]
    .map((s) => `${r.results.filter((h) => h.status === s).length} ${s}`)
    .join(", ");
  if (r.ok) void window.showInformationMessage(l10n.t("{0} on {1}: {2}", name ?? "", node.group, counts));
  else if (r.stopped)
    void window.showErrorMessage(
      l10n.t("{0} on {1}: {2}; the rollout stopped at the first failure (details in the Etcetera output)", name ?? "", node.group, counts),
    );
  else void window.showErrorMessage(l10n.t("{0} on {1}: {2} (details in the Etcetera output)", name ?? "", node.group, counts));
}
