"""`rdd diff` and `rdd show`: pairing, statuses, filters, formats and bad tables."""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from rdd_extract.compare import DiffRow, Threshold, diff_figures, select
from rdd_extract.figures import Figure
from rdd_extract.pipeline import Extraction
from rdd_extract.tables import BOX_COLUMNS, figures_schema, figures_table, read_figures

from .conftest import REFERENCE_TEXT, rdd
from .nextyear import Edition, next_year_edition, spaced


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Edition]:
    """The 2022 report and its next-year edition, extracted by the CLI into two folders."""
    root = tmp_path_factory.mktemp("years")
    edition = next_year_edition(REFERENCE_TEXT, drop_sheet_page=21)
    text_2023 = root / "cabbalr-rdd-2023.txt"
    text_2023.write_text(edition.text, encoding="utf-8")
    for source, out in ((REFERENCE_TEXT, root / "2022"), (text_2023, root / "2023")):
        run = rdd("extract", source, "-o", out, "-q")
        assert run.returncode == 0, run.stderr
    return root / "2022", root / "2023", edition


def figure(sheet: str, indicator: str, value: float, page: int = 7, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "pilier": 1, "sheet_id": sheet, "indicator": indicator, "label": indicator, "value": value,
        "unit": "count", "kind": "actual", "page": page, "rule": indicator,
    }  # fmt: skip
    row.update(extra)
    return row


# --------------------------------------------------------------------------- pairing


def test_statuses_changes_and_notes() -> None:
    old = [
        figure("fte", "dossiers", 148),
        figure("fte", "aides", 332914, unit="EUR"),
        figure("fte", "gone", 3),
        figure("fte", "same", 10, kind="actual"),
    ]
    new = [
        figure("fte", "dossiers", 154, page=8),
        figure("fte", "aides", 332914, unit="EUR"),
        figure("fte", "same", 10, kind="target"),
        figure("fte", "new", 5),
    ]
    rows = {row.indicator: row for row in diff_figures(old, new)}
    assert (rows["dossiers"].status, rows["dossiers"].change, rows["dossiers"].change_pct) == (
        "changed",
        6.0,
        4.054054,
    )
    assert (rows["dossiers"].old_page, rows["dossiers"].new_page) == (7, 8)
    assert rows["aides"].status == "unchanged" and rows["aides"].change == 0.0
    assert (rows["gone"].status, rows["gone"].new_value, rows["gone"].change) == ("removed", None, None)
    assert (rows["new"].status, rows["new"].old_value) == ("added", None)
    assert rows["same"].note == "kind actual -> target"


def test_repeated_indicators_pair_in_order() -> None:
    old = [figure("s", "bornes", 8, page=12), figure("s", "bornes", 2, page=12)]
    new = [figure("s", "bornes", 9, page=12), figure("s", "bornes", 2, page=12), figure("s", "bornes", 1)]
    rows = [(row.old_value, row.new_value, row.status) for row in diff_figures(old, new)]
    assert rows == [(8.0, 9.0, "changed"), (2.0, 2.0, "unchanged"), (None, 1.0, "added")]


def test_change_pct_of_zero_is_empty_and_sort_order() -> None:
    old = [figure("b", "x", 0, pilier=2), figure("a", "y", 1, pilier=2), figure("z", "y", 1, pilier=None)]
    new = [figure("b", "x", 5, pilier=2), figure("a", "y", 1, pilier=2), figure("z", "y", 1, pilier=None)]
    rows = diff_figures(old, new)
    assert [(row.pilier, row.sheet_id) for row in rows] == [(None, "z"), (2, "a"), (2, "b")]
    assert rows[2].change == 5.0 and rows[2].change_pct is None


@pytest.mark.parametrize(
    ("text", "kept"),
    [("5%", ["big"]), ("1%", ["small", "big"]), ("50", ["big"]), ("1000", []), ("0", ["small", "big"])],
)
def test_min_change(text: str, kept: list[str]) -> None:
    rows = diff_figures(
        [figure("s", "small", 100), figure("s", "big", 100), figure("s", "same", 1)],
        [figure("s", "small", 102), figure("s", "big", 200), figure("s", "same", 1)],
    )
    selected = select(rows, only_changed=True, threshold=Threshold.parse(text))
    assert sorted(row.indicator for row in selected) == sorted(kept)


