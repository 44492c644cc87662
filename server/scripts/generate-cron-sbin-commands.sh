#!/usr/bin/env bash
# Generates server/src/languages/cron/data/sbin-commands.json: the commands
# Debian installs only under /sbin or /usr/sbin (in no package under /bin or
# /usr/bin), read from the archive's Contents index that `apt-file update`
# downloads. cron's default PATH is /usr/bin:/bin, so a job that calls one of
# these by its bare name fails unless a PATH= line adds the sbin directories.
# Only packages a server is likely to have count: priority required, important
# or standard, and the common daemons listed below (an obscure package's
# /usr/sbin/backup must not make a user's own `backup` script a finding).
# Needs: apt-get install apt-file && apt-file update.   Usage: generate-cron-sbin-commands.sh
set -euo pipefail
here=$(dirname "$(realpath "$0")")
out="$here/../src/languages/cron/data/sbin-commands.json"
mapfile -t contents < <(apt-get indextargets --format '$(FILENAME)' 'Created-By: Contents-deb' | grep -E '_main_Contents-(amd64|all)' | grep -v -E 'updates|security')
[ ${#contents[@]} -gt 0 ] || { echo "no Contents index: apt-get install apt-file && apt-file update" >&2; exit 1; }
suite=$(basename "${contents[0]}" | sed -E 's/.*_dists_([^_]+)_.*/\1/')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
servers='apache2 apache2-bin nginx nginx-common nginx-core postfix exim4-base exim4-daemon-light ntpdate ntp ntpsec ntpsec-ntpdate chrony smartmontools mdadm lvm2 cryptsetup-bin iptables nftables ufw fail2ban openssh-server rsyslog cups-daemon samba bind9 isc-dhcp-server dnsmasq-base haproxy squid postgresql-common mariadb-server-core dovecot-core zfsutils-linux btrfs-progs xfsprogs e2fsprogs hdparm ethtool tcpdump logrotate cron anacron sysstat quota'
apt-get indextargets --format '$(FILENAME)' 'Identifier: Packages' | grep -v -E 'updates|security' |
  while read -r f; do /usr/lib/apt/apt-helper cat-file "$f"; done |
  awk -v servers=" $servers " '/^Package:/ {p = $2} /^Priority:/ && ($2 ~ /^(required|important|standard)$/ || index(servers, " " p " ")) {print p}' |
  sort -u > "$tmp/packages"
for f in "${contents[@]}"; do /usr/lib/apt/apt-helper cat-file "$f"; done |
  awk '$1 ~ /^(usr\/)?s?bin\/[^\/]+$/ {print $1 "\t" $NF}' | sort -u > "$tmp/all"
# Any package's bin directory rules a name out; only the likely packages' sbin names count.
cut -f1 "$tmp/all" | sort -u > "$tmp/paths"
awk -F'\t' 'NR == FNR {want[$1] = 1; next} {n = split($2, owners, ","); for (i = 1; i <= n; i++) {o = owners[i]; sub(/.*\//, "", o); if (want[o]) {print $1; break}}}' "$tmp/packages" "$tmp/all" | sort -u > "$tmp/likely"
sed -E 's#.*/##' <(grep -E '^(usr/)?bin/' "$tmp/paths") | sort -u > "$tmp/bin"
grep -E '^(usr/)?sbin/' "$tmp/likely" | awk -F/ '{print $NF"\t/"$0}' | sort -u -k1,1 > "$tmp/sbin"
# Script names (backup.sh) are too generic to say where a user's own copy lives.
join -t $'\t' -v1 "$tmp/sbin" "$tmp/bin" | awk -F'\t' '$1 !~ /\.(sh|py|pl|rb|php)$/' > "$tmp/only"
{
  printf '{\n "source": "Debian %s main, Contents-amd64 and Contents-all: commands only under /sbin or /usr/sbin, from packages of priority standard or higher and common daemons",\n' "$suite"
  printf ' "sbin": "%s",\n' "$(awk -F'\t' '$2 ~ /^\/sbin\// {print $1}' "$tmp/only" | paste -sd' ')"
  printf ' "usrSbin": "%s"\n}\n' "$(awk -F'\t' '$2 ~ /^\/usr\/sbin\// {print $1}' "$tmp/only" | paste -sd' ')"
} > "$out"
echo "generate-cron-sbin-commands: $(wc -l < "$tmp/only") commands from $suite" >&2
