#!/usr/bin/env bash
# Installs the Debian packages the tests need — the real tools they compare
# against and the real editors and hosts they drive — when they are missing
# and we may install them (root with apt-get). One list for `npm test` and CI.
set -euo pipefail
packages=(
  systemd          # systemd-analyze verify|calendar|timespan|security
  tzdata           # time zones for the calendar engine's tests
  cron             # crontab -n and the cron daemon
  netplan.io       # netplan generate
  logrotate        # logrotate -d
  chromium neovim  # the real editors (code-server's UI, a second LSP client)
  libkrb5-dev pkg-config g++ make python3  # code-server's native modules
  systemd-container debootstrap socat openssh-client zstd iproute2 util-linux  # the test host for deploys
  qemu-system-x86 e2fsprogs  # its QEMU variant, where netplan apply works
  ansible-core     # ansible-playbook for rollouts to many hosts (etcetera deploy --hosts)
  ca-certificates
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "ensure-test-tools: missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "ensure-test-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
