"""Untrusted inputs: any text through the reader and the cleaner, rule folders and tables from
elsewhere, long pages, and the time stamp that is only written when asked for."""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rdd_extract.clean import clean_text
from rdd_extract.figures import extract_figures
from rdd_extract.layout import Page, structure
from rdd_extract.quantities import UNITS, find_quantities, parse_number, read_quantity

from .conftest import REFERENCE_TEXT, rdd
from .longpage import long_page
from .nextyear import format_french

# Text made of the report's own ingredients: digits, French letters, the spaces and signs of figures.
report_alphabet = st.sampled_from(
    [
        *"0123456789 ,.%€+-:()\n\t'’«»•",
        *("\u00a0", "\u202f", "\ufffd", "M", "k", "km", "m3/an", "ha", "T."),
        *"abcdeéèfghilmnoprstuàçABCDEÉLMPRST",
    ]
)
report_like_text = st.lists(report_alphabet, max_size=200).map("".join)
# Digits and spaces of every script: `regex` knows some digits that `int` and `float` cannot read.
numeral_text = st.lists(
    st.one_of(report_alphabet, st.characters(categories=["Nd", "No", "Nl", "Zs"])), max_size=100
).map("".join)
any_text = st.text(max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(any_text, report_like_text, numeral_text))
def test_figures_are_spans_of_the_text_in_order_and_apart(text: str) -> None:
    """What the reader gives on any text: each raw text is the span it stands on (on one line when
    it runs over lines), figures come in text order and never overlap, values are finite, units and
    qualifiers are the contract's; the cleaner returns text the reader reads the same way."""
    for source in (text, clean_text(text)):
        found = find_quantities(source)
        for quantity in found:
            span = source[quantity.start : quantity.end]
            assert (" ".join(span.split()) if "\n" in span else span.strip()) == quantity.raw
            assert quantity.unit in UNITS and quantity.qualifier in (None, "approx", "at_least", "at_most")
            assert math.isfinite(quantity.value)
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))
        first = read_quantity(source)
        assert first == (found[0] if found else None)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_cleaning_twice_changes_nothing_more(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**12).map(float),
        st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False).map(float),
    ),
    st.sampled_from([0, 1, 2]),
)
def test_french_formatting_reads_back(value: float, decimals: int) -> None:
    written = format_french(value, decimals)
    assert parse_number(written) == pytest.approx(round(value, decimals), abs=10**-decimals)
    (quantity,) = find_quantities(f"soit {written} € investis")
    assert quantity.unit == "EUR"
    assert quantity.value == pytest.approx(round(value, decimals), abs=10**-decimals)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(any_text, report_like_text, numeral_text), min_size=1, max_size=4))
def test_structure_and_detection_never_raise(texts: list[str]) -> None:
    pages = tuple(Page(number, clean_text(text), False) for number, text in enumerate(texts, start=1))
    document = structure(pages, "fuzz.txt")
    assert len(document.page_sheet) == len(pages)
    for figure in extract_figures(document, "fuzz").figures:
        assert figure.page in range(1, len(pages) + 1)
        assert figure.kind in ("actual", "target", "context")


# Zero of scripts whose digits `regex` matches as \\d: Kirat Rai and Garay (Unicode 16, unknown
# to Python 3.11's int and float), Arabic-Indic, fullwidth.
OTHER_ZEROS = (0x16D70, 0x10D40, 0x0660, 0xFF10)


@pytest.mark.parametrize("zero", OTHER_ZEROS, ids=[f"U+{zero:04X}" for zero in OTHER_ZEROS])
def test_figures_in_other_digits_are_skipped_and_the_rest_is_read(tmp_path: Path, zero: int) -> None:
    from rdd_extract.pipeline import extract_report

    other_digits = {ord("0") + digit: zero + digit for digit in range(10)}
    text = REFERENCE_TEXT.read_text(encoding="utf-8")
    line = "(148 dossiers en 2021) 332 914 €"
    assert line in text
    report = tmp_path / "un-paragraphe.txt"
    report.write_text(text.replace(line, line.translate(other_digits)), "utf-8")
    everything = tmp_path / "tout.txt"
    everything.write_text(text.translate(other_digits), "utf-8")

    def rows(path: Path) -> list[tuple[str, float, int]]:
        return [(figure.raw, figure.value, figure.page) for figure in extract_report(path).figures]

    reference = rows(REFERENCE_TEXT)
    expected = [row for row in reference if row[:2] not in {("148", 148.0), ("332 914 €", 332914.0)}]
    assert len(expected) == len(reference) - 2
    assert rows(report) == expected
    assert rows(everything) == []


@pytest.mark.parametrize(
    "spelling",
    [lambda t: unicodedata.normalize("NFD", t), lambda t: t.replace("Béthune-Bruay", "Béthune\u00a0Bruay")],
    ids=["decomposed-accents", "no-break-space"],
)
def test_the_rule_family_is_found_however_the_name_is_encoded(
    tmp_path: Path, spelling: Callable[[str], str]
) -> None:
    from rdd_extract.pipeline import extract_report

    report = tmp_path / "rapport-2022.txt"
    report.write_text(spelling(REFERENCE_TEXT.read_text(encoding="utf-8")), encoding="utf-8")
    extraction = extract_report(report)
    assert extraction.rules is not None and extraction.rules.family == "cabbalr"
    assert extraction.report == "cabbalr-2022"
    assert extraction.result.totals() == (497, 0)


