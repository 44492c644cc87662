#!/usr/bin/env bash
# Lists every crontab a Debian package ships, from apt-file's Contents index
# (so the corpus is found systematically, not by hand): /etc/crontab, every
# file under /etc/cron.d/, and the documentation crontabs under
# /usr/share/doc/*/examples/ whose names say crontab or cron.d. Writes
# debian-cron-files.txt beside this script: package, path and kind (system:
# with the user field, as /etc/cron.d reads it; user: as `crontab` installs
# it), one a line.
# Documentation files that are not crontabs (scripts, READMEs) are dropped by
# the curated exclusions below; whether cron accepts each file is recorded
# later by test/cron/record-cron-verdicts.ts.
# Needs apt-file with updated indexes (apt-get install apt-file && apt-file update).
# Usage: find-debian-cron-files.sh
set -euo pipefail
here=$(dirname "$(realpath "$0")")
# Documentation files whose names look like crontabs but are not (checked by reading them).
not_crontabs='(\.pl|\.sh|\.cgi|\.gz|\.daily|/changelog|/compat|/control(\.in)?|/copyright|/rules|/format|\.hide|-example|_example|cron-wrap|\.conf\.example|crontab\.script)$'
# Documentation crontabs in the system format (a user field after the schedule), read one by one.
system_docs='(/cron\.d/[^/]+|\.cron\.d|cron\.d\.example|etc_cron\.d_[^/]+|/dkim-rotate/examples/crontab|/lexicon/examples/crontab|/python3-django-hyperkitty/examples/crontab|/sxid\.cron|/crontab_entries\.txt)$'
{
  apt-file search --regexp '^/etc/(crontab|cron\.d/[^/]+)$'
  apt-file search --regexp '^/usr/share/doc/[^/]+/examples/.*(crontab[^/]*|cron\.d/[^/]+|\.cron\.d|cron\.d\.example|etc_cron\.d_[^/]+|\.cron(\.example)?)$' |
    grep -v -E "$not_crontabs"
} | sed -E "s/: /\t/; s/[[:space:]]+$//" | grep -v -E '^(cron|cron-daemon-common|bcron|systemd-cron)\b' |
  awk -F'\t' -v sys="$system_docs" '{ kind = ($2 ~ /^\/etc\// || $2 ~ sys) ? "system" : "user"; print $1 "\t" $2 "\t" kind }' |
  sort -u > "$here/debian-cron-files.txt"
echo "find-debian-cron-files: $(cut -f1 "$here/debian-cron-files.txt" | sort -u | wc -l) packages, $(wc -l < "$here/debian-cron-files.txt") files" >&2
