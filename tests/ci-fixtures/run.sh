#!/usr/bin/env bash
# Tests of .ci/test itself: each way a test run could say green when it should not is tried on purpose, in a small
# repository made of fixtures (projects/, suites/) with a copy of .ci/, and the run must turn red: exit status 1
# and a last line that counts the failure. One green run shows the fixtures themselves are sound. Listed in
# .ci/suites, so .ci/test runs it after the solution; the last line is
#   ci-script: N passed, N failed, 0 skipped
# (one case per run of .ci/test below). Scratch copies live in tests/ci-fixtures/.work (ignored by git; builds are
# kept there between runs). Takes a few minutes: about ten small dotnet builds and test runs. With arguments, only
# the cases named (green, lost, skips, baselines, broken, hang, timeout) run.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$here/.work"
passed=0
failed=0

# The projects, copied to .work/projects (their bin/ and obj/ kept from the last run, everything else replaced).
mkdir -p "$work/projects"
for project in "$here"/projects/*/; do
  name=$(basename "$project")
  mkdir -p "$work/projects/$name"
  find "$work/projects/$name" -mindepth 1 -maxdepth 1 ! -name bin ! -name obj -exec rm -rf {} +
  cp -R "$project". "$work/projects/$name/"
done
rm -rf "$work/cases"

# make_case NAME "SUITE..." PROJECT...: a repository root with a copy of .ci/, the suites listed in .ci/suites and a
# solution (NAME.slnx) of the projects: names of projects/, or paths in the repository (with a /).
make_case() {
  local name=$1 suites=$2
  shift 2
  local dir="$work/cases/$name"
  mkdir -p "$dir/.ci" "$dir/suites"
  cp "$root/.ci/test" "$root/.ci/summarize.py" "$root/.ci/test-results.targets" "$dir/.ci/"
  : >"$dir/.ci/suites"
  for suite in $suites; do
    [ -f "$here/suites/$suite" ] && cp "$here/suites/$suite" "$dir/suites/"
    echo "suites/$suite" >>"$dir/.ci/suites"
  done
  {
    echo "<Solution>"
    for project in "$@"; do
      case "$project" in
        */*) echo "  <Project Path=\"../../../../../$project\" />" ;;
        *) echo "  <Project Path=\"../../projects/$project/$project.csproj\" />" ;;
      esac
    done
    echo "</Solution>"
  } >"$dir/$name.slnx"
}

# run_case NAME [VARIABLE=VALUE...]: runs the case's .ci/test with only the given switches set; leaves its output in
# $output, its exit status in $status and how long it took in $elapsed.
run_case() {
  local name=$1
  shift
  local log="$work/cases/$name.$((passed + failed + 1)).log" start
  start=$(date +%s)
  # A case's own time limit is generous: on a busy shared machine (load 50 and more) one case took over 4 minutes.
  env -u CI -u XCFG_UPDATE_BASELINES -u XCFG_HANG_TIMEOUT -u XCFG_RUN_TIMEOUT XCFG_RUN_TIMEOUT=15m "$@" \
    bash "$work/cases/$name/.ci/test" >"$log" 2>&1 </dev/null
  status=$?
  elapsed=$(($(date +%s) - start))
  output=$(cat "$log")
  output_log=$log
}

