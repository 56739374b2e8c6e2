"""Run hand-written one-line bugs against the whole test suite, one at a time, and say which were caught.

Usage: python scripts/run_mutants.py MUTANTS.json [MORE.json ...] [--commit REV]

A mutants file is a JSON list of {"file": "layout.py", "old": "...", "new": "...", "why": "..."}:
`old` must occur exactly once in src/rdd_extract/FILE and is replaced by `new`. This is the held-out
check: bugs written by someone who has not read the tests, the kind mutmut does not make (a cue word
dropped, a threshold moved, a validation removed, an option's priority swapped). Each bug is put into
a git worktree of REV (default HEAD) made under a temporary folder, never into this checkout, and the
whole suite runs there (`pytest -x`, this checkout's .venv, PYTHONPATH set to the worktree's src so
child processes run the bug too). One line per bug, then the rate:

    caught   D03 layout.py: 'return _tidy(heading["title"]), int(heading["sheet"])'  14s  FAILED tests/...
    SURVIVED D04 layout.py: 'if vocabulary.words[...] and max(alone) == 0:'  31s

A surviving bug is either a gap (write the test that fails with it, exact values) or equivalent (no
input shows it; say why). Exit status 1 when a bug survived, 2 for a bad mutants file.
"""

from __future__ import annotations

import argparse
import json
import os
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


def run(mutant: Mutant, work: Path) -> tuple[bool, list[str]]:
    """(caught, the first failing tests) of one bug put into `work`, the source restored after."""
    path = work / "src" / "rdd_extract" / mutant.file
    source = path.read_text(encoding="utf-8")
    if source.count(mutant.old) != 1:
        raise ValueError(f"{mutant.name}: 'old' occurs {source.count(mutant.old)} times in {mutant.file}")
    path.write_text(source.replace(mutant.old, mutant.new), encoding="utf-8")
    try:
        env = dict(os.environ, PYTHONPATH=str(work / "src"))
        command = [str(PYTHON), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=900)
    finally:
        path.write_text(source, encoding="utf-8")
    failed = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return done.returncode != 0, failed[:2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="JSON lists of one-line bugs")
    parser.add_argument("--commit", default="HEAD", help="the revision whose suite is checked")
    args = parser.parse_args()
    try:
        mutants = read_mutants(args.files)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"run_mutants: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="rdd-mutants-") as scratch:
        work = Path(scratch) / "work"
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(work), args.commit], cwd=ROOT, check=True
        )
        try:
            caught = 0
            for mutant in mutants:
                start = time.monotonic()
                try:
                    killed, failed = run(mutant, work)
                except ValueError as exc:
                    print(f"run_mutants: {exc}", file=sys.stderr)
                    return 2
                caught += killed
                label = "caught  " if killed else "SURVIVED"
                seconds = f"{time.monotonic() - start:.0f}s"
                print(
                    label,
                    mutant.name,
                    f"{mutant.file}: {mutant.new.strip()[:80]!r}",
                    seconds,
                    *failed,
                    flush=True,
                )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work)], cwd=ROOT, check=False)
    print(f"{caught}/{len(mutants)} caught ({caught / len(mutants):.0%})")
    return 0 if caught == len(mutants) else 1


if __name__ == "__main__":
    sys.exit(main())
