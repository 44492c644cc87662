import { createHash } from "node:crypto";
import { shq } from "./names.js";
import { netplanActivation, netplanPreflight, netplanRollback, revertScript } from "./netplan-apply.js";
import { statusProperties } from "./status.js";
import type { DeployTarget } from "./targets.js";

/**
 * The one shell script a deploy runs on the host (POSIX sh, as root or as the
 * login user in user scope). Running it as a single program keeps the lock
 * held for exactly one deploy, lets the host finish a started transaction by
 * itself when the connection drops, and costs one round trip.
 *
 * Protocol: the script goes to `/bin/sh -s` on stdin as one `{ ... }` block
 * (the shell parses all of it before running any of it, so the login shell
 * never matters and nothing after the block is read as script); the file's
 * bytes travel inside it, base64-encoded. After the script prints "@@ready"
 * it reads one line from stdin: "go", or anything else to cancel. Every line
 * the script prints starts with "@@EVENT ".
 *
 * The guarantee: once "go" arrives the host ends either on the new version,
 * verified, or exactly on the previous one (file or symlink, the enablement
 * links, the running state). Whatever ends the script early in between
 * (an error, a signal it cannot ignore) runs the same rollback from its EXIT trap.
 */
export interface ScriptOptions {
  content: Buffer;
  enableOnFirstDeploy: boolean;
  /** Whole seconds the unit must be in its running state, unchanged, after the restart. */
  waitSeconds: number;
  lockWaitSeconds: number;
  /** Seconds a new connection has, after `netplan apply`, to confirm before the host reverts by itself. */
  netplanConfirmSeconds: number;
  /**
   * Whole seconds one blocking systemctl restart/stop may take (default 300). A unit whose start or
   * stop never ends (TimeoutStartSec=infinity, a notify service that never says READY=1) would
   * otherwise keep the host half-changed, and the lock held, for ever.
   */
  activateTimeoutSeconds?: number;
  /**
   * Install over a mask of the unit in the deploy's own directory (its file there is a link to /dev/null),
   * which unmasks it. Without it such a deploy is refused with the host unchanged; a mask anywhere else
   * (/run, or the unit of a drop-in) always refuses: systemd would not load the new file.
   */
  replaceMask?: boolean;
}

