import { commands, type ExtensionContext, type LogOutputChannel, l10n, ProgressLocation, type Uri, window, workspace } from "vscode";
import type { DeployProgress, DeployResult } from "../../../server/src/remote/types";
import { runCli } from "../remote/cliRunner";
import { type HostState, sha256Of } from "../remote/hostState";
import { pickHost } from "./pickHost";

type CliError = { type: "error"; code: string; message: string };

function explain(output: LogOutputChannel, r: DeployResult): void {
  output.info(`deploy ${r.file} → ${r.host}:${r.remotePath}: ${r.outcome}: ${r.message}`);
  for (const d of r.lint) output.warn(`  ${r.file}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.rule}]`);
  for (const l of r.verifyOutput) output.info(`  verify: ${l}`);
  if (r.journal.length) output.error(`  last journal lines of ${r.unit}:\n${r.journal.map((l) => `    ${l}`).join("\n")}`);
}

/** `--activate-timeout=N` when the setting is changed; the CLI refuses a value out of range with a message that names it. */
export function activateTimeoutOptions(): string[] {
  const seconds = workspace.getConfiguration("etcetera").get<number>("deploy.activateTimeoutSeconds", 300);
  return seconds === 300 ? [] : [`--activate-timeout=${seconds}`];
}

async function runDeploy(
  context: ExtensionContext,
  file: string,
  host: string,
  force: boolean,
): Promise<{ result?: DeployResult; error?: CliError; stderr: string }> {
  const name = file.split(/[\\/]/).pop() ?? file;
  return window.withProgress(
    { location: ProgressLocation.Notification, title: l10n.t("Deploying {0} to {1}", name, host), cancellable: true },
    async (progress, token) => {
      let cancellable = true;
      let result: DeployResult | undefined;
      let error: CliError | undefined;
      const enable = workspace.getConfiguration("etcetera").get<boolean>("deploy.enableOnFirstDeploy", true);
      const options = [
        `--host=${host}`,
        "--format=jsonl",
        ...(force ? ["--force"] : []),
        ...(enable ? [] : ["--no-enable"]),
        ...activateTimeoutOptions(),
      ];
      const run = runCli(context, "deploy", options, [file], (line) => {
        let msg: DeployProgress | DeployResult | CliError;
        try {
          msg = JSON.parse(line);
        } catch {
          return;
        }
        if (msg.type === "progress") {
          cancellable = msg.cancellable;
          progress.report({ message: msg.cancellable ? msg.message : l10n.t("{0} (can no longer be cancelled)", msg.message) });
        } else if (msg.type === "result") result = msg;
        else if (msg.type === "error") error = msg;
      });
      token.onCancellationRequested(() => {
        // The CLI cancels only while the host is unchanged; later the host finishes or rolls back by itself.
        if (cancellable) run.child.kill("SIGINT");
        else void window.showWarningMessage(l10n.t("The host is being changed; the deploy finishes or rolls back by itself."));
      });
      const { stderr } = await run.done;
      return { result, error, stderr };
    },
  );
}

/**
 * "Deploy and Restart": lint, verify on the host, install, restart, roll back on failure.
 * `toHost` deploys there instead of the current host (saving an editable copy of a host's file).
 * Resolves with the result, when there is one.
 */
export async function deployAndRestart(
  context: ExtensionContext,
  state: HostState,
  output: LogOutputChannel,
  uri?: Uri,
  toHost?: string,
): Promise<DeployResult | undefined> {
  const doc = uri ? await workspace.openTextDocument(uri) : window.activeTextEditor?.document;
  if (!doc) return void window.showErrorMessage(l10n.t("Open the file to deploy first."));
  if (doc.isUntitled)
    return void window.showErrorMessage(l10n.t("Save the file first: its name and folder decide where it goes on the host."));
  if (doc.isDirty && !(await doc.save())) return;
  const host = toHost ?? state.current() ?? (await pickHost(state));
  if (!host) return;
  let force = false;
  for (;;) {
    const sha256 = sha256Of(doc.uri.fsPath);
    const { result, error, stderr } = await runDeploy(context, doc.uri.fsPath, host, force);
    const name = doc.fileName.split(/[\\/]/).pop() ?? doc.fileName;
    if (error || !result) {
      const reason = error?.message ?? (stderr.trim().split("\n")[0] || l10n.t("the command ended without a result"));
      output.error(`deploy ${doc.uri.fsPath} to ${host}: ${error?.message ?? stderr}`);
      void window.showErrorMessage(l10n.t("Deploy of {0} to {1} failed: {2}", name, host, reason));
      return;
    }
    explain(output, result);
    if (result.outcome === "lint-errors" && !force) {
      const errors = result.lint.filter((d) => d.severity === "error");
      const listed = errors
        .slice(0, 10)
        .map((d) => `line ${d.line}: ${d.message} [${d.rule}]`)
        .concat(errors.length > 10 ? [`… and ${errors.length - 10} more`] : []);
      // Cancel first and the close affordance: Enter or Escape never deploys a file with errors.
      const cancel = { title: l10n.t("Cancel"), isCloseAffordance: true };
      const problems = { title: l10n.t("Show Problems") };
      const anyway = { title: l10n.t("Deploy Anyway") };
      const choice = await window.showWarningMessage(
        l10n.t("{0} lint error(s) in {1}: deploy it to {2} anyway?", errors.length, name, host),
        { modal: true, detail: listed.join("\n") },
        cancel,
        problems,
        anyway,
      );
      if (choice === problems) await commands.executeCommand("workbench.actions.view.problems");
      if (choice !== anyway) return;
      force = true;
      continue;
    }
    if (result.outcome === "rejected" && result.errorCode === "masked" && !force) {
      const cancel = { title: l10n.t("Cancel"), isCloseAffordance: true };
      const replace = { title: l10n.t("Replace the Mask") };
      const choice = await window.showWarningMessage(
        l10n.t("{0} is masked on {1}: deploying {2} replaces the mask and unmasks it. Deploy anyway?", result.unit ?? name, host, name),
        { modal: true, detail: result.message },
        cancel,
        replace,
      );
      if (choice !== replace) return result;
      force = true;
      continue;
    }
    if (result.unit && (result.outcome === "deployed" || result.outcome === "unchanged" || result.outcome === "rolled-back"))
      await state.rememberDeployed(host, result.unit);
    if (sha256 && (result.outcome === "deployed" || result.outcome === "unchanged"))
      await state.rememberDeployedFile(host, { file: doc.uri.fsPath, sha256, unit: result.unit, at: new Date().toISOString() });
    const status = result.status
      ? ` ${l10n.t("{0} is {1} ({2}), PID {3}.", result.status.unit, result.status.activeState, result.status.subState, result.status.mainPid)}`
      : "";
    if (result.ok)
      void window.showInformationMessage(
        result.outcome === "unchanged"
          ? l10n.t("Unchanged: {0}.{1}", result.message, status)
          : l10n.t("Deployed: {0}.{1}", result.message, status),
      );
    // Not awaited: the command ends with the deploy, not when the user dismisses the notification.
    else
      void window
        .showErrorMessage(
          `Deploy of ${name} to ${host} ${result.outcome === "rolled-back" ? "was rolled back" : "failed"}: ${result.message.split("\n")[0]}.${status}`,
          "Show Details",
        )
        .then((pick) => {
          if (pick) output.show(true);
        });
    return result;
  }
}
