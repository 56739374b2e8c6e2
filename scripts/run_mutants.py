"""Run hand-written one-line bugs against the whole test suite, one at a time, and say which were caught.

Usage: python scripts/run_mutants.py MUTANTS.json [MORE.json ...] [--commit REV]

A mutants file is a JSON list of {"file": "layout.py", "old": "...", "new": "...", "why": "..."}:
`old` must occur exactly once in src/rdd_extract/FILE and is replaced by `new`. This is the held-out
check: bugs written by someone who has not read the tests, the kind mutmut does not make (a cue word
dropped, a threshold moved, a validation removed, an option's priority swapped). Each bug is put into
a git worktree of REV (default HEAD) made under a temporary folder, never into this checkout, and the
whole suite runs there (`pytest -x`, this checkout's .venv, PYTHONPATH set to the worktree's src so
child processes run the bug too). One line per bug, then the rate:

    caught   run5-D03 layout.py: 'return _tidy(heading["title"]), int(heading["sheet"])' 14s FAILED tests/...
    SURVIVED run5-D04 layout.py: 'if vocabulary.words[...] and max(alone) == 0:' 31s

The suite is first run once without a bug: it must pass, else nothing is measured. A bug is caught
when the suite fails (exit 1) or cannot collect (exit 2, a broken import), or hangs (TIMEOUT); any
other exit of pytest is an ERROR, not counted as caught. A surviving bug is either a gap (write the
test that fails with it, exact values) or equivalent (no input shows it; say why). Exit status 1 when
a bug survived or erred, 2 for a bad mutants file or a suite that fails without a bug.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Mutant:
    name: str  # the file's stem and the bug's index: 'D03'
    file: str
    old: str
    new: str


def read_mutants(paths: list[Path]) -> list[Mutant]:
    mutants = []
    for path in paths:
        entries = json.loads(path.read_text(encoding="utf-8"))
        for index, entry in enumerate(entries):
            if "\n" in entry["old"] or "\n" in entry["new"]:
                raise ValueError(f"{path}: bug {index} spans lines")
            mutants.append(Mutant(f"{path.stem}{index:02d}", entry["file"], entry["old"], entry["new"]))
    return mutants


def pytest_exit(work: Path, timeout: float) -> tuple[int | None, list[str]]:
    """The suite's exit status in `work` (None when it hung) and its first failing tests. pytest runs
    in its own process group, so a hung run's workers are stopped with it."""
    # no bytecode cache: a bug of the same size written in the same second as the source before it
    # would otherwise run as that source's cached bytecode
    env = dict(os.environ, PYTHONPATH=str(work / "src"), PYTHONDONTWRITEBYTECODE="1")
    command = [str(PYTHON), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    with subprocess.Popen(
        command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    ) as process:  # fmt: skip
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return None, []
    failed = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return process.returncode, failed[:2]


def check(mutants: list[Mutant], work: Path) -> None:
    """Every bug applies to REV's source: told before any run, not after minutes of them."""
    for mutant in mutants:
        source = (work / "src" / "rdd_extract" / mutant.file).read_text(encoding="utf-8")
        if source.count(mutant.old) != 1:
            raise ValueError(f"{mutant.name}: 'old' occurs {source.count(mutant.old)} times in {mutant.file}")


def run(mutant: Mutant, work: Path, timeout: float) -> tuple[str, list[str]]:
    """The verdict on one bug put into `work` ('caught', 'SURVIVED', 'TIMEOUT' or 'ERROR <status>'),
    the source restored after."""
    path = work / "src" / "rdd_extract" / mutant.file
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace(mutant.old, mutant.new), encoding="utf-8")
    try:
        status, failed = pytest_exit(work, timeout)
    finally:
        path.write_text(source, encoding="utf-8")
    verdicts = {None: "TIMEOUT", 0: "SURVIVED", 1: "caught", 2: "caught"}
    return verdicts.get(status, f"ERROR {status}"), failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="JSON lists of one-line bugs")
    parser.add_argument("--commit", default="HEAD", help="the revision whose suite is checked")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run counts as hung")
    args = parser.parse_args()
    try:
        mutants = read_mutants(args.files)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"run_mutants: {exc}", file=sys.stderr)
        return 2
    if not mutants:
        print("run_mutants: no bug in the files given", file=sys.stderr)
        return 2
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=False)  # a killed run's leftovers
    with tempfile.TemporaryDirectory(prefix="rdd-mutants-") as scratch:
        work = Path(scratch) / "work"
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(work), args.commit], cwd=ROOT, check=True
        )
        try:
            return measure(mutants, work, args.timeout)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work)], cwd=ROOT, check=False)


def measure(mutants: list[Mutant], work: Path, timeout: float) -> int:
    try:
        check(mutants, work)
    except ValueError as exc:
        print(f"run_mutants: {exc}", file=sys.stderr)
        return 2
    status, failed = pytest_exit(work, timeout)
    if status != 0:
        print(f"run_mutants: the suite fails without a bug (exit {status}): {failed}", file=sys.stderr)
        return 2
    verdicts = []
    for mutant in mutants:
        start = time.monotonic()
        verdict, failed = run(mutant, work, timeout)
        verdicts.append(verdict)
        seconds = f"{time.monotonic() - start:.0f}s"
        print(
            f"{verdict:8}",
            mutant.name,
            f"{mutant.file}: {mutant.new.strip()[:80]!r}",
            seconds,
            *failed,
            flush=True,
        )
    caught = sum(verdict in ("caught", "TIMEOUT") for verdict in verdicts)
    print(f"{caught}/{len(mutants)} caught ({caught / len(mutants):.0%})")
    return 0 if caught == len(mutants) else 1


if __name__ == "__main__":
    sys.exit(main())
