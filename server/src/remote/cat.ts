import { checkUnitName, RemoteError, shq } from "./names.js";
import { frameScript, type SshTransport, shellLauncher, sshFailure, sudoFailure } from "./ssh.js";
import type { Scope } from "./types.js";

export interface CatOptions {
  scope: Scope;
  where: string;
  user?: string;
}

export interface CatResult {
  /** False when systemd has no file for the unit. */
  found: boolean;
  /** What `systemctl cat` prints: the fragment, then each drop-in, each under a `# PATH` line. */
  text: string;
  /** systemctl's complaint when nothing was found. */
  message: string;
}

/** The unit as the host's systemd has it (`systemctl cat`): read-only, needs no root. */
export async function catUnit(transport: SshTransport, unit: string, o: CatOptions): Promise<CatResult> {
  checkUnitName(unit);
  const command = `export LC_ALL=C
exec </dev/null
systemctl ${o.scope === "user" ? "--user " : ""}cat --no-pager -- ${shq(unit)}
echo "@@rc $?"`;
  const res = await transport.run(shellLauncher(false), { input: frameScript(command) });
  if (res.code === 255 && !res.stdout.includes("@@rc ")) throw sshFailure(transport.target, res.stderr);
  const sudo = sudoFailure(o.where, o.user, res.stderr);
  if (sudo) throw sudo;
  const at = res.stdout.lastIndexOf("@@rc ");
  if (at < 0) throw new RemoteError("protocol", `systemctl cat ${unit} on ${o.where}: ${res.stderr.trim() || "no answer from the host"}`);
  const rc = Number(res.stdout.slice(at + 5).trim());
  return { found: rc === 0, text: res.stdout.slice(0, at), message: res.stderr.trim() };
}
