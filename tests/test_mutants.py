"""Tests that kill the mutants of issue 12: one-line bugs that once passed every test.

Each test names the bug it catches. A mutation run put each bug into the source, one at a
time, and the whole suite still passed; every test here fails when its bug is put back
(checked by re-applying each mutation), and asserts exact values rather than shapes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

import rdd_extract
from rdd_extract.compare import DiffRow, Threshold, diff_figures, select
from rdd_extract.contents import report_plan
from rdd_extract.errors import UserError
from rdd_extract.figures import page_quantities
from rdd_extract.layout import Page, detect_year, is_furniture, page_frame
from rdd_extract.pipeline import default_report_id
from rdd_extract.profile import GENERIC
from rdd_extract.quantities import Quantity, find_quantities, read_quantity
from rdd_extract.render import cell, rounded
from rdd_extract.rules import REGEX_TIMEOUT, check_rules
from rdd_extract.tables import pages_schema, sheets_schema, write_tables


def _figure(indicator: str, value: float, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "pilier": 1, "sheet_id": "fiche", "indicator": indicator, "label": indicator, "value": value,
        "unit": "count", "kind": "actual", "page": 7, "rule": indicator,
    }  # fmt: skip
    row.update(extra)
    return row


def _diff(old: float, new: float, indicator: str = "x", **extra: object) -> DiffRow:
    [row] = diff_figures([_figure(indicator, old, **extra)], [_figure(indicator, new, **extra)])
    return row


# --------------------------------------------------------------------------- 1. units m², km², km/h


@pytest.mark.parametrize(
    ("text", "value", "unit", "raw"),
    [
        ("305 m²", 305.0, "m2", "305 m²"),
        ("une toiture de 1 200 m2 rénovée", 1200.0, "m2", "1 200 m2"),
        ("12 mètres carrés", 12.0, "m2", "12 mètres carrés"),
        ("305 km²", 305.0, "km2", "305 km²"),
        ("30 km/h", 30.0, "other", "30 km/h"),
        ("une zone limitée à 30 km/h", 30.0, "other", "30 km/h"),
        ("12 km", 12.0, "km", "12 km"),
    ],
)
def test_surface_and_speed_units(text: str, value: float, unit: str, raw: str) -> None:
    """Bug: a unit mapping of `_UNITS` changed (m² read as `other`, km/h as `km`)."""
    quantity = read_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.unit, quantity.raw) == (value, unit, raw)


# --------------------------------------------------------------------------- 2. sign of a change


def test_a_decrease_has_a_negative_change_and_change_pct() -> None:
    """Bug: the sign of a change dropped in `rdd diff`."""
    row = _diff(200, 150)
    assert (row.status, row.old_value, row.new_value) == ("changed", 200.0, 150.0)
    assert (row.change, row.change_pct) == (-50.0, -25.0)


def test_an_increase_has_a_positive_change_and_change_pct() -> None:
    row = _diff(200, 250)
    assert (row.change, row.change_pct) == (50.0, 25.0)


def test_the_percentage_of_a_negative_old_value_follows_the_change() -> None:
    """-200 -> -150 rises by 50: +25 % of the old value's size, not -25 %."""
    row = _diff(-200, -150)
    assert (row.change, row.change_pct) == (50.0, 25.0)
    row = _diff(-200, -250)
    assert (row.change, row.change_pct) == (-50.0, -25.0)


# --------------------------------------------------------------------------- 3. --min-change at its edge


@pytest.mark.parametrize(
    ("text", "threshold", "at", "below"),
    [("25%", Threshold(25.0, True), "25", "24.5"), ("50", Threshold(50.0, False), "50", "49")],
)
def test_a_threshold_keeps_a_change_exactly_at_it(
    text: str, threshold: Threshold, at: str, below: str
) -> None:
    """Bug: `>=` made `>` in `Threshold.reached_by`: a change of exactly the threshold is kept.

    From 200, +50 and -50 are exactly 25 % and 50; +49 and -49 are just below both."""
    assert Threshold.parse(text) == threshold
    rows = [
        _diff(200, 250, f"up{at}"),
        _diff(200, 150, f"down{at}"),
        _diff(200, 249, f"up{below}"),
        _diff(200, 151, f"down{below}"),
    ]
    assert [row.indicator for row in select(rows, threshold=threshold)] == [f"up{at}", f"down{at}"]


# --------------------------------------------------------------------------- 4. rollback of a failed write


def _table(values: list[int]) -> pa.Table:
    return pa.table({"value": pa.array(values, pa.int64())})


