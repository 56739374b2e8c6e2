"""The stages of DESIGN.md wired in order: sources -> clean -> layout -> extract.

Kept apart from the CLI so that tests, benchmarks and batch runs drive exactly
what `rdd extract` drives, without printing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import regex

from rdd_extract import __version__
from rdd_extract.clean import clean_text
from rdd_extract.extract import Figure, detect_figures
from rdd_extract.layout import Document, split_pages, structure
from rdd_extract.sources import ProgressCallback, Source, read_source
from rdd_extract.tables import (
    FIGURES_FILE,
    PAGES_FILE,
    SHEETS_FILE,
    figures_table,
    pages_table,
    sheets_table,
    write_tables,
)


@dataclass(frozen=True)
class Extraction:
    source: Source
    document: Document
    report: str
    figures: tuple[Figure, ...]


def extract_report(
    path: Path,
    password: str | None = None,
    report: str | None = None,
    progress: ProgressCallback | None = None,
) -> Extraction:
    """Read, clean, structure and extract one report."""
    source = read_source(path, password=password, progress=progress)
    pages = tuple(replace(page, text=clean_text(page.text)) for page in split_pages(source))
    document = structure(pages, source.name)
    report_id = report or default_report_id(path, document.year)
    figures = detect_figures(document, report_id)
    return Extraction(source, document, report_id, tuple(figures))


def default_report_id(path: Path, year: int) -> str:
    """'cabbalr-rdd-2022.pdf' -> 'cabbalr-2022': the file's name without years and generic words."""
    words = [word for word in regex.split(r"[^a-z0-9]+", path.stem.lower()) if word]
    kept = [word for word in words if not regex.fullmatch(r"(?:19|20)\d\d|rdd|rapport|report|dd", word)]
    family = "-".join(kept) or "rapport"
    return f"{family}-{year}" if year else family


def write_extraction(extraction: Extraction, outdir: Path) -> list[Path]:
    """The three tables of an extraction, written atomically into `outdir`."""
    metadata = {
        "tool_version": __version__,
        "input_sha256": extraction.source.sha256,
        "report": extraction.report,
    }
    document, figures = extraction.document, extraction.figures
    return write_tables(
        outdir,
        {
            FIGURES_FILE: figures_table(figures, metadata),
            PAGES_FILE: pages_table(document, metadata),
            SHEETS_FILE: sheets_table(document, figures, {}, metadata),
        },
    )