@pytest.mark.parametrize("text", ["abc", "-5%", "%", ""])
def test_bad_threshold(text: str) -> None:
    with pytest.raises(ValueError):
        Threshold.parse(text)


# --------------------------------------------------------------------------- next year, through the CLI


def expected_statuses(reference: Extraction, edition: Edition) -> dict[tuple[str, str], list[str]]:
    dropped = reference.document.page_sheet[21 - 2]
    expected: dict[tuple[str, str], list[str]] = {}
    for row in reference.figures:
        ratio = edition.changed.get((row.page, spaced(row.raw)), 1.0)
        status = "removed" if row.sheet_id == dropped else ("unchanged" if ratio == 1.0 else "changed")
        expected.setdefault((row.sheet_id, row.indicator), []).append(status)
    expected[("jardin-partage", "parcelles-cultivees")] = ["added"]
    expected[("jardin-partage", "nouvelles-parcelles")] = ["added"]
    return expected


def test_next_year_diff_gives_the_expected_rows(
    years: tuple[Path, Path, Edition], reference_extraction: Extraction
) -> None:
    old, new, edition = years
    run = rdd("diff", old, new, "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    got: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        got.setdefault((row["sheet_id"], row["indicator"]), []).append(row["status"])
    assert got == expected_statuses(reference_extraction, edition)
    removed = [row for row in rows if row["status"] == "removed"]
    assert {row["sheet_id"] for row in removed} == {"lutte-frelons-asiatiques"}
    assert {(row["indicator"], row["old_value"], row["old_page"]) for row in removed} == {
        ("nids_detruits_cle", "3979", "21"), ("interventions_spv_cle", "6032", "21"),
    }  # fmt: skip
    fte = next(row for row in rows if row["indicator"] == "dossiers_valides")
    assert (fte["old_value"], fte["new_value"], fte["change"], fte["status"]) == (
        "154",
        "161",
        "7",
        "changed",
    )
    assert fte["change_pct"] == "4.545455"
    summary = run.stderr.strip()
    assert summary.startswith(f"{len(rows)} indicators compared: ")
    assert "2 removed" in summary and "2 added" in summary


def test_only_changed_sheet_pilier_status_filters(years: tuple[Path, Path, Edition]) -> None:
    old, new, _ = years
    run = rdd(
        "diff", old, new, "--format", "json", "--sheet", "fonds-transition-energetique", "--only-changed"
    )
    rows = json.loads(run.stdout)
    assert [row["indicator"] for row in rows] == [
        "aides_attribuees",
        "dossiers_valides",
        "dossiers_valides_annee_precedente",
        "travaux",
    ]
    piliers = json.loads(rdd("diff", old, new, "--format", "json", "--pilier", "5").stdout)
    pilier_5 = {  # the sheets of pilier 5 with a figure in either year
        row["sheet_id"]
        for folder in (old, new)
        for row in pq.read_table(folder / "figures.parquet", columns=["sheet_id", "pilier"]).to_pylist()
        if row["pilier"] == 5
    }
    assert {row["sheet_id"] for row in piliers} == pilier_5
    statuses = json.loads(rdd("diff", old, new, "--format", "json", "--status", "added").stdout)
    assert {row["sheet_id"] for row in statuses} == {"jardin-partage"}


def test_fail_on_change(years: tuple[Path, Path, Edition]) -> None:
    old, new, _ = years
    assert rdd("diff", old, new, "--fail-on-change").returncode == 1
    assert rdd("diff", old, old, "--fail-on-change").returncode == 0
    # an indicator that appeared or disappeared is a change too; the shown rows decide
    assert rdd("diff", old, new, "--status", "added,removed", "--fail-on-change").returncode == 1
    assert rdd("diff", old, new, "--status", "unchanged", "--fail-on-change").returncode == 0
    same = rdd("diff", old, old / "figures.parquet", "--format", "csv")
    assert {row["status"] for row in csv.DictReader(io.StringIO(same.stdout))} == {"unchanged"}


def test_formats_round_trip(years: tuple[Path, Path, Edition], tmp_path: Path) -> None:
    old, new, _ = years
    as_csv = list(csv.DictReader(io.StringIO(rdd("diff", old, new, "--format", "csv").stdout)))
    as_json = json.loads(rdd("diff", old, new, "--format", "json").stdout)
    out = tmp_path / "diff.parquet"
    assert rdd("diff", old, new, "--format", "parquet", "-o", out).returncode == 0
    table = pq.read_table(out)
    expected: list[tuple[str, pa.DataType]] = [
        ("sheet_id", pa.string()), ("indicator", pa.string()), ("label", pa.string()),
        ("unit", pa.string()),
        ("old_value", pa.float64()), ("new_value", pa.float64()), ("change", pa.float64()),
        ("change_pct", pa.float64()), ("status", pa.string()), ("old_page", pa.int16()),
        ("new_page", pa.int16()), ("note", pa.string()),
    ]  # fmt: skip
    assert table.schema.remove_metadata() == pa.schema(expected)
    from_parquet = table.to_pylist()
    # one row per indicator of either year (an indicator printed twice on a sheet pairs in order, so
    # it gives the larger of its two counts), counted from the two tables themselves
    counts = [
        Counter(
            (row["sheet_id"], row["indicator"])
            for row in pq.read_table(
                folder / "figures.parquet", columns=["sheet_id", "indicator"]
            ).to_pylist()
        )
        for folder in (old, new)
    ]
    rows = sum(max(counts[0][key], counts[1][key]) for key in counts[0].keys() | counts[1].keys())
    assert len(as_csv) == len(as_json) == len(from_parquet) == rows
    for csv_row, json_row, parquet_row in zip(as_csv, as_json, from_parquet, strict=True):
        assert json_row == parquet_row
        assert csv_row["indicator"] == json_row["indicator"]
        if json_row["new_value"] is not None:
            assert math.isclose(float(csv_row["new_value"]), json_row["new_value"])
        else:
            assert csv_row["new_value"] == ""
    markdown = rdd("diff", old, new, "--format", "markdown", "--status", "removed").stdout.splitlines()
    assert markdown[0].startswith("| sheet_id | indicator |") and len(markdown) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "parquet"], "--format parquet writes a file: give it with -o FILE"),
        (["--format", "xml"], "unknown format 'xml'"),
        (
            ["--status", "moved"],
            "unknown value 'moved' for --status (one of changed, unchanged, added, removed)",
        ),
        (["--status", "added,moved"], "unknown value 'moved' for --status"),
        (["--sort", "colour"], "unknown column 'colour' for --sort"),
        (["--pilier", "deux"], "--pilier takes pilier numbers, not deux"),
        (["--min-change", "beaucoup"], "--min-change takes a percentage such as 5% or a value such as 1000"),
    ],
)
def test_bad_diff_options(years: tuple[Path, Path, Edition], args: list[str], message: str) -> None:
    old, new, _ = years
    run = rdd("diff", old, new, *args)
    assert run.returncode == 2
    assert run.stderr.startswith("rdd: error: ") and message in run.stderr
    assert run.stderr.count("\n") == 1 and run.stdout == ""


