"""The public face of rdd-extract: what `rdd extract` and `rdd diff` do, from Python.

    import rdd_extract
    result = rdd_extract.extract("rapport-2022.pdf")
    result.figures.to_pandas()          # pyarrow Tables in the figures contract (docs/DESIGN.md)
    result.write("data/processed/2022")
    changes = rdd_extract.diff("data/processed/2021", "data/processed/2022")

The command line calls these same functions: the two cannot disagree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdd_extract.outcomes import RuleReport, SheetCoverage, coverage, rule_reports
from rdd_extract.pipeline import Extraction, extract_report, extraction_tables, write_extraction
from rdd_extract.rules import require_slug
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
    (default: the bundled rules); `report`: the report id (default: FAMILY-YEAR), a slug."""
    require_slug("report id", report)
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


def review(
    folder: str | Path,
    pdf: str | Path | None = None,
    rules: str | Path | None = None,
    password: str | None = None,
) -> Path:
    """Write FOLDER/review.html, the page to check a report's figures on their page (`rdd review`).

    The report is `pdf`, else the file the tables name (their `source` column) in the folder, beside
    it, in the working folder or in data/raw, whichever has the input's sha256 (the tables record no
    path: the same report gives the same bytes wherever it lies). Read again, it gives how each rule
    ran (with `rules`, the rules it was extracted with) and, for a PDF, the page images. Without it,
    the page shows the text of the tables only, and says so.
    """
    import pyarrow.parquet as pq

    from rdd_extract.errors import UserError
    from rdd_extract.html import ReviewInput, review_html
    from rdd_extract.sources import file_sha256, is_pdf, page_images
    from rdd_extract.tables import read_figures, table_metadata, write_text_file

    folder = Path(folder)
    figures = read_figures(folder).to_pylist()
    tables = {}
    for name in (PAGES_FILE, SHEETS_FILE):
        if not (folder / name).is_file():
            raise UserError(f"{folder / name} does not exist: give the output folder of rdd extract")
        tables[name] = pq.read_table(folder / name).to_pylist()
    metadata = table_metadata(folder / FIGURES_FILE)
    name = str(figures[0]["source"]) if figures else ""
    places = [folder, folder.parent, Path.cwd(), Path("data/raw")]
    found = [place / name for place in places if name and (place / name).is_file()]
    matching = [path for path in found if file_sha256(path) == metadata.get("input_sha256")]
    candidates: list[Path] = [Path(pdf)] if pdf is not None else matching or found
    source = candidates[0] if candidates else None
    reports: list[RuleReport] = []
    images = {}
    if source is None:
        note = (
            f"The report {name or '?'} was not found: the page shows the tables' text only (give --pdf FILE)."
        )
    elif not source.is_file():
        note = f"The report {source} was not found: the page shows the tables' text only (give --pdf FILE)."
    elif file_sha256(source) != metadata.get("input_sha256"):
        note = f"{source} is not the report these tables were made from: the page shows their text only."
    else:
        missed = any(int(sheet["rules_missed"] or 0) for sheet in tables[SHEETS_FILE])
        if missed:  # what the page says of a rule that matched is in the tables already
            reports = extract(source, rules=rules, password=password).rules()
        if is_pdf(source):
            wanted = [int(page["page"]) for page in tables[PAGES_FILE]]
            images = {image.page: image for image in page_images(source, wanted, password, scale=0.8)}
            note = ""
        else:
            note = "The report is a text export: no page images, figures are shown in the text."
    data = ReviewInput(
        metadata.get("report", folder.name),
        figures,
        tables[PAGES_FILE],
        tables[SHEETS_FILE],
        reports,
        images,
        note,
    )
    return write_text_file(folder / "review.html", review_html(data))


def write_diff_page(rows: list[dict[str, object]], old: Path, new: Path, output: Path) -> Path:
    """The diff as a page (`rdd diff --format html -o FILE`): each value links to its page on the
    review page of the year it comes from (FOLDER/review.html, written by `rdd review`)."""
    from rdd_extract.html import diff_html
    from rdd_extract.tables import write_text_file

    def review_link(tables: Path) -> str:
        folder = tables if tables.is_dir() else tables.parent
        return os.path.relpath(folder / "review.html", output.resolve().parent)

    page = diff_html(rows, str(old), str(new), review_link(old.resolve()), review_link(new.resolve()))
    return write_text_file(output, page)
