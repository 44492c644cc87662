import { RemoteError, shq } from "./names.js";
import { frameScript, type SshTransport, shellLauncher, sshFailure, sudoFailure } from "./ssh.js";
import type { DeployTarget } from "./targets.js";

export interface InstalledOptions {
  sudo: boolean;
  where: string;
  user?: string;
}

/**
 * The exact bytes of the file a deploy of `t` would replace, or undefined when
 * the host has none. Bytes travel base64-encoded, so nothing is re-encoded.
 */
export async function readInstalled(transport: SshTransport, t: DeployTarget, o: InstalledOptions): Promise<Buffer | undefined> {
  // The user's crontab belongs to the login user; system files may need root (netplan files are 0600).
  const asRoot = t.scope === "system" && t.kind !== "user-crontab" && o.sudo;
  const path = t.inHome ? `"$HOME"/${shq(t.dir)}/${shq(t.name)}` : shq(`${t.dir}/${t.name}`);
  const read =
    t.kind === "user-crontab"
      ? `if crontab -l >"$T" 2>/dev/null; then echo @@present; base64 <"$T"; else echo @@absent; fi`
      : `F=${path}
if [ ! -e "$F" ] && [ ! -L "$F" ]; then echo @@absent
elif base64 <"$F" >"$T" 2>"$T.err"; then echo @@present; cat "$T"
else echo "@@error $(head -n 1 "$T.err")"; fi`;
  const script = `set -u
export LC_ALL=C
exec </dev/null
T=$(mktemp)
trap 'rm -f -- "$T" "$T.err"' EXIT
${read}
echo @@end`;
  const res = await transport.run(shellLauncher(asRoot), { input: frameScript(script) });
  if (res.code === 255 && !res.stdout.includes("@@")) throw sshFailure(transport.target, res.stderr);
  const sudo = sudoFailure(o.where, o.user, res.stderr);
  if (sudo) throw sudo;
  const lines = res.stdout.split("\n");
  const what = t.kind === "user-crontab" ? "the crontab" : `${t.dir}/${t.name}`;
  const error = lines.find((l) => l.startsWith("@@error "));
  if (error) throw new RemoteError("protocol", `cannot read ${what} on ${o.where}: ${error.slice(8)}`);
  if (!lines.includes("@@end"))
    throw new RemoteError("protocol", `reading ${what} on ${o.where}: ${res.stderr.trim() || "no answer from the host"}`);
  const first = lines.findIndex((l) => l === "@@present" || l === "@@absent");
  if (first < 0) throw new RemoteError("protocol", `reading ${what} on ${o.where}: unexpected answer`);
  if (lines[first] === "@@absent") return undefined;
  return Buffer.from(lines.slice(first + 1, lines.indexOf("@@end")).join(""), "base64");
}
