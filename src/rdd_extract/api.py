"""The public face of rdd-extract: what `rdd extract` and `rdd diff` do, from Python.

    import rdd_extract
    result = rdd_extract.extract("rapport-2022.pdf")
    result.figures.to_pandas()          # pyarrow Tables in the figures contract (docs/DESIGN.md)
    result.write("data/processed/2022")
    changes = rdd_extract.diff("data/processed/2021", "data/processed/2022")

The command line calls these same functions: the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdd_extract.pipeline import Extraction, extract_report, extraction_tables, write_extraction
from rdd_extract.review import RuleReport, SheetCoverage, coverage, rule_reports
from rdd_extract.tables import FIGURES_FILE, PAGES_FILE, SHEETS_FILE

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class Result:
    """One report read: its tables, how its rules ran, and a way to write them."""

    extraction: Extraction
    created_at: str | None = None

    @cached_property
    def tables(self) -> dict[str, pa.Table]:
        return extraction_tables(self.extraction, self.created_at)

    @property
    def figures(self) -> pa.Table:
        return self.tables[FIGURES_FILE]

    @property
    def pages(self) -> pa.Table:
        return self.tables[PAGES_FILE]

    @property
    def sheets(self) -> pa.Table:
        return self.tables[SHEETS_FILE]

    @property
    def report(self) -> str:
        return self.extraction.report

    def coverage(self) -> list[SheetCoverage]:
        """Per sheet: rules matched and missed, figures left to the generic detector."""
        return coverage(self.extraction.result)

    def rules(self, sheet_id: str | None = None, indicator: str | None = None) -> list[RuleReport]:
        """How each rule ran: its matches, or the closest text when it missed (`rdd extract --explain`)."""
        return rule_reports(self.extraction.result, sheet_id, indicator)

    def write(self, folder: str | Path) -> list[Path]:
        """figures.parquet, pages.parquet and sheets.parquet into `folder`, all or nothing."""
        return write_extraction(self.extraction, Path(folder), self.created_at)


def extract(
    path: str | Path,
    rules: str | Path | None = None,
    password: str | None = None,
    report: str | None = None,
    created_at: str | None = None,
) -> Result:
    """Read one report (PDF or text export). `rules`: a family folder or a root of families
    (default: the bundled rules); `report`: the report id (default: FAMILY-YEAR)."""
    extraction = extract_report(
        Path(path), password=password, report=report, rules=Path(rules) if rules is not None else None
    )
    return Result(extraction, created_at)


def diff(old: str | Path, new: str | Path) -> pa.Table:
    """The figures of two years paired on sheet and indicator (`rdd diff`), as a table: one row per
    indicator with its old and new value, change and status. `old` and `new` are figures.parquet
    files or output folders (schema 1 or 2)."""
    from rdd_extract.compare import diff_figures
    from rdd_extract.tables import diff_table, read_figures

    rows = diff_figures(read_figures(Path(old)).to_pylist(), read_figures(Path(new)).to_pylist())
    return diff_table([row.as_dict() for row in rows], {"old": str(old), "new": str(new)})
