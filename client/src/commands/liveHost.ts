import { mkdirSync } from "node:fs";
import * as path from "node:path";
import {
  CodeLens,
  type CodeLensProvider,
  commands,
  type Event,
  type ExtensionContext,
  type LogOutputChannel,
  l10n,
  languages,
  Range,
  type TextDocument,
  Uri,
  window,
  workspace,
} from "vscode";
import { isDeployable } from "../../../server/src/remote/targets";
import type { UnitAction, UnitStatus } from "../../../server/src/remote/types";
import { lastJson, runCli } from "../remote/cliRunner";
import { cliError, type HostDocuments, hostDocumentUri, hostScheme, parseHostDocument } from "../remote/hostDocuments";
import type { HostState } from "../remote/hostState";
import { deployAndRestart } from "./deploy";
import { pickHost } from "./pickHost";

/** A unit on a host: a node of the Hosts view, or what a command was given. */
export interface HostUnit {
  host: string;
  unit: string;
}

/** What each command resolves with: the document it opened, or why it could not. */
export type LiveResult = { uri?: string; error?: string };

/** Actions that stop or change what runs or starts at boot: each asks first, in a modal dialog. */
export const confirmedActions: ReadonlySet<UnitAction> = new Set(["stop", "restart", "disable", "mask", "rollback"]);

/** The action's button and CodeLens title. */
function actionTitle(a: UnitAction): string {
  switch (a) {
    case "start":
      return l10n.t("Start");
    case "stop":
      return l10n.t("Stop");
    case "restart":
      return l10n.t("Restart");
    case "reload":
      return l10n.t("Reload");
    case "enable":
      return l10n.t("Enable");
    case "disable":
      return l10n.t("Disable");
    case "mask":
      return l10n.t("Mask");
    case "unmask":
      return l10n.t("Unmask");
    case "reset-failed":
      return l10n.t("Reset Failed");
    case "rollback":
      return l10n.t("Roll Back");
  }
}

/** The question a destructive action asks first. */
function question(a: UnitAction, t: HostUnit): string {
  switch (a) {
    case "rollback":
      return l10n.t("Roll {0} on {1} back to the version before the last deploy?", t.unit, t.host);
    case "disable":
      return l10n.t("Disable {0} on {1}? It will no longer start at boot.", t.unit, t.host);
    case "mask":
      return l10n.t("Mask {0} on {1}? It will no longer start, at boot nor by hand.", t.unit, t.host);
    case "stop":
      return l10n.t("Stop {0} on {1}? What it serves is interrupted.", t.unit, t.host);
    default:
      return l10n.t("Restart {0} on {1}? What it serves is interrupted.", t.unit, t.host);
  }
}

const pageActions: UnitAction[] = ["start", "stop", "restart", "reload", "enable", "disable", "mask", "unmask", "reset-failed"];

/** Where editable copies of a host's files live: one folder per host, named as deploy wants them. */
function copiesDir(context: ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, "host-copies");
}

