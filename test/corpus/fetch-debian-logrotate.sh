#!/usr/bin/env bash
# Fetches the logrotate configs (/etc/logrotate.d/*) that Debian packages ship:
# the packages that depend on, recommend or suggest logrotate (from the local
# package lists), downloaded with `apt-get download` and unpacked with
# `dpkg-deb -x`, plus the packages listed in debian-logrotate-extra-packages.txt
# (beside this script). Writes DIR/files/<package>/etc/logrotate.d/... and
# DIR/manifest.tsv (package, version, file).
# Usage: fetch-debian-logrotate.sh [DIR]   (default .cache/corpus-logrotate)
set -euo pipefail
out=$(realpath -m "${1:-.cache/corpus-logrotate}")
extra="$(dirname "$(realpath "$0")")/debian-logrotate-extra-packages.txt"
mkdir -p "$out/debs" "$out/files"
cd "$out/debs"
mapfile -t packages < <(
  {
    apt-get indextargets --format '$(FILENAME)' 'Identifier: Packages' |
      while read -r f; do /usr/lib/apt/apt-helper cat-file "$f"; done 2>/dev/null |
      awk '/^Package:/{p=$2} /^(Pre-Depends|Depends|Recommends|Suggests):/ && /(^|[ ,|])logrotate([ ,(]|$)/{print p}'
    grep -v -E '^[[:space:]]*(#|$)' "$extra"
  } | grep -v -x -E 'logrotate' | sort -u
)
if [ ${#packages[@]} -eq 0 ]; then
  echo "fetch-debian-logrotate: apt knows no package that depends on logrotate (run apt-get update)" >&2
  exit 1
fi
for p in "${packages[@]}"; do
  ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p" >/dev/null 2>&1 || echo "fetch-debian-logrotate: cannot download $p" >&2
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
  done < <(find "$tmp/etc/logrotate.d" -type f -print0 2>/dev/null || true)
  rm -rf "$tmp"
done
mv "$out/manifest.tsv.new" "$out/manifest.tsv"
echo "fetch-debian-logrotate: $(cut -f1 "$out/manifest.tsv" | sort -u | wc -l) packages, $(wc -l < "$out/manifest.tsv") files in $out" >&2
