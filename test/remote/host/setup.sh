#!/usr/bin/env bash
# Installs what the deploy tests' systemd host needs, when missing (as root).
# The same list is in .ci/run; here it makes `node scripts/test.mjs remote` work on a fresh machine.
set -euo pipefail
packages=(systemd-container debootstrap socat openssh-client zstd iproute2 util-linux)
# --qemu: the QEMU variant (qemu-host.ts) also needs QEMU and mkfs.ext4 -d.
[ "${1:-}" != --qemu ] || packages+=(qemu-system-x86 e2fsprogs)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "remote tests: missing Debian packages ${missing[*]}; install them as root: apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "remote tests: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Another test file may be installing at the same time.
exec 9>/tmp/etcetera-remote-apt.lock
flock 9
apt-get update -qq >/dev/null
# --no-install-recommends: libnss-mymachines would edit /etc/nsswitch.conf.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
