import { shq } from "./names.js";
import { statusProperties } from "./status.js";
import type { DeployTarget } from "./targets.js";

/**
 * The one shell script a deploy runs on the host (POSIX sh, as root or as the
 * login user in user scope). Running it as a single program keeps the lock
 * held for exactly one deploy, lets the host finish a started transaction by
 * itself when the connection drops, and costs one round trip.
 *
 * Protocol: stdin carries LEN bytes of content, then one line "go" (or
 * anything else to cancel) sent after the script prints "@@ready". Every
 * line the script prints starts with "@@EVENT ".
 */
export interface ScriptOptions {
  length: number;
  sha256: string;
  enableOnFirstDeploy: boolean;
  healthTimeoutSeconds: number;
  settleSeconds: number;
  lockWaitSeconds: number;
  netplanTryTimeoutSeconds: number;
}

const prelude = `set -u
export LC_ALL=C
umask 022
ev() { printf '@@%s\\n' "$*" 2>/dev/null || :; }
emit() { [ -s "$2" ] && sed "s/^/@@$1 /" "$2" 2>/dev/null; :; }
T=$(mktemp -d "\${TMPDIR:-/tmp}/etcetera.XXXXXXXX") || { ev "error tmp cannot create a temporary directory"; exit 1; }
STAGED=
cleanup() { rm -rf "$T"; [ -z "$STAGED" ] || rm -f "$STAGED"; }
trap cleanup EXIT
trap 'exit 130' HUP INT TERM
if [ "$(id -u)" -eq 0 ]; then LOCK=/run/etcetera-deploy.lock; else LOCK="\${XDG_RUNTIME_DIR:-$HOME}/.etcetera-deploy.lock"; fi
exec 9>>"$LOCK" || { ev "error lock cannot open $LOCK"; exit 1; }
if ! flock -n 9; then
  ev "progress lock waiting for another deploy to this host to finish"
  flock -w "$LOCKWAIT" 9 || { ev "error locked another deploy held the lock on this host for \${LOCKWAIT}s"; exit 1; }
fi
ev "progress upload receiving $LEN bytes"
head -c "$LEN" >"$T/new"
if [ "$(wc -c <"$T/new")" -ne "$LEN" ] || [ "$(sha256sum <"$T/new" | cut -c1-64)" != "$SHA" ]; then
  ev "error upload the upload was cut short; the host is unchanged"; exit 1
fi
CUR=
`;

/** Runs a copy of the new file through the host's own checker; sets rc and fills $T/verify.log. */
function verifySection(t: DeployTarget): string {
  switch (t.kind) {
    case "unit":
      return `mkdir "$T/v" && cp "$T/new" "$T/v/$NAME"
V="$T/v/$NAME"
case "$NAME" in *@.*) I=$(printf %s "$NAME" | sed 's/@\\./@etcetera-verify./'); V="$T/v/$I";; esac
systemd-analyze $SCOPEFLAG verify --man=no "$V" >"$T/verify.log" 2>&1; rc=$?`;
    case "drop-in":
      return `mkdir -p "$T/v/$UNIT.d" && cp "$T/new" "$T/v/$UNIT.d/$NAME"
FRAG=$($SCTL show -p FragmentPath --value "$UNIT" 2>/dev/null)
if [ -z "$FRAG" ] || [ ! -f "$FRAG" ]; then echo "$UNIT is not installed on this host: deploy the unit before its drop-in" >"$T/verify.log"; rc=1
else cp "$FRAG" "$T/v/$UNIT"; systemd-analyze $SCOPEFLAG verify --man=no "$T/v/$UNIT" >"$T/verify.log" 2>&1; rc=$?; fi`;
    case "cron.d":
    case "system-crontab":
      // crontab -n checks the user-crontab format: drop the user field, and check that each user exists.
      return `sed -E '/^[[:space:]]*(#|$)/b; /^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=/b; s/^([[:space:]]*@[A-Za-z]+[[:space:]]+)[^[:space:]]+[[:space:]]+/\\1/; t; s/^([[:space:]]*([^[:space:]]+[[:space:]]+){5})[^[:space:]]+[[:space:]]+/\\1/' "$T/new" >"$T/user-format"
crontab -n "$T/user-format" >"$T/verify.log" 2>&1; rc=$?
for u in $(sed -E '/^[[:space:]]*(#|$)/d; /^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=/d' "$T/new" | awk '$1 ~ /^@/ {print $2; next} {print $6}' | sort -u); do
  getent passwd "$u" >/dev/null || { echo "user '$u' does not exist on this host; cron would skip its lines" >>"$T/verify.log"; rc=1; }
done`;
    case "user-crontab":
      return `crontab -n "$T/new" >"$T/verify.log" 2>&1; rc=$?`;
    case "logrotate":
      // The whole configuration with the new file in place: duplicates across files are errors too.
      return `mkdir -p "$T/lr.d"
if [ "$DIR" = /etc/logrotate.d ]; then
  for f in /etc/logrotate.d/*; do [ -f "$f" ] && [ "$(basename "$f")" != "$NAME" ] && cp "$f" "$T/lr.d/"; done
  cp "$T/new" "$T/lr.d/$NAME"
  sed "s#^include[[:space:]]*/etc/logrotate.d#include $T/lr.d#" /etc/logrotate.conf >"$T/lr.conf"
else
  sed "s#^include[[:space:]]*/etc/logrotate.d#include $T/lr.d#" "$T/new" >"$T/lr.conf"
  for f in /etc/logrotate.d/*; do [ -f "$f" ] && cp "$f" "$T/lr.d/"; done
fi
chmod 0644 "$T/lr.conf" "$T/lr.d/"* 2>/dev/null
logrotate -d -s "$T/lr.state" "$T/lr.conf" >"$T/lr.log" 2>&1; rc=$?
grep -E '^(error|warning):' "$T/lr.log" | grep -v 'in debug mode does nothing' >"$T/verify.log"
grep -q '^error:' "$T/lr.log" && rc=1
[ "$rc" -eq 0 ] || [ -s "$T/verify.log" ] || tail -n 20 "$T/lr.log" >"$T/verify.log"`;
    case "netplan":
      return `mkdir -p "$T/np/etc/netplan"
for f in /etc/netplan/*.yaml; do [ -f "$f" ] && [ "$(basename "$f")" != "$NAME" ] && cp "$f" "$T/np/etc/netplan/"; done
cp "$T/new" "$T/np/etc/netplan/$NAME"; chmod 0600 "$T/np/etc/netplan/"*
netplan generate --root-dir "$T/np" >"$T/verify.log" 2>&1; rc=$?`;
  }
}

