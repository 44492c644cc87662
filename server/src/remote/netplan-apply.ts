/**
 * Applying a netplan file with an automatic revert, the host's half: shell
 * sections of the deploy script, the revert script it leaves on the host, and
 * the confirm script a second, new SSH connection runs.
 *
 * Why not drive `netplan try` itself (netplan_cli/cli/commands/try_command.py):
 * - It waits for ENTER on a terminal (termios on its stdin), or SIGUSR1 sent to
 *   that very process. Over `ssh -T` that means a pseudo-terminal (script(1))
 *   that must outlive the SSH session, and a confirmation that finds the PID.
 * - Its countdown lives in that process. If the process dies before the timeout
 *   (SIGHUP when its terminal goes away, the session's scope being stopped, OOM),
 *   nothing reverts — the one case the feature exists for.
 * - In 0.106 (Debian 12) it backs up /etc/netplan only with --config-file, which
 *   installs the file under a time-stamped name, not ours; without it, it
 *   restores the generated backend files but leaves the new YAML in /etc/netplan,
 *   so the next boot or `netplan apply` brings the bad configuration back.
 * - It refuses bonds and bridges with custom parameters outright.
 * So the deploy keeps its own record of the previous file (the same record a
 * unit deploy keeps), arms a transient systemd timer owned by PID 1 (a detached
 * sleeper where systemd-run is missing) before it changes anything, runs
 * `netplan apply`, and lets a NEW connection confirm: a connection that the new
 * configuration allows. Without confirmation the timer restores the previous
 * file and applies it. As with `netplan try`, custom bond and bridge parameters
 * may survive a revert: networkd does not always reset them.
 *
 * Host state of one pending change, in /run (gone after a reboot, like the
 * timer; the file on disk then stays as deployed):
 *   $P/token    the deploy's id, which the confirmation must name
 *   $P/state    pending | confirmed | reverting | reverted WHY | revert-failed TEXT | abandoned
 *   $P/applied  exists once `netplan apply` of the new file succeeded
 *   $P/timers   one armed revert per line: a systemd timer unit, or pid:PGID
 *   $P/prev, $P/new  the YAML before and after (roots for `netplan apply --state`)
 *   $P/revert   the revert script; $P/lock serializes revert and confirmation
 */

/** Where the pending change lives on the host. */
export const pendingDir = "/run/etcetera/netplan-try";

/** Timer arming and disarming, shared by the deploy and confirm scripts. */
const timerFunctions = `arm() {
  U="etcetera-netplan-revert-$TOKEN-$1-$(date +%s%N)"
  if command -v systemd-run >/dev/null 2>&1 && systemd-run --quiet --unit="$U" --on-active="$1s" --timer-property=AccuracySec=100ms \\
    --description="Etcetera: revert the netplan change unless it is confirmed" /bin/sh "$P/revert" timeout >>"$P/arm.log" 2>&1; then
    echo "$U.timer" >>"$P/timers"; return 0
  fi
  # No systemd to own the timer: a sleeper in a session of its own, holding no descriptor of ours
  # (3 is the connection, 9 the deploy lock).
  setsid /bin/sh -c 'sleep "$1"; exec /bin/sh "$2/revert" timeout' sh "$1" "$P" </dev/null >/dev/null 2>&1 3<&- 9<&- &
  echo "pid:$!" >>"$P/timers"
}
disarm() {
  case "$1" in
    pid:*) kill -- "-\${1#pid:}" 2>/dev/null;;
    ?*) systemctl stop -- "$1" 2>/dev/null;;
  esac; :
}
disarm_all() { [ -f "$P/timers" ] && while IFS= read -r u; do disarm "$u"; done <"$P/timers"; :; }`;

/** Before "ready": refuse while another netplan change waits for its confirmation or revert. */
export const netplanPreflight = `P=${pendingDir}
case "$(cat "$P/state" 2>/dev/null)" in
  pending|reverting) ev "error locked another netplan change on this host waits for its confirmation or revert (in $P); try again after its timeout"; exit 1;;
esac`;

/**
 * The revert script left on the host. `vars` and `functions` are the deploy
 * script's own (DEST, BACKUPS, restore_record, ...). Its argument says why it runs.
 */
export function revertScript(vars: string, functions: string): string {
  return `set -u
export LC_ALL=C
umask 022
P=${pendingDir}
STAGED=
${vars}
${functions}
${timerFunctions}
ESC=$(printf %s "$DEST" | sed 's#/#%#g'); BN="$BACKUPS/$ESC.new"
exec 8>>"$P/lock"; flock 8
[ "$(cat "$P/state" 2>/dev/null)" = pending ] || exit 0
echo reverting >"$P/state"
TOKEN=$(cat "$P/token")
if ! restore_record "$BN" >"$P/revert.log" 2>&1; then
  echo "revert-failed could not put back the previous $DEST ($(tail -n 1 "$P/revert.log")); the backup is in $BN" >"$P/state"; disarm_all; exit 1
fi
rm -rf -- "$BN"
# --state: the configuration being reverted, so netplan removes the virtual devices only it defined.
if ! timeout 300 netplan apply --state "$P/new" >>"$P/revert.log" 2>&1; then
  echo "revert-failed the previous $DEST is back, but netplan apply of it failed: $(grep -v '^[[:space:]]*$' "$P/revert.log" | tail -n 1)" >"$P/state"; disarm_all; exit 1
fi
echo "reverted $1" >"$P/state"
disarm_all`;
}

/**
 * The deploy script's activation for a netplan file; runs after the backup
 * record $BN is made. Ends with "@@applied TOKEN SECONDS" (the client then
 * confirms over a new connection) or an outcome.
 */
