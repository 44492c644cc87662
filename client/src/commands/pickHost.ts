import { l10n, window } from "vscode";
import type { HostState } from "../remote/hostState";

/** Lets the user choose the current host: a configured one, or any ssh config alias typed in. */
export async function pickHost(state: HostState): Promise<string | undefined> {
  const other = `$(add) ${l10n.t("Another host (ssh config alias or user@host)…")}`;
  const names = state.names();
  const current = state.current();
  const picked = await window.showQuickPick(
    [...names.map((n) => ({ label: n, description: n === current ? l10n.t("current") : undefined })), { label: other }],
    { title: l10n.t("Deploy to which host?"), placeHolder: l10n.t("Hosts come from etcetera.hosts and ~/.ssh/config") },
  );
  if (!picked) return undefined;
  let name = picked.label;
  if (name === other) {
    const typed = await window.showInputBox({
      title: l10n.t("Host"),
      prompt: l10n.t("An ssh config Host alias, or user@host. Etcetera uses your ssh config, agent and known_hosts."),
      validateInput: (v) =>
        /^[A-Za-z0-9_.%:[\]@-]+$/.test(v) && !v.startsWith("-") ? undefined : l10n.t("a host name, alias or user@host"),
    });
    if (!typed) return undefined;
    name = typed;
  }
  await state.setCurrent(name);
  return name;
}
