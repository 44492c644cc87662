#!/usr/bin/env bash
# Fetches the logrotate configs (/etc/logrotate.d/*) that Debian packages ship:
# the packages listed in debian-logrotate-packages.txt (every package apt-file
# knows with /etc/logrotate.d/ files, under a size cap; made by
# list-debian-logrotate.sh) and debian-logrotate-extra-packages.txt (beside
# this script), downloaded with `apt-get download` and unpacked with
# `dpkg-deb -x`. Set LOGROTATE_DEB_CACHE to a directory to keep the
# .debs there (shared between checkouts); they are reused when present. Writes DIR/files/<package>/etc/logrotate.d/... and
# DIR/manifest.tsv (package, version, file).
# Usage: fetch-debian-logrotate.sh [DIR]   (default .cache/corpus-logrotate)
set -euo pipefail
out=$(realpath -m "${1:-.cache/corpus-logrotate}")
here="$(dirname "$(realpath "$0")")"
debs=$(realpath -m "${LOGROTATE_DEB_CACHE:-$out/debs}")
mkdir -p "$debs" "$out/files"
cd "$debs"
mapfile -t packages < <(
  grep -h -v -E '^[[:space:]]*(#|$)' "$here/debian-logrotate-extra-packages.txt" "$here/debian-logrotate-packages.txt" |
    grep -v -x -E 'logrotate' | sort -u
)
if [ ${#packages[@]} -eq 0 ]; then
  echo "fetch-debian-logrotate: the package lists beside this script are empty" >&2
  exit 1
fi
missing=()
for p in "${packages[@]}"; do
  ls "${p}"_*.deb >/dev/null 2>&1 || missing+=("$p")
done
# One apt-get call for all of them is many times faster than one per package;
# when it fails (a package apt does not know), fall back to one at a time.
if [ ${#missing[@]} -gt 0 ] && ! apt-get download -qq "${missing[@]}" >/dev/null 2>&1; then
  for p in "${missing[@]}"; do
    ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p" >/dev/null 2>&1 || echo "fetch-debian-logrotate: cannot download $p" >&2
  done
fi
: > "$out/manifest.tsv.new"
for p in "${packages[@]}"; do
  deb=$(ls "${p}"_*.deb 2>/dev/null | head -n1) || true
  [ -n "$deb" ] || continue
  pkg=$(dpkg-deb -f "$deb" Package)
  version=$(dpkg-deb -f "$deb" Version)
  tmp=$(mktemp -d)
  dpkg-deb -x "$deb" "$tmp"
  while IFS= read -r -d '' f; do
    rel=${f#"$tmp"/}
    mkdir -p "$out/files/$pkg/$(dirname "$rel")"
    cp "$f" "$out/files/$pkg/$rel"
    printf '%s\t%s\t%s\n' "$pkg" "$version" "$rel" >> "$out/manifest.tsv.new"
  done < <(find "$tmp/etc/logrotate.d" -maxdepth 1 -type f -print0 2>/dev/null || true)
  rm -rf "$tmp"
done
mv "$out/manifest.tsv.new" "$out/manifest.tsv"
echo "fetch-debian-logrotate: $(cut -f1 "$out/manifest.tsv" | sort -u | wc -l) packages, $(wc -l < "$out/manifest.tsv") files in $out" >&2
