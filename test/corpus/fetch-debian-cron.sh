#!/usr/bin/env bash
# Fetches the crontabs Debian packages ship: every file listed in
# debian-cron-files.txt (beside this script; made from apt-file's index by
# find-debian-cron-files.sh): /etc/cron.d/* and the documentation crontabs.
# The packages are downloaded with `apt-get download` (into DIR/debs, or into
# $CRON_CORPUS_DEBS to share them between checkouts) and unpacked with
# `dpkg-deb --fsys-tarfile | tar -x` (only the listed files). Writes DIR/files/<package>/<path> and DIR/manifest.tsv
# (package, version, path without the leading '/', kind: system or user).
# Usage: fetch-debian-cron.sh [DIR]   (default .cache/corpus-cron)
set -euo pipefail
out=$(realpath -m "${1:-.cache/corpus-cron}")
list="$(dirname "$(realpath "$0")")/debian-cron-files.txt"
debs=$(realpath -m "${CRON_CORPUS_DEBS:-$out/debs}")
mkdir -p "$debs" "$out/files"
cd "$debs"
mapfile -t packages < <(cut -f1 "$list" | sort -u)
start=$(date +%s)
missing=()
for p in "${packages[@]}"; do ls "${p}"_*.deb >/dev/null 2>&1 || missing+=("$p"); done
# One apt-get call for all (a call per package costs seconds each); one by one only if that fails.
if [ ${#missing[@]} -gt 0 ] && ! apt-get download -qq "${missing[@]}" >/dev/null 2>&1; then
  for p in "${missing[@]}"; do
    ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p" >/dev/null 2>&1 || echo "fetch-debian-cron: cannot download $p" >&2
  done
fi
: > "$out/manifest.tsv.new"
for p in "${packages[@]}"; do
  for deb in "${p}"_*.deb; do
    [ -e "$deb" ] || continue
    version=$(dpkg-deb -f "$deb" Version)
    tmp=$(mktemp -d)
    # Only the listed files are unpacked (a whole package can be tens of megabytes).
    mapfile -t wanted < <(awk -F'\t' -v p="$p" '$1 == p {print "." $2}' "$list")
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards "${wanted[@]}" 2>/dev/null || true
    while IFS=$'\t' read -r pkg path kind; do
      [ "$pkg" = "$p" ] || continue
      rel=${path#/}
      [ -f "$tmp/$rel" ] || continue
      mkdir -p "$out/files/$pkg/$(dirname "$rel")"
      cp "$tmp/$rel" "$out/files/$pkg/$rel"
      printf '%s\t%s\t%s\t%s\n' "$pkg" "$version" "$rel" "$kind" >> "$out/manifest.tsv.new"
    done < "$list"
    rm -rf "$tmp"
  done
done
mv "$out/manifest.tsv.new" "$out/manifest.tsv"
echo "fetch-debian-cron: $(cut -f1 "$out/manifest.tsv" | sort -u | wc -l) packages, $(wc -l < "$out/manifest.tsv") files, $(du -sh "$debs" | cut -f1) of packages, $(($(date +%s) - start)) s" >&2
