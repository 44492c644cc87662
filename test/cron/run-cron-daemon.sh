#!/usr/bin/env bash
# Runs Debian's cron daemon for a moment on a scratch /etc/cron.d and prints
# what it logs (one syslog message a line). Everything happens in a private
# mount namespace: a temporary /etc/cron.d, /etc/crontab, spool, /run (with
# crond.reboot, so no @reboot job runs) and /dev (with our own /dev/log
# socket); the machine's own cron files and daemon are never touched. The
# daemon is started only when at least 15 s remain before the next minute and
# stopped as soon as it has read the files, so no job can come due.
# With ETCETERA_CRON_UNTIL=FILE the daemon instead runs until the jobs have
# written FILE (at most 75 s: the next minute), to see what a job really gets.
# Usage: [ETCETERA_CRON_USERS='u1 u2'] [ETCETERA_CRON_UNTIL=FILE] run-cron-daemon.sh CRON_D_DIR   (run as root)
set -euo pipefail
crond=$(realpath "$1")
if [ "${ETCETERA_IN_NAMESPACE:-}" != 1 ]; then
  scratch=$(mktemp -d)
  status=0
  env ETCETERA_IN_NAMESPACE=1 unshare -m "$0" "$crond" "$scratch" || status=$?
  rmdir "$scratch"
  exit "$status"
fi
scratch=$2
mount --make-rprivate /
mount -t tmpfs tmpfs "$scratch"
mkdir -p "$scratch/run" "$scratch/spool" "$scratch/dev"
touch "$scratch/run/crond.reboot" "$scratch/crontab" "$scratch/log"
for n in null zero random urandom; do touch "$scratch/dev/$n"; done
for n in null zero random urandom; do mount --bind "/dev/$n" "$scratch/dev/$n"; done
mount --bind "$scratch/dev" /dev
mount --bind "$scratch/run" /run
mount --bind "$scratch/crontab" /etc/crontab
mount --bind "$scratch/spool" /var/spool/cron/crontabs
mount --bind "$crond" /etc/cron.d
# Users the files name that this machine lacks (ETCETERA_CRON_USERS), so that
# the daemon judges the syntax and not this host's accounts.
if [ -n "${ETCETERA_CRON_USERS:-}" ]; then
  cp /etc/passwd "$scratch/passwd"
  uid=61000
  for u in $ETCETERA_CRON_USERS; do
    getent passwd "$u" >/dev/null || echo "$u:x:$((uid++)):65534::/nonexistent:/usr/sbin/nologin" >> "$scratch/passwd"
  done
  mount --bind "$scratch/passwd" /etc/passwd
fi
perl -MIO::Socket::UNIX -e '$| = 1;
  my $s = IO::Socket::UNIX->new(Type => IO::Socket::UNIX::SOCK_DGRAM(), Local => "/dev/log") or die "socket: $!";
  open(my $o, ">>", $ARGV[0]) or die; $o->autoflush(1);
  while (1) { my $m; $s->recv($m, 65536); print $o "$m\n"; }' "$scratch/log" &
listener=$!
for _ in $(seq 50); do [ -S /dev/log ] && break; sleep 0.05; done
until=${ETCETERA_CRON_UNTIL:-}
if [ -z "$until" ]; then
  while [ $(( $(date +%s) % 60 )) -gt 44 ]; do sleep 1; done
fi
cron -f -L 0 &
daemon=$!
for _ in $(seq 100); do grep -q '@reboot' "$scratch/log" && break; sleep 0.05; done
if [ -n "$until" ]; then
  for _ in $(seq 750); do [ -s "$until" ] && break; sleep 0.1; done
  sleep 1
fi
kill "$daemon" 2>/dev/null || true
wait "$daemon" 2>/dev/null || true
kill "$listener" 2>/dev/null || true
wait "$listener" 2>/dev/null || true
sed -E 's/^<[0-9]+>[A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} cron\[[0-9]+\]: //' "$scratch/log"
