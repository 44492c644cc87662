import {
  CodeLens,
  type CodeLensProvider,
  commands,
  type ExtensionContext,
  type LogOutputChannel,
  l10n,
  languages,
  Range,
  StatusBarAlignment,
  type TextDocument,
  type Uri,
  window,
  workspace,
} from "vscode";
import { unitNameProblem } from "../../../server/src/remote/names";
import { deployTarget, isDeployable } from "../../../server/src/remote/targets";
import { deployAndRestart } from "../commands/deploy";
import { LiveHost } from "../commands/liveHost";
import { pickHost } from "../commands/pickHost";
import { type HostNode, HostsTree, UnitNode } from "../views/hostsTree";
import { deployToGroup, type GroupNode } from "../views/inventoryGroups";
import { JournalView } from "../views/journalView";
import { HostDocuments } from "./hostDocuments";
import { HostState } from "./hostState";

/** A CodeLens on the first line of every file Etcetera can deploy. */
class DeployLens implements CodeLensProvider {
  readonly onDidChangeCodeLenses;
  constructor(private readonly state: HostState) {
    this.onDidChangeCodeLenses = state.onDidChange;
  }
  provideCodeLenses(doc: TextDocument): CodeLens[] {
    if (!workspace.getConfiguration("etcetera").get<boolean>("deploy.codeLens", true)) return [];
    if (doc.uri.scheme !== "file" || !isDeployable(doc.uri.fsPath)) return [];
    const host = this.state.current();
    return [
      new CodeLens(new Range(0, 0, 0, 0), {
        command: "etcetera.deploy",
        title: host ? `$(cloud-upload) ${l10n.t("Deploy and Restart on {0}", host)}` : `$(cloud-upload) ${l10n.t("Deploy and Restart…")}`,
        arguments: [doc.uri],
      }),
    ];
  }
}

/** Deploy, the Hosts view, Show Logs and the current-host status bar item; returns the Hosts view's data. */
export function registerRemote(context: ExtensionContext, output: LogOutputChannel): HostsTree {
  const state = new HostState(context);
  const tree = new HostsTree(context, state);
  const journal = new JournalView(context);
  const item = window.createStatusBarItem("etcetera.host", StatusBarAlignment.Left, 50);
  item.name = "Etcetera host";
  item.command = "etcetera.selectHost";
  const updateItem = () => {
    const host = state.current();
    item.text = `$(server) ${host ?? l10n.t("no host")}`;
    item.tooltip = host ? l10n.t("Etcetera deploys to {0}. Click to change.", host) : l10n.t("Choose the host Etcetera deploys to");
    item.show();
  };
  updateItem();
  /** The unit of the active editor's file, when it is a unit or a drop-in: the default for Show Logs. */
  const editorUnit = (): string | undefined => {
    const doc = window.activeTextEditor?.document;
    if (doc?.uri.scheme !== "file") return undefined;
    try {
      return deployTarget(doc.uri.fsPath, "system").unit;
    } catch {
      return undefined;
    }
  };
  const selectedUnit = async (node?: UnitNode): Promise<UnitNode | undefined> => {
    if (node) return node;
    const host = state.current() ?? (await pickHost(state));
    if (!host) return undefined;
    const unit = await window.showInputBox({
      title: l10n.t("Unit on {0}", host),
      prompt: l10n.t("A unit name, e.g. nginx.service"),
      value: editorUnit(),
      validateInput: (v) => (v.trim() ? unitNameProblem(v.trim()) : l10n.t("Type a unit name")),
    });
    if (unit === undefined) return undefined;
    if (!unit.trim()) {
      void window.showInformationMessage(l10n.t("Show Logs needs a unit name."));
      return undefined;
    }
    return new UnitNode(host, unit.trim(), undefined);
  };
  context.subscriptions.push(
    item,
    state.onDidChange(updateItem),
    window.createTreeView("etcetera.hosts", { treeDataProvider: tree, showCollapseAll: true }),
    languages.registerCodeLensProvider([{ scheme: "file" }], new DeployLens(state)),
    commands.registerCommand("etcetera.deploy", (uri?: Uri) => deployAndRestart(context, state, output, uri).then(() => tree.refresh())),
    commands.registerCommand("etcetera.selectHost", () => pickHost(state)),
    commands.registerCommand("etcetera.hosts.refresh", () => tree.refresh()),
    commands.registerCommand("etcetera.hosts.pinUnit", async (node?: HostNode) => {
      const host = node?.host ?? state.current() ?? (await pickHost(state));
      if (!host) return;
      const unit = await window.showInputBox({
        title: l10n.t("Pin a unit of {0}", host),
        prompt: l10n.t("A unit name, e.g. nginx.service"),
        validateInput: (v) => (v.trim() ? unitNameProblem(v.trim()) : undefined),
      });
      if (unit) await state.pin(host, unit.trim());
    }),
    commands.registerCommand("etcetera.hosts.deployToGroup", (node?: GroupNode) =>
      deployToGroup(context, output, tree.inventory, node).then(() => tree.refresh()),
    ),
    commands.registerCommand("etcetera.hosts.setCurrent", (node?: HostNode) => node && state.setCurrent(node.host)),
    commands.registerCommand("etcetera.showLogs", async (node?: UnitNode) => {
      const n = await selectedUnit(node);
      if (n) await journal.show(n.host, n.unit);
    }),
  );
  // Open from the host, editable copies, Compare with Host, the unit page and the unit actions.
  new LiveHost(context, state, new HostDocuments(context), output, () => tree.refresh());
  return tree;
}