def test_bad_tables(years: tuple[Path, Path, Edition], tmp_path: Path) -> None:
    old, _, _ = years
    not_parquet = tmp_path / "notes.parquet"
    not_parquet.write_text("bonjour", encoding="utf-8")
    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"a": [1]}), other)
    old_version = tmp_path / "v0.parquet"
    table = pq.read_table(old / "figures.parquet")
    meta = dict(table.schema.metadata or {})
    meta[b"rdd_extract.schema_version"] = b"0"
    pq.write_table(table.replace_schema_metadata(meta), old_version)
    cases = [
        (tmp_path / "missing", "does not exist"),
        (not_parquet, "is not a readable Parquet file"),
        (other, "is not a figures table (missing columns: report, year"),
        (old_version, "has figures schema version 0, this rdd reads versions 1, 2"),
    ]
    for path, message in cases:
        run = rdd("diff", old, path)
        assert run.returncode == 2, path
        assert run.stderr.startswith("rdd: error: ") and message in run.stderr, run.stderr
        assert "Traceback" not in run.stderr


def _as_schema(table: pa.Table, version: bytes) -> pa.Table:
    meta = dict(table.schema.metadata or {})
    meta[b"rdd_extract.schema_version"] = version
    return table.replace_schema_metadata(meta)


def test_a_schema_1_table_from_last_year_still_diffs(
    years: tuple[Path, Path, Edition], tmp_path: Path
) -> None:
    """rdd 0.1.0 wrote schema 1: no figure boxes. Diffing last year's tables is the yearly job."""
    old, _, _ = years
    table = pq.read_table(old / "figures.parquet")
    schema_1 = tmp_path / "schema-1.parquet"
    pq.write_table(_as_schema(table.drop_columns(list(BOX_COLUMNS)), b"1"), schema_1)
    run = rdd("diff", schema_1, old, "--format", "csv")
    assert run.returncode == 0, run.stderr
    statuses = {row["status"] for row in csv.DictReader(io.StringIO(run.stdout))}
    assert statuses == {"unchanged"}


