"""Shared fixtures: the bundled reference report, the pipeline run on it once per session, and
`rdd`, the command as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rdd_extract.pipeline import Extraction, extract_report

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TEXT = ROOT / "data" / "raw" / "cabbalr-rdd-2022.txt"
FIXTURES = ROOT / "tests" / "fixtures"

# Variables that change how rich lays out stderr: removed so that every run sees a pipe, 80 columns.
_LAYOUT_VARIABLES = ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "RDD_DEBUG")


def rdd(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`rdd ARGS` run in this process (the CLI's own entry point, its exit status and both streams
    captured): starting Python, pyarrow and the rules for each of a hundred calls made the suite slow.
    `rdd_process` runs the real command in a child process, for what only a process shows."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from rdd_extract import cli

    out, err = io.StringIO(), io.StringIO()
    saved_argv, saved_cwd = sys.argv, Path.cwd()
    saved_env = {key: os.environ.pop(key) for key in _LAYOUT_VARIABLES if key in os.environ}
    sys.argv = ["rdd", *map(str, args)]
    code: int | str | None = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                cli.main()
            except SystemExit as exit_:
                code = exit_.code
    finally:
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        os.environ.update(saved_env)
    status = code if isinstance(code, int) else (0 if code is None else 1)
    return subprocess.CompletedProcess(["rdd", *map(str, args)], status, out.getvalue(), err.getvalue())


def rdd_process(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m rdd_extract ARGS` with stdout and stderr captured as text (a hang fails after 120 s)."""
    env = {key: value for key, value in os.environ.items() if key not in _LAYOUT_VARIABLES}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "rdd_extract", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference_extraction() -> Extraction:
    """The whole pipeline on the bundled 2022 report text (no form feeds: pages inferred)."""
    return extract_report(REFERENCE_TEXT)
