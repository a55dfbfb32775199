#!/usr/bin/env bash
# CI for the editor side, run from the repository root: the TextMate grammar's tests, then the
# VS Code extension (npm ci, typecheck, bundle, unit tests, both .vsix packages), then the extension
# inside real VS Code (editors/vscode-e2e: code-server in chromium), then the other LSP clients
# (editors/lsp-clients: headless Neovim through the documented config, Helix's languages.toml, the
# configs docs/editors.md shows). Every step runs even when an earlier one failed, so one run shows
# everything that is broken. The last line is
#   editors: N passed, M failed, K skipped
# counting test cases (grammar scope assertions per source line, grammar structure tests,
# extension unit tests, end-to-end test cases); a build step that fails counts as one failed case, a
# cancelled test as failed, a skipped or to-do test as skipped. Above it, one line per skip:
#   skipped: SUITE: TEST: REASON
# (the contract .ci/test reads; see .ci/suites). Exits non-zero when anything failed. Screenshots and
# logs of the end-to-end tests go to $XCFG_TEST_RESULTS (default: test-results/ at the repository root).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
grammar="$root/grammar"
extension="$root/editors/vscode"
vscode_e2e="$root/editors/vscode-e2e"
lsp_clients="$root/editors/lsp-clients"
export XCFG_TEST_RESULTS="${XCFG_TEST_RESULTS:-$root/test-results}"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

passed=0
failed=0
skipped=0
skips=()

# run NAME DIR TIMEOUT COMMAND...: runs COMMAND in DIR, shows and keeps its output, returns its status.
run() {
  local name=$1 dir=$2 limit=$3
  shift 3
  echo "::: $name"
  local status=0
  (cd "$dir" && timeout "$limit" "$@") 2>&1 | tee "$logs/$name.log" || status=$?
  if [ "$status" -eq 124 ]; then
    echo "::: $name timed out after $limit"
  fi
  return "$status"
}

# A step that is not itself a test: a failure counts as one failed case.
step() {
  if ! run "$@"; then
    echo "::: $1 FAILED"
    failed=$((failed + 1))
  fi
}

# Adds the counts of a node --test run with the TAP reporter ("# pass N", "# fail N", "# cancelled N",
# "# skipped N", "# todo N") and the reason of each skipped or to-do test ("ok 3 - name # SKIP reason").
count_node_tests() {
  local log="$logs/$1.log" status=$2 pass fail cancelled skip todo line
  summary_count() { grep -E "^# $1 [0-9]+$" "$log" | tail -n 1 | grep -oE '[0-9]+$' || true; }
  pass=$(summary_count pass)
  fail=$(summary_count fail)
  cancelled=$(summary_count cancelled)
  skip=$(summary_count skipped)
  todo=$(summary_count todo)
  if [ -z "$pass" ] || [ -z "$fail" ]; then
    echo "::: $1: no test summary found"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + pass))
  failed=$((failed + fail + ${cancelled:-0}))
  skipped=$((skipped + ${skip:-0} + ${todo:-0}))
  while IFS= read -r line; do
    skips+=("skipped: $1: $line")
  done < <(sed -n -E 's/^ *(not )?ok [0-9]+ - (.*) # (SKIP|TODO) ?(.*)$/\2: \3 \4/p' "$log")
  if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ] && [ "${cancelled:-0}" -eq 0 ]; then
    echo "::: $1 exited with $status although no test failed"
    failed=$((failed + 1))
  fi
}

# --- grammar -----------------------------------------------------------------------------------
grammar_ready=1
step grammar-npm-ci "$grammar" 10m npm ci --no-audit --no-fund
[ -d "$grammar/node_modules" ] || grammar_ready=0

if [ "$grammar_ready" -eq 1 ]; then
  rm -rf "$grammar/test-results"
  scopes_status=0
  run grammar-scopes "$grammar" 5m npm run --silent test:scopes || scopes_status=$?
  report=$(cd "$grammar" && node scripts/summarize.js test-results || true)
  echo "$report"
  while IFS= read -r line; do
    skips+=("$line")
  done < <(grep -E '^skipped: ' <<<"$report")
  summary=$(tail -n 1 <<<"$report")
  if [[ "$summary" =~ ^grammar:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    skipped=$((skipped + BASH_REMATCH[3]))
    if [ "$scopes_status" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
      echo "::: grammar-scopes exited with $scopes_status although no assertion failed"
      failed=$((failed + 1))
    fi
  else
    failed=$((failed + 1))
  fi

  structure_status=0
  run grammar-structure "$grammar" 5m node --test --test-reporter=tap test/ || structure_status=$?
  count_node_tests grammar-structure "$structure_status"
fi

# --- VS Code extension ---------------------------------------------------------------------------
step vscode-npm-ci "$extension" 10m npm ci --no-audit --no-fund
if [ -d "$extension/node_modules" ]; then
  step vscode-typecheck "$extension" 5m npm run --silent typecheck
  step vscode-bundle "$extension" 5m npm run --silent bundle
  step vscode-build-tests "$extension" 5m npm run --silent build:tests
  unit_status=0
  run vscode-unit "$extension" 5m node --test --test-reporter=tap out/test/ || unit_status=$?
  count_node_tests vscode-unit "$unit_status"
  rm -f "$extension/xcfg-vscode.vsix"
  step vscode-package "$extension" 5m npm run --silent package
  if [ ! -s "$extension/xcfg-vscode.vsix" ]; then
    echo "::: vscode-package wrote no xcfg-vscode.vsix"
    failed=$((failed + 1))
  fi
  # The platform package: the Native AOT server inside (dotnet publish, then vsce --target linux-x64).
  rm -f "$extension/xcfg-vscode-linux-x64.vsix"
  step vscode-package-linux-x64 "$extension" 20m npm run --silent package:linux-x64
  if [ ! -s "$extension/xcfg-vscode-linux-x64.vsix" ]; then
    echo "::: vscode-package-linux-x64 wrote no xcfg-vscode-linux-x64.vsix"
    failed=$((failed + 1))
  fi
fi

# --- VS Code, for real: the linux-x64 .vsix in code-server, driven in chromium ------------------
# run.sh installs code-server (cold: 4–9 minutes on 2 busy cores), then runs the test cases; it
# uses the .vsix built above.
e2e_status=0
run vscode-e2e "$vscode_e2e" 25m bash run.sh || e2e_status=$?
count_node_tests vscode-e2e "$e2e_status"

# --- Other LSP clients: Neovim through docs/editors/nvim-0.7.lua, Helix's languages.toml ---------
# The Neovim tests start the server as `xcfg` on PATH, from the Release build.
step xcfg-build "$root" 10m dotnet build src/XenCfg.Cli -c Release --nologo -v quiet
export XCFG_PATH="$root/src/XenCfg.Cli/bin/Release/net10.0/xcfg"
step lsp-clients-npm-ci "$lsp_clients" 5m npm ci --no-audit --no-fund
if [ -d "$lsp_clients/node_modules" ]; then
  clients_status=0
  run lsp-clients "$lsp_clients" 10m node --test --test-reporter=tap || clients_status=$?
  count_node_tests lsp-clients "$clients_status"
fi

for line in "${skips[@]}"; do
  echo "$line"
done
echo "editors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