def test_a_schema_1_table_takes_the_units_schema_2_split_out(tmp_path: Path) -> None:
    rows = [
        ("305 m²", "other", 305.0, "m2", 305.0),
        ("3 MWc", "count", 3.0, "kw", 3000.0),
        ("12 tCO2e", "t", 12.0, "t_co2e", 12.0),
        ("158 kg/hab", "kg", 158.0, "kg_per_inhabitant", 158.0),
        ("4 ans", "other", 4.0, "other", 4.0),
        ("120", "count", 120.0, "count", 120.0),
    ]
    base = {
        "report": "r-2021", "year": 2021, "pilier": None, "sheet_id": "s", "sheet_title": "S",
        "indicator": "i", "label": "l", "kind": "actual", "qualifier": None, "page": 3, "context": "c",
        "rule": "auto", "source": "r.txt",
    }  # fmt: skip
    records = [dict(base, raw=raw, unit=unit, value=value) for raw, unit, value, _, _ in rows]
    schema_1 = pa.schema([field for field in figures_schema() if field.name not in BOX_COLUMNS])
    path = tmp_path / "v1.parquet"
    pq.write_table(_as_schema(pa.Table.from_pylist(records, schema=schema_1), b"1"), path)
    table = read_figures(path)
    assert table.column("unit").to_pylist() == [unit for _, _, _, unit, _ in rows]
    assert table.column("value").to_pylist() == [value for _, _, _, _, value in rows]
    assert table.column("x0").null_count == len(rows)


def test_a_table_of_a_newer_schema_asks_for_an_upgrade(
    years: tuple[Path, Path, Edition], tmp_path: Path
) -> None:
    old, _, _ = years
    newer = tmp_path / "v3.parquet"
    pq.write_table(_as_schema(pq.read_table(old / "figures.parquet"), b"3"), newer)
    run = rdd("show", newer)
    assert run.returncode == 2
    assert run.stderr.startswith("rdd: error: ") and "upgrade rdd-extract" in run.stderr
    assert "schema version 3" in run.stderr and "Traceback" not in run.stderr


# --------------------------------------------------------------------------- show


