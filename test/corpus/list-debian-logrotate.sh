#!/usr/bin/env bash
# Makes debian-logrotate-packages.txt (beside this script): every Debian 12
# package whose file list has /etc/logrotate.d/ (apt-file's Contents index),
# keeping those whose .deb is under a size cap so the corpus download stays
# small enough for CI (the cap and the totals are written into the list).
# Needs apt-file (`apt-get install apt-file && apt-file update`, ~60 MB of
# Contents files); the list is committed, so CI does not run this.
# Usage: list-debian-logrotate.sh [MAX_DEB_BYTES]   (default 2000000)
set -euo pipefail
cap=${1:-2000000}
here="$(dirname "$(realpath "$0")")"
mapfile -t all < <(apt-file search -l /etc/logrotate.d/ | sort -u)
sizes=$(apt-cache show --no-all-versions "${all[@]}" 2>/dev/null | awk '/^Package:/{p=$2} /^Size:/{print p, $2}')
kept=$(awk -v cap="$cap" '$2 < cap {print $1}' <<<"$sizes" | sort -u)
total=$(awk -v cap="$cap" '$2 < cap {s+=$2} END {printf "%.0f", s/1e6}' <<<"$sizes")
{
  echo "# Debian 12 packages that ship /etc/logrotate.d/ files (apt-file search, $(date -u +%F))"
  echo "# ${#all[@]} packages found; $(wc -l <<<"$kept") kept with a .deb under $cap bytes (${total} MB together)."
  echo "# Made by list-debian-logrotate.sh; read by fetch-debian-logrotate.sh."
  echo "$kept"
} > "$here/debian-logrotate-packages.txt"
echo "list-debian-logrotate: $(wc -l <<<"$kept") of ${#all[@]} packages, ${total} MB" >&2