/** Shell helpers shared by deploy and `status --action`: events, props, staging, restore and the health watch. */
export const commonFunctions = `ev() { printf '@@%s\\n' "$*" 2>/dev/null || :; }
emit() { [ -s "$2" ] && sed "s/^/@@$1 /" "$2" 2>/dev/null; :; }
prop() { $SCTL show -p "$2" --value -- "$1" 2>/dev/null; }
# A systemctl call that waits for its job, for at most ACTTIMEOUT seconds (status 124 then; the job goes on).
# KILL after TERM: the script ignores TERM once the host changes, and its children inherit that.
# Without fd 9: if the script is killed meanwhile, the host lock goes with it, not with this call.
bounded() { timeout -k 2 "\${ACTTIMEOUT:-300}" "$@" 9>&-; }
take_lock() {
  if [ "$(id -u)" -eq 0 ]; then LOCK=/run/etcetera-deploy.lock; else LOCK="\${XDG_RUNTIME_DIR:-$HOME}/.etcetera-deploy.lock"; fi
  exec 9>>"$LOCK" || { ev "error lock cannot open $LOCK"; exit 1; }
  if ! flock -n 9; then
    ev "progress lock waiting for another deploy to this host to finish"
    flock -w "$LOCKWAIT" 9 || { ev "error locked another deploy or rollback held the lock on this host for \${LOCKWAIT}s"; exit 1; }
  fi
}
# Puts $1 at $DEST by a rename from a staging dir on the same filesystem; $2 = new (mode $MODE, root-owned) or keep (cp -p).
stage_into_place() {
  mkdir -p -- "$DIR" || return 1
  # Same device and same mount point as $DIR: rename(2) works only within one mount.
  # Outside $DIR first (no reader of $DIR ever sees a half-written file); a hidden dir in $DIR when $DIR
  # is a mount of its own. If even that fails, its error says why (read-only, full).
  for S in "$STAGEROOT/.etcetera-staging" "$(dirname -- "$DIR")/.etcetera-staging" "$DIR/.etcetera-staging"; do
    if [ "$S" = "$DIR/.etcetera-staging" ]; then mkdir -p -- "$S" && chmod 0700 "$S" && break; S=; break; fi
    mkdir -p -- "$S" 2>/dev/null && chmod 0700 "$S" && [ "$(stat -c %d:%m -- "$S")" = "$(stat -c %d:%m -- "$DIR")" ] && break
    [ ! -d "$S" ] || rmdir -- "$S" 2>/dev/null
    S=
  done
  [ -n "$S" ] || return 1
  STAGED="$S/$NAME.$$"
  rm -f -- "$STAGED"
  if [ "$2" = keep ]; then cp -p -- "$1" "$STAGED" || return 1
  else cp -- "$1" "$STAGED" && chmod "$MODE" "$STAGED" && { [ "$(id -u)" -ne 0 ] || chown 0:0 "$STAGED"; } || return 1; fi
  mv -fT -- "$STAGED" "$DEST" || return 1
  STAGED=
  rmdir -- "$S" 2>/dev/null; :
}
link_into_place() {
  S="$(dirname -- "$DEST")"; STAGED="$S/.etcetera-link.$$"
  rm -f -- "$STAGED"; ln -s -- "$1" "$STAGED" && mv -fT -- "$STAGED" "$DEST" || return 1
  STAGED=
}
# Puts back what record $1 says was at $DEST before the deploy, and removes the enablement links that deploy created.
restore_record() {
  case "$(cat "$1/prev" 2>/dev/null)" in
    file) if [ "$KIND" = user-crontab ]; then crontab "$1/data"; else stage_into_place "$1/data" keep; fi || return 1;;
    link) link_into_place "$(cat "$1/target")" || return 1;;
    absent) if [ "$KIND" = user-crontab ]; then crontab -r 2>/dev/null; :; else rm -f -- "$DEST" || return 1; fi;;
    *) echo "the backup in $1 is unreadable"; return 1;;
  esac
  if [ -s "$1/links" ]; then while IFS= read -r l; do [ -L "$l" ] && rm -f -- "$l"; done <"$1/links"; fi
  :
}
snap() {
  $SCTL show -p LoadState -p ActiveState -p SubState -p Result -p NRestarts -p MainPID -p InvocationID \\
    -p ExecMainStartTimestampMonotonic -p NeedDaemonReload -p FragmentPath -p DropInPaths -p Type \\
    -p NextElapseUSecRealtime -p NextElapseUSecMonotonic -- "$1" >"$T/snap" 2>/dev/null
  LS=; AS=; SS=; RES=; NR=; MP=; INV=; EMS=; NDR=; FP=; DIP=; TY=; NER=; NEM=
  while IFS= read -r l; do
    v=\${l#*=}
    case "\${l%%=*}" in
      LoadState) LS=$v;; ActiveState) AS=$v;; SubState) SS=$v;; Result) RES=$v;; NRestarts) NR=$v;; MainPID) MP=$v;;
      InvocationID) INV=$v;; ExecMainStartTimestampMonotonic) EMS=$v;; NeedDaemonReload) NDR=$v;; FragmentPath) FP=$v;;
      DropInPaths) DIP=$v;; Type) TY=$v;; NextElapseUSecRealtime) NER=$v;; NextElapseUSecMonotonic) NEM=$v;;
    esac
  done <"$T/snap"
}
# One look at unit $1: sets V to ok, done (a oneshot that finished well), pending or bad, and WHY.
judge() {
  V=pending; WHY="$AS ($SS)"
  # No answer at all is systemd busy (daemon-reexec, daemon-reload by someone else): look again, never judge on it.
  case "$LS" in loaded) ;; "") WHY="no answer from systemd (re-executing?)"; return;; *) V=bad; WHY="systemd could not load it ($LS)"; return;; esac
  case "$AS" in
    failed) V=bad; WHY="failed ($RES)"; return;;
    inactive)
      if [ "\${1##*.}" = service ] && [ "$TY" = oneshot ] && [ "$RES" = success ] && [ -n "$EMS" ] && [ "$EMS" != 0 ]; then V=done; WHY="ran and exited successfully"
      else V=bad; WHY="inactive ($SS, result $RES)"; fi; return;;
    active) ;;
    *) return;;
  esac
  case "\${1##*.}" in
    service) case "$SS" in running|exited) V=ok;; esac;;
    socket) case "$SS" in listening|running) V=ok;; esac;;
    timer) case "$SS" in
        waiting|running) case "$NER$NEM" in ""|"n/a"|infinity|"n/ainfinity"|0) V=bad; WHY="active but nothing scheduled";; *) V=ok;; esac;;
        elapsed) V=bad; WHY="elapsed: it will not fire again";;
      esac;;
    path|automount) case "$SS" in waiting|running) V=ok;; esac;;
    mount) case "$SS" in mounted) V=ok;; esac;;
    *) V=ok;;
  esac
}
# Watches unit $1 for WAIT whole seconds. With $2 = prove, a start from before the deploy does not count:
# the unit must show a fresh invocation (and, for a service, a fresh main start), with the new file loaded.
watch_unit() {
  end=$(( $(date +%s) + WAIT )); R0=; P0=; PROVEN=
  while :; do
    snap "$1"; judge "$1"
    if [ "$2" = prove ] && [ -z "$PROVEN" ]; then
      if [ -z "$INV" ] || [ "$INV" = "$INV0" ] || { [ "\${1##*.}" = service ] && [ "$EMS" = "$EMS0" ]; }; then V=pending; WHY="not started again since the install ($AS, $SS)"
      elif [ "$NDR" != no ]; then V=bad; WHY="systemd has not loaded the new file (NeedDaemonReload=$NDR)"
      elif [ "$KIND" = unit ] && [ "$FP" != "$DEST" ]; then V=bad; WHY="systemd loads it from $FP, not from $DEST"
      elif [ "$KIND" = drop-in ] && ! printf ' %s ' "$DIP" | grep -qF " $DEST "; then V=bad; WHY="systemd does not read the drop-in $DEST"
      else PROVEN=1; fi
    fi
    case "$V" in
      bad) return 1;;
      done) return 0;;
      ok) if [ -z "$R0" ]; then R0=$NR; P0=$MP
          elif [ "$NR" != "$R0" ]; then V=bad; WHY="restarted by systemd ($NR automatic restarts)"; return 1
          elif [ "$P0" != "$MP" ]; then V=bad; WHY="its main process changed (PID $P0, then $MP)"; return 1; fi;;
    esac
    [ "$(date +%s)" -lt "$end" ] || break
    sleep 0.5
  done
  [ "$V" = ok ] || { [ "$V" = pending ] && WHY="still $WHY after \${WAIT}s"; return 1; }
}
show_status() { $SCTL show ${statusProperties.map((p) => `-p ${p}`).join(" ")} -- "$1" 2>/dev/null | sed 's/^/@@status /'; }`;