def test_show_filters_and_columns(years: tuple[Path, Path, Edition]) -> None:
    old, _, _ = years
    run = rdd(
        "show",
        old,
        "--kind",
        "target",
        "--unit",
        "count",
        "--columns",
        "page,indicator,value",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == ["page", "indicator", "value"]
    assert {"page": "12", "indicator": "objectif_bornes", "value": "100"} in rows
    assert {"page": "12", "indicator": "bornes_installees", "value": "53"} not in rows  # actual, not target
    as_json = json.loads(
        rdd("show", old, "--sheet", "fonds-transition-energetique", "--format", "json").stdout
    )
    assert [(row["indicator"], row["value"], row["rule"]) for row in as_json] == [
        ("dossiers_valides", 154.0, "dossiers_valides"),
        ("dossiers_valides_annee_precedente", 148.0, "dossiers_valides_annee_precedente"),
        ("aides_attribuees", 332914.0, "aides_attribuees"),
        ("travaux", 3.0, "auto"),  # « bouquets 3 travaux »: a name, left to the generic detector
    ]
    pilier = list(csv.DictReader(io.StringIO(rdd("show", old / "figures.parquet", "--pilier", "2").stdout)))
    assert pilier and {row["page"] for row in pilier} <= {str(page) for page in range(13, 23)}


def test_show_all_columns_markdown_and_bad_column(years: tuple[Path, Path, Edition]) -> None:
    old, _, _ = years
    head = rdd("show", old, "--columns", "all", "--format", "markdown").stdout.splitlines()[0]
    assert head == (
        "| report | year | pilier | sheet_id | sheet_title | indicator | label | value | unit | kind "
        "| qualifier | page | raw | context | rule | source | x0 | top | x1 | bottom |"
    )
    bad = rdd("show", old, "--columns", "page,colour")
    assert bad.returncode == 2 and "unknown column 'colour'" in bad.stderr


def test_diffrow_as_dict_has_the_contract_columns() -> None:
    (row,) = diff_figures([figure("s", "x", 1)], [figure("s", "x", 2)])
    assert isinstance(row, DiffRow)
    assert list(row.as_dict()) == [
        "sheet_id", "indicator", "label", "unit", "old_value", "new_value", "change", "change_pct", "status",
        "old_page", "new_page", "note",
    ]  # fmt: skip


def test_json_output_has_no_nan_nor_infinity() -> None:
    """A table from elsewhere may hold them; strict JSON readers (jq) refuse both."""
    from rdd_extract.render import render

    rows = [{"value": math.inf}, {"value": -math.inf}, {"value": math.nan}, {"value": 1.5}]
    out = render(rows, ["value"], "json")
    assert "Infinity" not in out and "NaN" not in out
    assert json.loads(out) == [{"value": None}, {"value": None}, {"value": None}, {"value": 1.5}]


def test_show_and_diff_share_filters_sort_limit_and_output(
    years: tuple[Path, Path, Edition], tmp_path: Path
) -> None:
    old, new, _ = years
    rows = list(csv.DictReader(io.StringIO(rdd("show", old, "--format", "csv").stdout)))
    targets = [row for row in rows if row["kind"] == "target"]
    top = sorted(targets, key=lambda row: -float(row["value"]))[:3]
    run = rdd("show", old, "--kind", "target", "--sort", "-value", "--limit", "3", "--format", "csv")
    assert [row["raw"] for row in csv.DictReader(io.StringIO(run.stdout))] == [row["raw"] for row in top]
    # several keys: the first one first, the next one within its ties (a stable sort, as Python's)
    by_unit_then_value = sorted(targets, key=lambda row: (row["unit"], -float(row["value"])))
    run = rdd("show", old, "--kind", "target", "--sort", "unit,-value", "--format", "csv")
    assert [row["raw"] for row in csv.DictReader(io.StringIO(run.stdout))] == [
        row["raw"] for row in by_unit_then_value
    ]
    both = rdd("show", old, "--kind", "target,context", "--format", "csv").stdout
    repeated = rdd("show", old, "--kind", "target", "--kind", "context", "--format", "csv").stdout
    assert both == repeated and both.count("\n") - 1 == sum(
        row["kind"] in ("target", "context") for row in rows
    )
    bad = rdd("show", old, "--kind", "targets")
    assert (bad.returncode, bad.stderr) == (
        2,
        "rdd: error: unknown value 'targets' for --kind (one of actual, target, context)\n",
    )
    written = rdd("show", old, "-o", tmp_path / "figures.json", "--indicator", "dossiers_valides")
    assert written.returncode == 0 and written.stdout == ""
    assert [row["indicator"] for row in json.loads((tmp_path / "figures.json").read_text("utf-8"))] == [
        "dossiers_valides"
    ]
    as_markdown = rdd("show", old, "-o", tmp_path / "f.md", "--indicator", "dossiers_valides",
                      "--columns", "page,indicator,value,unit")  # fmt: skip
    assert as_markdown.returncode == 0 and as_markdown.stdout == ""
    assert (tmp_path / "f.md").read_text("utf-8") == (
        "| page | indicator | value | unit |\n|---|---|---|---|\n| 7 | dossiers_valides | 154 | count |\n"
    )
    diff_csv = rdd("diff", old, new, "--status", "removed,added", "-o", tmp_path / "d.csv")
    assert diff_csv.returncode == 0 and diff_csv.stdout == ""
    statuses = {row["status"] for row in csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text("utf-8")))}
    assert statuses == {"removed", "added"}
    assert "indicators compared:" in diff_csv.stderr and "4 shown" in diff_csv.stderr


