#!/usr/bin/env bash
# The VS Code end-to-end test (vscode.test.js), as editors/ci.sh runs it:
#   1. checks the machine's prerequisites: Debian's chromium, and what code-server's native modules build
#      with (a C++ compiler, make, python3, pkg-config, libkrb5-dev);
#   2. installs Node 24, code-server and puppeteer-core (setup.sh; reused when the lock files are unchanged);
#   3. runs the test with node --test, TAP on stdout.
# The linux-x64 .vsix must exist (npm run package:linux-x64 in editors/vscode; XCFG_VSIX names another).
# With a prerequisite missing the test cases report themselves skipped, with the reason, or fail under CI=true
# (or XCFG_REQUIRE_HOST_TESTS=1, which .ci/run sets).
# Screenshots and logs: $XCFG_TEST_RESULTS/editors/vscode (default test-results/editors/vscode).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

missing=()
[ -x "${XCFG_CHROMIUM:-/usr/bin/chromium}" ] || missing+=("chromium (Debian package chromium)")
for tool in g++ make python3 pkg-config; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if command -v pkg-config >/dev/null && ! pkg-config --exists krb5-gssapi; then
  missing+=("the Kerberos headers (Debian package libkrb5-dev)")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  export XCFG_E2E_UNAVAILABLE="missing prerequisite(s): ${missing[*]}"
  echo "vscode-e2e: $XCFG_E2E_UNAVAILABLE" >&2
  node_bin=$(dirname "$(command -v node)")
else
  if ! node_bin=$(bash "$here/setup.sh" | tail -n 1) || [ ! -x "$node_bin/node" ]; then
    echo "vscode-e2e: installing code-server failed (see above)" >&2
    exit 1
  fi
fi

started=$SECONDS
status=0
"$node_bin/node" --test --test-reporter=tap "$here/vscode.test.js" || status=$?
echo "vscode-e2e: test run took $((SECONDS - started)) s" >&2
exit "$status"