/** Runs a copy of the new file through the host's own checker; sets rc and fills $T/verify.log. */
function verifySection(t: DeployTarget): string {
  switch (t.kind) {
    case "unit":
      return `mkdir "$T/v" && cp "$T/new" "$T/v/$NAME"
V="$T/v/$NAME"
case "$NAME" in *@.*) I=$(printf %s "$NAME" | sed 's/@\\./@etcetera-verify./'); V="$T/v/$I";; esac
systemd-analyze $SCOPEFLAG verify --man=no -- "$V" >"$T/verify.log" 2>&1; rc=$?`;
    case "drop-in":
      return `mkdir -p "$T/v/$UNIT.d" && cp "$T/new" "$T/v/$UNIT.d/$NAME"
FRAG=$(prop "$UNIT" FragmentPath)
if [ -z "$FRAG" ] || [ ! -f "$FRAG" ]; then echo "$UNIT is not installed on this host: deploy the unit before its drop-in" >"$T/verify.log"; rc=1
else cp "$FRAG" "$T/v/$UNIT"; systemd-analyze $SCOPEFLAG verify --man=no -- "$T/v/$UNIT" >"$T/verify.log" 2>&1; rc=$?; fi`;
    case "cron.d":
    case "system-crontab":
      // crontab -n knows only the user-crontab format: the daemon's own rules for the user field are checked here
      // (a line with too few fields makes Debian's cron ignore the whole file), then crontab -n checks the rest.
      return `awk '/^[[:space:]]*(#|$)/ {next} /^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=/ {next}
  { need = ($1 ~ /^@/) ? 3 : 7
    if (NF == need - 1) { printf "line %d: a user and no command; cron ignores this whole file\\n", NR; bad = 1 }
    else if (NF < need) { printf "line %d: too few fields; cron ignores this whole file\\n", NR; bad = 1 } }
  END { exit bad }' "$T/new" >"$T/verify.log" 2>&1; rc=$?
sed -E '/^[[:space:]]*(#|$)/b; /^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=/b; s/^([[:space:]]*@[A-Za-z]+[[:space:]]+)[^[:space:]]+[[:space:]]+/\\1/; t; s/^([[:space:]]*([^[:space:]]+[[:space:]]+){5})[^[:space:]]+[[:space:]]+/\\1/' "$T/new" >"$T/user-format"
if [ "$rc" -eq 0 ]; then crontab -n "$T/user-format" >"$T/verify.log" 2>&1; rc=$?; fi
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
logrotate -d -s "$T/lr.state" "$T/lr.conf" >"$T/lr.log" 2>&1; lrc=$?
# A log that does not exist (yet) is the host's state, not a mistake in a file: logrotate -d says
# "stat of ... failed" and exits 1, but the configuration is sound. Every other error refuses the file
# (an unknown su/create user or group, a missing olddir: logrotate skips that block).
NOSTAT='^error: stat of .* failed: No such file or directory$'
grep -E '^(error|warning):' "$T/lr.log" | grep -v 'in debug mode does nothing' | grep -v "$NOSTAT" >"$T/verify.log"
rc=0; grep -q '^error:' "$T/verify.log" && rc=1
if [ "$lrc" -ne 0 ] && [ "$rc" -eq 0 ] && ! grep -q "$NOSTAT" "$T/lr.log"; then rc=$lrc; tail -n 20 "$T/lr.log" >>"$T/verify.log"; fi
if [ "$rc" -eq 0 ]; then
  # This file's own logs, read alone: each one that no file matches is a warning, not a refusal.
  if [ "$DIR" = /etc/logrotate.d ]; then OWN="$T/lr.d/$NAME"; else sed '/^[[:space:]]*include[[:space:]]/d' "$T/lr.conf" >"$T/lr.own"; chmod 0644 "$T/lr.own"; OWN="$T/lr.own"; fi
  logrotate -d -s "$T/lr.state2" "$OWN" 2>&1 | sed -n 's/^error: stat of \\(.*\\) failed: No such file or directory$/warning: no file matches \\1 on this host (yet): without missingok, logrotate reports an error for it and exits non-zero on every run until it exists/p' | sort -u >>"$T/verify.log"
fi`;
    case "netplan":
      return `mkdir -p "$T/np/etc/netplan"
for f in /etc/netplan/*.yaml; do [ -f "$f" ] && [ "$(basename "$f")" != "$NAME" ] && cp "$f" "$T/np/etc/netplan/"; done
cp "$T/new" "$T/np/etc/netplan/$NAME"; chmod 0600 "$T/np/etc/netplan/"*
netplan generate --root-dir "$T/np" >"$T/verify.log" 2>&1; rc=$?`;
  }
}