# --------------------------------------------------------------------------- --min-change, in detail


def _threshold_rows() -> list[DiffRow]:
    old = [
        figure("s", "gone", 3),
        figure("s", "plus10", 100),  # +10: +10 %
        figure("s", "minus10", 100),  # -10: -10 %
        figure("s", "small", 100),  # +9.5: +9.5 %
        figure("s", "from0", 0),  # +5 from 0: no percentage
        figure("s", "same", 5),
    ]
    new = [
        figure("s", "plus10", 110),
        figure("s", "minus10", 90),
        figure("s", "small", 109.5),
        figure("s", "from0", 5),
        figure("s", "same", 5),
        figure("s", "new", 7),
    ]
    return diff_figures(old, new)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # added, removed and unchanged rows have no change to measure: a threshold keeps them
        ("10%", ["from0", "gone", "minus10", "new", "plus10", "same"]),  # from0: no percentage, kept
        ("9,5%", ["from0", "gone", "minus10", "new", "plus10", "same", "small"]),  # 9.5 % reaches 9.5 %
        ("10", ["gone", "minus10", "new", "plus10", "same"]),  # from0 changed by 5, small by 9.5
        ("5", ["from0", "gone", "minus10", "new", "plus10", "same", "small"]),
        ("11", ["gone", "new", "same"]),
    ],
)
def test_min_change_keeps_what_is_not_a_change(text: str, kept: list[str]) -> None:
    selected = select(_threshold_rows(), threshold=Threshold.parse(text))
    assert sorted(row.indicator for row in selected) == kept


def test_min_change_with_only_changed_drops_the_unchanged_but_keeps_added_and_removed() -> None:
    selected = select(_threshold_rows(), only_changed=True, threshold=Threshold.parse("10%"))
    assert sorted(row.indicator for row in selected) == ["from0", "gone", "minus10", "new", "plus10"]


@pytest.mark.parametrize(
    ("text", "threshold"),
    [
        ("2,5%", Threshold(2.5, percent=True)),  # a French decimal comma
        ("2,5", Threshold(2.5, percent=False)),
        (" 0,5 % ", Threshold(0.5, percent=True)),
        ("2.5%", Threshold(2.5, percent=True)),
        ("10 %", Threshold(10.0, percent=True)),
        ("1000", Threshold(1000.0, percent=False)),
    ],
)
def test_threshold_parse(text: str, threshold: Threshold) -> None:
    assert Threshold.parse(text) == threshold


@pytest.mark.parametrize("text", ["2,5,1%", "2,5.1", "1 000", "nan", "-0,5%"])
def test_threshold_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        Threshold.parse(text)


def _figures_file(path: Path, values: dict[str, float]) -> Path:
    """A figures.parquet of rule figures on one sheet, `values` by indicator."""
    template = Figure(
        "r", 2022, 1, "s", "S", "i", "i", 0.0, "count", "actual", None, 3, "0", "c", "i", "r.txt"
    )
    figures = [
        replace(template, indicator=name, label=name, value=value, raw=str(value), rule=name)
        for name, value in values.items()
    ]
    pq.write_table(figures_table(figures, {}), path)
    return path


