"""The Python API: what `rdd extract` and `rdd diff` write, from Python, row for row."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import rdd_extract
from rdd_extract.tables import figures_schema

from .conftest import REFERENCE_TEXT, rdd


def test_extract_gives_the_tables_the_cli_writes(tmp_path: Path) -> None:
    result = rdd_extract.extract(REFERENCE_TEXT)
    run = rdd("extract", REFERENCE_TEXT, "-o", tmp_path / "cli")
    assert run.returncode == 0, run.stderr
    assert result.figures.schema.remove_metadata() == figures_schema()
    assert result.figures.equals(pq.read_table(tmp_path / "cli" / "figures.parquet"))
    assert result.pages.equals(pq.read_table(tmp_path / "cli" / "pages.parquet"))
    assert result.sheets.equals(pq.read_table(tmp_path / "cli" / "sheets.parquet"))
    written = result.write(tmp_path / "api")
    assert [path.name for path in written] == ["figures.parquet", "pages.parquet", "sheets.parquet"]
    for path in written:
        assert path.read_bytes() == (tmp_path / "cli" / path.name).read_bytes()


def test_coverage_and_rule_reports_are_data() -> None:
    result = rdd_extract.extract(REFERENCE_TEXT)
    rows = {row.sheet_id: row for row in result.coverage()}
    sheet = rows["fonds-transition-energetique"]  # its rule file has 3 figure rules; one figure is left
    assert (sheet.first_page, sheet.matched, sheet.missed, sheet.auto) == (7, 3, 0, 1)
    (report,) = result.rules("fonds-transition-energetique", "dossiers_valides")
    assert report.matches == ((7, "154 dossiers de particuliers validés"),)
    assert report.error is None and report.closest is None


def test_with_no_rules_coverage_lists_each_sheet_with_figures_and_its_count(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    result = rdd_extract.extract(REFERENCE_TEXT, rules=tmp_path / "none")
    per_sheet = Counter(result.figures.column("sheet_id").to_pylist())
    rows = result.coverage()
    assert [(row.sheet_id, row.auto) for row in rows] == list(per_sheet.items())  # in page order
    assert {(row.matched, row.missed) for row in rows} == {(0, 0)}


def test_each_sheet_counts_its_own_figures() -> None:
    result = rdd_extract.extract(REFERENCE_TEXT)
    per_sheet = Counter(result.figures.column("sheet_id").to_pylist())
    sheets = result.sheets.to_pylist()
    assert {row["sheet_id"]: row["n_figures"] for row in sheets} == {
        row["sheet_id"]: per_sheet[row["sheet_id"]] for row in sheets
    }
    assert sum(row["n_figures"] for row in sheets) == result.figures.num_rows  # no figure outside a sheet


def test_diff_compares_two_folders(tmp_path: Path) -> None:
    rdd_extract.extract(REFERENCE_TEXT).write(tmp_path / "a")
    table = rdd_extract.diff(tmp_path / "a", tmp_path / "a")
    assert set(table.column("status").to_pylist()) == {"unchanged"}
    assert table.num_rows == pq.read_metadata(tmp_path / "a" / "figures.parquet").num_rows


def test_a_user_error_is_importable_and_raised_for_a_missing_file(tmp_path: Path) -> None:
    try:
        rdd_extract.extract(tmp_path / "absent.pdf")
    except rdd_extract.UserError as error:
        assert str(error) == f"{tmp_path / 'absent.pdf'} does not exist"
    else:
        raise AssertionError("no error")


NOTE_TEXT = "Bonjour\n12 personnes sont venues.\n"


def test_the_review_page_is_titled_with_the_report_id_not_the_folder(tmp_path: Path) -> None:
    """`--report-id cab-2022 -o ex`: the page names the report (its tables' metadata), not 'ex'."""
    report = tmp_path / "notes.txt"
    report.write_text(NOTE_TEXT, encoding="utf-8")
    assert rdd("extract", report, "--report-id", "cab-2022", "-o", tmp_path / "ex").returncode == 0
    page = rdd_extract.review(tmp_path / "ex").read_text(encoding="utf-8")
    assert "<title>Relecture · cab-2022</title>" in page
    assert "<h1>cab-2022 · 1 figures on 1 pages</h1>" in page  # '12 personnes', one page


def test_the_review_page_of_tables_without_a_report_id_is_titled_with_the_folder(tmp_path: Path) -> None:
    """Tables whose metadata names no report (only the schema version is kept): the folder's name."""
    report = tmp_path / "notes.txt"
    report.write_text(NOTE_TEXT, encoding="utf-8")
    assert rdd("extract", report, "--report-id", "cab-2022", "-o", tmp_path / "ex").returncode == 0
    figures = pq.read_table(tmp_path / "ex" / "figures.parquet")
    kept = {b"rdd_extract.schema_version": figures.schema.metadata[b"rdd_extract.schema_version"]}
    pq.write_table(figures.replace_schema_metadata(kept), tmp_path / "ex" / "figures.parquet")
    page = rdd_extract.review(tmp_path / "ex").read_text(encoding="utf-8")
    assert "<title>Relecture · ex</title>" in page
    assert "<h1>ex · 1 figures on 1 pages</h1>" in page
    assert "cab-2022" not in page


def test_extract_records_created_at_in_every_table_and_what_it_writes(tmp_path: Path) -> None:
    """created_at='2024-01-01T00:00:00' goes into the metadata of the three tables, in memory and
    written; without it there is no such key (two runs give the same bytes)."""
    report = tmp_path / "notes.txt"
    report.write_text(NOTE_TEXT, encoding="utf-8")
    key = b"rdd_extract.created_at"
    stamped = rdd_extract.extract(report, created_at="2024-01-01T00:00:00")
    for table in (stamped.figures, stamped.pages, stamped.sheets):
        assert table.schema.metadata[key] == b"2024-01-01T00:00:00"
    for path in stamped.write(tmp_path / "stamped"):
        assert pq.read_schema(path).metadata[key] == b"2024-01-01T00:00:00", path.name
    plain = rdd_extract.extract(report)
    for table in (plain.figures, plain.pages, plain.sheets):
        assert key not in table.schema.metadata
    for path in plain.write(tmp_path / "plain"):
        assert key not in pq.read_schema(path).metadata, path.name


def test_extract_takes_the_report_id_given_and_refuses_one_that_is_no_slug(tmp_path: Path) -> None:
    source = tmp_path / "bilan-2022.txt"
    source.write_text("Bilan 2022 : 7 ruches installées.\n", encoding="utf-8")
    # no family knows this report: its id is its file name
    assert rdd_extract.extract(source).report == "bilan-2022"
    given = rdd_extract.extract(source, report="mine-2022")
    assert given.report == "mine-2022"
    assert given.figures.column("report").to_pylist() == ["mine-2022"]
    with pytest.raises(rdd_extract.UserError) as raised:
        rdd_extract.extract(source, report="../mine")
    assert str(raised.value) == "report id '../mine' must be a slug: lowercase letters, digits, - or _"


def test_diff_pairs_the_old_year_with_the_new_one(tmp_path: Path) -> None:
    (tmp_path / "bilan-2022.txt").write_text(
        "Bilan 2022 : 7 ruches installées.\nEt 12 mares creusées.\n", encoding="utf-8"
    )
    (tmp_path / "bilan-2023.txt").write_text(
        "Bilan 2023 : 9 ruches installées.\nEt 40 hôtels à insectes posés.\n"
    )
    rdd_extract.extract(tmp_path / "bilan-2022.txt").write(tmp_path / "old")
    rdd_extract.extract(tmp_path / "bilan-2023.txt").write(tmp_path / "new")
    table = rdd_extract.diff(tmp_path / "old", tmp_path / "new")
    rows = [
        (row["indicator"], row["old_value"], row["new_value"], row["change"], row["status"])
        for row in table.to_pylist()
    ]
    # 7 -> 9 is +2 (28.6 %); the mares of 2022 are gone, the hotels of 2023 are new
    assert rows == [
        ("hotels-insectes-poses", None, 40.0, None, "added"),
        ("mares-creusees", 12.0, None, None, "removed"),
        ("ruches-installees", 7.0, 9.0, 2.0, "changed"),
    ]
    assert table.column("change_pct").to_pylist()[2] == pytest.approx(200 / 7)
    assert table.schema.metadata[b"rdd_extract.old"] == str(tmp_path / "old").encode()
    assert table.schema.metadata[b"rdd_extract.new"] == str(tmp_path / "new").encode()