/** What is at $DEST now: PREV = file, link, absent or other; CURFILE = a readable copy when a file. */
const currentSection = (t: DeployTarget) =>
  t.kind === "user-crontab"
    ? `if crontab -l >"$T/cur" 2>/dev/null; then PREV=file; CURFILE="$T/cur"; else PREV=absent; fi`
    : `if [ -L "$DEST" ]; then PREV=link; elif [ -f "$DEST" ]; then PREV=file; CURFILE="$DEST"; elif [ -e "$DEST" ]; then PREV=other; else PREV=absent; fi
[ "$PREV" != other ] || { ev "error install $DEST exists and is not a file (a directory?); not replacing it"; exit 1; }
# Written through, the file would land in the link's target (a package's directory under /usr) where nothing expects it.
if [ -L "$DIR" ]; then case "$(readlink -f -- "$DIR")" in /usr/*|/lib/*|/lib64/*|/opt/*)
  ev "error install $DIR is a symlink to $(readlink -- "$DIR"), a package's directory; not writing through it (make $DIR a directory of its own); the host is unchanged"; exit 1;; esac; fi`;

/**
 * A masked unit: installing its file over the mask (a link to /dev/null or an empty file at $DEST) would unmask it, which
 * the user did on purpose; a mask elsewhere (/run, or the unit a drop-in extends) keeps the new file from
 * ever loading. Both are refused before anything changes; only the first can be overridden (REPLACEMASK).
 */
const maskSection = `if [ "$ACTION" != verify ] && [ "$(prop "$UNIT" LoadState)" = masked ]; then
  # systemd reads a link to /dev/null and an empty file alike as a mask.
  if { [ -L "$DEST" ] && [ "$(readlink -- "$DEST")" = /dev/null ]; } || { [ -f "$DEST" ] && [ ! -L "$DEST" ] && [ ! -s "$DEST" ]; }; then
    if [ "$REPLACEMASK" != 1 ]; then show_status "$UNIT"; ev "masked replaceable"
      ev "outcome rejected $UNIT is masked on this host ($DEST is a link to /dev/null or empty) and installing the file would unmask it; the host is unchanged. Unmask it first, or deploy with --force to replace the mask"; exit 0; fi
  else
    show_status "$UNIT"
    ev "outcome rejected $UNIT is masked on this host ($($SCTL is-enabled -- "$UNIT" 2>/dev/null || :), by a mask other than $DEST): systemd would not load the new file; the host is unchanged. Unmask it first"; exit 0
  fi
fi
`;

/**
 * The record of this deploy in $BN: what was at $DEST (a copy, or a symlink's target, or "absent"),
 * the running state before, the checksum of what we install, and later the links enable created.
 * It becomes $B (what `status --action rollback` reads) only when the deploy succeeds.
 */
const backupSection = `if ! { mkdir -p "$BACKUPS" && chmod 0700 "$BACKUPS" && rm -rf -- "$BN" && mkdir "$BN" && echo "$PREV" >"$BN/prev" &&
  case "$PREV" in file) cp -p -- "$CURFILE" "$BN/data";; link) readlink -- "$DEST" >"$BN/target";; *) :;; esac &&
  echo "$WASSTATE" >"$BN/state" && printf '%s\\n' "$SHA" >"$BN/installed" && : >"$BN/links"; } 2>"$T/backup.log"; then
  emit err "$T/backup.log"; rm -rf -- "$BN"; ev "error backup cannot keep a backup in $BACKUPS; the host is unchanged"; exit 1
fi
ev "backup $B"`;

/**
 * Holding the lock, a record "$BN" of an unfinished deploy of this file means that deploy died half-way
 * (the host went down, the script was killed) after it kept the backup. When the file still holds what
 * that deploy installed, its rollback is finished first, so this deploy starts from the version that was
 * proven; otherwise that deploy never changed the file (or someone changed it since), and its record goes.
 */
function recoverSection(t: DeployTarget): string {
  if (t.kind === "netplan") return "";
  const current =
    t.kind === "user-crontab"
      ? `crontab -l 2>/dev/null | sha256sum | cut -c1-64`
      : `if [ -f "$DEST" ] && [ ! -L "$DEST" ]; then sha256sum <"$DEST" | cut -c1-64; fi`;
  return `[ "$ACTION" = verify ] || sweep_stale
if [ "$ACTION" != verify ] && [ -d "$BN" ]; then
  if [ -f "$BN/installed" ] && [ -f "$BN/prev" ] && [ "$(${current})" = "$(cat "$BN/installed")" ]; then
    ev "progress recover an earlier deploy of $DEST stopped half-way; putting back the version before it"
    SAVED=$WASSTATE; WASSTATE=$(cat "$BN/state" 2>/dev/null || echo inactive); INV0=
    trap '' HUP INT TERM; PHASE=rollback; rollback; PHASE=pre; WASSTATE=$SAVED
    trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM
    ev "recovered an earlier deploy of $DEST had stopped half-way (the host went down or its script was killed); $ROLLMSG"
    [ "$ROLLOUTCOME" = rolled-back ] || { ev "error recover could not finish the rollback of an earlier, interrupted deploy of $DEST: $ROLLMSG"; exit 1; }
    ROLLMSG=; ROLLOUTCOME=failed
  else
    rm -rf -- "$BN"
  fi
fi`;
}