def _fail_moving_in(
    monkeypatch: pytest.MonkeyPatch, outdir: Path, name: str
) -> Callable[[str | os.PathLike[str], str | os.PathLike[str]], None]:
    """Make `os.replace` fail when the staged table `name` is moved into `outdir`."""
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).name == name and Path(dst) == outdir / name:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return replace


def _staging_leftovers(outdir: Path) -> list[str]:
    return sorted(path.name for path in outdir.parent.iterdir() if path.name.startswith(f".{outdir.name}."))


def test_a_failed_write_puts_back_every_previous_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug: the rollback of a failed multi-table write restores only the last table."""
    outdir = tmp_path / "out"
    write_tables(outdir, {"a.parquet": _table([1]), "b.parquet": _table([2])})
    before = {name: (outdir / name).read_bytes() for name in ("a.parquet", "b.parquet")}
    _fail_moving_in(monkeypatch, outdir, "b.parquet")
    new = {"a.parquet": _table([10, 11]), "b.parquet": _table([20, 21]), "c.parquet": _table([30])}
    with pytest.raises(UserError, match="No space left on device"):
        write_tables(outdir, new)
    assert sorted(path.name for path in outdir.iterdir()) == ["a.parquet", "b.parquet"]
    assert {name: (outdir / name).read_bytes() for name in before} == before
    assert _staging_leftovers(outdir) == []


def test_a_failed_write_removes_a_new_table_it_moved_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table that did not exist before the failed write is not left behind."""
    outdir = tmp_path / "out"
    write_tables(outdir, {"a.parquet": _table([1])})
    before = (outdir / "a.parquet").read_bytes()
    _fail_moving_in(monkeypatch, outdir, "c.parquet")
    new = {"a.parquet": _table([10]), "b.parquet": _table([20]), "c.parquet": _table([30])}
    with pytest.raises(UserError):
        write_tables(outdir, new)
    assert sorted(path.name for path in outdir.iterdir()) == ["a.parquet"]
    assert (outdir / "a.parquet").read_bytes() == before
    assert _staging_leftovers(outdir) == []


# --------------------------------------------------------------------------- 5. regex time limit

# '(a+)+$' is the textbook catastrophic pattern, but the `regex` module optimises it and fails
# it at once. '(a|a)+$' has no such shortcut: 2**40 ways to split the a's before the 'b'.
_CATASTROPHIC = "(a|a)+$"
_RUNAWAY_TEXT = "a" * 40 + "b"
_DEADLINE = 10.0  # seconds; a search under the time limit takes REGEX_TIMEOUT (0.5 s) per call


