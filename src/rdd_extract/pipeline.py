"""The stages of DESIGN.md wired in order: sources -> rules -> layout -> clean -> layout -> extract.

Kept apart from the CLI so that tests, benchmarks and batch runs drive exactly
what `rdd extract` drives, without printing anything.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from rdd_extract import __version__
from rdd_extract.clean import clean_text, mend_line_end_hyphens, normalized
from rdd_extract.errors import UserError
from rdd_extract.figures import Extracted, Figure, extract_figures
from rdd_extract.layout import Document, ascii_words, split_pages, structure
from rdd_extract.profile import GENERIC
from rdd_extract.rules import FAMILY_FILE, RulePack, bundled_rules_root, choose_rulepack, load_rulepack
from rdd_extract.sources import ProgressCallback, Source, figure_boxes, read_source

if TYPE_CHECKING:
    import pyarrow as pa

from rdd_extract.tables import (
    FIGURES_FILE,
    PAGES_FILE,
    SHEETS_FILE,
    figures_table,
    pages_table,
    sheets_table,
    write_tables,
    write_tree,
)


@dataclass(frozen=True)
class Extraction:
    source: Source
    report: str
    rules: RulePack | None
    result: Extracted

    @property
    def document(self) -> Document:
        return self.result.document

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.result.figures


def extract_report(
    path: Path,
    password: str | None = None,
    report: str | None = None,
    progress: ProgressCallback | None = None,
    rules: Path | None = None,
    generic_only: bool = False,
) -> Extraction:
    """Read, structure, clean and extract one report with the rulepack that fits it.

    `rules` is a rules root (its families are tried in turn) or one family folder
    (used as it is); by default the bundled rules. `generic_only` applies no family.
    """
    source = read_source(path, password=password, progress=progress)
    pack = None if generic_only else _rulepack(rules, normalized("\n".join(source.pages)))
    profile = pack.layout if pack else GENERIC
    raw_pages = split_pages(source, tuple(sheet.title for sheet in pack.sheets) if pack else (), profile)
    texts = mend_line_end_hyphens([clean_text(page.text) for page in raw_pages])
    pages = tuple(replace(page, text=text) for page, text in zip(raw_pages, texts, strict=True))
    document = structure(pages, source.name, profile, source.outline)
    if pack is not None:
        default_id = f"{pack.family}-{document.year}"
    else:
        default_id = default_report_id(path, document.year)
    report_id = report or default_id
    result = extract_figures(document, report_id, pack)
    if source.pdf:
        result = _with_boxes(result, path, password)
    return Extraction(source, report_id, pack, result)


def _with_boxes(result: Extracted, path: Path, password: str | None) -> Extracted:
    """Each figure of a PDF with its box on the page (x0, top, x1, bottom), where it is found."""
    boxes = figure_boxes(path, [(figure.page, figure.raw) for figure in result.figures], password)
    figures = tuple(
        replace(figure, x0=box[0], top=box[1], x1=box[2], bottom=box[3]) if box else figure
        for figure, box in zip(result.figures, boxes, strict=True)
    )
    return replace(result, figures=figures)


def _rulepack(rules: Path | None, text: str) -> RulePack | None:
    if rules is None:
        return choose_rulepack(bundled_rules_root(), text)
    if (rules / FAMILY_FILE).is_file():
        return load_rulepack(rules)
    return choose_rulepack(rules, text)


def default_report_id(path: Path, year: int) -> str:
    """'cabbalr-rdd-2022.pdf' -> 'cabbalr-2022': the file's name without years and generic words."""
    words = ascii_words(path.stem)  # 'Béthune' -> 'bethune'
    kept = [word for word in words if not regex.fullmatch(r"(?:19|20)\d\d|rdd|rapport|report|dd", word)]
    family = "-".join(kept) or "rapport"
    return f"{family}-{year}" if year else family


def extraction_tables(extraction: Extraction, created_at: str | None = None) -> dict[str, pa.Table]:
    """The three tables of an extraction, by file name, with their metadata.

    Nothing that changes from run to run goes in, unless `created_at` is asked for:
    the same input and rules give byte-identical files.
    """
    metadata = {
        "tool_version": __version__,
        "input_sha256": extraction.source.sha256,
        "report": extraction.report,
        "rules_family": extraction.rules.family if extraction.rules else "",
        "rules_digest": extraction.rules.digest if extraction.rules else "",
    }
    if created_at is not None:
        metadata["created_at"] = created_at
    result = extraction.result
    return {
        FIGURES_FILE: figures_table(result.figures, metadata),
        PAGES_FILE: pages_table(result.document, metadata),
        SHEETS_FILE: sheets_table(result.document, result.figures, result.coverage(), metadata),
    }


def write_extraction(extraction: Extraction, outdir: Path, created_at: str | None = None) -> list[Path]:
    """The three tables of an extraction, written atomically into `outdir`."""
    return write_tables(outdir, extraction_tables(extraction, created_at))


# --------------------------------------------------------------------------- many reports


REPORT_SUFFIXES = (".pdf", ".txt")