/** Scratch and staged files a killed deploy left (named with its PID, which no longer runs); called holding the lock. */
const sweepFunction = `sweep_stale() {
  for d in "\${TMPDIR:-/tmp}"/etcetera.*.* "$STAGEROOT/.etcetera-staging"/* "$(dirname -- "$DIR")/.etcetera-staging"/* "$DIR/.etcetera-staging"/*; do
    [ -e "$d" ] && [ "$d" != "$T" ] || continue
    case "$d" in */etcetera.*.*) p=\${d##*/etcetera.}; p=\${p%%.*};; *) p=\${d##*.};; esac
    case "$p" in ""|*[!0-9]*) continue;; esac
    [ -d "/proc/$p" ] || rm -rf -- "$d"
  done 2>/dev/null
  :
}`;

/** The deploy succeeded: its record replaces the last one (and any marker of the old layout). */
const commitSection = `rm -rf -- "$B" "$BACKUPS/$ESC" "$BACKUPS/$ESC.absent"; mv -- "$BN" "$B"; PHASE=done`;

function installSection(t: DeployTarget): string {
  if (t.kind === "user-crontab") return `crontab "$T/new" >"$T/install.log" 2>&1`;
  return `stage_into_place "$T/new" new >"$T/install.log" 2>&1`;
}

const installOrFail = (t: DeployTarget) => `PHASE=changing
if ! { ${installSection(t)}; }; then
  PHASE=pre; [ -z "$STAGED" ] || rm -f -- "$STAGED"; STAGED=; rm -rf -- "$BN"
  ev "error install could not install $DEST: $(sed 's/^[a-z]*: //' "$T/install.log" | tr '\n' ' ' | sed 's/ *$//'); the previous file is in place"; exit 1
fi`;

function unitActivation(t: DeployTarget, o: ScriptOptions): string {
  if (!t.unit)
    return `${installOrFail(t)}
$SCTL daemon-reload >"$T/activate.log" 2>&1
${commitSection}
ev "progress activate reloaded; templates are not restarted (restart their instances)"; ev "outcome deployed installed the template and reloaded systemd"; exit 0`;
  return `TRIGGERED=
${
  t.kind === "unit" && t.unit.endsWith(".service")
    ? `for tr in "\${UNIT%.service}.timer" "\${UNIT%.service}.socket" "\${UNIT%.service}.path"; do
  [ "$(prop "$tr" LoadState)" = loaded ] && TRIGGERED=$tr
done`
    : ""
}
START=$(date +%s)
${installOrFail(t)}
ev "progress activate systemctl daemon-reload"
$SCTL daemon-reload >"$T/activate.log" 2>&1
if [ -z "$TRIGGERED" ] && [ "$KIND" = unit ] && [ ${o.enableOnFirstDeploy ? 1 : 0} = 1 ] && [ "$PREV" = absent ] &&
  case "$WASENABLED" in disabled|"") true;; *) false;; esac && grep -q '^[[:space:]]*\\[Install\\]' "$DEST"; then
  ev "progress activate systemctl enable $UNIT (first deploy)"
  find "$UNITROOT" -type l 2>/dev/null | sort >"$T/links.before"
  $SCTL enable -- "$UNIT" >>"$T/activate.log" 2>&1
  find "$UNITROOT" -type l 2>/dev/null | sort >"$T/links.after"
  comm -13 "$T/links.before" "$T/links.after" >>"$BN/links"
fi
PROVE=prove
if [ -n "$TRIGGERED" ]; then
  ev "progress activate $UNIT is started by $TRIGGERED: restarting it only if it runs"
  bounded $SCTL try-restart -- "$UNIT" >>"$T/activate.log" 2>&1; [ "$?" -ne 124 ] || HUNG=1
  CHECK=$UNIT
  case "$WASSTATE" in active|activating|reloading) ;; *) CHECK=$TRIGGERED; PROVE=; INV0=;; esac
else
  # A oneshot without RemainAfterExit= leaves no state to watch (systemd may even unload it once it
  # finished): the blocking restart's own result says whether the new version ran successfully.
  ONESHOT=
  [ "$(prop "$UNIT" Type)" = oneshot ] && [ "$(prop "$UNIT" RemainAfterExit)" = no ] && ONESHOT=1
  ev "progress activate systemctl restart $UNIT"
  bounded $SCTL restart -- "$UNIT" >>"$T/activate.log" 2>&1; RESTARTRC=$?
  [ "$RESTARTRC" -ne 124 ] || HUNG=1
  CHECK=$UNIT
  if [ -n "$ONESHOT" ] && [ -z "$HUNG" ]; then
    if [ "$RESTARTRC" -eq 0 ]; then
      ${commitSection}
      show_status "$UNIT"; ev "outcome deployed $UNIT ran the new version and exited successfully"; exit 0
    fi
    ONESHOTFAILED=1
  fi
fi
# A oneshot has no start timeout by default: one still running its start commands at the bound is a
# long job (a migration, a backup), not a hang. Killing it half-way to roll back would do more harm
# than the deploy; with the new file loaded it is the new version that runs, and the result says so.
if [ -n "$HUNG" ] && [ "$(prop "$UNIT" Type)" = oneshot ] && [ "$(prop "$UNIT" ActiveState)" = activating ] &&
  [ "$(prop "$UNIT" NeedDaemonReload)" = no ]; then
  ${commitSection}
  show_status "$UNIT"
  ev "outcome deployed $UNIT runs the new version: a oneshot still running its start commands \${ACTTIMEOUT}s after systemctl restart (no start timeout unless TimeoutStartSec= sets one), so its result is not known yet; follow it with systemctl status $UNIT"
  exit 0
fi
ev "progress health watching $CHECK for \${WAIT}s"
if [ -n "$HUNG" ]; then WHY="still $(prop "$UNIT" ActiveState) ($(prop "$UNIT" SubState)) \${ACTTIMEOUT}s after systemctl restart: its start or stop never finished"; false
elif [ -n "$ONESHOTFAILED" ]; then WHY="a oneshot whose run failed ($(prop "$UNIT" Result))"; false
else watch_unit "$CHECK" "$PROVE"; fi
if [ "$?" -eq 0 ]; then
  ${commitSection}
  show_status "$UNIT"
  if [ -n "$PROVE" ]; then ev "outcome deployed $UNIT runs the new version (started after the install, new file loaded): $WHY for \${WAIT}s"
  else ev "outcome deployed $UNIT is installed and loaded; $CHECK is $WHY for \${WAIT}s"; fi
  exit 0
fi
FAILWHY=$WHY
emit activate "$T/activate.log"
sleep 0.3
journalctl $SCOPEFLAG --unit="$CHECK" --since "@$((START - 1))" -n 40 --no-pager -o short-iso >"$T/journal" 2>&1
emit journal "$T/journal"
ev "progress rollback $CHECK is $FAILWHY; restoring the previous version"
rollback
ev "outcome $ROLLOUTCOME $CHECK was $FAILWHY; $ROLLMSG"; exit 0`;
}

