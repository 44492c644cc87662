import { commonFunctions } from "./deploy-script.js";
import { checkUnitName, RemoteError, shq } from "./names.js";
import { frameScript, type SshTransport, shellLauncher, sshFailure, sudoFailure } from "./ssh.js";
import { parseShow, unitStatus } from "./status.js";
import type { Scope, UnitAction, UnitStatus } from "./types.js";

export interface ActionOptions {
  scope: Scope;
  sudo: boolean;
  where: string;
  user?: string;
  /** Whole seconds a restarted unit must stay healthy (default 3). */
  waitSeconds?: number;
  /** How long rollback waits for a deploy that holds the host's lock (default 120). */
  lockWaitSeconds?: number;
}

export interface ActionResult {
  ok: boolean;
  message: string;
  status?: UnitStatus;
}

function actionBody(action: UnitAction): string {
  switch (action) {
    case "start":
    case "stop":
    case "restart":
    case "enable":
    case "disable":
    case "reload":
    case "mask":
    case "unmask":
    case "reset-failed":
      return `$SCTL ${action} -- "$UNIT" >"$T/out" 2>&1; rc=$?`;
    case "rollback":
      // Undoes the last deploy of this unit's file, from the record that deploy kept: only if the file is
      // still what it installed, under the same lock as deploys, and only what it changed.
      return `take_lock
KIND=unit; DIR=$UNITDIR; NAME=$UNIT; DEST="$DIR/$NAME"; MODE=0644
B="$BACKUPS/$(printf %s "$DEST" | sed 's#/#%#g').d"
if [ ! -f "$B/prev" ]; then echo "no backup of $DEST on this host: nothing to roll back to" >"$T/out"; rc=1
elif [ "$(cat "$B/installed")" != "$(sha256sum <"$DEST" 2>/dev/null | cut -c1-64)" ]; then
  echo "$DEST changed since the deploy that kept the backup; not rolling back over that change" >"$T/out"; rc=1
elif ! restore_record "$B" >"$T/out" 2>&1; then rc=1
else
  rm -rf -- "$B"; $SCTL daemon-reload; rc=0
  if [ "$WASSTATE" = active ] || [ "$WASSTATE" = activating ] || [ "$WASSTATE" = reloading ]; then
    bounded $SCTL restart -- "$UNIT" >>"$T/out" 2>&1; INV0=; EMS0=
    watch_unit "$UNIT" "" || { echo "the previous version is back but $WHY" >>"$T/out"; rc=1; }
  else $SCTL stop -- "$UNIT" >>"$T/out" 2>&1; fi
  [ "$rc" -ne 0 ] || echo "rolled back $DEST to the version before the last deploy" >>"$T/out"
fi`;
  }
}

/** Runs one systemctl action (or an Etcetera rollback) on one unit and returns its status after. */
export async function unitAction(transport: SshTransport, unit: string, action: UnitAction, o: ActionOptions): Promise<ActionResult> {
  checkUnitName(unit);
  const user = o.scope === "user";
  const script = `set -u
export LC_ALL=C
exec 3<&0 </dev/null
trap '' PIPE
UNIT=${shq(unit)}
SCTL=${shq(user ? "systemctl --user" : "systemctl")}
WAIT=${o.waitSeconds ?? 3}; LOCKWAIT=${o.lockWaitSeconds ?? 120}; KIND=unit; INV0=; EMS0=
UNITDIR=${user ? '"$HOME/.config/systemd/user"' : "/etc/systemd/system"}
STAGEROOT=${user ? '"$HOME/.config"' : "/etc"}
BACKUPS=${user ? '"$HOME/.local/state/etcetera/backups"' : "/var/backups/etcetera"}
T=$(mktemp -d); STAGED=
trap '[ -z "$STAGED" ] || rm -f -- "$STAGED"; rm -rf -- "$T"' EXIT
${commonFunctions}
WASSTATE=$(prop "$UNIT" ActiveState)
${action === "rollback" ? 'WASSTATE=$(cat "$BACKUPS/$(printf %s "$UNITDIR/$UNIT" | sed \'s#/#%#g\').d/state" 2>/dev/null || echo "$WASSTATE")' : ""}
${actionBody(action)}
sed 's/^/@@out /' "$T/out"
show_status "$UNIT"
echo "@@rc $rc"`;
  const res = await transport.run(shellLauncher(!user && o.sudo), { input: frameScript(script) });
  if (res.code === 255 && !res.stdout.includes("@@")) throw sshFailure(transport.target, res.stderr);
  const sudo = sudoFailure(o.where, o.user, res.stderr);
  if (sudo) throw sudo;
  const lines = res.stdout.split("\n");
  const errorLine = lines.find((l) => l.startsWith("@@error "));
  if (errorLine) {
    const [, step = "", ...rest] = errorLine.split(" ");
    throw new RemoteError(step === "locked" ? "locked" : "protocol", `${action} ${unit} on ${o.where}: ${rest.join(" ")}`);
  }
  const rc = Number(lines.find((l) => l.startsWith("@@rc "))?.slice(5) ?? Number.NaN);
  if (Number.isNaN(rc))
    throw new RemoteError("protocol", `${action} ${unit} on ${o.where}: ${res.stderr.trim() || "no answer from the host"}`);
  const out = lines.filter((l) => l.startsWith("@@out ")).map((l) => l.slice(6));
  const [props] = parseShow(
    lines
      .filter((l) => l.startsWith("@@status "))
      .map((l) => l.slice(9))
      .join("\n"),
  );
  const status = props ? unitStatus(props, unit) : undefined;
  return { ok: rc === 0, message: out.join("\n") || `${action} ${unit}: ${rc === 0 ? "done" : "failed"}`, status };
}
