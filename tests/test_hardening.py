"""The shell, hardened: ids that cannot become paths, Ctrl-C on a batch, all-or-nothing writes,
a dataset of one row per report."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REFERENCE_TEXT, rdd
from .pdfgen import build_report_pdf


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root`, by relative path, with the sha256 of its bytes."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("report_id", ["../x", "../../escaped", "A", "a/b", ".hidden"])
def test_a_report_id_that_is_no_slug_is_refused(tmp_path: Path, report_id: str) -> None:
    out = tmp_path / "out" / "here"
    run = rdd("extract", REFERENCE_TEXT, "-o", out, "--report-id", report_id)
    assert run.returncode == 2
    assert (
        run.stderr
        == f"rdd: error: report id '{report_id}' must be a slug: lowercase letters, digits, - or _\n"
    )
    assert not (tmp_path / "out").exists() and not (tmp_path / "x").exists()


def test_a_blocked_dataset_path_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "out"
    root.mkdir()
    (root / "figures").write_text("un fichier, pas un dossier", encoding="utf-8")  # blocks figures/year=...
    (root / "cabbalr-2022").mkdir()
    (root / "cabbalr-2022" / "figures.parquet").write_bytes(b"last year's")
    before = snapshot(root)
    second = tmp_path / "autre-rdd-2021.txt"
    second.write_text(REFERENCE_TEXT.read_text(encoding="utf-8").replace("2022", "2021"), encoding="utf-8")
    run = rdd("extract", REFERENCE_TEXT, second, "-o", root, "-j", "1")
    assert run.returncode != 0
    assert run.stderr.startswith("rdd: error: cannot write to") and "nothing was changed" in run.stderr
    assert snapshot(root) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "autre-rdd-2021.txt",
        "out",
    ]  # no staging left


def test_one_report_joins_the_dataset_with_dataset(tmp_path: Path) -> None:
    root = tmp_path / "out"
    run = rdd("extract", REFERENCE_TEXT, "-o", root, "--dataset", "-q")
    assert run.returncode == 0, run.stderr
    assert sorted(str(path.relative_to(root)) for path in root.rglob("*.parquet")) == [
        "cabbalr-2022/figures.parquet",
        "cabbalr-2022/pages.parquet",
        "cabbalr-2022/sheets.parquet",
        "figures/year=2022/cabbalr-2022.parquet",
    ]


def test_files_that_are_not_reports_are_skipped_with_a_warning(tmp_path: Path) -> None:
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "rdd-2022.txt").write_text("Bilan 2022 : 7 ruches installées.\n", encoding="utf-8")
    (reports / "lisez-moi.md").write_text("notes", encoding="utf-8")
    run = rdd("extract", reports, "-o", tmp_path / "out", "-j", "1", "-q")
    assert run.returncode == 0, run.stderr
    assert run.stderr == f"rdd: warning: {reports / 'lisez-moi.md'} skipped: not a report (.pdf or .txt)\n"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is a POSIX signal")
def test_ctrl_c_stops_a_parallel_batch_at_once_and_writes_nothing(tmp_path: Path) -> None:
    pdf = build_report_pdf(tmp_path / "rapport.pdf")
    reports = tmp_path / "in"
    reports.mkdir()
    for copy in range(60):  # each copy its own bytes: a batch refuses the same report twice
        (reports / f"rapport-{copy:02d}.pdf").write_bytes(pdf.read_bytes() + f"\n% copy {copy}\n".encode())
    root = tmp_path / "out"
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "rdd_extract", "extract", str(reports), "-o", str(root), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )  # fmt: skip
    time.sleep(2)
    assert process.poll() is None, "the batch ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - interrupted < 3
    assert process.returncode == 130
    assert stderr.endswith("rdd: interrupted; no output was changed\n")
    assert not root.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "rapport.pdf"]