/** Undoes this deploy (file, enablement links, running state); sets ROLLOUTCOME and ROLLMSG. */
function rollbackFunction(t: DeployTarget): string {
  const unit = t.unit !== undefined;
  return `${
    unit
      ? `# A stop that hangs (the new version's, or the old one's cut short by the bound) ends with SIGKILL; then the restart goes on.
restart_back() {
  if [ "$(prop "$UNIT" ActiveState)" = deactivating ]; then
    $SCTL kill -s KILL -- "$UNIT" >/dev/null 2>&1; bounded $SCTL start -- "$UNIT" >/dev/null 2>&1; return
  fi
  bounded $SCTL restart -- "$UNIT" >/dev/null 2>&1
  # start, not restart: it joins the restart job still running instead of stopping the unit once more.
  [ "$?" -ne 124 ] || { $SCTL kill -s KILL -- "$UNIT" >/dev/null 2>&1; bounded $SCTL start -- "$UNIT" >/dev/null 2>&1; }
}
`
      : ""
  }rollback() {
  ROLLOUTCOME=failed
  if ! restore_record "$BN" >"$T/restore.log" 2>&1; then
    emit err "$T/restore.log"; ROLLMSG="rollback: could not put back the previous $DEST ($(tail -n 1 "$T/restore.log")); the backup is in $BN"; PHASE=failed; return
  fi
  rm -rf -- "$BN"; PHASE=rolled-back${
    unit
      ? `
  $SCTL daemon-reload >/dev/null 2>&1
  case "$WASSTATE" in
    active|reloading)
      restart_back; INV0=
      if watch_unit "$UNIT" ""; then ROLLOUTCOME=rolled-back; ROLLMSG="the previous version of $UNIT is running again"
      else ROLLMSG="rollback: the previous version of $UNIT was restored but is $WHY"; fi;;
    activating)
      $SCTL restart --no-block -- "$UNIT" >/dev/null 2>&1
      ROLLOUTCOME=rolled-back; ROLLMSG="the previous version of $UNIT is restored and restarted (it was $WASSTATE before the deploy too)";;
    *)
      bounded $SCTL stop -- "$UNIT" >/dev/null 2>&1 || { $SCTL kill -s KILL -- "$UNIT" >/dev/null 2>&1; bounded $SCTL stop -- "$UNIT" >/dev/null 2>&1; }
      [ "$WASSTATE" = failed ] || $SCTL reset-failed -- "$UNIT" >/dev/null 2>&1
      ROLLOUTCOME=rolled-back; ROLLMSG="the previous file is restored ($UNIT was $WASSTATE before the deploy and is stopped again)";;
  esac
  show_status "$UNIT"`
      : `
  ROLLOUTCOME=rolled-back; ROLLMSG="the previous version is restored"`
  }
}`;
}

function otherActivation(t: DeployTarget, o: ScriptOptions): string {
  if (t.kind === "netplan") return netplanActivation(revertScript(scriptVars(t, o), commonFunctions), o.netplanConfirmSeconds);
  return `${installOrFail(t)}
${commitSection}
ev "outcome deployed installed $DEST${t.kind === "logrotate" ? " (logrotate reads it on its next run)" : " (cron reads it within a minute)"}"; exit 0`;
}