/** The host an editable copy belongs to, when `file` is one. */
export function hostOfCopy(context: ExtensionContext, file: string): string | undefined {
  const rel = path.relative(copiesDir(context), file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  const [host, ...rest] = rel.split(path.sep);
  return host && rest.length ? host : undefined;
}

/** The confirmation for a destructive action; true when the user chose to go on. */
async function confirm(action: UnitAction, t: HostUnit): Promise<boolean> {
  if (!confirmedActions.has(action)) return true;
  try {
    const yes = actionTitle(action);
    return (await window.showWarningMessage(question(action, t), { modal: true }, yes)) === yes;
  } catch {
    // A workbench that shows no dialogs (VS Code under test) refuses: that is no.
    return false;
  }
}

/** The open, reopen and act-on-the-host commands of the Hosts view, the unit page and the editor. */
export class LiveHost implements CodeLensProvider {
  readonly onDidChangeCodeLenses: Event<void>;

  constructor(
    private readonly context: ExtensionContext,
    private readonly state: HostState,
    private readonly docs: HostDocuments,
    private readonly output: LogOutputChannel,
    private readonly refreshTree: () => void,
  ) {
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) =>
      docs.onDidChange(() => listener.call(thisArgs), undefined, disposables);
    context.subscriptions.push(
      languages.registerCodeLensProvider({ scheme: hostScheme, pattern: "/page/**" }, this),
      workspace.onDidSaveTextDocument((d) => this.onSave(d)),
      commands.registerCommand("etcetera.host.openUnit", (t?: HostUnit) => this.openUnit(t)),
      commands.registerCommand("etcetera.host.editCopy", (t?: HostUnit, file?: string) => this.editCopy(t, file)),
      commands.registerCommand("etcetera.host.showPage", (t?: HostUnit) => this.showPage(t)),
      commands.registerCommand("etcetera.host.refreshPage", (uri?: Uri) => this.refreshPage(uri)),
      commands.registerCommand("etcetera.compareWithHost", (uri?: Uri | HostUnit) => this.compare(uri)),
      ...[...pageActions, "rollback" as const].map((action) =>
        commands.registerCommand(`etcetera.unit.${action}`, (t?: HostUnit) => this.act(t, action)),
      ),
    );
  }

  /** Opens a host document, or says why the host could not give it. */
  private async open(uri: Uri, languageId: string): Promise<LiveResult> {
    const error = await this.docs.load(uri);
    if (error) {
      void window.showErrorMessage(error);
      return { error };
    }
    const doc = await languages.setTextDocumentLanguage(await workspace.openTextDocument(uri), languageId);
    await window.showTextDocument(doc, { preview: false });
    return { uri: uri.toString() };
  }

  private async unitTarget(t: HostUnit | undefined): Promise<HostUnit | undefined> {
    if (t?.host && t.unit) return t;
    const host = this.state.current() ?? (await pickHost(this.state));
    if (!host) return undefined;
    const unit = await window.showInputBox({ title: l10n.t("A unit on {0}", host), prompt: l10n.t("A unit name, e.g. nginx.service") });
    return unit?.trim() ? { host, unit: unit.trim() } : undefined;
  }

  /** The unit as the host's systemd has it (`systemctl cat`), read-only. */
  async openUnit(given?: HostUnit): Promise<LiveResult> {
    const t = await this.unitTarget(given);
    if (!t) return {};
    return this.open(hostDocumentUri({ kind: "unit", ...t }), "systemd-unit");
  }

  /** The unit's page: state, resources, sockets, timers, conditions, journal; actions as CodeLenses. */
  async showPage(given?: HostUnit): Promise<LiveResult> {
    const t = await this.unitTarget(given);
    if (!t) return {};
    return this.open(hostDocumentUri({ kind: "page", ...t }), "markdown");
  }

  async refreshPage(uri?: Uri): Promise<LiveResult> {
    const u = uri ?? window.activeTextEditor?.document.uri;
    if (!u || parseHostDocument(u)?.kind !== "page") return {};
    const error = await this.docs.load(u);
    if (error) void window.showErrorMessage(error);
    return error ? { error } : { uri: u.toString() };
  }

  /**
   * An editable local copy of one of the unit's files (the fragment or a
   * drop-in), named so that deploy puts it back where systemd reads it from
   * /etc; saving the copy deploys it to that host.
   */
  async editCopy(given?: HostUnit, wanted?: string): Promise<LiveResult> {
    const t = await this.unitTarget(given);
    if (!t) return {};
    // The host names a folder of the copies: never one that leads out of it.
    if (/[\\/]|^\.\.?$/.test(t.host)) {
      const why = l10n.t("'{0}' cannot name a folder for copies of its files", t.host);
      void window.showErrorMessage(why);
      return { error: why };
    }
    const { code, stdout, stderr } = await runCli(this.context, "cat", [`--host=${t.host}`, "--format=json"], [t.unit]).done;
    const error = cliError(stdout, stderr, code);
    const files = lastJson<{ files?: { path: string; text: string }[] }>(stdout)?.files ?? [];
    if (error || files.length === 0) {
      const why = error ?? l10n.t("{0} has no file for {1}", t.host, t.unit);
      void window.showErrorMessage(why);
      return { error: why };
    }
    const picked =
      files.find((f) => f.path === wanted) ??
      (files.length === 1
        ? files[0]
        : await window
            .showQuickPick(
              files.map((f) => ({ label: f.path, file: f })),
              { title: l10n.t("Which file of {0} on {1}?", t.unit, t.host) },
            )
            .then((p) => p?.file));
    if (!picked) return {};
    const dropIn = /\.d$/.test(path.posix.dirname(picked.path));
    const local = path.join(copiesDir(this.context), t.host, ...(dropIn ? [`${t.unit}.d`, path.posix.basename(picked.path)] : [t.unit]));
    mkdirSync(path.dirname(local), { recursive: true, mode: 0o700 });
    // Through VS Code's file service, so that an editor already open on an older copy takes the new text.
    await workspace.fs.writeFile(Uri.file(local), Buffer.from(picked.text, "utf8"));
    const doc = await workspace.openTextDocument(Uri.file(local));
    await window.showTextDocument(doc, { preview: false });
    void window.showInformationMessage(
      picked.path.startsWith("/etc/")
        ? l10n.t("Editing a copy of {0} from {1}. Saving it deploys it there (verified, rolled back on failure).", picked.path, t.host)
        : l10n.t(
            "Editing a copy of {0} from {1}. Saving it deploys it there (verified, rolled back on failure), to /etc/systemd/system, where it overrides {0}.",
            picked.path,
            t.host,
          ),
    );
    return { uri: doc.uri.toString() };
  }

  private async onSave(doc: TextDocument): Promise<void> {
    if (doc.uri.scheme !== "file") return;
    const host = hostOfCopy(this.context, doc.uri.fsPath);
    if (!host) return;
    await deployAndRestart(this.context, this.state, this.output, doc.uri, host);
    this.refreshTree();
  }

  /**
   * A diff editor: the host's installed copy (read-only) against the
   * workspace file. Given a unit of the Hosts view, the file this workspace
   * last deployed for it.
   */
  async compare(given?: Uri | HostUnit): Promise<LiveResult> {
    let file: string | undefined;
    let host: string | undefined;
    if (given && "unit" in given) {
      host = given.host;
      file = this.state.deployedFileOf(given.host, given.unit)?.file;
      if (!file) {
        const why = l10n.t("This workspace has not deployed {0} to {1}: there is no local file to compare.", given.unit, given.host);
        void window.showInformationMessage(why);
        return { error: why };
      }
    } else {
      const doc = given ? await workspace.openTextDocument(given) : window.activeTextEditor?.document;
      if (doc?.uri.scheme !== "file" || !isDeployable(doc.uri.fsPath)) {
        const why = l10n.t("Compare with Host works on a unit, drop-in, crontab, logrotate or netplan file saved on disk.");
        void window.showErrorMessage(why);
        return { error: why };
      }
      if (doc.isDirty) await doc.save();
      file = doc.uri.fsPath;
      host = this.state.current() ?? (await pickHost(this.state));
    }
    if (!host) return {};
    const hostUri = hostDocumentUri({ kind: "installed", host, file });
    const error = await this.docs.load(hostUri);
    if (error) {
      void window.showErrorMessage(error);
      return { error };
    }
    const name = path.basename(file);
    await commands.executeCommand("vscode.diff", hostUri, Uri.file(file), l10n.t("{0} ({1} ↔ local)", name, host));
    return { uri: hostUri.toString() };
  }

  /** Runs a systemctl action on the host, after a modal for the destructive ones; refreshes the page and the view. */
  async act(t: HostUnit | undefined, action: UnitAction): Promise<LiveResult & { status?: UnitStatus; ran?: boolean }> {
    if (!t?.host || !t.unit) return {};
    if (!(await confirm(action, t))) return { ran: false };
    const run = runCli(this.context, "status", [`--host=${t.host}`, `--action=${action}`, "--format=json"], [t.unit]);
    const { code, stdout, stderr } = await window.withProgress(
      { location: { viewId: "etcetera.hosts" }, title: l10n.t("{0} {1}", actionTitle(action), t.unit) },
      () => run.done,
    );
    const r = lastJson<{ message?: string; status?: UnitStatus; type?: string }>(stdout);
    const error =
      code === 0
        ? undefined
        : l10n.t("{0} {1} on {2}: {3}", actionTitle(action), t.unit, t.host, r?.message ?? (stderr.trim() || `exit ${code}`));
    if (error) void window.showErrorMessage(error);
    const page = hostDocumentUri({ kind: "page", ...t });
    if (workspace.textDocuments.some((d) => d.uri.toString() === page.toString())) await this.docs.load(page);
    this.refreshTree();
    return { ran: true, error, status: r?.status };
  }

  provideCodeLenses(doc: TextDocument): CodeLens[] {
    const d = parseHostDocument(doc.uri);
    if (d?.kind !== "page") return [];
    const t: HostUnit = { host: d.host, unit: d.unit };
    const top = new Range(0, 0, 0, 0);
    return [
      new CodeLens(top, { command: "etcetera.host.refreshPage", title: l10n.t("$(refresh) Refresh"), arguments: [doc.uri] }),
      ...pageActions.map(
        (a) =>
          new CodeLens(top, {
            command: `etcetera.unit.${a}`,
            title: actionTitle(a),
            tooltip: confirmedActions.has(a)
              ? l10n.t("systemctl {0} {1} on {2} (asks first)", a, t.unit, t.host)
              : l10n.t("systemctl {0} {1} on {2}", a, t.unit, t.host),
            arguments: [t],
          }),
      ),
      new CodeLens(top, { command: "etcetera.host.openUnit", title: l10n.t("Open Unit File"), arguments: [t] }),
      new CodeLens(top, { command: "etcetera.showLogs", title: l10n.t("Follow Logs"), arguments: [t] }),
    ];
  }
}
