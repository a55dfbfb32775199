#!/usr/bin/env bash
# Fixture of .ci/test: a suite that passed one test and skipped another, with its reason.
echo "skipped: full moon: not tonight"
echo "stub: 1 passed, 0 failed, 1 skipped"