/** The fleet script's command line: ACTION (verify or install), the staged file, the health window. */
const fleetArguments = `ACTION=\${1:-}; SRC=\${2:-}
case "$ACTION" in verify|install) ;; *) echo "usage: sh $0 verify|install FILE [WAIT]" >&2; exit 2;; esac
[ -f "$SRC" ] || { echo "$0: $SRC is not a file" >&2; exit 2; }
case "\${3:-1}" in ""|*[!0-9]*) echo "$0: WAIT must be whole seconds" >&2; exit 2;; esac
`;

/** ev() that also remembers the outcome, for the exit status. */
const fleetEvents = `OUTCOME=
ev() {
  printf '@@%s\\n' "$*" 2>/dev/null || :
  case "$*" in "outcome "*) OUTCOME="$*"; OUTCOME=\${OUTCOME#outcome }; OUTCOME=\${OUTCOME%% *};; esac
}
`;

/** The exit status says the outcome: 0 deployed, unchanged or (verify) accepted; 1 anything else. */
const fleetExit = `
  case "$OUTCOME" in deployed|unchanged|verified) exit 0;; *) [ "$code" -ne 0 ] || code=1; exit "$code";; esac`;

/** Base64 lines of at most 76 characters for the here-document. */
function base64Lines(b: Buffer): string {
  const s = b.toString("base64");
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 76) out.push(s.slice(i, i + 76));
  return out.join("\n");
}

/** The script's variables: what goes where, as shell assignments. */
export function scriptVars(
  t: DeployTarget,
  o: Pick<ScriptOptions, "content" | "waitSeconds" | "lockWaitSeconds" | "activateTimeoutSeconds" | "replaceMask">,
  /** The fleet script: the file is an argument, measured on the host; WAIT may be given too. */
  fleet = false,
): string {
  const user = t.scope === "user";
  // The user's crontab is changed by the login user, so its backup lives in that user's home.
  const asUser = user || t.kind === "user-crontab";
  const dir = t.kind === "user-crontab" ? "" : t.inHome ? `"$HOME"/${shq(t.dir)}` : shq(t.dir);
  const unitRoot = user ? '"$HOME/.config/systemd/user"' : "/etc/systemd/system";
  return [
    `KIND=${t.kind}`,
    `NAME=${shq(t.name)}`,
    `DIR=${dir}`,
    t.kind === "user-crontab" ? 'DEST="crontab of $(id -un)"' : `DEST="$DIR/$NAME"`,
    `UNIT=${shq(t.unit ?? "")}`,
    `UNITROOT=${unitRoot}`,
    ...(fleet
      ? ['LEN=$(wc -c <"$SRC" 2>/dev/null || echo 0)', 'SHA=$(sha256sum <"$SRC" 2>/dev/null | cut -c1-64)']
      : [`LEN=${o.content.length}`, `SHA=${createHash("sha256").update(o.content).digest("hex")}`]),
    `MODE=${t.mode}`,
    `LOCKWAIT=${Math.round(o.lockWaitSeconds)}`,
    fleet ? `WAIT=\${3:-${o.waitSeconds}}` : `WAIT=${o.waitSeconds}`,
    `SCOPEFLAG=${user ? "--user" : ""}`,
    `SCTL=${shq(user ? "systemctl --user" : "systemctl")}`,
    `ACTTIMEOUT=${Math.round(o.activateTimeoutSeconds ?? 300)}`,
    `REPLACEMASK=${o.replaceMask ? 1 : 0}`,
    `STAGEROOT=${asUser ? '"$HOME/.config"' : "/etc"}`,
    `BACKUPS=${asUser ? '"$HOME/.local/state/etcetera/backups"' : "/var/backups/etcetera"}`,
  ].join("\n");
}

/** What the fleet script needs: the file comes as an argument, so the script fits any content. */
export type FleetScriptOptions = Pick<ScriptOptions, "enableOnFirstDeploy" | "waitSeconds" | "lockWaitSeconds" | "activateTimeoutSeconds">;

/**
 * The same deploy as a program for Ansible (or any runner): \`sh SCRIPT verify FILE\` runs only the
 * host's own checker on FILE (exit 0 when it accepts; what Ansible's \`validate:\` needs), and
 * \`sh SCRIPT install FILE [WAIT]\` does everything after the upload — lock, unchanged check, verify,
 * backup, atomic install, activation, health for WAIT seconds, rollback — without asking for "go".
 * It prints the same "@@EVENT" lines and exits 0 only when the outcome is deployed or unchanged.
 * netplan is refused: its safe apply needs a confirmation through a new connection from the client.
 */
export function fleetScript(t: DeployTarget, o: FleetScriptOptions): string {
  if (t.kind === "netplan") throw new RangeError("netplan files are not deployed by the fleet script");
  return buildScript(t, { ...o, content: Buffer.alloc(0), netplanConfirmSeconds: 0 }, true);
}

export function deployScript(t: DeployTarget, o: ScriptOptions): string {
  return buildScript(t, o, false);
}

