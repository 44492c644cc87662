#!/usr/bin/env bash
# Builds the QEMU variant of the deploy tests' host once: the same Debian
# rootfs as the nspawn host (build-rootfs.sh) plus a Debian kernel, udev (which
# `netplan apply` needs and a container lacks) and a boot-time seed step, made
# into an ext4 disk image with `mkfs.ext4 -d` (no loop mount). Cached beside the
# rootfs tarball, keyed by that tarball and this recipe. Prints the directory
# holding disk.img, vmlinuz and initrd.img.
# Usage: build-qemu-image.sh CACHE_DIR
set -euo pipefail
cache=${1:?usage: build-qemu-image.sh CACHE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
tarball=$(bash "$here/build-rootfs.sh" "$cache" | tail -n 1)
# Bump when the recipe below changes: it is part of the cache key.
recipe=1
key=$( (echo "$(basename "$tarball") $recipe"; sed -n '/^# recipe:begin/,/^# recipe:end/p' "$0") | sha256sum | cut -c1-16)
out="$cache/qemu-$key"
if [ -s "$out/disk.img" ]; then echo "$out"; exit 0; fi
exec 8>"$cache/.build-qemu.lock"
flock 8
if [ -s "$out/disk.img" ]; then echo "$out"; exit 0; fi
work=$(mktemp -d "$cache/build-qemu.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
root="$work/root"
mkdir "$root"
start=$(date +%s)
tar --zstd -xf "$tarball" -C "$root" --numeric-owner --xattrs
# recipe:begin
# apt in the rootfs: a private mount namespace, so /proc and /dev vanish with it.
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
unshare --mount --propagation private sh -c '
  mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && mount -t sysfs sys "$1/sys" &&
  chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -c "
    apt-get update -qq && apt-get install -y -qq --no-install-recommends linux-image-amd64 udev initramfs-tools zstd >/dev/null &&
    apt-get clean"' sh "$root" >"$work/apt.log" 2>&1 || {
  tail -30 "$work/apt.log" >&2
  echo "build-qemu-image: installing the kernel into the rootfs failed (log above)" >&2
  exit 1
}
rm -f "$root/usr/sbin/policy-rc.d" "$root/etc/resolv.conf"
rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin
echo '/dev/vda / ext4 rw,errors=remount-ro 0 1' >"$root/etc/fstab"
# The first NIC carries the forwarded ssh port (QEMU's user network hands out
# 10.0.2.15 by DHCP); the second is left for the tests to configure.
cat >"$root/etc/netplan/01-mgmt.yaml" <<'YAML'
network:
  version: 2
  renderer: networkd
  ethernets:
    eth0:
      dhcp4: true
YAML
chmod 0600 "$root/etc/netplan/01-mgmt.yaml"
ln -sf /lib/systemd/system/systemd-networkd.service "$root/etc/systemd/system/multi-user.target.wants/systemd-networkd.service"
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS0.service"
# Per-run secrets come on a second disk, a plain tar (host keys, authorized_keys):
# the cached image holds none, and nothing has to write into it.
cat >"$root/usr/local/sbin/etcetera-seed" <<'SH'
#!/bin/sh
set -eu
d=$(mktemp -d)
tar -xf /dev/vdb -C "$d"
install -m 0600 "$d"/ssh_host_*_key /etc/ssh/
install -m 0644 "$d"/ssh_host_*_key.pub /etc/ssh/
for u in root deployer plain nosudo; do
  home=$(getent passwd "$u" | cut -d: -f6)
  install -m 0600 -o "$u" -g "$u" "$d/authorized_keys" "$home/.ssh/authorized_keys"
done
rm -rf "$d"
SH
chmod 0755 "$root/usr/local/sbin/etcetera-seed"
cat >"$root/etc/systemd/system/etcetera-seed.service" <<'UNIT'
[Unit]
Description=Etcetera test host: host keys and authorized keys from the seed disk
DefaultDependencies=no
Requires=dev-vdb.device
After=dev-vdb.device local-fs.target
Before=ssh.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/etcetera-seed

[Install]
RequiredBy=ssh.service
UNIT
mkdir -p "$root/etc/systemd/system/ssh.service.requires"
ln -sf /etc/systemd/system/etcetera-seed.service "$root/etc/systemd/system/ssh.service.requires/etcetera-seed.service"
# recipe:end
mkdir -p "$work/out"
cp "$(ls "$root"/boot/vmlinuz-* | tail -n 1)" "$work/out/vmlinuz"
cp "$(ls "$root"/boot/initrd.img-* | tail -n 1)" "$work/out/initrd.img"
chmod 0644 "$work/out/vmlinuz" "$work/out/initrd.img"
# Room for the tests' writes (the image is used with snapshot=on: it never changes).
size_mb=$(( $(du -sm "$root" | cut -f1) + 512 ))
mkfs.ext4 -q -F -L etcetera-root -d "$root" "$work/out/disk.img" "${size_mb}M"
rm -rf "$out"
mv "$work/out" "$out"
echo "build-qemu-image: built $out in $(( $(date +%s) - start )) s" >&2
echo "$out"
