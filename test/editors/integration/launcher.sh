#!/usr/bin/env bash
# Stands in for the VS Code executable that @vscode/test-electron's runTests()
# starts (its vscodeExecutablePath): same arguments, but the tests run in
# code-server driven through Chromium. See launcher.ts.
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.." && exec node --import tsx "$here/launcher.ts" "$@"
