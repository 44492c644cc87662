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
  /** Each file on its own, exact: the fragment first, then the drop-ins (for an editable copy). */
  files: { path: string; text: string }[];
}

/** The unit as the host's systemd has it (`systemctl cat`): read-only, needs no root. */
export async function catUnit(transport: SshTransport, unit: string, o: CatOptions): Promise<CatResult> {
  checkUnitName(unit);
  const command = `export LC_ALL=C
exec </dev/null
SCTL=${shq(o.scope === "user" ? "systemctl --user" : "systemctl")}
$SCTL cat --no-pager -- ${shq(unit)}
echo "@@rc $?"
for f in $($SCTL show -p FragmentPath -p DropInPaths --value -- ${shq(unit)}); do
  case "$f" in /dev/null) ;; /*) [ -r "$f" ] && { echo "@@file $f"; base64 <"$f"; } ;; esac
done
echo "@@end"`;
  const res = await transport.run(shellLauncher(false), { input: frameScript(command) });
  if (res.code === 255 && !res.stdout.includes("@@rc ")) throw sshFailure(transport.target, res.stderr);
  const sudo = sudoFailure(o.where, o.user, res.stderr);
  if (sudo) throw sudo;
  const at = res.stdout.lastIndexOf("@@rc ");
  if (at < 0) throw new RemoteError("protocol", `systemctl cat ${unit} on ${o.where}: ${res.stderr.trim() || "no answer from the host"}`);
  const [rcLine = "", ...rest] = res.stdout.slice(at + 5).split("\n");
  const files: { path: string; text: string }[] = [];
  for (const line of rest) {
    if (line.startsWith("@@file ")) files.push({ path: line.slice(7), text: "" });
    else if (line !== "@@end" && files.length) (files[files.length - 1] as { text: string }).text += line;
  }
  for (const f of files) f.text = Buffer.from(f.text, "base64").toString("utf8");
  return { found: Number(rcLine.trim()) === 0, text: res.stdout.slice(0, at), message: res.stderr.trim(), files };
}
