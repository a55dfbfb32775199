#!/usr/bin/env bash
# Fixture of .ci/test: a suite that reports a skip without its reason, and exits 1 while reporting no failure.
echo "stub: 2 passed, 0 failed, 1 skipped"
exit 1
