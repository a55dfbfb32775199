#!/usr/bin/env python3
"""The accounting of .ci/test: reads what the run recorded and prints every failure and every skip, then the last
line "N passed, N failed, N skipped". Exits 0 only when nothing failed.

The records folder holds (see .ci/test and .ci/test-results.targets):
  solution.txt, solution-projects.txt   the solution and `dotnet sln list` of it
  project-files.txt                     the project files found in the repository
  evaluated/NAME.txt, built/NAME.txt    each project MSBuild reached, and each one that built
  trx/NAME.trx, trx/**/Sequence_*.xml   each test project's results, and the blame collector's record of a hang
  build.log/.status, test.log/.status   dotnet build and dotnet test (status 124: the run's time ran out)
  suites/N.script, N.log, N.status      the scripts of .ci/suites
  refused.txt, solution-error.txt, suites-missing
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

TRX = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
SUITE_SUMMARY = re.compile(r"^([A-Za-z0-9_.-]+): (\d+) passed, (\d+) failed, (\d+) skipped$")
SUITE_SKIP = re.compile(r"^skipped: (.+)$")
LONG_RUNNING = re.compile(r"\[Long Running Test\] '(.+)', Elapsed: ")
TIMED_OUT = 124


class Account:
    def __init__(self, ci):
        self.ci = ci
        self.passed = 0
        self.failed = 0
        self.failures = []
        self.skips = []
        self.lines = []  # one line per test project and suite: its own counts

    def fail(self, what, why, count=1):
        """Records a failure; count is how many failed tests it stands for (a suite's N failed tests)."""
        self.failed += count
        self.failures.append(f"{what}: {why}")

    def skip(self, what, why):
        if self.ci:
            self.fail(what, f"skipped under CI, where nothing may be skipped: {why}")
        else:
            self.skips.append(f"{what}: {why}")


def read(path, default=""):
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return file.read()
    except FileNotFoundError:
        return default


def status(records, name):
    text = read(os.path.join(records, name + ".status")).strip()
    return int(text) if text else None


def one_line(text):
    text = " ".join((text or "").split())
    return text if len(text) <= 300 else text[:297] + "..."


def normal(path):
    return os.path.normpath(os.path.abspath(path.replace("\\", "/")))


def solution_projects(records, account):
    """The project paths `dotnet sln list` gives, or None when the solution could not be read."""
    solution = read(os.path.join(records, "solution.txt")).strip()
    if not solution:
        account.fail("solution", read(os.path.join(records, "solution-error.txt")).strip() or "none found")
        return None, []
    listing = read(os.path.join(records, "solution-projects.txt")).splitlines()
    if status(records, "solution-projects") != 0:
        account.fail(solution, "dotnet sln list failed: " + one_line(" ".join(listing)))
        return solution, []
    paths = [line.strip() for line in listing if line.strip().endswith("proj")]
    return solution, [normal(path) for path in paths]


def project_records(records):
    """NAME -> {path, test, assembly} for every project MSBuild reached."""
    found = {}
    folder = os.path.join(records, "evaluated")
    for file in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        fields = dict(line.split("=", 1) for line in read(os.path.join(folder, file)).splitlines() if "=" in line)
        found[file[: -len(".txt")]] = {
            "path": normal(fields.get("path", "")),
            "test": fields.get("test", "").lower() == "true",
            "assembly": fields.get("assembly", ""),
        }
    return found


def build_errors(records, project_path):
    """The distinct error lines the build and test logs give for a project."""
    errors = []
    for log in ("build.log", "test.log"):
        for line in read(os.path.join(records, log)).splitlines():
            if (": error " in line or line.strip().startswith("error ")) and line.rstrip().endswith(f"[{project_path}]"):
                text = one_line(line.rsplit(" [", 1)[0])
                if text not in errors:
                    errors.append(text)
    return errors


def hung_tests(records):
    """Assembly file name -> names of the tests the blame collector saw start and not finish."""
    hung = {}
    for folder, _, files in os.walk(os.path.join(records, "trx")):
        for file in files:
            if not (file.startswith("Sequence_") and file.endswith(".xml")):
                continue
            try:
                tree = ET.parse(os.path.join(folder, file))
            except ET.ParseError:
                continue
            for test in tree.getroot().iter("Test"):
                if test.get("Completed") == "False":
                    names = hung.setdefault(os.path.basename(test.get("Source", "")).lower(), [])
                    if test.get("Name") not in names:
                        names.append(test.get("Name"))
    return hung


def account_trx(name, trx_path, assembly, hung, hang_timeout, account):
    """Adds a test project's results; returns how many tests it reported."""
    try:
        run = ET.parse(trx_path).getroot()
    except ET.ParseError as error:
        account.fail(name, f"its results ({os.path.basename(trx_path)}) cannot be read: {error}")
        return 0
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    for result in run.iter(TRX + "UnitTestResult"):
        test = result.get("testName")
        outcome = result.get("outcome")
        message = result.findtext(f"{TRX}Output/{TRX}ErrorInfo/{TRX}Message")
        if outcome == "Passed":
            counts["passed"] += 1
            account.passed += 1
        elif outcome == "NotExecuted":
            counts["skipped"] += 1
            account.skip(f"{name}: {test}", one_line(message) or "no reason given")
        else:
            counts["failed"] += 1
            account.fail(f"{name}: {test}", f"{outcome.lower()}: {one_line(message) or 'no message'}")
    # A hang: the blame collector killed the test host. The hung tests are those its sequence file saw start and not
    # finish, and those xunit reported running long that have no result.
    summary = run.find(f"{TRX}ResultSummary")
    infos = [(info.get("outcome"), one_line(info.findtext(TRX + "Text"))) for info in summary.iter(TRX + "RunInfo")] if summary is not None else []
    aborted = [text for outcome, text in infos if outcome == "Error" and "aborted" in text.lower()]
    if any("inactivity time" in text for _, text in infos):
        finished = {result.get("testName") for result in run.iter(TRX + "UnitTestResult")}
        for _, text in infos:
            for match in LONG_RUNNING.finditer(text):
                if match.group(1) not in finished and match.group(1) not in hung.setdefault(os.path.basename(assembly).lower(), []):
                    hung[os.path.basename(assembly).lower()].append(match.group(1))
    hung_here = hung.get(os.path.basename(assembly).lower(), [])
    for test in hung_here:
        counts["failed"] += 1
        account.fail(f"{name}: {test}", f"hung: it did not finish within {hang_timeout} (XCFG_HANG_TIMEOUT); its test host was killed")
    if aborted and not hung_here:
        counts["failed"] += 1
        if any("inactivity time" in text for _, text in infos):
            why = f"its test host was killed after {hang_timeout} without a finished test (XCFG_HANG_TIMEOUT); no report names a test running then"
        else:
            why = "its test run was aborted (a test host crashed): " + "; ".join(aborted)
        account.fail(name, why)
    total = sum(counts.values())
    if total == 0:
        notes = [text for _, text in infos if not text.startswith("Data collector")]
        account.fail(name, "ran no test" + (": " + "; ".join(notes) if notes else ""))
    account.lines.append(f"{name}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
    return total


def account_dotnet(records, args, account):
    solution, listed = solution_projects(records, account)
    if solution is None:
        return
    build_status = status(records, "build")
    test_status = status(records, "test")
    failures_before = account.failed

    # Every project file of the repository is in the solution, or its tests would never run.
    in_solution = set(listed)
    for line in read(os.path.join(records, "project-files.txt")).splitlines():
        if line.strip() and normal(line.strip()) not in in_solution:
            account.fail(line.strip().lstrip("./"), f"not in {solution}: nothing builds or tests it")

    found = project_records(records)
    by_path = {record["path"]: name for name, record in found.items()}
    names = [os.path.splitext(os.path.basename(path))[0] for path in listed]
    for duplicate in sorted({name for name in names if names.count(name) > 1}):
        account.fail(duplicate, f"two projects of {solution} have this name; their results cannot be told apart")

    built = set(os.listdir(os.path.join(records, "built"))) if os.path.isdir(os.path.join(records, "built")) else set()
    hung = hung_tests(records)
    test_projects = 0
    for path in listed:
        name = by_path.get(path)
        display = os.path.splitext(os.path.basename(path))[0]
        if name is None:
            why = "the run's time ran out first" if TIMED_OUT in (build_status, test_status) else "the build stopped before it"
            account.fail(display, f"MSBuild never reached it ({why}), so it is not known whether it holds tests")
            continue
        record = found[name]
        if name + ".txt" not in built:
            if build_status == TIMED_OUT:
                account.fail(name, "not built: the run's time ran out during the build")
            else:
                errors = build_errors(records, record["path"])
                account.fail(name, "did not build" + (": " + "; ".join(errors[:5]) if errors else " (a project it references did not build)"))
            if record["test"]:
                test_projects += 1
                account.lines.append(f"{name}: not run, it did not build")
            continue
        if not record["test"]:
            continue
        test_projects += 1
        trx = os.path.join(records, "trx", name + ".trx")
        if not os.path.exists(trx):
            if test_status == TIMED_OUT:
                why = f"no results: the run's time (XCFG_RUN_TIMEOUT={args.run_timeout}) ran out while it was being tested, or before"
            else:
                why = "no results: dotnet test did not run it or it wrote none (see the test log above)"
            account.fail(name, why)
            account.lines.append(f"{name}: no results")
            continue
        account_trx(name, trx, record["assembly"], hung, args.hang_timeout, account)

    if listed and test_projects == 0:
        account.fail(solution, "holds no test project")
    if account.failed == failures_before:
        for phase, code in (("dotnet build", build_status), ("dotnet test", test_status)):
            if code not in (0, None):
                account.fail(phase, f"exited with {code}, though no failure was found in its results (see its output above)")


def account_suites(records, args, account):
    if os.path.exists(os.path.join(records, "suites-missing")):
        account.fail(".ci/suites", "missing: it lists the suites run besides the solution")
    folder = os.path.join(records, "suites")
    numbers = sorted(int(file.split(".")[0]) for file in os.listdir(folder) if file.endswith(".script"))
    for number in numbers:
        script = read(os.path.join(folder, f"{number}.script")).strip()
        code = status(folder, str(number))
        lines = read(os.path.join(folder, f"{number}.log")).splitlines()
        if code == 127 and not lines:
            account.fail(script, "listed in .ci/suites but not found")
            continue
        if code == TIMED_OUT:
            account.fail(script, f"the run's time (XCFG_RUN_TIMEOUT={args.run_timeout}) ran out before it finished")
            account.lines.append(f"{script}: stopped")
            continue
        summary = SUITE_SUMMARY.match(lines[-1].strip()) if lines else None
        if summary is None:
            account.fail(script, f"its last line is not 'NAME: N passed, N failed, N skipped' (it exited with {code})")
            account.lines.append(f"{script}: no summary")
            continue
        suite, passed, failed, skipped = summary.group(1), int(summary.group(2)), int(summary.group(3)), int(summary.group(4))
        account.lines.append(f"{suite}: {passed} passed, {failed} failed, {skipped} skipped")
        account.passed += passed
        reasons = [match.group(1) for match in map(SUITE_SKIP.match, lines) if match]
        if failed:
            account.fail(suite, f"{failed} failed (see its output above)", count=failed)
        for reason in reasons:
            account.skip(suite, reason)
        if len(reasons) != skipped:
            account.fail(suite, f"reports {skipped} skipped but gives {len(reasons)} 'skipped:' reasons")
        if code != 0 and failed == 0:
            account.fail(suite, f"exited with {code} although its summary reports no failure")
        if code == 0 and failed > 0:
            account.fail(suite, f"exited with 0 although its summary reports {failed} failed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records")
    parser.add_argument("--ci", default="")
    parser.add_argument("--hang-timeout", default="10m")
    parser.add_argument("--run-timeout", default="25m")
    args = parser.parse_args()
    account = Account(ci=args.ci.lower() in ("true", "1"))

    refused = read(os.path.join(args.records, "refused.txt")).strip()
    if refused:
        account.fail("XCFG_UPDATE_BASELINES", refused)
    account_dotnet(args.records, args, account)
    account_suites(args.records, args, account)

    print("==== summary" + (" (CI: a skip is a failure)" if account.ci else ""))
    for line in account.lines:
        print("  " + line)
    if account.skips:
        print(f"skipped ({len(account.skips)}):")
        for skip in account.skips:
            print("  " + skip)
    if account.failures:
        print(f"FAILED ({account.failed}):")
        for failure in account.failures:
            print("  " + failure)
    print(f"{account.passed} passed, {account.failed} failed, {len(account.skips)} skipped")
    return 0 if account.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
