#!/usr/bin/env bash
# Fuzzes one target with afl-fuzz (AFL++) through SharpFuzz, then copies out what it found.
#
#   tests/XenCfg.Fuzzing/run.sh TARGET SECONDS      TARGET: parser | specs | formatter | analyzer
#
# Needs: the .NET SDK, afl++ (Debian: apt-get install afl++). Installs SharpFuzz.CommandLine into
# artifacts/fuzz/tools (a local tool path) on first use. Everything it writes is under artifacts/fuzz/ (ignored
# by git):
#   bin/                 the published harness, with XenCfg.Syntax.dll and XenCfg.Analysis.dll instrumented
#   seeds/TARGET/        the seed corpus: tests/samples, the syntax baselines, the kept regressions, spec strings
#   findings/TARGET/     afl-fuzz's output (a second run of the same target resumes from it)
#   crashes/TARGET/      copies of the crashing and hanging inputs, each replayed with its message in report.txt
# A crash here is an exception or a broken property (see FuzzTargets.cs); a hang is an input slower than the
# timeout (FUZZ_TIMEOUT_MS, default 5000 ms). Each finding, once fixed, is kept as a file under
# tests/XenCfg.Fuzzing/Regressions/TARGET/, which the normal test run replays.
# Environment: FUZZ_WORK=DIR puts all of the above there instead (to run two targets at once); FUZZ_NO_BUILD=1 reuses bin/; FUZZ_CORPUS=DIR adds more seed files (e.g. shared/corpus);
# XCFG_FUZZ_IGNORE=XCFG0164,... skips the span check of known, reported findings (analyzer target).
set -euo pipefail

target=${1:?usage: run.sh TARGET SECONDS (TARGET: parser, specs, formatter, analyzer)}
seconds=${2:?usage: run.sh TARGET SECONDS}
case "$target" in parser|specs|formatter|analyzer) ;; *) echo "unknown target $target" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="${FUZZ_WORK:-$root/artifacts/fuzz}"
bin="$work/bin"
tools="$work/tools"
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }

if [ "${FUZZ_NO_BUILD:-0}" != 1 ] || [ ! -f "$bin/XenCfg.Fuzzing.dll" ]; then
  if [ ! -x "$tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
  fi
  rm -rf "$bin"
  dotnet publish "$here/XenCfg.Fuzzing.csproj" -c Release -o "$bin" >/dev/null
  # Only our own assemblies: instrumenting Roslyn or Pidgin would slow every execution and guide AFL nowhere useful.
  for dll in XenCfg.Syntax.dll XenCfg.Analysis.dll; do
    "$tools/sharpfuzz" "$bin/$dll"
  done
fi

seeds="$work/seeds/$target"
rm -rf "$seeds"
mkdir -p "$seeds"
if [ "$target" = specs ]; then
  dotnet "$bin/XenCfg.Fuzzing.dll" seeds "$seeds"
else
  for file in "$root"/tests/samples/*.cfg "$root"/tests/XenCfg.Syntax.Tests/Baselines/*.cfg; do
    cp "$file" "$seeds/$(basename "$(dirname "$file")")-$(basename "$file")"
  done
  if [ -n "${FUZZ_CORPUS:-}" ] && [ -d "$FUZZ_CORPUS" ]; then
    find "$FUZZ_CORPUS" -type f -name '*.cfg' -size -8k | head -n 200 | while read -r file; do
      cp "$file" "$seeds/corpus-$(echo "$file" | md5sum | cut -c1-12).cfg"
    done
  fi
fi
if [ -d "$here/Regressions/$target" ]; then
  find "$here/Regressions/$target" -type f ! -name '*.md' -exec cp {} "$seeds/" \;
fi

findings="$work/findings/$target"
mkdir -p "$work/findings"
if [ -f "$findings/default/fuzzer_stats" ]; then
  export AFL_AUTORESUME=1
fi

# dotnet itself is not instrumented (the instrumented code is in the assemblies), so the binary check is off.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
afl-fuzz -i "$seeds" -o "$findings" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none -V "$seconds" -x "$here/xcfg.dict" \
  -- dotnet "$bin/XenCfg.Fuzzing.dll" "$target" || true

stats="$findings/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|unique_crashes|unique_hangs)\b' "$stats" || true
fi

out="$work/crashes/$target"
mkdir -p "$out"
found=0
for kind in crashes hangs; do
  for file in "$findings"/default/"$kind"/id:*; do
    [ -e "$file" ] || continue
    cp "$file" "$out/$kind-$(basename "$file" | cut -c1-9 | tr ':' '-')-$(md5sum < "$file" | cut -c1-8)"
    found=$((found + 1))
  done
done
if [ "$found" -gt 0 ]; then
  # One process per input: a hanging input ends its replay (see Program.Replay) but not the others'.
  : > "$out/report.txt"
  for file in "$out"/crashes-* "$out"/hangs-*; do
    [ -e "$file" ] || continue
    dotnet "$bin/XenCfg.Fuzzing.dll" replay "$target" "$file" >> "$out/report.txt" 2>&1 || true
  done
  echo "$found inputs copied to $out (replayed in $out/report.txt)"
else
  echo "no crash or hang"
fi