const currentSection = (t: DeployTarget) =>
  t.kind === "user-crontab" ? `crontab -l >"$T/cur" 2>/dev/null && CUR="$T/cur"` : `[ -f "$DEST" ] && CUR="$DEST"`;

const backupSection = `B="$BACKUPS/$(printf %s "$DEST" | sed 's#/#%#g')"
if ! { mkdir -p "$BACKUPS" && chmod 0700 "$BACKUPS" &&
  if [ -n "$CUR" ]; then cp "$CUR" "$B.tmp" && mv -f "$B.tmp" "$B" && rm -f "$B.absent"; else rm -f "$B" && : >"$B.absent"; fi; } 2>"$T/backup.log"; then
  emit err "$T/backup.log"; ev "error backup cannot keep a backup in $BACKUPS; the host is unchanged"; exit 1
fi
ev "backup $B"`;

/** Copies $1 into a staging dir on the same filesystem as $DIR, then renames it over $DEST. */
export const installFunction = `install_file() {
  mkdir -p "$DIR" || return 1
  for S in "$STAGEROOT/.etcetera-staging" "$(dirname "$DIR")/.etcetera-staging"; do
    mkdir -p "$S" 2>/dev/null && chmod 0700 "$S" && [ "$(stat -c %d "$S")" = "$(stat -c %d "$DIR")" ] && break
    S=
  done
  [ -n "$S" ] || { echo "no staging directory on the filesystem of $DIR"; return 1; }
  STAGED="$S/$NAME.$$"
  cp "$1" "$STAGED" && chmod "$MODE" "$STAGED" && { [ "$(id -u)" -ne 0 ] || chown 0:0 "$STAGED"; } && mv -f "$STAGED" "$DEST" || return 1
  STAGED=
}`;

function installSection(t: DeployTarget): string {
  if (t.kind === "user-crontab") return `crontab "$T/new" >"$T/install.log" 2>&1`;
  return `install_file "$T/new" >"$T/install.log" 2>&1`;
}

function restoreSection(t: DeployTarget): string {
  if (t.kind === "user-crontab") return `if [ -f "$B.absent" ]; then crontab -r; else crontab "$B"; fi`;
  return `if [ -f "$B.absent" ]; then rm -f "$DEST"; else install_file "$B"; fi`;
}