function buildScript(t: DeployTarget, o: ScriptOptions, fleet: boolean): string {
  if (!Number.isInteger(o.waitSeconds) || o.waitSeconds < 1) throw new RangeError("waitSeconds must be a whole number of seconds ≥ 1");
  if (t.kind === "netplan" && (!Number.isInteger(o.netplanConfirmSeconds) || o.netplanConfirmSeconds < 5))
    throw new RangeError("netplanConfirmSeconds must be a whole number of seconds ≥ 5");
  const vars = scriptVars(t, o, fleet);
  const activation = t.kind === "unit" || t.kind === "drop-in" ? unitActivation(t, o) : otherActivation(t, o);
  return `set -u
export LC_ALL=C
umask 022
# Our stdin is the connection: keep it on fd 3 for the answers, give every command /dev/null.
exec 3<&0 </dev/null
# A closed connection must never kill the script half-way: writes to it just fail.
trap '' PIPE
PHASE=pre; T=; STAGED=; BN=; WASSTATE=inactive; ROLLMSG=; ROLLOUTCOME=failed; ONESHOTFAILED=; HUNG=
${fleet ? fleetArguments : "ACTION=\n"}${vars}
${commonFunctions}
${fleet ? fleetEvents : ""}${t.kind === "netplan" ? netplanRollback : rollbackFunction(t)}
${sweepFunction}
cleanup() {
  code=$?
  trap '' HUP INT TERM
  if [ "$PHASE" = changing ]; then
    PHASE=rollback; ev "progress rollback the deploy stopped before it finished (exit $code); restoring the previous version"
    rollback; ev "outcome $ROLLOUTCOME the deploy was interrupted; $ROLLMSG"
  fi
  [ -z "$STAGED" ] || rm -f -- "$STAGED"
  [ -z "$DIR" ] || rmdir -- "$STAGEROOT/.etcetera-staging" "$(dirname -- "$DIR")/.etcetera-staging" "$DIR/.etcetera-staging" 2>/dev/null
  [ -z "$T" ] || rm -rf -- "$T"${fleet ? fleetExit : ""}
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
T=$(mktemp -d "\${TMPDIR:-/tmp}/etcetera.$$.XXXXXXXX") || { T=; ev "error tmp cannot create a temporary directory"; exit 1; }
${
  fleet
    ? `[ "$ACTION" = verify ] || take_lock
UPERR=$(cp -- "$SRC" "$T/new" 2>&1) || { ev "error upload cannot copy $SRC to $T: $(printf %s "$UPERR" | tr '\n' ' '); the host is unchanged"; exit 1; }`
    : `take_lock
ev "progress upload unpacking $LEN bytes"
# Its own error, not "damaged": a full or read-only $T is the host's state, not the connection's.
UPERR=$(base64 -d 2>&1 >"$T/new" <<'@@END_OF_CONTENT'
${base64Lines(o.content)}
@@END_OF_CONTENT
) || { ev "error upload cannot write the file to $T: $(printf %s "$UPERR" | sed 's/^base64: //' | tr '\n' ' '); the host is unchanged"; exit 1; }`
}
if [ "$(wc -c <"$T/new")" -ne "$LEN" ] || [ "$(sha256sum <"$T/new" | cut -c1-64)" != "$SHA" ]; then
  ev "error upload the file arrived damaged; the host is unchanged"; exit 1
fi
ESC=$(printf %s "$DEST" | sed 's#/#%#g'); B="$BACKUPS/$ESC.d"; BN="$BACKUPS/$ESC.new"
${recoverSection(t)}
CURFILE=
${currentSection(t)}
if [ "$ACTION" != verify ] && [ "$PREV" = file ] && cmp -s "$T/new" "$CURFILE"; then
  ${t.unit ? 'show_status "$UNIT"; ' : ""}ev "outcome unchanged $DEST already has this content; nothing was changed"; exit 0
fi
# Drift: the file is not what the last deploy installed (edited on the host since). It is replaced, and said so.
if [ "$ACTION" != verify ] && [ "$PREV" = file ] && [ -f "$B/installed" ] && [ "$(sha256sum <"$CURFILE" | cut -c1-64)" != "$(cat "$B/installed")" ]; then
  ev "drift $DEST was changed on the host since the last deploy"
fi
${t.unit ? maskSection : ""}ev "progress verify checking the file with the host's own tool"
${verifySection(t)}
emit verify "$T/verify.log"
if [ "$rc" -ne 0 ]; then ev "outcome rejected the host's checker rejected the file; the host is unchanged"; exit 0; fi
[ "$ACTION" != verify ] || { ev "outcome verified the host's checker accepts the file"; exit 0; }
${t.kind === "netplan" ? netplanPreflight : ""}
${
  t.unit
    ? `WASSTATE=$(prop "$UNIT" ActiveState); WASENABLED=$($SCTL is-enabled -- "$UNIT" 2>/dev/null)
INV0=$(prop "$UNIT" InvocationID); EMS0=$(prop "$UNIT" ExecMainStartTimestampMonotonic)`
    : ""
}
${
  fleet
    ? ""
    : `ev ready
read -r answer <&3 || answer=
[ "$answer" = go ] || { ev "outcome cancelled cancelled before the host was changed"; exit 0; }`
}
trap '' HUP INT TERM
ev "progress backup keeping the installed version"
${backupSection}
ev "progress install renaming into place"
${activation}
`;
}
