#!/usr/bin/env bash
# Downloads the Debian packages named in test/corpus/debian-packages.txt with
# `apt-get download` into $CORPUS_CACHE/debs/ (default .cache/corpus) and
# extracts the systemd unit directories of each ({,usr/}lib/systemd/{system,user},
# etc/systemd/{system,user}: units, drop-ins, aliases) into
# $CORPUS_CACHE/root/<package>/. Idempotent: a package whose directory exists
# is skipped, and a .deb already downloaded is not fetched again. Several
# worktrees can share one CORPUS_CACHE (e.g. /work/cache/corpus). Needs apt-get and dpkg-deb (Debian 12); runs `apt-get update` once when
# apt does not know a package or a download fails (as root). Exits non-zero
# with a message when anything cannot be had.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
list="$here/debian-packages.txt"
cache="${CORPUS_CACHE:-$repo/.cache/corpus}"
debs="$cache/debs"
root="$cache/root"

die() {
  echo "fetch-debian-units: $*" >&2
  exit 1
}

[ -r "$list" ] || die "cannot read the package list $list"

mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$list" | grep -v '^$')
[ "${#packages[@]}" -gt 0 ] || die "the package list $list is empty"
mkdir -p "$debs" "$root"
# Two suites (the corpus test and the lint/LSP agreement test) may ask at once: one fetches, the other waits.
exec 9>"$cache/.fetch.lock"
flock 9

# The .deb of a package, if downloaded already (apt-get download names it NAME_VERSION_ARCH.deb).
deb_of() {
  local f
  for f in "$debs/$1"_*.deb; do
    [ -e "$f" ] && { echo "$f"; return 0; }
  done
  return 1
}

todo=()
for p in "${packages[@]}"; do
  [ -d "$root/$p" ] || todo+=("$p")
done
if [ "${#todo[@]}" -eq 0 ]; then
  echo "fetch-debian-units: all ${#packages[@]} packages are extracted in $root"
  exit 0
fi

for tool in apt-get apt-cache dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not available; fetching the corpus needs a Debian (12, bookworm) machine with apt."
done

need=()
for p in "${todo[@]}"; do
  deb_of "$p" >/dev/null || need+=("$p")
done

updated=no
apt_update() {
  [ "$updated" = yes ] && return 0
  updated=yes
  [ "$(id -u)" -eq 0 ] || die "apt's package lists need updating, which needs root: run 'apt-get update' first"
  echo "fetch-debian-units: apt-get update" >&2
  # A third-party source that cannot be reached must not stop us: Debian's own lists are what count.
  apt-get update -qq >&2 || echo "fetch-debian-units: apt-get update reported errors; going on with the lists it has" >&2
}

# The names among "$@" for which apt has no downloadable package (one apt-cache call for all of them).
unknown() {
  local known
  known="$(apt-cache show --no-all-versions "$@" 2>/dev/null | awk '/^Package:/ { print $2 }' || true)"
  local p
  for p in "$@"; do
    grep -qxF -- "$p" <<<"$known" || echo "$p"
  done
}

if [ "${#need[@]}" -gt 0 ]; then
  mapfile -t missing < <(unknown "${need[@]}")
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_update
    mapfile -t missing < <(unknown "${need[@]}")
    [ "${#missing[@]}" -eq 0 ] || die "apt does not know these packages (is this Debian 12 with 'main' enabled?): ${missing[*]}"
  fi
  echo "fetch-debian-units: downloading ${#need[@]} packages into $debs" >&2
  started=$SECONDS
  download() { (cd "$debs" && apt-get download -q -o APT::Sandbox::User=root "${need[@]}" >&2); }
  if ! download; then
    # Stale lists name versions the archive no longer has: refresh them once and try again.
    [ "$updated" = yes ] && die "apt-get download failed (see above); is Debian's archive reachable?"
    apt_update
    download || die "apt-get download failed (see above); is Debian's archive reachable?"
  fi
  mb="$(for p in "${need[@]}"; do deb_of "$p"; done | xargs -r du -cm | tail -1 | cut -f1)"
  echo "fetch-debian-units: downloaded ${#need[@]} packages, ${mb:-0} MB, in $((SECONDS - started)) s" >&2
fi

# Only the unit directories are extracted: the whole of 1,000 packages would take gigabytes.
unit_dirs=(./lib/systemd/system/ ./lib/systemd/user/ ./usr/lib/systemd/system/ ./usr/lib/systemd/user/ ./etc/systemd/system/ ./etc/systemd/user/)
extract_units() {
  local deb="$1" dest="$2" err
  err="$(mktemp)"
  # tar exits 2 when a directory pattern matches nothing; any other complaint is a real failure.
  if ! dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dest" --wildcards "${unit_dirs[@]/%/*}" 2>"$err"; then
    if grep -v -e 'Not found in archive' -e 'Exiting with failure status due to previous errors' "$err" | grep -q .; then
      cat "$err" >&2
      rm -f "$err"
      return 1
    fi
  fi
  rm -f "$err"
}

extracted=0
for p in "${todo[@]}"; do
  deb="$(deb_of "$p")" || die "no .deb for '$p' in $debs after downloading"
  tmp="$root/.partial-$p"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  extract_units "$deb" "$tmp" || die "extracting the unit directories of $deb failed"
  if ! find "$tmp" -path '*/systemd/*' \( -name '*.service' -o -name '*.socket' -o -name '*.timer' -o -name '*.path' \
    -o -name '*.mount' -o -name '*.automount' -o -name '*.swap' -o -name '*.target' -o -name '*.slice' -o -name '*.conf' \) \
    -print -quit | grep -q .; then
    echo "fetch-debian-units: warning: $p ships no systemd unit files" >&2
  fi
  mv "$tmp" "$root/$p"
  extracted=$((extracted + 1))
done
echo "fetch-debian-units: extracted $extracted packages; ${#packages[@]} packages in $root"