export function netplanActivation(revert: string, confirmSeconds: number): string {
  return `TIMEOUT=${confirmSeconds}
TOKEN="$(date +%s)-$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
${timerFunctions}
copy_yaml() { for f in /etc/netplan/*.yaml; do [ ! -f "$f" ] || cp -p -- "$f" "$1/" || return 1; done; }
if ! { mkdir -p -m 0700 "$(dirname "$P")" && rm -rf -- "$P" && mkdir -m 0700 "$P" "$P/prev" "$P/new" &&
  mkdir -p "$P/prev/etc/netplan" "$P/new/etc/netplan" && : >"$P/timers" && echo "$TOKEN" >"$P/token" &&
  copy_yaml "$P/prev/etc/netplan" &&
  cat >"$P/revert" <<'@@END_OF_REVERT'
${revert}
@@END_OF_REVERT
}; then rm -rf -- "$BN"; ev "error install cannot prepare the automatic revert in $P; the host is unchanged"; exit 1; fi
echo pending >"$P/state"
PHASE=changing
# Armed before anything changes: from here on the host goes back by itself unless confirmed.
arm "$TIMEOUT"; FIRST=$(tail -n 1 "$P/timers")
ev "armed $TOKEN $TIMEOUT"
if ! stage_into_place "$T/new" new >"$T/install.log" 2>&1; then
  PHASE=pre; echo abandoned >"$P/state"; disarm_all; [ -z "$STAGED" ] || rm -f -- "$STAGED"; STAGED=; rm -rf -- "$BN"
  ev "error install could not install $DEST: $(sed 's/^[a-z]*: //' "$T/install.log" | tr '\\n' ' ' | sed 's/ *$//'); the previous file is in place"; exit 1
fi
copy_yaml "$P/new/etc/netplan"
ev "progress activate netplan apply (the host reverts by itself unless this is confirmed within \${TIMEOUT}s)"
timeout 300 netplan apply --state "$P/prev" >"$T/apply.log" 2>&1; rc=$?
if [ "$rc" -ne 0 ]; then
  grep -v '^[[:space:]]*$' "$T/apply.log" | tail -n 5 >"$T/apply.short"
  [ -S /run/udev/control ] || echo "this host has no running udev (a container?): netplan cannot apply a configuration here" >>"$T/apply.short"
  emit activate "$T/apply.short"
  ev "progress rollback netplan apply failed (exit $rc); restoring and applying the previous configuration"
  PHASE=rollback; /bin/sh "$P/revert" apply-failed; PHASE=done
  case "$(cat "$P/state")" in
    reverted*) ev "outcome rolled-back reverted: netplan apply failed (exit $rc); the previous configuration is restored and applied";;
    *) ev "outcome failed netplan apply failed (exit $rc), and so did the revert: $(sed 's/^[a-z-]* //' "$P/state")";;
  esac; exit 0
fi
# The full window starts now, after the apply: a second timer, then the first one goes.
arm "$TIMEOUT"; disarm "$FIRST"
: >"$P/applied"; PHASE=applied
ev "applied $TOKEN $TIMEOUT"
exit 0`;
}

/** What the deploy script's EXIT trap runs when it stops half-way through a netplan change. */
export const netplanRollback = `rollback() {
  ROLLOUTCOME=failed
  if [ "$(cat "$P/state" 2>/dev/null)" = pending ]; then /bin/sh "$P/revert" interrupted; fi
  case "$(cat "$P/state" 2>/dev/null)" in
    reverted*) ROLLOUTCOME=rolled-back; ROLLMSG="reverted: the previous configuration is restored and applied";;
    *) ROLLMSG="the revert failed: $(sed 's/^[a-z-]* //' "$P/state" 2>/dev/null)";;
  esac
  PHASE=rolled-back
}`;

/**
 * The script of one confirmation attempt. With `confirm`, a pending change
 * whose apply finished is kept: the timers go and the backup record becomes
 * the one `rollback` reads. Without it, the state is only read (after the
 * window, the client never confirms late). Prints "@@netplan-state STATE".
 */
export function confirmScript(vars: string, token: string, confirm: boolean): string {
  if (!/^[0-9a-f-]+$/.test(token)) throw new RangeError(`not a netplan deploy token: ${token}`);
  return `set -u
export LC_ALL=C
P=${pendingDir}
TOKEN=${token}
${vars}
${timerFunctions}
say() { printf '@@netplan-state %s\\n' "$*"; }
if [ "$(cat "$P/token" 2>/dev/null)" != "$TOKEN" ]; then say gone; exit 0; fi
exec 8>>"$P/lock"
flock -w 20 8 || { say busy; exit 0; }
ST=$(cat "$P/state" 2>/dev/null)
if [ "$ST" = pending ] && [ ! -f "$P/applied" ]; then say applying; exit 0; fi
if [ "$ST" = pending ] && [ ${confirm ? 1 : 0} = 1 ]; then
  ESC=$(printf %s "$DEST" | sed 's#/#%#g'); B="$BACKUPS/$ESC.d"; BN="$BACKUPS/$ESC.new"
  disarm_all
  rm -rf -- "$B" "$BACKUPS/$ESC" "$BACKUPS/$ESC.absent"; mv -- "$BN" "$B"
  echo confirmed >"$P/state"; ST=confirmed
fi
if [ "\${ST%% *}" = revert-failed ]; then tail -n 5 "$P/revert.log" 2>/dev/null | sed 's/^/@@netplan-log /'; fi
say "$ST"`;
}
