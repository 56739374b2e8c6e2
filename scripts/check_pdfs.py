"""Run `rdd extract` on every PDF of a folder and report how each run ended.

Usage: python scripts/check_pdfs.py FOLDER [--timeout S] [--slow S] [--strict]

Each PDF is extracted into its own folder under a temporary directory with the
`rdd` script installed next to the running Python. One line per file:

    ok       0.42s  2023-06-20-PV.pdf: 37 figures
    refused  0.31s  empty.pdf: rdd: error: ... is empty
    CRASH    0.50s  x.pdf: exit 1: rdd: internal error: ...
    TIMEOUT 60.00s  y.pdf: no answer after 60 s

then a summary. Besides crashes, the contract for a refused input is checked:
one line on stderr starting with "rdd: error: ", and nothing left in the output
folder or beside it. Runs slower than --slow seconds are flagged too.

Exit status 1 when any run crashed (exit status not 0 or 2, a traceback on
stderr, or a timeout); with --strict also when a run broke the contract or was
slow. Exit status 2 when FOLDER is not a folder or the `rdd` script is missing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ERROR_PREFIX = "rdd: error: "


@dataclass(frozen=True)
class Run:
    """How one `rdd extract` run ended."""

    pdf: Path
    status: str  # "ok", "refused", "CRASH" or "TIMEOUT"
    seconds: float
    last_line: str
    figures: int | None
    findings: tuple[str, ...] = ()  # contract breaches and slowness

    @property
    def crashed(self) -> bool:
        return self.status in {"CRASH", "TIMEOUT"}


def rdd_script() -> Path:
    """The `rdd` console script of the running environment."""
    folder = Path(sys.executable).parent
    for name in ("rdd", "rdd.exe"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"no rdd script next to {sys.executable}")


def count_figures(outdir: Path) -> int | None:
    """Rows of figures.parquet in `outdir`, or None when it was not written."""
    file = outdir / "figures.parquet"
    if not file.exists():
        return None
    import pyarrow.parquet as pq

    rows: int = pq.read_metadata(file).num_rows
    return rows


def leftovers(workdir: Path, outdir: Path) -> list[str]:
    """Files in the output folder and anything beside it (a stray staging folder)."""
    found = [path.name for path in workdir.iterdir() if path != outdir]
    if outdir.is_dir():
        found += [f"{outdir.name}/{path.name}" for path in outdir.iterdir()]
    return sorted(found)


def check_one(rdd: Path, pdf: Path, workdir: Path, timeout: float, slow: float) -> Run:
    """Extract `pdf` into `workdir`/out and classify the run."""
    workdir.mkdir(parents=True)
    outdir = workdir / "out"
    command = [str(rdd), "extract", str(pdf), "-o", str(outdir)]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        seconds = time.perf_counter() - start
        return Run(pdf, "TIMEOUT", seconds, f"no answer after {timeout:g} s", None)
    seconds = time.perf_counter() - start
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    last_line = lines[-1].strip() if lines else ""
    figures = count_figures(outdir)
    traceback = "Traceback (most recent call last)" in done.stderr
    if done.returncode == 0 and not traceback:
        status = "ok"
    elif done.returncode == 2 and not traceback:
        status = "refused"
    else:
        status = "CRASH"
        last_line = f"exit {done.returncode}: {last_line}"
    findings: list[str] = []
    if status == "refused":
        if len(lines) != 1 or not lines[0].startswith(ERROR_PREFIX):
            findings.append(f"refusal is {len(lines)} stderr lines, expected one starting {ERROR_PREFIX!r}")
        left = leftovers(workdir, outdir)
        if left:
            findings.append(f"refused but left {', '.join(left)}")
    elif status == "ok":
        if figures is None:
            findings.append("exit 0 but no figures.parquet")
        stray = [name for name in leftovers(workdir, outdir) if "/" not in name]
        if stray:
            findings.append(f"stray files beside the output folder: {', '.join(stray)}")
    if seconds > slow:
        findings.append(f"slow: {seconds:.1f} s (over {slow:g} s)")
    return Run(pdf, status, seconds, last_line, figures, tuple(findings))


def describe(run: Run) -> str:
    """The one line printed for a run."""
    if run.status == "ok":
        what = f"{run.figures} figures" if run.figures is not None else "no figures.parquet"
    else:
        what = run.last_line
    line = f"{run.status:<8}{run.seconds:6.2f}s  {run.pdf.name}: {what}"
    for finding in run.findings:
        line += f"\n{'':16}! {finding}"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run `rdd extract` on every PDF of a folder.")
    parser.add_argument("folder", type=Path, help="folder of *.pdf files (read only)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run before it is killed")
    parser.add_argument("--slow", type=float, default=10.0, help="flag runs longer than this many seconds")
    parser.add_argument("--strict", action="store_true", help="also fail on contract breaches and slow runs")
    args = parser.parse_args(argv)

    folder: Path = args.folder
    if not folder.is_dir():
        print(f"check_pdfs: error: {folder} is not a folder", file=sys.stderr)
        return 2
    try:
        rdd = rdd_script()
    except FileNotFoundError as exc:
        print(f"check_pdfs: error: {exc}", file=sys.stderr)
        return 2
    pdfs = sorted(path for path in folder.iterdir() if path.suffix.lower() == ".pdf" and path.is_file())
    if not pdfs:
        print(f"check_pdfs: error: no *.pdf in {folder}", file=sys.stderr)
        return 2

    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="check_pdfs.") as tmp:
        for index, pdf in enumerate(pdfs):
            run = check_one(rdd, pdf, Path(tmp) / f"{index:03d}", args.timeout, args.slow)
            runs.append(run)
            print(describe(run), flush=True)

    statuses = Counter(run.status for run in runs)
    crashed = [run for run in runs if run.crashed]
    flagged = [run for run in runs if run.findings]
    total = sum(run.seconds for run in runs)
    slowest = max(runs, key=lambda run: run.seconds)
    counts = ", ".join(f"{statuses[name]} {name}" for name in ("ok", "refused", "CRASH", "TIMEOUT"))
    print(
        f"\n{len(runs)} PDFs in {total:.1f} s (slowest {slowest.pdf.name}, {slowest.seconds:.2f} s): "
        f"{counts}; {len(flagged)} with findings"
    )
    for run in crashed:
        print(f"  crashed: {run.pdf.name}: {run.last_line}")
    for run in flagged:
        print(f"  finding: {run.pdf.name}: {'; '.join(run.findings)}")
    failed = bool(crashed) or (args.strict and bool(flagged))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