def _run_with_deadline(code: str) -> subprocess.CompletedProcess[str]:
    """`code` in a child Python that imports this very rdd_extract, killed after `_DEADLINE` seconds."""
    source = str(Path(rdd_extract.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    try:
        return subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            env=env,
            timeout=_DEADLINE,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"a catastrophic regex ran past {_DEADLINE} s: the rules' time limit is gone")


def test_search_gives_up_on_a_catastrophic_pattern() -> None:
    """Bug: the time limit removed from `rules.search` (the family `match` search)."""
    code = f"""
        import time
        import regex
        from rdd_extract.rules import _FLAGS, search

        pattern = regex.compile({_CATASTROPHIC!r}, _FLAGS)
        started = time.monotonic()
        print(search(pattern, {_RUNAWAY_TEXT!r}), round(time.monotonic() - started, 1))
    """
    run = _run_with_deadline(code)
    assert run.returncode == 0, run.stderr
    found, seconds = run.stdout.split()
    assert found == "None"
    assert float(seconds) < 4 * REGEX_TIMEOUT + 1


def test_a_family_whose_match_runs_away_matches_nothing(tmp_path: Path) -> None:
    """Bug: `choose_rulepack` searching a family's `match` without the time limit."""
    family = tmp_path / "runaway"
    family.mkdir()
    (family / "_family.toml").write_text(
        f'[family]\nid = "runaway"\nname = "Runaway"\nmatch = {_CATASTROPHIC!r}\n', encoding="utf-8"
    )
    code = f"""
        from pathlib import Path
        from rdd_extract.rules import choose_rulepack

        print(choose_rulepack(Path({str(tmp_path)!r}), {_RUNAWAY_TEXT!r}))
    """
    run = _run_with_deadline(code)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "None"


def test_the_runaway_pattern_really_runs_away() -> None:
    """The two tests above prove something only if the pattern, unlimited, outlasts the limit."""
    import regex

    pattern = regex.compile(_CATASTROPHIC)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        pattern.search(_RUNAWAY_TEXT, timeout=REGEX_TIMEOUT)
    assert time.monotonic() - started >= REGEX_TIMEOUT


# --------------------------------------------------------------------------- 6. unit changes in the note


def test_a_unit_change_is_in_the_note() -> None:
    """Bug: unit changes left out of the diff's `note`."""
    [row] = diff_figures([_figure("co2", 12, unit="t")], [_figure("co2", 12, unit="t_co2e")])
    assert row.note == "unit t -> t_co2e"
    assert (row.unit, row.status) == ("t_co2e", "unchanged")


def test_a_unit_and_a_kind_change_are_both_in_the_note() -> None:
    [row] = diff_figures(
        [_figure("co2", 12, unit="t", kind="actual")], [_figure("co2", 10, unit="t_co2e", kind="target")]
    )
    assert row.note == "unit t -> t_co2e; kind actual -> target"


def test_no_note_when_unit_and_kind_stay() -> None:
    assert _diff(200, 150, unit="t").note is None


# --------------------------------------------------------------------------- 7. scale = 0


_SHEET = """[sheet]
id = "fiche"
title = "Une fiche"
match = 'une fiche'

[[figure]]
id = "dossiers"
label = "Dossiers"
pattern = '{{int:value}} dossiers'
unit = "count"
kind = "actual"
scale = {scale}
"""


def _problems_with_scale(root: Path, scale: str) -> list[tuple[str, int | None, str | None]]:
    family = root / "famille"
    family.mkdir(parents=True)
    (family / "_family.toml").write_text(
        '[family]\nid = "famille"\nname = "Famille"\nmatch = "fiche"\n', encoding="utf-8"
    )
    (family / "fiche.toml").write_text(_SHEET.format(scale=scale), encoding="utf-8")
    return [(problem.message, problem.line, problem.rule) for problem in check_rules(root)]


@pytest.mark.parametrize("scale", ["0", "0.0", "-0.0"])
def test_a_scale_of_zero_is_a_rule_problem(tmp_path: Path, scale: str) -> None:
    """Bug: a rule `scale = 0` accepted (every figure of the rule would read 0)."""
    assert _problems_with_scale(tmp_path, scale) == [("scale must be a finite number above 0", 7, "dossiers")]


@pytest.mark.parametrize("scale", ["0.001", "1000"])
def test_a_positive_scale_is_fine(tmp_path: Path, scale: str) -> None:
    assert _problems_with_scale(tmp_path, scale) == []


# --------------------------------------------------------------------------- 8. page numbers at line edges


def _figures_of(page: Page) -> list[tuple[float, str]]:
    return [(quantity.value, quantity.raw) for quantity in page_quantities(page)]


_PAGE_7 = (
    "Le fonds de transition énergétique 7\n"
    "Nombre de bornes de recharge installées 7\n"
    "Le service a accompagné 148 dossiers.\n"
    "Nombre de composteurs distribués 7\n"
    "La transition du territoire 7"
)


def test_a_running_title_ending_with_the_page_number_gives_no_figure() -> None:
    """Bug: the page-number filter at a page's first and last lines off by one, or disabled.

    The first and last lines end with the page number (a running title); the lines just
    inside them end with a figure of the same value, which is kept.
    """
    assert _figures_of(Page(7, _PAGE_7, False)) == [(7.0, "7"), (148.0, "148"), (7.0, "7")]
    kept = page_quantities(Page(7, _PAGE_7, False))
    lines = [_PAGE_7.count("\n", 0, quantity.start) for quantity in kept]
    assert lines == [1, 2, 3]


def test_blank_lines_do_not_move_the_page_edges() -> None:
    text = "\n\n  \n" + _PAGE_7 + "\n \n\n"
    assert _figures_of(Page(7, text, False)) == [(7.0, "7"), (148.0, "148"), (7.0, "7")]


def test_a_number_on_the_second_line_that_is_a_figure_is_kept() -> None:
    text = (
        "Le fonds de transition énergétique 12\n"
        "Bornes de recharge | 12\n"
        "Le service a accompagné 148 dossiers."
    )
    assert _figures_of(Page(12, text, False)) == [(12.0, "12"), (148.0, "148")]


# --------------------------------------------------------------------------- 9. page frame offsets


def _pages_with_footer_offset(offset: int, first: int = 11, count: int = 8) -> tuple[Page, ...]:
    return tuple(
        Page(
            number,
            f"Titre de la fiche\nLe service a accompagné {100 + number} dossiers.\nSuite du texte\n"
            f"CABBALR - RDD - p. {number + offset}",
            False,
        )
        for number in range(first, first + count)
    )


@pytest.mark.parametrize("offset", [-3, -1, 0, 2, 3])
def test_footers_printing_the_page_number_plus_an_offset_are_frame(offset: int) -> None:
    """Bug: `_follows_page_numbers`' offset range (-3..+3) reduced to 0 (or narrowed)."""
    assert page_frame(_pages_with_footer_offset(offset)) == frozenset({"CABBALR - RDD - p. #"})


def test_a_footer_above_a_last_line_is_frame() -> None:
    """Bug: the frame only looks at the very first and last line of each page (edge 2 -> 1)."""
    pages = tuple(
        Page(
            number,
            f"Titre de la fiche\nSuite du texte\nCABBALR - RDD - p. {number}\nImprimé sur papier recyclé",
            False,
        )
        for number in range(11, 19)
    )
    assert page_frame(pages) == frozenset({"CABBALR - RDD - p. #"})


def test_footers_without_the_page_number_are_not_frame() -> None:
    pages = tuple(
        Page(number, f"Titre de la fiche\nSuite du texte\nCABBALR - RDD - p. {number * 2}", False)
        for number in range(11, 19)
    )
    assert page_frame(pages) == frozenset()


# --------------------------------------------------------------------------- 10. staging folder


def test_the_staging_folder_is_beside_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug: the staging folder put on another filesystem than the output (`os.replace` then fails)."""
    real_mkdtemp = tempfile.mkdtemp
    calls: list[tuple[str | None, Path]] = []

    def mkdtemp(suffix: str | None = None, prefix: str | None = None, dir: str | Path | None = None) -> str:
        made = real_mkdtemp(suffix, prefix, dir)
        calls.append((None if dir is None else str(dir), Path(made)))
        return made

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    outdir = tmp_path / "deep" / "out"
    [written] = write_tables(outdir, {"figures.parquet": _table([1])})
    assert written == outdir / "figures.parquet"
    assert [(directory, made.parent) for directory, made in calls] == [(str(outdir.parent), outdir.parent)]
    assert not calls[0][1].exists()  # removed once the tables are in place


# --------------------------------------------------------------------------- 11. qualifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("supérieur à 50 %", (50.0, "percent", "at_least")),
        ("un taux supérieure à 12 %", (12.0, "percent", "at_least")),
        ("des débits supérieurs à 20 t", (20.0, "t", "at_least")),
        ("au moins 40 bornes", (40.0, "count", "at_least")),
        ("plus de 300 arbres", (300.0, "count", "at_least")),
        ("au plus 20 bornes", (20.0, "count", "at_most")),
        ("inférieur à 5 t", (5.0, "t", "at_most")),
        ("des rejets inférieurs à 8 kg", (8.0, "kg", "at_most")),
        ("moins de 15 %", (15.0, "percent", "at_most")),
        ("approximativement 300 arbres", (300.0, "count", "approx")),
        ("une centaine de 120 personnes", (120.0, "count", "approx")),
        ("environ 610 km", (610.0, "km", "approx")),
        ("300 arbres", (300.0, "count", None)),
    ],
)
def test_qualifiers_before_a_figure(text: str, expected: tuple[float, str, str | None]) -> None:
    """Bug: "supérieur à" losing `at_least` (a qualifier of `_QUALIFIER_BEFORE` dropped)."""
    found: list[Quantity] = find_quantities(text)
    assert [(quantity.value, quantity.unit, quantity.qualifier) for quantity in found] == [expected]


# --------------------------------------------------------------------------- held-out mutants, second run
# One-line bugs written after the suite, run against it; these six passed every test until now.


def _footed_pages(footer_on: Callable[[int], str | None], count: int = 12) -> tuple[Page, ...]:
    return tuple(
        Page(number, "Titre de la fiche\nSuite du texte\n" + (footer_on(number) or "Fin de page"), False)
        for number in range(1, count + 1)
    )


def test_a_footer_on_a_quarter_of_the_pages_is_frame() -> None:
    """Bug: the frame needs a footer on half the pages (len // 4 -> len // 2); 3 of 12 is enough."""
    pages = _footed_pages(lambda n: f"RDD 2022 - p. {n}" if n % 4 == 0 else None)
    assert page_frame(pages) == frozenset({"RDD # - p. #"})


def test_a_footer_whose_number_follows_the_page_on_half_the_pages_is_not_frame() -> None:
    """Bug: 80 % of a line's pages must carry the page number (0.8 -> 0.5); 6 of 12 is a figure line."""
    pages = _footed_pages(lambda n: f"Bilan : {n if n % 2 else n * 7} dossiers")
    assert page_frame(pages) == frozenset()


@pytest.mark.parametrize(("line", "page"), [("104", 104), ("  7 ", 7), ("999", 999)])
def test_a_lone_page_number_of_up_to_three_digits_is_furniture(line: str, page: int) -> None:
    """Bug: lone page numbers limited to two digits; a 120-page report prints page 104."""
    assert is_furniture(line, page)
    assert not is_furniture(line, page + 1)


def test_square_kilometres_spelt_out_are_km2() -> None:
    """Bug: 'kilomètres carrés' (plural) losing its unit."""
    found = find_quantities("Le territoire couvre 647 kilomètres carrés et 100 kilomètre carré boisé.")
    assert [(q.value, q.unit) for q in found] == [(647.0, "km2"), (100.0, "km2")]


def test_pages_and_sheets_tables_keep_their_documented_types() -> None:
    """Bug: a column's type changed (first_page int16 -> int32): models built on the tables break."""
    assert [(f.name, str(f.type)) for f in pages_schema()] == [
        ("page", "int16"), ("text", "string"), ("sheet_id", "string"), ("inferred", "bool"),
    ]  # fmt: skip
    assert [(f.name, str(f.type)) for f in sheets_schema()] == [
        ("sheet_id", "string"), ("title", "string"), ("pilier", "int8"), ("first_page", "int16"),
        ("last_page", "int16"), ("n_figures", "int32"), ("rules_matched", "int32"), ("rules_missed", "int32"),
    ]  # fmt: skip


def test_the_year_of_a_report_named_in_its_bottom_line_wins() -> None:
    """Bug: only the first lines of a page read for the report's year, not the last ones."""
    pages = tuple(
        Page(
            number,
            f"Titre\nEn 2021, 12 dossiers. En 2021, 4 visites. En 2021, 3 sites.\nActivités 2022 | {number}",
            False,
        )
        for number in range(1, 9)
    )
    assert detect_year(pages) == 2022


# --------------------------------------------------------------------------- held-out mutants, third run

_SHEET_TITLES = ("Le jardin partagé", "Les bornes de recharge", "La maison du vélo")


def _contents_and_sheets(count: int) -> list[tuple[int, str]]:
    titles = _SHEET_TITLES[:count]
    contents = "Sommaire\n" + "\n".join(f"{title} ..... {page}" for page, title in enumerate(titles, 3))
    return [(2, contents)] + [
        (page, f"{title}\nEn 2022, 12 dossiers.") for page, title in enumerate(titles, 3)
    ]


def test_a_contents_page_is_a_plan_from_three_sheets_found_on_their_pages() -> None:
    """Bug: two entries taken for a plan (_MIN_ENTRIES 3 -> 2); two lines of a page are no contents."""
    assert [(entry.page, entry.title) for entry in report_plan(_contents_and_sheets(3), (), GENERIC)] == [
        (3, "Le jardin partagé"), (4, "Les bornes de recharge"), (5, "La maison du vélo"),
    ]  # fmt: skip
    assert report_plan(_contents_and_sheets(2), (), GENERIC) == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ville-report-2022.pdf", "ville-2022"),
        ("Rapport_DD_Lens_2022.pdf", "lens-2022"),
        ("2022.txt", "rapport-2022"),
    ],
)
def test_a_report_id_drops_years_and_generic_words(name: str, expected: str) -> None:
    """Bug: 'report' kept in the id, so the English-named file of the same report gets another id."""
    assert default_report_id(Path(name), 2022) == expected


@pytest.mark.parametrize(("value", "shown"), [(1.256, 1.26), (0.125, 0.12), (-3.004, -3.0), (7.0, 7.0)])
def test_the_terminal_shows_two_decimals(value: float, shown: float) -> None:
    """Bug: one decimal on the terminal; '1,26 %' is what the report prints."""
    assert rounded(value) == shown


@pytest.mark.parametrize(
    ("value", "text"), [(123456.0, "123456"), (1726000.0, "1726000"), (2.5, "2.5"), (None, "")]
)
def test_a_whole_number_shows_no_decimal_point(value: float | None, text: str) -> None:
    """Bug: whole numbers over 100 000 printed as '123456.0' in text and csv cells."""
    assert cell(value) == text