@dataclass(frozen=True)
class BatchJob:
    path: Path
    password: str | None
    rules: Path | None
    created_at: str | None = None


@dataclass(frozen=True)
class BatchOutcome:
    """What one report of a batch gave: its tables (to be written by the caller), or an error."""

    path: Path
    seconds: float
    report: str = ""
    year: int = 0
    pages: int = 0
    figures: int = 0
    rules_matched: int = 0
    rules_missed: int = 0
    sheets_unbound: int = 0  # rule sheets whose title was not found
    tables: dict[str, pa.Table] | None = None
    error: str | None = None


def report_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The report files named, a folder standing for its .pdf and .txt files (in name order); and
    the other files of those folders, skipped."""
    found: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            inside = [p for p in files if p.suffix.lower() in REPORT_SUFFIXES]
            if not inside:
                raise UserError(f"{path} holds no report (no .pdf or .txt file)")
            found.extend(inside)
            skipped.extend(p for p in files if p not in inside)
        else:
            found.append(path)
    return found, skipped


def run_job(job: BatchJob) -> BatchOutcome:
    """Extract one report of a batch; never raises, so one bad report does not stop the others."""
    started = time.perf_counter()
    try:
        extraction = extract_report(job.path, password=job.password, rules=job.rules)
    except UserError as exc:
        return BatchOutcome(job.path, time.perf_counter() - started, error=str(exc))
    except Exception as exc:  # a report that breaks the tool must not break the batch
        return BatchOutcome(
            job.path, time.perf_counter() - started, error=f"internal error: {type(exc).__name__}: {exc}"
        )
    matched, missed = extraction.result.totals()
    return BatchOutcome(
        job.path,
        time.perf_counter() - started,
        report=extraction.report,
        year=extraction.document.year,
        pages=len(extraction.document.pages),
        figures=len(extraction.figures),
        rules_matched=matched,
        rules_missed=missed,
        sheets_unbound=len(extraction.result.unbound),
        tables=extraction_tables(extraction, job.created_at),
    )


def run_batch(jobs: list[BatchJob], workers: int) -> Iterator[tuple[int, BatchOutcome]]:
    """(index of the job, its outcome) as the reports finish, over `workers` processes (in this
    process for one). The caller writes them in job order, so names never depend on timing.

    Ctrl-C stops at once: the workers ignore it, and the pool is terminated (its queued reports
    dropped, the running ones killed) rather than waited for.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield from enumerate(map(run_job, jobs))
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads (the progress bar)
    pool = context.Pool(min(workers, len(jobs)), initializer=_ignore_interrupts)
    try:
        yield from pool.imap_unordered(_run_indexed, list(enumerate(jobs)))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is for the parent, which ends the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_indexed(indexed: tuple[int, BatchJob]) -> tuple[int, BatchOutcome]:
    return indexed[0], run_job(indexed[1])


DATASET_FOLDER = "figures"  # root/figures/year=YYYY/: no report folder may take this name


@dataclass(frozen=True)
class Placed:
    """Where a batch report goes: its folder under the root, and its dataset file (None when its
    year is unknown: a partition year=0 would mix it with nothing)."""

    folder: str
    dataset: str | None
    note: str = ""


def place_outcomes(outcomes: list[BatchOutcome], root: Path) -> list[Placed | None]:
    """Folder names in input order (a second report of the same id takes its file's name), and its
    dataset file; None for a failed report. Two inputs with the same content are an error."""
    seen: dict[str, Path] = {}
    for outcome in outcomes:
        if outcome.tables is None:
            continue
        digest = outcome.tables[FIGURES_FILE].schema.metadata[b"rdd_extract.input_sha256"].decode()
        if digest in seen:
            raise UserError(f"{seen[digest]} and {outcome.path} are the same report: give it once")
        seen[digest] = outcome.path
    taken: set[str] = set()
    placed: list[Placed | None] = []
    for outcome in outcomes:
        if outcome.tables is None:
            placed.append(None)
            continue
        name = outcome.report
        while name in taken or name == DATASET_FOLDER:
            name = f"{outcome.report}-{outcome.path.stem}" if name == outcome.report else f"{name}-2"
        taken.add(name)
        if outcome.year:
            placed.append(Placed(name, f"{DATASET_FOLDER}/year={outcome.year}/{name}.parquet"))
        else:
            placed.append(Placed(name, None, "year unknown: left out of the dataset"))
    return placed


def write_batch(outcomes: list[BatchOutcome], placed: list[Placed | None], root: Path) -> None:
    """Every report folder and dataset file of a batch, all or nothing (see tables.write_tree)."""
    files: dict[str, pa.Table] = {}
    for outcome, place in zip(outcomes, placed, strict=True):
        if place is None or outcome.tables is None:
            continue
        for name, table in outcome.tables.items():
            files[f"{place.folder}/{name}"] = table
        if place.dataset is not None:
            files[place.dataset] = outcome.tables[FIGURES_FILE].drop_columns(["year"])
    write_tree(root, files)
