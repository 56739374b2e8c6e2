"""The stages of DESIGN.md wired in order: sources -> layout -> clean -> layout -> rules -> extract.

Kept apart from the CLI so that tests, benchmarks and batch runs drive exactly
what `rdd extract` drives, without printing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import regex

from rdd_extract import __version__
from rdd_extract.clean import clean_text
from rdd_extract.errors import UserError
from rdd_extract.extract import Extracted, Figure, extract_figures
from rdd_extract.layout import Document, split_pages, structure
from rdd_extract.rules import FAMILY_FILE, RulePack, bundled_rules_root, choose_rulepack, load_rulepack
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
) -> Extraction:
    """Read, structure, clean and extract one report with the rulepack that fits it.

    `rules` is a rules root (its families are tried in turn) or one family folder
    (used as it is); by default the bundled rules.
    """
    source = read_source(path, password=password, progress=progress)
    pages = tuple(replace(page, text=clean_text(page.text)) for page in split_pages(source))
    document = structure(pages, source.name)
    pack = _rulepack(rules, "\n".join(page.text for page in pages))
    if pack is not None:
        default_id = f"{pack.family}-{document.year}"
    else:
        default_id = default_report_id(path, document.year)
    report_id = report or default_id
    return Extraction(source, report_id, pack, extract_figures(document, report_id, pack))


def _rulepack(rules: Path | None, text: str) -> RulePack | None:
    if rules is None:
        return choose_rulepack(bundled_rules_root(), text)
    if not rules.is_dir():
        raise UserError(f"rules folder {rules} does not exist")
    if (rules / FAMILY_FILE).is_file():
        return load_rulepack(rules)
    return choose_rulepack(rules, text)


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
        "rules_family": extraction.rules.family if extraction.rules else "",
        "rules_digest": extraction.rules.digest if extraction.rules else "",
    }
    result = extraction.result
    return write_tables(
        outdir,
        {
            FIGURES_FILE: figures_table(result.figures, metadata),
            PAGES_FILE: pages_table(result.document, metadata),
            SHEETS_FILE: sheets_table(result.document, result.figures, result.coverage(), metadata),
        },
    )