/** Health of $1: waits (bounded) until it leaves the activating states, then watches it settle. */
export const healthFunction = `prop() { $SCTL show -p "$2" --value "$1" 2>/dev/null; }
healthy() {
  n=0
  while :; do
    s=$(prop "$1" ActiveState)
    case "$s" in activating|deactivating|reloading|refreshing) ;; *) break;; esac
    n=$((n + 1)); [ "$n" -lt $((HEALTHWAIT * 5)) ] || break
    sleep 0.2
  done
  case "$s" in
    active)
      r0=$(prop "$1" NRestarts); p0=$(prop "$1" MainPID)
      sleep "$SETTLE"
      [ "$(prop "$1" ActiveState)" = active ] && [ "$(prop "$1" NRestarts)" = "$r0" ] && [ "$(prop "$1" MainPID)" = "$p0" ];;
    inactive) [ "$(prop "$1" Result)" = success ] && [ "$(prop "$1" Type)" = oneshot ];;
    *) return 1;;
  esac
}
show_status() { $SCTL show ${statusProperties.map((p) => `-p ${p}`).join(" ")} "$1" 2>/dev/null | sed 's/^/@@status /'; }`;

function unitActivation(t: DeployTarget, o: ScriptOptions): string {
  if (!t.unit)
    return `$SCTL daemon-reload >"$T/activate.log" 2>&1; ev "progress activate reloaded; templates are not restarted (restart their instances)"; ev "outcome deployed installed the template and reloaded systemd"; exit 0`;
  return `WASACTIVE=0; $SCTL is-active -q "$UNIT" && WASACTIVE=1
TRIGGERED=
${
  t.kind === "unit" && t.unit.endsWith(".service")
    ? `for tr in "\${UNIT%.service}.timer" "\${UNIT%.service}.socket" "\${UNIT%.service}.path"; do
  [ "$(prop "$tr" LoadState)" = loaded ] && TRIGGERED=$tr
done`
    : ""
}
`.concat(
    `START=$(date +%s)
if ! { ${installSection(t)}; }; then emit error "$T/install.log"; ev "error install could not install $DEST; the previous file is in place"; exit 1; fi
ev "progress activate systemctl daemon-reload"
$SCTL daemon-reload >"$T/activate.log" 2>&1
if [ -n "$TRIGGERED" ]; then
  ev "progress activate $UNIT is started by $TRIGGERED: restarting it only if it runs"
  $SCTL try-restart "$UNIT" >>"$T/activate.log" 2>&1
  CHECK=$UNIT; [ "$WASACTIVE" = 1 ] || CHECK=$TRIGGERED
elif [ -z "$CUR" ] && [ ${o.enableOnFirstDeploy ? 1 : 0} = 1 ] && grep -q '^[[:space:]]*\\[Install\\]' "$DEST"; then
  ev "progress activate systemctl enable --now $UNIT (first deploy)"
  $SCTL enable --now "$UNIT" >>"$T/activate.log" 2>&1
  CHECK=$UNIT
else
  ev "progress activate systemctl restart $UNIT"
  $SCTL restart "$UNIT" >>"$T/activate.log" 2>&1
  CHECK=$UNIT
fi
ev "progress health waiting for $CHECK to be active"
if healthy "$CHECK"; then show_status "$UNIT"; ev "outcome deployed $UNIT is $(prop "$CHECK" ActiveState)"; exit 0; fi
emit activate "$T/activate.log"
sleep 0.3
journalctl $SCOPEFLAG -u "$CHECK" --since "@$((START - 1))" -n 40 --no-pager -o short-iso >"$T/journal" 2>&1
emit journal "$T/journal"
ev "progress rollback $CHECK is $(prop "$CHECK" ActiveState) ($(prop "$CHECK" Result)); restoring the previous version"
if [ -f "$B.absent" ]; then $SCTL disable --now "$UNIT" >/dev/null 2>&1; fi
${restoreSection(t)}
$SCTL daemon-reload
$SCTL reset-failed "$CHECK" >/dev/null 2>&1
if [ "$WASACTIVE" = 1 ]; then
  $SCTL restart "$UNIT" >/dev/null 2>&1
  if healthy "$UNIT"; then show_status "$UNIT"; ev "outcome rolled-back the previous version of $UNIT is running again"; exit 0; fi
  show_status "$UNIT"; ev "outcome failed rollback: the previous version of $UNIT was restored but is $(prop "$UNIT" ActiveState) too"; exit 0
fi
show_status "$UNIT"; ev "outcome rolled-back the previous file is restored ($UNIT was not running before)"; exit 0`,
  );
}

