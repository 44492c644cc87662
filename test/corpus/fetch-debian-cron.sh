#!/usr/bin/env bash
# Fetches the crontabs (/etc/cron.d/*, /etc/crontab) that Debian packages ship:
# the packages that depend on, recommend or suggest a cron daemon (from the
# local package lists), downloaded with `apt-get download` and unpacked with
# `dpkg-deb -x`, plus the packages listed in debian-cron-extra-packages.txt
# (beside this script) that ship cron files without depending on cron. Writes
# DIR/files/<package>/etc/... and DIR/manifest.tsv (package, version, file).
# Usage: fetch-debian-cron.sh [DIR]   (default .cache/corpus-cron)
set -euo pipefail
out=$(realpath -m "${1:-.cache/corpus-cron}")
extra="$(dirname "$(realpath "$0")")/debian-cron-extra-packages.txt"
mkdir -p "$out/debs" "$out/files"
cd "$out/debs"
# Candidates: every package whose Depends/Recommends/Suggests names a cron daemon,
# read from the local package lists (no look-up beyond `apt-get update`), and
# the curated list.
mapfile -t packages < <(
  {
    apt-get indextargets --format '$(FILENAME)' 'Identifier: Packages' |
      while read -r f; do /usr/lib/apt/apt-helper cat-file "$f"; done 2>/dev/null |
      awk '/^Package:/{p=$2} /^(Pre-Depends|Depends|Recommends|Suggests):/ && /(^|[ ,|])(cron|cron-daemon|anacron|systemd-cron|cron-daemon-common)([ ,(]|$)/{print p}'
    grep -v -E '^[[:space:]]*(#|$)' "$extra"
  } | grep -v -x -E 'cron|cron-daemon-common|bcron|systemd-cron' | sort -u
)
if [ ${#packages[@]} -eq 0 ]; then
  echo "fetch-debian-cron: apt-cache knows no package that depends on cron (run apt-get update)" >&2
  exit 1
fi
for p in "${packages[@]}"; do
  ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p" >/dev/null 2>&1 || echo "fetch-debian-cron: cannot download $p" >&2
done
: > "$out/manifest.tsv.new"
for deb in *.deb; do
  pkg=$(dpkg-deb -f "$deb" Package)
  version=$(dpkg-deb -f "$deb" Version)
  tmp=$(mktemp -d)
  dpkg-deb -x "$deb" "$tmp"
  while IFS= read -r -d '' f; do
    rel=${f#"$tmp"/}
    mkdir -p "$out/files/$pkg/$(dirname "$rel")"
    cp "$f" "$out/files/$pkg/$rel"
    printf '%s\t%s\t%s\n' "$pkg" "$version" "$rel" >> "$out/manifest.tsv.new"
  done < <(find "$tmp/etc/cron.d" "$tmp/etc/crontab" -type f -print0 2>/dev/null || true)
  rm -rf "$tmp"
done
mv "$out/manifest.tsv.new" "$out/manifest.tsv"
echo "fetch-debian-cron: $(cut -f1 "$out/manifest.tsv" | sort -u | wc -l) packages, $(wc -l < "$out/manifest.tsv") files in $out" >&2