# check DESCRIPTION STATUS LAST-LINE [TEXT...]: the last run exited with STATUS, its last line is LAST-LINE, its
# output holds each TEXT, and nothing else was found wrong with it (the array wrong, emptied here).
wrong=()
check() {
  local description=$1 want_status=$2 want_last=$3
  shift 3
  local problems=("${wrong[@]}") last
  wrong=()
  last=$(tail -n 1 <<<"$output")
  [ "$status" -eq "$want_status" ] || problems+=("exit status $status, expected $want_status")
  [ "$last" = "$want_last" ] || problems+=("last line '$last', expected '$want_last'")
  for text in "$@"; do
    grep -qF -- "$text" <<<"$output" || problems+=("no line holds: $text")
  done
  if [ "${#problems[@]}" -eq 0 ]; then
    echo "ok: $description (${elapsed}s)"
    passed=$((passed + 1))
  else
    echo "FAILED: $description"
    printf '  %s\n' "${problems[@]}"
    echo "  its output ($output_log), from the summary on:"
    sed -n '/^==== summary/,$p' "$output_log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

# wanted CASE: whether the case is to run (all of them when run.sh was given no argument).
cases=" $* "
wanted() { [ "$cases" = "  " ] || [[ "$cases" == *" $1 "* ]]; }

if wanted green; then
  make_case green "green.sh" Passing
  run_case green
  check "a passing project and suite: green, with each one's counts" 0 "3 passed, 0 failed, 0 skipped" \
    "  Passing: 2 passed, 0 failed, 0 skipped" "  stub: 1 passed, 0 failed, 0 skipped"
fi

if wanted lost; then
  make_case lost "green.sh lying.sh miscounting.sh missing.sh" Passing NoRunner Empty
  mkdir -p "$work/cases/lost/Stray"
  cp "$here/projects/Passing/Passing.csproj" "$work/cases/lost/Stray/Stray.csproj"
  run_case lost
  check "projects that run no test, a project outside the solution, suites that lie: each counted" 1 "5 passed, 7 failed, 0 skipped" \
    "NoRunner: ran no test: No test is available in" \
    "Empty: ran no test: No test is available in" \
    "Stray/Stray.csproj: not in lost.slnx: nothing builds or tests it" \
    "suites/lying.sh: its last line is not 'NAME: N passed, N failed, N skipped' (it exited with 0)" \
    "stub: reports 1 skipped but gives 0 'skipped:' reasons" \
    "stub: exited with 1 although its summary reports no failure" \
    "suites/missing.sh: listed in .ci/suites but not found"
fi

if wanted skips; then
  make_case skips "skipping.sh" Passing Skipping
  run_case skips
  check "skipped tests on a developer's machine: green, each listed with its reason" 0 "3 passed, 0 failed, 3 skipped" \
    "  Skipping: Fixture.Skipping.SkippingTests.Declared_skip: needs the moon" \
    "  Skipping: Fixture.Skipping.SkippingTests.Dynamic_skip: no moon tonight" \
    "  stub: full moon: not tonight"
  run_case skips CI=true
  check "skipped tests under CI: red, each counted as failed" 1 "3 passed, 3 failed, 0 skipped" \
    "Fixture.Skipping.SkippingTests.Declared_skip: skipped under CI, where nothing may be skipped: needs the moon" \
    "Fixture.Skipping.SkippingTests.Dynamic_skip: skipped under CI, where nothing may be skipped: no moon tonight" \
    "stub: skipped under CI, where nothing may be skipped: full moon: not tonight"
fi

if wanted baselines; then
  # The test kit and the parser it uses are in the solution, so they are built as the repository's own (Release).
  make_case baselines "green.sh" Baselines tests/XenCfg.TestKit/XenCfg.TestKit.csproj src/XenCfg.Syntax/XenCfg.Syntax.csproj
  run_case baselines
  check "a stale baseline and a baseline without its test: red" 1 "2 passed, 2 failed, 0 skipped" \
    "Baselines: Fixture.Baselines.BaselineTests.The_farewell_matches_its_reviewed_baseline: failed: Baseline" \
    "orphan.txt: no sample or test case uses it"
  run_case baselines CI=true XCFG_UPDATE_BASELINES=1
  stale=$(cat "$work/projects/Baselines/Baselines/farewell.txt")
  [ "$stale" = "see you" ] || wrong+=("farewell.txt was rewritten to: $stale")
  check "rewriting the baselines under CI: refused, red, and the stale baseline left as it was" 1 "2 passed, 3 failed, 0 skipped" \
    "XCFG_UPDATE_BASELINES: XCFG_UPDATE_BASELINES=1 is refused" \
    "The_farewell_matches_its_reviewed_baseline: failed: Baseline"
fi

if wanted broken; then
  make_case broken "green.sh" Passing BrokenLibrary UsesBrokenA UsesBrokenB
  run_case broken
  check "a compile error: the library and both test projects it takes down counted, the rest still run" 1 "3 passed, 3 failed, 0 skipped" \
    "  Passing: 2 passed, 0 failed, 0 skipped" \
    "BrokenLibrary: did not build: " "error CS1002: ; expected" \
    "UsesBrokenA: did not build (a project it references did not build)" \
    "UsesBrokenB: did not build (a project it references did not build)"
fi

if wanted hang; then
  make_case hang "green.sh" Passing Hanging
  # The blame collector's clock starts with the test host, before its first test: at load 70 a 15 s limit expired
  # before the passing project's host had run anything, so the limit leaves room for a slow start.
  run_case hang XCFG_HANG_TIMEOUT=60s
  check "a test that hangs: killed after the hang timeout, named, counted" 1 "3 passed, 1 failed, 0 skipped" \
    "Hanging: Fixture.Hanging.HangingTests.Never_returns: hung: it did not finish within 60s (XCFG_HANG_TIMEOUT)"
fi

if wanted timeout; then
  make_case timeout "green.sh" Hanging
  run_case timeout XCFG_HANG_TIMEOUT=10m XCFG_RUN_TIMEOUT=45s
  [ "$elapsed" -lt 150 ] || wrong+=("the run took ${elapsed}s, for a run timeout of 45s")
  check "a run that outlasts its time: stopped, what was cut short named" 1 "0 passed, 2 failed, 0 skipped" \
    "Hanging: " "XCFG_RUN_TIMEOUT=45s" "suites/green.sh: the run's time (XCFG_RUN_TIMEOUT=45s) ran out before it finished"
fi

if [ $((passed + failed)) -eq 0 ]; then
  echo "FAILED: no case ran (cases asked for:$cases)"
  failed=1
fi
echo "ci-script: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