function otherActivation(t: DeployTarget, o: ScriptOptions): string {
  const install = `if ! { ${installSection(t)}; }; then emit error "$T/install.log"; ev "error install could not install $DEST; the previous file is in place"; exit 1; fi`;
  if (t.kind === "netplan")
    return `${install}
ev "progress activate netplan try --timeout ${o.netplanTryTimeoutSeconds}"
# netplan try wants a terminal: run it under script(1), its input a fifo we hold open.
# It applies, asks, and reverts by itself after the timeout unless we confirm; we confirm
# only when the client answers "keep" through this very connection (so the network still works).
mkfifo "$T/try.in"
( script -qfec "netplan try --timeout ${o.netplanTryTimeoutSeconds}" /dev/null <"$T/try.in" >"$T/try.log" 2>&1; echo $? >"$T/try.rc" ) &
exec 7>"$T/try.in"
n=0
while [ ! -f "$T/try.rc" ] && [ "$n" -lt $(((${o.netplanTryTimeoutSeconds} + 30) * 5)) ]; do
  if grep -q "keep these settings" "$T/try.log" 2>/dev/null; then
    ev confirm
    answer=$(timeout ${o.netplanTryTimeoutSeconds} head -n 1)
    [ "$answer" = keep ] && printf '\\n' >&7
    break
  fi
  n=$((n + 1)); sleep 0.2
done
wait
exec 7>&-
rc=$(cat "$T/try.rc" 2>/dev/null || echo 1)
if [ "$rc" -ne 0 ] || grep -q "Reverting" "$T/try.log"; then
  grep -E "^[A-Z].*(rror|Revert)" "$T/try.log" | tr -d '\\r' | head -n 5 >"$T/try.short"
  [ -S /run/udev/control ] || echo "this host has no running udev (a container?): netplan cannot apply a configuration here" >>"$T/try.short"
  emit activate "$T/try.short"
  ${restoreSection(t)}
  ev "outcome failed netplan try did not apply the configuration; the previous file is restored"; exit 0
fi
ev "outcome deployed netplan applied the configuration and it was confirmed"; exit 0`;
  return `${install}
ev "outcome deployed installed $DEST${t.kind === "logrotate" ? " (logrotate reads it on its next run)" : " (cron reads it within a minute)"}"; exit 0`;
}

export function deployScript(t: DeployTarget, o: ScriptOptions): string {
  const user = t.scope === "user";
  // The user's crontab is changed by the login user, so its backup lives in that user's home.
  const asUser = user || t.kind === "user-crontab";
  const dir = t.kind === "user-crontab" ? "" : t.inHome ? `"$HOME"/${shq(t.dir)}` : shq(t.dir);
  const vars = [
    `NAME=${shq(t.name)}`,
    `DIR=${dir}`,
    `DEST="$DIR/$NAME"`,
    `UNIT=${shq(t.unit ?? "")}`,
    `LEN=${o.length}`,
    `SHA=${shq(o.sha256)}`,
    `MODE=${t.mode}`,
    `LOCKWAIT=${o.lockWaitSeconds}`,
    `HEALTHWAIT=${o.healthTimeoutSeconds}`,
    `SETTLE=${o.settleSeconds}`,
    `SCOPEFLAG=${user ? "--user" : ""}`,
    `SCTL=${shq(user ? "systemctl --user" : "systemctl")}`,
    `STAGEROOT=${asUser ? '"$HOME/.config"' : "/etc"}`,
    `BACKUPS=${asUser ? '"$HOME/.local/state/etcetera/backups"' : "/var/backups/etcetera"}`,
  ].join("\n");
  const activation = t.kind === "unit" || t.kind === "drop-in" ? unitActivation(t, o) : otherActivation(t, o);
  return `${vars}
${t.kind === "user-crontab" ? 'DEST="crontab of $(id -un)"' : ""}
${prelude}
${installFunction}
${healthFunction}
${currentSection(t)}
if [ -n "$CUR" ] && cmp -s "$T/new" "$CUR"; then
  ${t.unit ? 'show_status "$UNIT"; ' : ""}ev "outcome unchanged $DEST already has this content; nothing was changed"; exit 0
fi
ev "progress verify checking the file with the host's own tool"
${verifySection(t)}
emit verify "$T/verify.log"
if [ "$rc" -ne 0 ]; then ev "outcome rejected the host's checker rejected the file; the host is unchanged"; exit 0; fi
ev ready
read -r answer || answer=
[ "$answer" = go ] || { ev "outcome cancelled cancelled before the host was changed"; exit 0; }
trap '' HUP INT TERM PIPE
ev "progress backup keeping the installed version"
${backupSection}
ev "progress install renaming into place"
${activation}
`;
}
