#!/usr/bin/env bash
# Fixture of .ci/test: a suite that says all is well and exits 0, without the summary line that says what ran.
echo "all tests passed"
