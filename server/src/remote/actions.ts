import { healthFunction, installFunction } from "./deploy-script.js";
import { checkUnitName, RemoteError, shq } from "./names.js";
import { asRoot, type SshTransport, sshFailure, sudoFailure } from "./ssh.js";
import { parseShow, unitStatus } from "./status.js";
import type { Scope, UnitAction, UnitStatus } from "./types.js";

export interface ActionOptions {
  scope: Scope;
  sudo: boolean;
  where: string;
  user?: string;
  healthTimeoutSeconds?: number;
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
      return `$SCTL ${action} "$UNIT" >"$T/out" 2>&1; rc=$?`;
    case "enable":
    case "disable":
      return `$SCTL ${action} "$UNIT" >"$T/out" 2>&1; rc=$?`;
    case "rollback":
      // The backup a deploy kept of the file behind this unit (or the marker that there was none).
      return `DEST=$($SCTL show -p FragmentPath --value "$UNIT")
[ -n "$DEST" ] || DEST="$UNITDIR/$UNIT"
DIR=$(dirname "$DEST"); NAME=$(basename "$DEST"); MODE=0644
B="$BACKUPS/$(printf %s "$DEST" | sed 's#/#%#g')"
exec 9>>"$LOCK"; flock -w 120 9 || { echo "another deploy holds the lock" >"$T/out"; rc=1; }
if [ ! -f "$B" ] && [ ! -f "$B.absent" ]; then echo "no backup of $DEST on this host: nothing to roll back to" >"$T/out"; rc=1
elif [ -f "$B.absent" ]; then $SCTL disable --now "$UNIT" >"$T/out" 2>&1; rm -f "$DEST" "$B.absent"; $SCTL daemon-reload; rc=0
else install_file "$B" >"$T/out" 2>&1 && rm -f "$B" && $SCTL daemon-reload && $SCTL restart "$UNIT" >>"$T/out" 2>&1; rc=$?
  [ "$rc" -ne 0 ] || healthy "$UNIT" || rc=1; fi`;
  }
}

/** Runs start/stop/restart/enable/disable/rollback on one unit and returns its status after. */
export async function unitAction(transport: SshTransport, unit: string, action: UnitAction, o: ActionOptions): Promise<ActionResult> {
  checkUnitName(unit);
  const user = o.scope === "user";
  const script = `set -u
UNIT=${shq(unit)}
SCTL=${shq(user ? "systemctl --user" : "systemctl")}
HEALTHWAIT=${o.healthTimeoutSeconds ?? 15}; SETTLE=1
UNITDIR=${user ? '"$HOME/.config/systemd/user"' : "/etc/systemd/system"}
STAGEROOT=${user ? '"$HOME/.config"' : "/etc"}
BACKUPS=${user ? '"$HOME/.local/state/etcetera/backups"' : "/var/backups/etcetera"}
if [ "$(id -u)" -eq 0 ]; then LOCK=/run/etcetera-deploy.lock; else LOCK="\${XDG_RUNTIME_DIR:-$HOME}/.etcetera-deploy.lock"; fi
T=$(mktemp -d); STAGED=
trap 'rm -rf "$T"; [ -z "$STAGED" ] || rm -f "$STAGED"' EXIT
${installFunction}
${healthFunction}
${actionBody(action)}
sed 's/^/@@out /' "$T/out"
show_status "$UNIT"
echo "@@rc $rc"`;
  const res = await transport.run(user ? `sh -c ${shq(script)}` : asRoot(script, o.sudo));
  if (res.code === 255 && !res.stdout.includes("@@")) throw sshFailure(transport.target, res.stderr);
  const sudo = sudoFailure(o.where, o.user, res.stderr);
  if (sudo) throw sudo;
  const lines = res.stdout.split("\n");
  const rc = Number(lines.find((l) => l.startsWith("@@rc "))?.slice(5) ?? Number.NaN);
  if (Number.isNaN(rc)) throw new RemoteError("protocol", `${action} ${unit}: ${res.stderr.trim() || "no answer from the host"}`);
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