def test_cli_min_change_with_a_decimal_comma_keeps_added_and_removed(tmp_path: Path) -> None:
    old = _figures_file(tmp_path / "old.parquet", {"gone": 3, "up2": 100, "up3": 100})
    new = _figures_file(tmp_path / "new.parquet", {"up2": 102, "up3": 103, "new": 7})
    run = rdd("diff", old, new, "--min-change", "2,5%", "--format", "json")
    assert run.returncode == 0, run.stderr
    # up2 moved 2 %, below 2.5 %; up3 moved 3 %; added and removed are always shown
    assert [(row["indicator"], row["status"]) for row in json.loads(run.stdout)] == [
        ("gone", "removed"),
        ("new", "added"),
        ("up3", "changed"),
    ]


def test_show_columns_are_trimmed_and_empty_names_skipped(tmp_path: Path) -> None:
    """`--columns 'page, value'` as typed in a shell: each name trimmed, empty ones (',,', a trailing
    comma) skipped; no --columns gives the default columns, 'all' every column in table order."""
    figures = _figures_file(tmp_path / "figures.parquet", {"gone": 3, "up": 100})
    for wanted in ("page, value", " page , value ,", ",page,,value,"):
        run = rdd("show", figures, "--columns", wanted, "--format", "csv")
        assert (run.returncode, run.stdout, run.stderr) == (0, "page,value\n3,3\n3,100\n", ""), wanted
    default = rdd("show", figures, "--format", "csv").stdout.splitlines()
    assert default == [
        "page,sheet_id,indicator,label,value,unit,kind,qualifier,raw,rule",
        "3,s,gone,gone,3,count,actual,,3,gone",
        "3,s,up,up,100,count,actual,,100,up",
    ]
    every = rdd("show", figures, "--columns", "all", "--format", "csv").stdout.splitlines()
    assert every[0] == (
        "report,year,pilier,sheet_id,sheet_title,indicator,label,value,unit,kind,qualifier,page,raw,"
        "context,rule,source,x0,top,x1,bottom"
    )
    # an unknown name is reported trimmed, as the user meant it
    bad = rdd("show", figures, "--columns", "page, colour")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("rdd: error: unknown column 'colour' (columns: report, year, pilier,")
    # only commas: no column named, an error rather than rows of nothing
    empty = rdd("show", figures, "--columns", " , ")
    assert empty.returncode == 2 and empty.stdout == ""
    assert empty.stderr.startswith("rdd: error: --columns names no column (columns: report, year, pilier,")


def test_diff_html_and_parquet_need_a_file_the_text_formats_do_not(tmp_path: Path) -> None:
    """html and parquet are files: without -o a user error (exit 2), not an internal one; with -o
    (or an -o FILE.html alone) they are written and named in the summary; csv goes to stdout."""
    old = _figures_file(tmp_path / "old.parquet", {"gone": 3, "up": 100})
    new = _figures_file(tmp_path / "new.parquet", {"up": 102, "new": 7})
    for fmt in ("html", "parquet"):
        run = rdd("diff", old, new, "--format", fmt)
        assert (run.returncode, run.stdout) == (2, "")
        assert run.stderr == f"rdd: error: --format {fmt} writes a file: give it with -o FILE\n"
    summary = "3 indicators compared: 1 changed, 0 unchanged, 1 added, 1 removed"
    page = tmp_path / "diff.html"
    run = rdd("diff", old, new, "--format", "html", "-o", page)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", f"{summary}; wrote {page}\n")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    inferred = tmp_path / "inferred.html"
    run = rdd("diff", old, new, "-o", inferred)
    assert (run.returncode, run.stderr) == (0, f"{summary}; wrote {inferred}\n") and inferred.exists()
    as_csv = rdd("diff", old, new, "--format", "csv")
    assert as_csv.returncode == 0 and as_csv.stderr == f"{summary}\n"
    assert as_csv.stdout.splitlines()[1:] == [
        "s,gone,gone,count,3,,,,removed,3,,",
        "s,new,new,count,,7,,,added,,3,",
        "s,up,up,count,100,102,2,2,changed,3,3,",  # +2 on 100: 2 %
    ]


