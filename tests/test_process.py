"""The real command in a child process, for what only a process shows: the entry point, its exit
status and streams, and that it writes what the in-process runs of the other tests write."""

from __future__ import annotations

from pathlib import Path

from .conftest import REFERENCE_TEXT, rdd, rdd_process


def test_python_m_rdd_extract_runs_the_command() -> None:
    run = rdd_process("--help")
    assert run.returncode == 0 and run.stdout.startswith("Usage: ")
    assert run.stderr == ""


def test_a_child_process_writes_the_same_tables_as_an_in_process_run(tmp_path: Path) -> None:
    child = rdd_process("extract", REFERENCE_TEXT, "-o", tmp_path / "child", "-q")
    here = rdd("extract", REFERENCE_TEXT, "-o", tmp_path / "here", "-q")
    assert (child.returncode, child.stdout, child.stderr) == (0, "", "")
    assert (here.returncode, here.stdout, here.stderr) == (0, "", "")
    for name in ("figures.parquet", "pages.parquet", "sheets.parquet"):
        assert (tmp_path / "child" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()


def test_a_bad_input_is_one_line_and_exit_2_in_a_process(tmp_path: Path) -> None:
    run = rdd_process("extract", tmp_path / "absent.pdf", "-o", tmp_path / "out")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"rdd: error: {tmp_path / 'absent.pdf'} does not exist\n"
    usage = rdd_process("show")
    assert (usage.returncode, usage.stderr) == (
        2,
        "rdd: error: Missing argument 'FIGURES' (see rdd show --help)\n",
    )
