"""Timings of `rdd extract` on the 60-page PDF fixture, beside plain text extraction by other tools.

Builds the fixture (tests/pdfgen.py) into a temporary folder, then prints the median wall time
of 3 runs of: the whole `rdd extract` process, pdfplumber's and pypdfium2's plain text of every
page (in-process), pdftotext (when installed) and `rdd --help`; then the peak memory and wall
time of `rdd extract` and `rdd review` on a 600-page copy (`resource` rusage of the child); then the pages per
second of a batch of 20 copies of the fixture with `--jobs 1` and `--jobs 2`; then the wall time
of one 3000-line page (tests/longpage.py), where work growing with the page would show. Prints
figures only: no assertions.

    make bench    # or: .venv/bin/python bench/bench.py
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
BIG_COPIES = 10  # 10 x 60 pages
BATCH_COPIES = 20  # reports in the batch figure
TARGET_RATIO = 0.25
TARGET_HELP = 0.3  # seconds

Builder = Callable[[Path, int], Path]


def tests_module(name: str) -> ModuleType:
    """A helper module of tests/ (pdfgen, longpage), imported on its own."""
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    return importlib.import_module(name)


def load_builder() -> Builder:
    """`build_report_pdf` from tests/pdfgen.py."""
    builder: Builder = tests_module("pdfgen").build_report_pdf
    return builder


def rdd_command() -> list[str]:
    """The `rdd` script of the virtualenv running this file, else `python -m rdd_extract`."""
    script = Path(sys.executable).with_name("rdd")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rdd_extract"]


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_quietly(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pdfplumber_text(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return sum(len(page.extract_text() or "") for page in document.pages)


def pypdfium2_text(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        total = 0
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return total
    finally:
        document.close()


# Run in a small helper process: a child's ru_maxrss on Linux also counts the memory of the process
# that spawned it (vfork + exec), so measuring from this process, which holds pdfplumber's pages and
# reportlab's canvas, would report this process's peak rather than the child's.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
quiet = subprocess.DEVNULL
code = subprocess.run(json.loads(sys.argv[1]), stdout=quiet, stderr=quiet).returncode
wall = time.perf_counter() - start
print(json.dumps([code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""


def measured_child(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MB) of one run of `command`, from its rusage."""
    helper = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(command)], check=True, capture_output=True, text=True
    )
    code, wall, maxrss = json.loads(helper.stdout)
    if code != 0:
        raise subprocess.CalledProcessError(code, command)
    per_unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return float(wall), float(maxrss) * per_unit / 1e6


def row(label: str, value: str) -> str:
    return f"  {label:<48}{value:>14}"


def main() -> int:
    build = load_builder()
    rdd = rdd_command()
    with tempfile.TemporaryDirectory(prefix="rdd-bench-") as folder:
        tmp = Path(folder)
        start = time.perf_counter()
        pdf = build(tmp / "cabbalr-rdd-2022.pdf", 1)
        built = time.perf_counter() - start
        size = pdf.stat().st_size / 1e3
        print(f"rdd-extract bench: {pdf.name}, 60 pages, {size:.0f} kB (built in {built:.2f} s)")
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"median wall time of {RUNS} runs; rdd = {' '.join(rdd)}; load average {load}")
        print()

        extract = median_seconds(lambda: run_quietly([*rdd, "extract", str(pdf), "-o", str(tmp / "out")]))
        import pdfplumber  # noqa: F401  imported before timing: only the extraction is measured
        import pypdfium2  # noqa: F401

        plumber = median_seconds(lambda: pdfplumber_text(pdf))
        pdfium = median_seconds(lambda: pypdfium2_text(pdf))
        pdftotext = shutil.which("pdftotext")
        poppler = None
        if pdftotext:
            poppler = median_seconds(lambda: run_quietly([pdftotext, str(pdf), str(tmp / "out.txt")]))
        help_time = median_seconds(lambda: run_quietly([*rdd, "--help"]))

        print(row("step", "wall (s)"))
        print(row("(a) rdd extract FIXTURE -o TMP (process)", f"{extract:.3f}"))
        print(row("(b) pdfplumber page.extract_text(), all pages", f"{plumber:.3f}"))
        print(row("(c) pypdfium2 get_text_range(), all pages", f"{pdfium:.3f}"))
        print(row("(d) pdftotext (process)", f"{poppler:.3f}" if poppler is not None else "not installed"))
        print(row("(e) rdd --help (process)", f"{help_time:.3f}"))
        print()
        ratio = extract / plumber
        verdict = "ok" if ratio <= TARGET_RATIO else "over target"
        print(f"  rdd extract / pdfplumber = {ratio:.2f}  (target <= {TARGET_RATIO}: {verdict})")
        fast = "yes" if help_time < TARGET_HELP else "no"
        print(f"  rdd --help < {TARGET_HELP} s: {fast} ({help_time:.3f} s)")
        print()

        big = build(tmp / "cabbalr-rdd-2022-x10.pdf", BIG_COPIES)
        wall, peak = measured_child([*rdd, "extract", str(big), "-o", str(tmp / "out-big")])
        pages = 60 * BIG_COPIES
        print(f"  (f) rdd extract on {pages} pages ({big.stat().st_size / 1e6:.1f} MB): ", end="")
        print(f"wall {wall:.2f} s, peak RSS {peak:.0f} MB")
        wall, peak = measured_child([*rdd, "review", str(tmp / "out-big")])
        size = (tmp / "out-big" / "review.html").stat().st_size / 1e6
        print(f"  (i) rdd review of those {pages} pages: wall {wall:.2f} s, ", end="")
        print(f"review.html {size:.1f} MB (targets < 5 s, < 30 MB), peak RSS {peak:.0f} MB")

        batch = tmp / "batch"
        batch.mkdir()
        for copy in range(BATCH_COPIES):
            # A comment after %%EOF makes each copy another file (a batch refuses the same report
            # twice) and leaves its pages as they are.
            (batch / f"rapport-{copy:02d}.pdf").write_bytes(pdf.read_bytes() + f"% copy {copy}\n".encode())
        pages = 60 * BATCH_COPIES
        rates = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            run_quietly(
                [*rdd, "extract", str(batch), "-o", str(tmp / f"batch-out-{jobs}"), "--jobs", str(jobs)]
            )
            rates[jobs] = pages / (time.perf_counter() - start)
        print(f"  (g) batch of {BATCH_COPIES} x 60 pages: ", end="")
        print(
            f"--jobs 1 {rates[1]:.0f} pages/s, --jobs 2 {rates[2]:.0f} pages/s ({rates[2] / rates[1]:.2f}x)"
        )

        longpage = tests_module("longpage")
        long_text = tmp / "long-page.txt"
        long_text.write_text(longpage.long_page(), encoding="utf-8")
        wall, _ = measured_child([*rdd, "extract", str(long_text), "-o", str(tmp / "out-long")])
        print(f"  (h) rdd extract on one page of {longpage.LINES} lines of figures: wall {wall:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