# --------------------------------------------------------------------------- select's sheet, pilier, status


def _filter_rows() -> list[DiffRow]:
    """Four rows on three sheets and two piliers, one of each status."""
    old = [
        figure("a", "up", 1, pilier=1),
        figure("a", "same", 5, pilier=1),
        figure("b", "gone", 3, pilier=2),
    ]
    new = [
        figure("a", "up", 2, pilier=1),
        figure("a", "same", 5, pilier=1),
        figure("c", "new", 7, pilier=2),
    ]
    return diff_figures(old, new)


@pytest.mark.parametrize(
    ("piliers", "only_changed", "kept"),
    [
        ((), False, ["a/same", "a/up", "b/gone", "c/new"]),
        ((1,), False, ["a/same", "a/up"]),
        ((2,), False, ["b/gone", "c/new"]),
        ((1, 2), False, ["a/same", "a/up", "b/gone", "c/new"]),
        ((3,), False, []),
        ((), True, ["a/up", "b/gone", "c/new"]),
        ((1,), True, ["a/up"]),  # the filters add up: pilier 1 and changed
    ],
)
def test_select_keeps_the_piliers_asked_for(
    piliers: tuple[int, ...], only_changed: bool, kept: list[str]
) -> None:
    selected = select(_filter_rows(), piliers=piliers, only_changed=only_changed)
    assert sorted(f"{row.sheet_id}/{row.indicator}" for row in selected) == kept


@pytest.fixture
def decimals(tmp_path: Path) -> Path:
    """The tables of a one-line report whose only figure has four decimals."""
    source = tmp_path / "bilan-2022.txt"
    source.write_text("Bilan 2022 : 12,3456 tonnes de déchets collectées.\n", encoding="utf-8")
    run = rdd("extract", source, "-o", tmp_path / "out", "-q")
    assert run.returncode == 0, run.stderr
    return tmp_path / "out"


def test_the_terminal_table_rounds_to_two_decimals_csv_keeps_them_all(
    decimals: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line a row, whatever the terminal
    table = rdd("show", decimals, "--columns", "indicator,value,unit", "--format", "table")
    assert [line.split() for line in table.stdout.splitlines()] == [
        ["indicator", "value", "unit"],
        ["dechets-collectees", "12.35", "t"],
    ]
    csv_run = rdd("show", decimals, "--columns", "indicator,value", "--format", "csv")
    assert csv_run.stdout.splitlines() == ["indicator,value", "dechets-collectees,12.3456"]


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [
        ("--unit", "EURO", "EUR, percent, count, km, m, m2"),
        ("--kind", "réel", "actual, target, context"),
    ],
)
def test_show_refuses_a_unit_or_kind_outside_the_contract(
    decimals: Path, option: str, value: str, allowed: str
) -> None:
    run = rdd("show", decimals, option, value)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.startswith(f"rdd: error: unknown value '{value}' for {option} (one of {allowed}")
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize("name", ["out.html", "out.parquet"])
def test_show_refuses_an_output_suffix_it_does_not_write(decimals: Path, tmp_path: Path, name: str) -> None:
    # never csv under a name that says html or parquet: a reader of the file would fail later
    target = tmp_path / name
    run = rdd("show", decimals, "-o", target)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"rdd: error: {target}: this command does not write {target.suffix[1:]}; give --format "
        "(one of table, csv, json, markdown)\n"
    )
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "first_line"), [("out.csv", "indicator,value"), ("out.txt", "indicator,value")]
)
def test_show_writes_csv_for_a_csv_or_unknown_suffix(
    decimals: Path, tmp_path: Path, name: str, first_line: str
) -> None:
    run = rdd("show", decimals, "--columns", "indicator,value", "-o", tmp_path / name)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").splitlines()[0] == first_line


def test_review_of_a_folder_without_pages_parquet_is_one_error_line(decimals: Path) -> None:
    (decimals / "pages.parquet").unlink()
    run = rdd("review", decimals)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        f"rdd: error: {decimals / 'pages.parquet'} does not exist: give the output folder of rdd extract\n"
    )
    assert not (decimals / "review.html").exists()
