import {
  type Event,
  EventEmitter,
  type ExtensionContext,
  l10n,
  ThemeColor,
  ThemeIcon,
  type TreeDataProvider,
  TreeItem,
  TreeItemCollapsibleState,
  workspace,
} from "vscode";
import type { UnitStatus } from "../../../server/src/remote/types";
import { lastJson, runCli } from "../remote/cliRunner";
import type { HostState } from "../remote/hostState";
import { GroupNode, InventoryGroups } from "./inventoryGroups";

export class HostNode extends TreeItem {
  constructor(
    readonly host: string,
    current: boolean,
    /** Why the last refresh could not reach the host; shown until a refresh succeeds. */
    unreachable?: string,
  ) {
    super(host, TreeItemCollapsibleState.Expanded);
    this.contextValue = "etcetera.host";
    this.iconPath = unreachable ? new ThemeIcon("debug-disconnect", new ThemeColor("testing.iconFailed")) : new ThemeIcon("server");
    this.description =
      [current ? l10n.t("current") : undefined, unreachable ? l10n.t("unreachable") : undefined].filter(Boolean).join(" · ") || undefined;
    this.tooltip = unreachable ? l10n.t("{0} could not be reached: {1}", host, unreachable) : host;
  }
}

export class UnitNode extends TreeItem {
  constructor(
    readonly host: string,
    readonly unit: string,
    readonly status: UnitStatus | undefined,
    /** The local file deployed for this unit, when it changed since that deploy. */
    readonly drifted?: string,
  ) {
    super(unit, TreeItemCollapsibleState.None);
    this.contextValue = "etcetera.unit";
    if (!status) {
      this.description = "…";
      this.iconPath = new ThemeIcon("loading~spin");
      return;
    }
    const s = status;
    const missing = s.loadState !== "loaded";
    this.description = missing
      ? s.loadState
      : `${s.activeState} (${s.subState}) · ${s.unitFileState || "-"}${s.mainPid ? ` · PID ${s.mainPid}` : ""}`;
    this.tooltip = l10n.t(
      "{0}\n{1} ({2}) since {3}\nenabled: {4}\nmain PID: {5}\n{6}",
      s.description,
      s.activeState,
      s.subState,
      s.activeSince || "-",
      s.unitFileState || "-",
      s.mainPid || "-",
      s.fragmentPath,
    );
    const [icon, color] =
      s.activeState === "active"
        ? ["pass-filled", "testing.iconPassed"]
        : s.activeState === "failed" || missing
          ? ["error", "testing.iconFailed"]
          : s.activeState === "activating" || s.activeState === "deactivating"
            ? ["sync", "charts.yellow"]
            : ["circle-outline", "disabledForeground"];
    this.iconPath = new ThemeIcon(icon, new ThemeColor(color));
    if (drifted) {
      this.description = l10n.t("{0} · local file changed", String(this.description));
      this.tooltip = l10n.t("{0}\n\n{1} changed since it was deployed here: Compare with Host shows how.", String(this.tooltip), drifted);
    }
    this.command = { command: "etcetera.showLogs", title: l10n.t("Show Logs"), arguments: [this] };
  }
}

class MessageNode extends TreeItem {
  constructor(message: string) {
    super(message, TreeItemCollapsibleState.None);
    this.iconPath = new ThemeIcon("warning");
    this.tooltip = message;
  }
}

type Node = HostNode | UnitNode | MessageNode | GroupNode;

/** "Hosts": each host, and under it the units deployed from this workspace plus pinned ones, with their state. */
export class HostsTree implements TreeDataProvider<Node> {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData: Event<Node | undefined> = this.changed.event;
  private readonly statuses = new Map<string, { units: UnitStatus[]; error?: string; unreachable?: string }>();
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** The groups of the user's Ansible inventory (setting etcetera.ansible.inventory), shown as the inventory groups them. */
  readonly inventory: InventoryGroups;

  constructor(
    private readonly context: ExtensionContext,
    private readonly state: HostState,
  ) {
    this.inventory = new InventoryGroups(context, () => this.changed.fire(undefined));
    context.subscriptions.push(
      this.changed,
      state.onDidChange(() => this.refresh()),
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("etcetera.hostsView")) this.schedule();
        if (e.affectsConfiguration("etcetera.ansible.inventory")) this.inventory.refresh();
      }),
      { dispose: () => clearInterval(this.timer) },
    );
    this.schedule();
  }

  private schedule(): void {
    clearInterval(this.timer);
    const seconds = workspace.getConfiguration("etcetera").get<number>("hostsView.refreshSeconds", 30);
    if (seconds > 0) this.timer = setInterval(() => this.refresh(), seconds * 1000);
  }

  /** Asks every host again (one `systemctl show` round trip per host). */
  refresh(): void {
    this.inventory.refresh();
    for (const host of this.state.names()) void this.load(host);
  }

  private async load(host: string): Promise<void> {
    const units = this.state.units(host);
    if (units.length === 0 || this.inFlight.has(host)) {
      this.changed.fire(undefined);
      return;
    }
    this.inFlight.add(host);
    try {
      const { code, stdout, stderr } = await runCli(this.context, "status", [`--host=${host}`, "--format=json"], units).done;
      const parsed = lastJson<UnitStatus[] | { type: "error"; message: string }>(stdout);
      if (Array.isArray(parsed)) this.statuses.set(host, { units: parsed });
      else {
        const error = parsed?.message ?? (stderr.trim().split("\n")[0] || `status failed (${code})`);
        // Exit 3: the host could not be reached (or we may not act on it); the host node says so.
        this.statuses.set(host, { units: [], error, unreachable: code === 3 ? error : undefined });
      }
    } finally {
      this.inFlight.delete(host);
      this.changed.fire(undefined);
    }
  }

  private hostNode(host: string): HostNode {
    return new HostNode(host, host === this.state.current(), this.statuses.get(host)?.unreachable);
  }

  getTreeItem(node: Node): TreeItem {
    return node;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const hosts = this.state.names();
      for (const h of hosts) if (!this.statuses.has(h) && !this.inFlight.has(h)) void this.load(h);
      const inInventory = this.inventory.all();
      const problem = this.inventory.problem();
      return [
        ...(problem ? [new MessageNode(l10n.t("Ansible inventory: {0}", problem))] : []),
        ...this.inventory.groups(),
        ...hosts.filter((h) => !inInventory.includes(h)).map((h) => this.hostNode(h)),
      ];
    }
    if (node instanceof GroupNode) {
      const hosts = this.inventory.hostsOf(node.group);
      for (const h of hosts) if (!this.statuses.has(h) && !this.inFlight.has(h)) void this.load(h);
      return [...this.inventory.groups(node.group), ...hosts.map((h) => this.hostNode(h))];
    }
    if (!(node instanceof HostNode)) return [];
    const units = this.state.units(node.host);
    if (units.length === 0) return [new MessageNode(l10n.t("No units yet: deploy one, or pin a unit"))];
    const known = this.statuses.get(node.host);
    const out: Node[] = known?.error ? [new MessageNode(known.error)] : [];
    const drifted = this.state.drifted(node.host);
    return out.concat(
      units.map(
        (u) =>
          new UnitNode(
            node.host,
            u,
            known?.units.find((s) => s.unit === u),
            drifted.find((d) => d.unit === u)?.file,
          ),
      ),
    );
  }
}
