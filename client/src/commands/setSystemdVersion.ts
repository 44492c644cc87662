import { ConfigurationTarget, l10n, window, workspace } from "vscode";

/** Versions worth offering: what common distributions ship. */
const knownVersions: { version: number | null; label: string }[] = [
  { version: null, label: l10n.t("Newest known") },
  { version: 256, label: "256 (Ubuntu 24.10, Fedora 40)" },
  { version: 255, label: "255 (Ubuntu 24.04, Arch 2024)" },
  { version: 252, label: "252 (Debian 12, RHEL 9.x backports)" },
  { version: 249, label: "249 (Ubuntu 22.04)" },
  { version: 247, label: "247 (Debian 11)" },
  { version: 245, label: "245 (Ubuntu 20.04)" },
  { version: 239, label: "239 (RHEL 8)" },
];

/** Lets the user pick the systemd version their hosts run; saved in the workspace settings. */
export async function setSystemdVersion(): Promise<void> {
  const current = workspace.getConfiguration("etcetera").get<number | null>("systemd.version", null);
  const picked = await window.showQuickPick(
    knownVersions.map((v) => ({ ...v, description: v.version === current ? l10n.t("current") : undefined })),
    { title: l10n.t("Target systemd version"), placeHolder: l10n.t("Directives newer than this version are flagged") },
  );
  if (!picked) return;
  const target = await pickScope();
  if (target === undefined) return;
  await workspace.getConfiguration("etcetera").update("systemd.version", picked.version, target);
}

/** Where the setting goes: asked, not assumed (a workspace setting is shared with everyone who opens the folder). */
async function pickScope(): Promise<ConfigurationTarget | undefined> {
  if (!workspace.workspaceFolders?.length) return ConfigurationTarget.Global;
  const scopes = [
    {
      label: l10n.t("This workspace"),
      detail: l10n.t("Saved in the workspace settings, shared with whoever opens it"),
      target: ConfigurationTarget.Workspace,
    },
    { label: l10n.t("All my workspaces"), detail: l10n.t("Saved in your user settings"), target: ConfigurationTarget.Global },
  ];
  const scope = await window.showQuickPick(scopes, { title: l10n.t("Save the target systemd version for") });
  return scope?.target;
}