def test_a_long_page_gives_every_figure(tmp_path: Path) -> None:
    """One 3000-line page with 9000 figures (its time is `make bench` item (h)).

    Three figures a line; "a planté 1985 arbres" counts trees, so year-like numbers count too."""
    from rdd_extract.pipeline import extract_report

    path = tmp_path / "long.txt"
    path.write_text(long_page(), encoding="utf-8")
    figures = extract_report(path).figures
    assert len(figures) == 9000
    assert {figure.page for figure in figures} == {1}
    assert [figure.value for figure in figures[-3:]] == [2999.0, 2999 % 97, 2999 % 13]


# --------------------------------------------------------------------------- files from elsewhere


FAMILY = '[family]\nid = "x"\nname = "X"\nmatch = \'B[ée]thune\'\n'
SHEET = b'[sheet]\nid = "s"\ntitle = "S"\nmatch = \'x\'\n'
FIGURE = b'[[figure]]\nid = "f"\nlabel = "F"\npattern = \'{int:value}\'\nunit = "count"\nkind = "actual"\n'


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (b"\x00\x01\x02 binary \xff\xfe", "is not UTF-8 text"),
        (SHEET + b"pilier = 300\n", "pilier 300 is not a pilier number"),
        (SHEET + FIGURE + b"occurrence = -1\n", "occurrence counts from 1"),
        (b"__import__('os').system('echo pwned')\n", "invalid TOML"),
    ],
)
def test_hostile_rule_files_are_refused_cleanly(tmp_path: Path, sheet: bytes, message: str) -> None:
    family = tmp_path / "x"
    family.mkdir()
    (family / "_family.toml").write_text(FAMILY, encoding="utf-8")
    (family / "sheet.toml").write_bytes(sheet)
    run = rdd("extract", REFERENCE_TEXT, "-o", tmp_path / "out", "--rules", family)
    assert run.returncode == 2
    assert run.stderr.startswith("rdd: error: bad rules: ") and message in run.stderr
    assert "Traceback" not in run.stderr and "pwned" not in run.stdout + run.stderr
    assert not (tmp_path / "out").exists()


def test_a_slow_pattern_is_a_rule_error_not_a_hang(tmp_path: Path) -> None:
    family = tmp_path / "x"
    family.mkdir()
    (family / "_family.toml").write_text(FAMILY, encoding="utf-8")
    (family / "slow.toml").write_text(
        '[sheet]\nid = "fonds"\ntitle = "Fonds"\nmatch = \'fonds de transition\'\n'
        '[[figure]]\nid = "slow"\nlabel = "Lent"\npattern = \'(?:(?:\\p{L}|\\p{L}{2})+)+\\d{9}{int:value}\'\n'
        'unit = "count"\nkind = "actual"\n',
        encoding="utf-8",
    )
    run = rdd("extract", REFERENCE_TEXT, "-o", tmp_path / "out", "--rules", family, "--explain", "fonds")
    assert run.returncode == 0, run.stderr
    assert "slow [count, actual, line 6] ERROR: pattern timed out after 0.5 s on page 7" in run.stdout


def _with_column(table: pa.Table, name: str, values: pa.Array[Any]) -> pa.Table:
    index = table.schema.get_field_index(name)
    return table.set_column(index, pa.field(name, values.type), values)


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (
            lambda t: _with_column(t, "value", t.column("value").cast(pa.string())),
            "column value is string, not double",
        ),
        (
            lambda t: _with_column(t, "sheet_id", pa.nulls(len(t), pa.string())),
            "column sheet_id has empty values",
        ),
        (
            lambda t: _with_column(t, "value", pa.array([math.nan] + [1.0] * (len(t) - 1))),
            "column value holds NaN or infinity",
        ),
        (
            lambda t: _with_column(t, "value", pa.array([math.inf] * len(t))),
            "column value holds NaN or infinity",
        ),
    ],
    ids=["value-as-text", "null-sheet-id", "nan-value", "infinite-value"],
)
def test_tables_that_break_the_contract_are_refused(
    tmp_path: Path, spoil: Callable[[pa.Table], pa.Table], problem: str
) -> None:
    good = tmp_path / "good"
    assert rdd("extract", REFERENCE_TEXT, "-o", good, "-q").returncode == 0
    table = pq.read_table(good / "figures.parquet")
    bad = tmp_path / "bad.parquet"
    pq.write_table(spoil(table).replace_schema_metadata(table.schema.metadata), bad)
    for command in (("diff", good, bad), ("show", bad)):
        run = rdd(*command)
        assert run.returncode == 2
        assert run.stderr.strip() == f"rdd: error: {bad} is not a figures table ({problem})"


def test_an_empty_figures_table_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good"
    assert rdd("extract", REFERENCE_TEXT, "-o", good, "-q").returncode == 0
    empty = tmp_path / "empty.parquet"
    pq.write_table(pq.read_table(good / "figures.parquet").slice(0, 0), empty)
    assert rdd("show", empty, "--format", "json").stdout.strip() == "[]"
    run = rdd("diff", good, empty, "--format", "csv")
    assert run.returncode == 0
    assert {row.split(",")[-4] for row in run.stdout.splitlines()[1:]} == {"removed"}


def test_outputs_carry_a_time_only_when_asked(tmp_path: Path) -> None:
    plain, stamped = tmp_path / "plain", tmp_path / "stamped"
    assert rdd("extract", REFERENCE_TEXT, "-o", plain, "-q").returncode == 0
    assert rdd("extract", REFERENCE_TEXT, "-o", stamped, "-q", "--created-at").returncode == 0
    assert b"rdd_extract.created_at" not in (pq.read_schema(plain / "figures.parquet").metadata or {})
    created = pq.read_schema(stamped / "figures.parquet").metadata[b"rdd_extract.created_at"].decode()
    assert created.endswith("+00:00") and created[:2] == "20"
    assert pq.read_table(plain / "figures.parquet").equals(pq.read_table(stamped / "figures.parquet"))
