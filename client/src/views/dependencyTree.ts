import {
  type Disposable,
  type Event,
  EventEmitter,
  type ExtensionContext,
  l10n,
  languages,
  MarkdownString,
  type TextEditor,
  ThemeColor,
  ThemeIcon,
  type TreeDataProvider,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  window,
  workspace,
} from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type DependencyEntry, dependenciesRequest, type UnitDependencies } from "../../../server/src/protocol";

type GroupKey = "pullsIn" | "pulledInBy" | "orderedAfter" | "orderedBefore";

const groups: { key: GroupKey; label: () => string; icon: string }[] = [
  { key: "pullsIn", label: () => l10n.t("Pulls in"), icon: "arrow-right" },
  { key: "pulledInBy", label: () => l10n.t("Pulled in by"), icon: "arrow-left" },
  { key: "orderedAfter", label: () => l10n.t("Ordered after"), icon: "debug-step-back" },
  { key: "orderedBefore", label: () => l10n.t("Ordered before"), icon: "debug-step-over" },
];

const cycleColor = new ThemeColor("problemsWarningIcon.foreground");

class GroupNode extends TreeItem {
  constructor(
    readonly entries: DependencyEntry[],
    label: string,
    icon: string,
  ) {
    super(label, entries.length > 0 ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.None);
    const cycles = entries.filter((e) => e.inCycle).length;
    this.description = cycles > 0 ? l10n.t("{0} · {1} in an ordering cycle", entries.length, cycles) : String(entries.length);
    this.iconPath = new ThemeIcon(icon);
    this.contextValue = "etcetera.dependencyGroup";
  }
}

class EntryNode extends TreeItem {
  constructor(entry: DependencyEntry) {
    super(entry.unit, TreeItemCollapsibleState.None);
    const where =
      entry.known === "standard" ? l10n.t("systemd's own unit") : entry.known === "name" ? l10n.t("not in the workspace") : undefined;
    this.description = [entry.inCycle ? l10n.t("ordering cycle") : undefined, entry.via.join(", "), where].filter(Boolean).join(" · ");
    this.iconPath = entry.inCycle
      ? new ThemeIcon("warning", cycleColor)
      : new ThemeIcon(entry.known === "workspace" ? "file" : entry.known === "standard" ? "library" : "question");
    this.tooltip = new MarkdownString(
      [
        `**${entry.unit}**`,
        ...entry.via.map((v) => `- ${v}`),
        entry.inCycle
          ? `\n${l10n.t("This edge is part of an ordering cycle: systemd drops one of the jobs when the units start together.")}`
          : "",
      ].join("\n"),
    );
    this.contextValue = "etcetera.dependency";
    if (entry.uri) {
      this.resourceUri = Uri.parse(entry.uri);
      this.command = { command: "vscode.open", title: l10n.t("Open Unit"), arguments: [Uri.parse(entry.uri)] };
    }
  }
}

class CycleNode extends TreeItem {
  constructor(cycle: string[]) {
    super(l10n.t("Ordering cycle: {0}", [...cycle, cycle[0]].join(" → ")), TreeItemCollapsibleState.None);
    this.description = l10n.t("each starts after the next");
    this.iconPath = new ThemeIcon("error", cycleColor);
    this.tooltip = l10n.t('systemd breaks this cycle at boot by dropping one of the jobs ("Found ordering cycle" in the journal).');
    this.contextValue = "etcetera.orderingCycle";
  }
}

class MessageNode extends TreeItem {
  constructor(message: string) {
    super(message, TreeItemCollapsibleState.None);
    this.iconPath = new ThemeIcon("info");
  }
}

type Node = GroupNode | EntryNode | CycleNode | MessageNode;

/** "Dependencies": for the unit in the active editor, what it pulls in, what pulls it in, and its ordering (etcetera/dependencies). */
export class DependencyTree implements TreeDataProvider<Node> {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData: Event<Node | undefined> = this.changed.event;
  private current: UnitDependencies | undefined;
  private message = l10n.t("Open a systemd unit or drop-in to see its dependencies.");
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly client: LanguageClient) {}

  getTreeItem(node: Node): TreeItem {
    return node;
  }

  getChildren(node?: Node): Node[] {
    if (node instanceof GroupNode) return node.entries.map((e) => new EntryNode(e));
    if (node) return [];
    const deps = this.current;
    if (!deps?.unit) return [new MessageNode(this.message)];
    return [...deps.cycles.map((c) => new CycleNode(c)), ...groups.map((g) => new GroupNode(deps[g.key], g.label(), g.icon))];
  }

  /** The view's title line: the unit shown. */
  get unit(): string | undefined {
    return this.current?.unit ?? undefined;
  }

  /** Asks the server again for the active editor's unit, a little after the last change. */
  refreshSoon(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(editor: TextEditor | undefined = window.activeTextEditor): Promise<void> {
    const generation = ++this.generation;
    if (editor?.document.languageId !== "systemd-unit") {
      // Keep showing the last unit while another kind of editor (output, settings) has focus.
      if (!this.current) this.changed.fire(undefined);
      return;
    }
    try {
      const answer = await this.client.sendRequest<UnitDependencies>(dependenciesRequest, { uri: editor.document.uri.toString() });
      if (generation !== this.generation) return;
      this.current = answer;
      this.message = answer.unit ? "" : l10n.t("This file names no unit.");
    } catch (e) {
      if (generation !== this.generation) return;
      this.current = undefined;
      this.message = l10n.t("The language server did not answer: {0}", e instanceof Error ? e.message : String(e));
    }
    this.changed.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

/** Registers the Dependencies view and keeps it on the active editor's unit. */
export function registerDependencyTree(context: ExtensionContext, client: LanguageClient): DependencyTree {
  const tree = new DependencyTree(client);
  const view = window.createTreeView("etcetera.dependencies", { treeDataProvider: tree, showCollapseAll: true });
  const describe = () => {
    view.description = tree.unit;
  };
  const subscriptions: Disposable[] = [
    tree,
    view,
    tree.onDidChangeTreeData(describe),
    window.onDidChangeActiveTextEditor((editor) => void tree.refresh(editor)),
    workspace.onDidChangeTextDocument((e) => {
      if (e.document === window.activeTextEditor?.document) tree.refreshSoon(400);
    }),
    workspace.onDidSaveTextDocument(() => tree.refreshSoon()),
    // The server re-checks a unit when files it depends on change (and when its workspace scan ends): ask again then.
    languages.onDidChangeDiagnostics((e) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) tree.refreshSoon();
    }),
    view.onDidChangeVisibility((e) => {
      if (e.visible) void tree.refresh();
    }),
  ];
  context.subscriptions.push(...subscriptions);
  void tree.refresh();
  return tree;
}
