#!/usr/bin/env bash
# Builds the Debian rootfs of the deploy tests' systemd host once, as a zstd
# tarball keyed by suite + packages + this recipe (see
# ../shared/notes-systemd-test-host.md). Prints the tarball's path.
# Usage: build-rootfs.sh CACHE_DIR
set -euo pipefail
cache=${1:?usage: build-rootfs.sh CACHE_DIR}
suite=bookworm
mirror=${ETCETERA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=systemd,systemd-sysv,dbus,libpam-systemd,dbus-user-session,openssh-server,cron,logrotate,netplan.io,iproute2,procps,sudo
# Bump when the recipe below changes: it is part of the cache key.
recipe=3
key=$( (echo "$suite $packages $recipe"; sed -n '/^# recipe:begin/,/^# recipe:end/p' "$0") | sha256sum | cut -c1-16)
tarball="$cache/rootfs-$suite-$key.tar.zst"
if [ -s "$tarball" ]; then echo "$tarball"; exit 0; fi
mkdir -p "$cache"
# Two test files may start at once: one builds, the other waits for it.
exec 8>"$cache/.build.lock"
flock 8
if [ -s "$tarball" ]; then echo "$tarball"; exit 0; fi
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
root="$work/root"
start=$(date +%s)
debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  echo "build-rootfs: debootstrap failed (log above)" >&2
  exit 1
}
# recipe:begin
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
echo etcetera-test >"$root/etc/hostname"
printf '127.0.0.1 localhost etcetera-test\n::1 localhost\n' >"$root/etc/hosts"
# Timers that would only add noise or load to a test host.
for u in apt-daily.timer apt-daily-upgrade.timer fstrim.timer e2scrub_all.timer e2scrub_reap.service \
  systemd-networkd-wait-online.service getty@tty1.service console-getty.service; do
  ln -sf /dev/null "$root/etc/systemd/system/$u"
done
mkdir -p "$root/var/log/journal"
# Host keys are made fresh per host at start; none ship in the tarball.
rm -f "$root"/etc/ssh/ssh_host_*
cat >"$root/etc/ssh/sshd_config.d/etcetera-test.conf" <<'CONF'
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UseDNS no
MaxStartups 64:30:128
MaxSessions 64
CONF
# deployer: passwordless sudo, lingering user manager (user units, user crontab).
# plain: sudo only with a password (sudo -n must fail). nosudo: not in sudoers.
in_root useradd -m -s /bin/bash deployer
in_root useradd -m -s /bin/bash plain
in_root useradd -m -s /bin/bash nosudo
echo 'deployer ALL=(ALL) NOPASSWD: ALL' >"$root/etc/sudoers.d/deployer"
echo 'plain ALL=(ALL) ALL' >"$root/etc/sudoers.d/plain"
chmod 0440 "$root/etc/sudoers.d/deployer" "$root/etc/sudoers.d/plain"
mkdir -p "$root/var/lib/systemd/linger"
touch "$root/var/lib/systemd/linger/deployer"
for u in root deployer plain nosudo; do
  home=$(in_root getent passwd "$u" | cut -d: -f6)
  mkdir -p "$root$home/.ssh"
  in_root chown "$u:" "$home/.ssh"
  chmod 0700 "$root$home/.ssh"
done
in_root apt-get clean
rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin
# recipe:end
tar --zstd -C "$root" --numeric-owner --xattrs -cf "$tarball.tmp" .
mv "$tarball.tmp" "$tarball"
echo "build-rootfs: built $tarball in $(( $(date +%s) - start )) s" >&2
echo "$tarball"
