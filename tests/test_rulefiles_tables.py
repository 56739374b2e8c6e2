"""Rule files, family files, macros files, a family's [layout] table, and the Parquet tables.

Every validation message is asserted whole, every option's default and effect, every edge of a
limit on both sides, and the contract of the tables (schema, metadata, checks on reading, atomic
writes, the schema-1 upgrade). Paths in messages are shown with the rules root replaced by 'R'.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from rdd_extract import rules as rules_module
from rdd_extract.errors import UserError
from rdd_extract.figures import Figure, extract_figures
from rdd_extract.layout import Document, Page, Sheet
from rdd_extract.pipeline import Extraction, extract_report
from rdd_extract.profile import GENERIC, _alternatives, profile_from
from rdd_extract.rules import (
    REGEX_TIMEOUT,
    RuleProblem,
    RulesError,
    bundled_rules_root,
    check_rules,
    choose_rulepack,
    compile_rule_pattern,
    expand,
    family_dirs,
    family_id_ok,
    load_rulepack,
    search,
)
from rdd_extract.tables import (
    BOX_COLUMNS,
    NULLABLE_FIGURE_COLUMNS,
    READABLE_VERSIONS,
    SCHEMA_VERSION,
    diff_schema,
    diff_table,
    figures_schema,
    figures_table,
    pages_table,
    read_figures,
    sheets_table,
    table_metadata,
    write_table_file,
    write_tables,
    write_text_file,
    write_text_files,
    write_tree,
)

from .conftest import rdd
from .test_rules import FAMILY, make_family  # one family header and folder maker for the rule tests

# The figure rule's `id` is on line 8, the sheet's `match` on line 5.
SHEET = """[sheet]
id = "fonds"
title = "Le Fonds de transition"
pilier = 1
match = 'fonds de transition'

[[figure]]
id = "dossiers"
label = "Dossiers validés"
pattern = '{int:value} dossiers'
unit = "count"
kind = "actual"
"""
SHEET_HEAD = SHEET.split("[[figure]]")[0]
BUNDLED_INT = r"\d{1,3}(?:[  ]\d{3})+(?!\d)|\d+"  # the `int` of rules/macros.toml, as written there


def problems_in(root: Path) -> list[str]:
    return [str(problem).replace(str(root), "R") for problem in check_rules(root)]


# --------------------------------------------------------------------------- RuleProblem, RulesError


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (RuleProblem("a.toml", "bad"), "a.toml: bad"),
        (RuleProblem("a.toml", "bad", 3), "a.toml:3: bad"),
        (RuleProblem("a.toml", "bad", 3, "rule"), "a.toml:3: rule: bad"),
        (RuleProblem("a.toml", "bad", None, "rule"), "a.toml: rule: bad"),
        (RuleProblem("a.toml", "bad", 0, "rule"), "a.toml: rule: bad"),  # line 0: not found in the file
    ],
)
def test_a_rule_problem_names_its_file_line_and_rule(problem: RuleProblem, text: str) -> None:
    assert str(problem) == text


def test_rules_error_tells_the_first_problem_and_how_many_more(tmp_path: Path) -> None:
    file = tmp_path / "fam" / "a.toml"
    one = RulesError([RuleProblem(str(file), "bad", 4, "r")])
    assert str(one) == f"bad rules: {file}:4: r: bad"
    assert one.problems == [RuleProblem(str(file), "bad", 4, "r")]
    # a file's problems point to its folder for `rdd rules check` (the folder need not exist)
    two = RulesError([RuleProblem(str(file), "bad"), RuleProblem(str(file), "worse")])
    assert str(two) == f"bad rules: {file}: bad (and 1 more; run 'rdd rules check {tmp_path / 'fam'}')"
    three = RulesError([RuleProblem(str(tmp_path), "x"), RuleProblem("b", "y"), RuleProblem("c", "z")])
    assert str(three) == f"bad rules: {tmp_path}: x (and 2 more; run 'rdd rules check {tmp_path}')"
    assert isinstance(three, UserError)  # exit 2 with one line, not an internal error


# --------------------------------------------------------------------------- family folders


def test_family_folders_are_the_sorted_subfolders_with_a_family_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as error:
        family_dirs(tmp_path / "nope")
    assert str(error.value) == f"rules folder {tmp_path / 'nope'} does not exist"
    make_family(tmp_path, {"s.toml": SHEET}, name="zeta")
    make_family(tmp_path, {"s.toml": SHEET}, name="alpha")
    (tmp_path / "notes").mkdir()  # a folder without _family.toml is not a family
    (tmp_path / "readme.toml").write_text("x = 1\n", encoding="utf-8")
    assert family_dirs(tmp_path) == [tmp_path / "alpha", tmp_path / "zeta"]
    assert family_dirs(tmp_path / "alpha") == [tmp_path / "alpha"]  # a family folder given itself


def test_a_folder_without_any_family_is_one_problem(tmp_path: Path) -> None:
    assert problems_in(tmp_path) == ["R: no family folder (a folder with a _family.toml) found"]


def test_every_family_of_a_root_is_checked(tmp_path: Path) -> None:
    make_family(tmp_path, {"s.toml": SHEET.replace('kind = "actual"', 'kind = "x"')}, name="alpha")
    make_family(tmp_path, {"s.toml": SHEET.replace('unit = "count"', 'unit = "y"')}, name="beta")
    units = (
        "EUR, percent, count, km, m, m2, km2, ha, m3, m3_per_year, m3_per_day, l, t, kg, t_co2e, kwh, kw, h"
    )
    assert problems_in(tmp_path) == [
        "R/alpha/s.toml:8: dossiers: unknown kind 'x' (one of actual, target, context)",
        f"R/beta/s.toml:8: dossiers: unknown unit 'y' (one of {units}, fte, eur_per_inhabitant, "
        "kg_per_inhabitant, other)",
    ]


# --------------------------------------------------------------------------- sheet files, exactly

FIGURE_KEYS = "id, label, pattern, unit, kind, block, scale, qualifier, occurrence, all"


def _add(extra: str) -> str:
    return SHEET + extra


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            _add('colour = "bleu"\n'),
            [f"R/test/s.toml:8: dossiers: unknown key 'colour' in figure (expected {FIGURE_KEYS})"],
        ),
        (
            SHEET.replace("pilier = 1\n", 'pilier = 1\ncolour = "bleu"\n'),
            ["R/test/s.toml: unknown key 'colour' in sheet (expected id, title, pilier, match)"],
        ),
        # top-level keys other than [sheet] and [[figure]]: the first in sorted order is told
        (
            "zeta = 1\nalpha = 2\n" + SHEET,
            ["R/test/s.toml: unknown key 'alpha' (expected [sheet] and [[figure]])"],
        ),
        (
            SHEET_HEAD.replace("[sheet]", "[sheets]"),
            [
                "R/test/s.toml: unknown key 'sheets' (expected [sheet] and [[figure]])",
                "R/test/s.toml: missing [sheet] table",
            ],
        ),
        # a plural [[figures]] is a slip for [[figure]]: told, never read as rules nor skipped silently
        (
            SHEET_HEAD + '[[figures]]\nid = "x"\n',
            ["R/test/s.toml: unknown key 'figures' (expected [sheet] and [[figure]])"],
        ),
        ("sheet = 3\n", ["R/test/s.toml: missing [sheet] table"]),
        ("figure = 3\n" + SHEET_HEAD, ["R/test/s.toml: figures are [[figure]] tables"]),
        (
            "figure = [1, 2]\n" + SHEET_HEAD,
            [
                "R/test/s.toml: each [[figure]] must be a table",
                "R/test/s.toml: each [[figure]] must be a table",
            ],
        ),
        (
            SHEET.replace("match = 'fonds de transition'\n", ""),
            ["R/test/s.toml: missing field 'match' in sheet"],
        ),
        (SHEET.replace('id = "fonds"\n', ""), ["R/test/s.toml: missing field 'id' in sheet"]),
        (
            SHEET.replace('title = "Le Fonds de transition"\n', ""),
            ["R/test/s.toml: missing field 'title' in sheet"],
        ),
        (
            SHEET.replace('title = "Le Fonds de transition"', "title = 3"),
            ["R/test/s.toml: 'title' must be a str"],
        ),
        (SHEET.replace("pilier = 1", "pilier = true"), ["R/test/s.toml: 'pilier' must be a int"]),
        (SHEET.replace("pilier = 1", "pilier = 1.0"), ["R/test/s.toml: 'pilier' must be a int"]),
        (
            SHEET.replace("pilier = 1", "pilier = 0"),
            ["R/test/s.toml: pilier 0 is not a pilier number (1 to 9)"],
        ),
        (
            SHEET.replace("pilier = 1", "pilier = 10"),
            ["R/test/s.toml: pilier 10 is not a pilier number (1 to 9)"],
        ),
        (
            SHEET.replace('id = "fonds"', 'id = "Fonds"'),
            ["R/test/s.toml: sheet id 'Fonds' must be lowercase letters, digits, - or _"],
        ),
        (
            SHEET.replace('id = "fonds"', 'id = "_fonds"'),
            ["R/test/s.toml: sheet id '_fonds' must be lowercase letters, digits, - or _"],
        ),
        # the sheet's match pattern is told at its own line, with macros expanded
        (
            SHEET.replace("match = 'fonds de transition'", "match = '{nope}'"),
            ["R/test/s.toml:5: unknown macro {nope}"],
        ),
        (
            SHEET.replace("match = 'fonds de transition'", "match = 'fonds('"),
            ["R/test/s.toml:5: regex does not compile: missing ) at character 7 of the pattern: 'fonds('"],
        ),
        (
            SHEET.replace('label = "Dossiers validés"\n', ""),
            ["R/test/s.toml:8: dossiers: missing field 'label' in figure"],
        ),
        (
            SHEET.replace('label = "Dossiers validés"', "label = 3"),
            ["R/test/s.toml:8: dossiers: 'label' must be a str"],
        ),
        (
            SHEET.replace("pattern = '{int:value} dossiers'\n", ""),
            ["R/test/s.toml:8: dossiers: missing field 'pattern' in figure"],
        ),
        (
            SHEET.replace('unit = "count"\n', ""),
            ["R/test/s.toml:8: dossiers: missing field 'unit' in figure"],
        ),
        (
            SHEET.replace('kind = "actual"\n', ""),
            ["R/test/s.toml:8: dossiers: missing field 'kind' in figure"],
        ),
        (SHEET.replace('unit = "count"', "unit = 7"), ["R/test/s.toml:8: dossiers: 'unit' must be a str"]),
        (
            SHEET.replace('id = "dossiers"\n', ""),
            [
                "R/test/s.toml: ?: missing field 'id' in figure",
                "R/test/s.toml: ?: id must be lowercase letters, digits, - or _, not '?'",
            ],
        ),
        (
            SHEET.replace('id = "dossiers"', 'id = "Dossiers"'),
            ["R/test/s.toml:8: Dossiers: id must be lowercase letters, digits, - or _, not 'Dossiers'"],
        ),
        # an id written in single quotes is found at its line too
        (
            SHEET.replace('id = "dossiers"', "id = 'Dos'"),
            ["R/test/s.toml:8: Dos: id must be lowercase letters, digits, - or _, not 'Dos'"],
        ),
        (SHEET.replace('id = "dossiers"', "id = 7"), ["R/test/s.toml:8: 7: 'id' must be a str"]),
        (
            SHEET.replace('kind = "actual"', 'kind = "achieved"'),
            ["R/test/s.toml:8: dossiers: unknown kind 'achieved' (one of actual, target, context)"],
        ),
        (
            _add('block = "footer"\n'),
            ["R/test/s.toml:8: dossiers: unknown block 'footer' (one of any, key, body, perspectives)"],
        ),
        (
            _add("block = 3\n"),
            [
                "R/test/s.toml:8: dossiers: 'block' must be a str",
                "R/test/s.toml:8: dossiers: unknown block '3' (one of any, key, body, perspectives)",
            ],
        ),
        (
            _add('qualifier = "about"\n'),
            ["R/test/s.toml:8: dossiers: unknown qualifier 'about' (one of approx, at_least, at_most)"],
        ),
        (
            _add("qualifier = 3\n"),
            [
                "R/test/s.toml:8: dossiers: 'qualifier' must be a str",
                "R/test/s.toml:8: dossiers: unknown qualifier '3' (one of approx, at_least, at_most)",
            ],
        ),
        (_add("occurrence = 0\n"), ["R/test/s.toml:8: dossiers: occurrence counts from 1"]),
        (_add("occurrence = -2\n"), ["R/test/s.toml:8: dossiers: occurrence counts from 1"]),
        (_add("occurrence = true\n"), ["R/test/s.toml:8: dossiers: 'occurrence' must be a int"]),
        (_add("occurrence = 1.5\n"), ["R/test/s.toml:8: dossiers: 'occurrence' must be a int"]),
        (_add("scale = 0\n"), ["R/test/s.toml:8: dossiers: scale must be a finite number above 0"]),
        (_add("scale = -0.5\n"), ["R/test/s.toml:8: dossiers: scale must be a finite number above 0"]),
        (_add("scale = inf\n"), ["R/test/s.toml:8: dossiers: scale must be a finite number above 0"]),
        (_add("scale = true\n"), ["R/test/s.toml:8: dossiers: 'scale' must be a float"]),
        (
            _add('scale = "2"\n'),
            [
                "R/test/s.toml:8: dossiers: 'scale' must be a float",
                "R/test/s.toml:8: dossiers: scale must be a finite number above 0",
            ],
        ),
        (_add('all = "yes"\n'), ["R/test/s.toml:8: dossiers: 'all' must be a bool"]),
        (
            SHEET.replace("{int:value}", "{int}"),
            ["R/test/s.toml:8: dossiers: pattern has no value group ({int:value}, (?P<value>...))"],
        ),
        (
            SHEET.replace("{int:value}", "{entier:value}"),
            ["R/test/s.toml:8: dossiers: unknown macro {entier}"],
        ),
        (
            SHEET.replace("pattern = '{int:value} dossiers'", "pattern = '{int:value} (dossiers'"),
            [
                "R/test/s.toml:8: dossiers: regex does not compile: "
                "missing ) at character 22 of the pattern: '{int:value} (dossiers'"
            ],
        ),
    ],
)
def test_each_problem_of_a_sheet_file_is_told_exactly(tmp_path: Path, text: str, expected: list[str]) -> None:
    make_family(tmp_path, {"s.toml": text})
    assert problems_in(tmp_path) == expected


@pytest.mark.parametrize(
    ("extra", "pilier"), [("", None), ("pilier = 1\n", 1), ("pilier = 9\n", 9)], ids=["none", "1", "9"]
)
def test_a_sheet_without_pilier_has_none(tmp_path: Path, extra: str, pilier: int | None) -> None:
    text = SHEET.replace("pilier = 1\n", extra)
    (sheet,) = load_rulepack(make_family(tmp_path, {"s.toml": text})).sheets
    assert (sheet.id, sheet.title, sheet.pilier, sheet.path) == (
        "fonds",
        "Le Fonds de transition",
        pilier,
        str(tmp_path / "test" / "s.toml"),
    )


@pytest.mark.parametrize(("scale", "value"), [("0.001", 0.001), ("1000", 1000.0), ("2.5", 2.5)])
def test_a_scale_above_zero_is_good_and_a_float(tmp_path: Path, scale: str, value: float) -> None:
    """An integer scale (TOML `1000`) is a float to the rule: the figure's value stays a float."""
    pack = load_rulepack(make_family(tmp_path, {"s.toml": _add(f"scale = {scale}\n")}))
    rule = pack.sheets[0].figures[0]
    assert (type(rule.scale), rule.scale) == (float, value)


def test_a_figure_rule_has_the_documented_defaults(tmp_path: Path) -> None:
    (rule,) = load_rulepack(make_family(tmp_path, {"s.toml": SHEET})).sheets[0].figures
    assert (rule.id, rule.label, rule.unit, rule.kind) == ("dossiers", "Dossiers validés", "count", "actual")
    assert (rule.block, rule.scale, rule.qualifier, rule.occurrence, rule.repeat) == (
        "any",
        1.0,
        None,
        1,
        False,
    )
    assert (rule.line, rule.source) == (8, "{int:value} dossiers")
    assert rule.pattern.pattern == rf"(?P<value>{BUNDLED_INT})\s+dossiers"


def test_a_figure_rule_takes_every_option_it_is_given(tmp_path: Path) -> None:
    text = _add('block = "key"\nscale = 1000\nqualifier = "at_least"\noccurrence = 3\nall = true\n')
    (rule,) = load_rulepack(make_family(tmp_path, {"s.toml": text})).sheets[0].figures
    assert (rule.block, rule.scale, rule.qualifier, rule.occurrence, rule.repeat) == (
        "key",
        1000.0,
        "at_least",
        3,
        True,
    )


def test_sheets_are_read_in_file_name_order_and_underscore_files_are_not_sheets(tmp_path: Path) -> None:
    second = SHEET.replace('id = "fonds"', 'id = "autre"')
    folder = make_family(tmp_path, {"b.toml": SHEET, "a.toml": second, "_notes.toml": "not [ toml"})
    assert problems_in(tmp_path) == []
    assert [sheet.id for sheet in load_rulepack(folder).sheets] == ["autre", "fonds"]


def test_a_bad_sheet_does_not_take_its_id_from_a_good_one(tmp_path: Path) -> None:
    """A sheet with a problem is told once: it is not a sheet, so the good file of its id is no duplicate."""
    make_family(tmp_path, {"a.toml": SHEET.replace("pilier = 1", "pilier = 0"), "b.toml": SHEET})
    assert problems_in(tmp_path) == ["R/test/a.toml: pilier 0 is not a pilier number (1 to 9)"]


def test_a_sheet_id_used_twice_is_told_at_the_second_file(tmp_path: Path) -> None:
    make_family(tmp_path, {"a.toml": SHEET, "b.toml": SHEET, "c.toml": SHEET})
    assert problems_in(tmp_path) == [
        "R/test/b.toml: sheet id 'fonds' is also used by R/test/a.toml",
        "R/test/c.toml: sheet id 'fonds' is also used by R/test/a.toml",
    ]


@pytest.mark.parametrize(
    "sheet_id",
    ["fonds 2022", "fonds/../x", "fonds.toml", "fondS", "fonds!", "", "Fonds", "-fonds", "../fonds"],
)
def test_the_whole_sheet_id_must_be_a_slug(tmp_path: Path, sheet_id: str) -> None:
    """A good start is not enough: 'fonds 2022' or 'fonds/../x' names a folder of the output."""
    make_family(tmp_path, {"s.toml": SHEET.replace('id = "fonds"', f'id = "{sheet_id}"')})
    assert problems_in(tmp_path) == [
        f"R/test/s.toml: sheet id '{sheet_id}' must be lowercase letters, digits, - or _"
    ]


@pytest.mark.parametrize("sheet_id", ["fonds", "f", "9", "fonds-2022", "fonds_v2", "fonds-", "2022_"])
def test_a_sheet_id_of_lowercase_letters_digits_dashes_and_underscores_is_good(
    tmp_path: Path, sheet_id: str
) -> None:
    """A letter or digit first, then any of them, '-' or '_' (even last)."""
    folder = make_family(tmp_path, {"s.toml": SHEET.replace('id = "fonds"', f'id = "{sheet_id}"')})
    assert problems_in(tmp_path) == []
    assert [sheet.id for sheet in load_rulepack(folder).sheets] == [sheet_id]


@pytest.mark.parametrize("rule_id", ["dossiers 2022", "dossiers/x", "dossiers."])
def test_the_whole_figure_id_must_be_a_slug(tmp_path: Path, rule_id: str) -> None:
    make_family(tmp_path, {"s.toml": SHEET.replace('id = "dossiers"', f'id = "{rule_id}"')})
    assert problems_in(tmp_path) == [
        f"R/test/s.toml:8: {rule_id}: id must be lowercase letters, digits, - or _, not '{rule_id}'"
    ]


@pytest.mark.parametrize("family_id", ["test 2", "test/x", "test."])
def test_the_whole_family_id_must_be_a_slug(tmp_path: Path, family_id: str) -> None:
    make_family(tmp_path, {"s.toml": SHEET}, family=FAMILY.replace('id = "test"', f'id = "{family_id}"'))
    assert problems_in(tmp_path) == [
        f"R/test/_family.toml: family id '{family_id}' must be a slug: lowercase letters, digits, - or _"
    ]


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    folder = make_family(tmp_path, {"s.toml": SHEET})
    (folder / "latin1.toml").write_bytes('[sheet]\ntitle = "Été"\n'.encode("latin-1"))
    (folder / "d.toml").mkdir()  # a folder named like a rule file
    (folder / "t.toml").write_text(SHEET.replace("[[figure]]", "[[figure]"), encoding="utf-8")
    assert problems_in(tmp_path) == [
        "R/test/d.toml: cannot read: Is a directory",
        "R/test/latin1.toml: is not UTF-8 text (a TOML file is UTF-8)",
        "R/test/t.toml:7: invalid TOML: Expected ']]' at the end of an array declaration "
        "(at line 7, column 9)",
    ]


def test_the_duplicate_of_a_rule_written_a_third_time_is_told_at_its_own_line(tmp_path: Path) -> None:
    figure = "\n[[figure]]" + SHEET.split("[[figure]]")[1]
    make_family(tmp_path, {"s.toml": SHEET + figure + figure})
    assert problems_in(tmp_path) == [
        "R/test/s.toml:15: dossiers: duplicate figure id (first at line 8)",
        "R/test/s.toml:22: dossiers: duplicate figure id (first at line 8)",
    ]


def test_an_occurrence_written_as_text_is_a_rule_problem(tmp_path: Path) -> None:
    """Once a TypeError: 'rdd rules check' ended in an internal error instead of the rule's problem."""
    make_family(tmp_path, {"s.toml": _add('occurrence = "2"\n')})
    assert problems_in(tmp_path)[0] == "R/test/s.toml:8: dossiers: 'occurrence' must be a int"


# --------------------------------------------------------------------------- family files


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        (
            '[familly]\nid = "x"\n',
            ["a family file holds a [family] table (id, name, match) and a [layout] table"],
        ),
        (
            FAMILY + "[other]\na = 1\n",
            ["a family file holds a [family] table (id, name, match) and a [layout] table"],
        ),
        (
            "layout = 3\n" + FAMILY,
            ["a family file holds a [family] table (id, name, match) and a [layout] table"],
        ),
        (FAMILY + 'colour = "x"\n', ["unknown key 'colour' in family (expected id, name, match)"]),
        (FAMILY.replace('name = "Famille de test"\n', ""), ["missing field 'name' in family"]),
        (FAMILY.replace("match = 'B[ée]thune'\n", ""), ["missing field 'match' in family"]),
        (FAMILY.replace('id = "test"', "id = 3"), ["'id' must be a str"]),
        (
            FAMILY.replace('id = "test"', 'id = "_test"'),
            ["family id '_test' must be a slug: lowercase letters, digits, - or _"],
        ),
        # a family's match uses no macro: it is read before any rule file
        (FAMILY.replace("'B[ée]thune'", "'{int}'"), ["unknown macro {int}"]),
        (
            FAMILY.replace("'B[ée]thune'", "'B(ethune'"),
            ["regex does not compile: missing ) at character 9 of the pattern: 'B(ethune'"],
        ),
        (
            FAMILY + "[layout]\ncolour = 1\ntitle_max = 5\npart_words = 3\n",
            [
                "[layout]: unknown layout key 'colour' (one of part_words, report_name, target_headings, "
                "dated_target_headings, title_max)",
                "[layout]: layout key 'part_words' must be a str",
                "[layout]: layout key 'title_max' must be between 10 and 200",
            ],
        ),
    ],
)
def test_each_problem_of_a_family_file_is_told_exactly(
    tmp_path: Path, family: str, expected: list[str]
) -> None:
    make_family(tmp_path, {"s.toml": SHEET}, family=family)
    assert problems_in(tmp_path) == [f"R/test/_family.toml: {message}" for message in expected]


def test_a_family_match_needs_no_value_group_and_ignores_case(tmp_path: Path) -> None:
    folder = make_family(tmp_path, {"s.toml": SHEET})
    pack = choose_rulepack(tmp_path, "COMMUNAUTÉ D'AGGLOMÉRATION DE BÉTHUNE-BRUAY")
    assert pack is not None and (pack.family, pack.name) == ("test", "Famille de test")
    assert choose_rulepack(folder, "Béthune") == pack  # the family folder itself given as the root
    assert choose_rulepack(tmp_path, "Ville de Lille") is None


def test_a_broken_family_never_matches_a_report(tmp_path: Path) -> None:
    make_family(tmp_path, {"s.toml": SHEET}, family=FAMILY.replace('id = "test"', 'id = "Bad"'), name="alpha")
    make_family(tmp_path, {"s.toml": SHEET}, name="beta")
    pack = choose_rulepack(tmp_path, "Béthune")
    assert (
        pack is not None and pack.family == "test" and pack.sheets[0].path.startswith(str(tmp_path / "beta"))
    )


def test_three_matching_families_name_the_first_two(tmp_path: Path) -> None:
    for name in ("gamma", "alpha", "beta"):
        make_family(
            tmp_path, {"s.toml": SHEET}, family=FAMILY.replace('id = "test"', f'id = "{name}"'), name=name
        )
    with pytest.raises(UserError) as error:
        choose_rulepack(tmp_path, "Béthune")
    assert str(error.value) == (
        f"two rule families match this report ({tmp_path / 'alpha' / '_family.toml'} and "
        f"{tmp_path / 'beta' / '_family.toml'}): choose one with --rules FOLDER"
    )


@pytest.mark.parametrize(
    ("family", "expected"),
    [("cabbalr", True), ("a-b_9", True), ("9x", True), ("", False), ("_x", False), ("-x", False),
     ("Abc", False), ("a/b", False), ("..", False), ("a.b", False), ("a b", False)],
)  # fmt: skip
def test_a_family_id_is_a_slug(family: str, expected: bool) -> None:
    assert family_id_ok(family) is expected


# --------------------------------------------------------------------------- macros files


@pytest.mark.parametrize(
    ("macros", "expected"),
    [
        ("int = '3'\n", ["a macros file holds one [macros] table of name = 'pattern'"]),
        (
            "[macros]\na = 'b'\n[other]\nc = 1\n",
            ["a macros file holds one [macros] table of name = 'pattern'"],
        ),
        (
            "[macros]\na = 3\n'1x' = 'b'\n'a-b' = 'c'\nok_9 = 'd'\n",
            [
                "macro 'a' must be a name = 'pattern' string",
                "macro '1x' must be a name = 'pattern' string",
                "macro 'a-b' must be a name = 'pattern' string",
            ],
        ),
    ],
)
def test_each_problem_of_a_macros_file_is_told_exactly(
    tmp_path: Path, macros: str, expected: list[str]
) -> None:
    make_family(tmp_path, {"s.toml": SHEET}, macros=macros)
    assert problems_in(tmp_path) == [f"R/macros.toml: {message}" for message in expected]


def test_a_rules_root_macro_overrides_the_bundled_one(tmp_path: Path) -> None:
    pattern = "'{int:value} {things}'"
    text = SHEET.replace("'{int:value} dossiers'", pattern)
    pack = load_rulepack(make_family(tmp_path, {"s.toml": text}, macros="[macros]\nthings = 'dossiers?'\n"))
    assert pack.sheets[0].figures[0].pattern.pattern == rf"(?P<value>{BUNDLED_INT})\s+(?:dossiers?)"
    other = tmp_path / "other"
    pack = load_rulepack(
        make_family(other, {"s.toml": text}, macros="[macros]\nint = '[0-9]+'\nthings = 'x'\n")
    )
    assert pack.sheets[0].figures[0].pattern.pattern == r"(?P<value>[0-9]+)\s+(?:x)"


def test_a_family_macros_file_overrides_the_root_one(tmp_path: Path) -> None:
    """DESIGN.md: a family folder may add its own macros.toml; it was once read as a sheet file too."""
    text = SHEET.replace("'{int:value} dossiers'", "'{int:value} {things}'")
    folder = make_family(tmp_path, {"s.toml": text}, macros="[macros]\nthings = 'dossiers'\n")
    (folder / "macros.toml").write_text("[macros]\nthings = 'projets'\n", encoding="utf-8")
    assert problems_in(tmp_path) == []
    assert load_rulepack(folder).sheets[0].figures[0].pattern.pattern.endswith(r"\s+(?:projets)")


def test_a_bad_macro_is_told_in_the_expanded_pattern(tmp_path: Path) -> None:
    """The pattern as written compiles (its macros stand for plain text): the error is regex's own,
    its position in the expansion '(?P<value>\\d+)\\s+(?:(x)', whose 23 characters lack a ')'."""
    text = SHEET.replace("'{int:value} dossiers'", r"'(?P<value>\d+) {bad}'")
    make_family(tmp_path, {"s.toml": text}, macros="[macros]\nbad = '(x'\n")
    assert problems_in(tmp_path) == [
        "R/test/s.toml:8: dossiers: regex does not compile: missing ) at position 23"
    ]


def _chain(length: int) -> dict[str, str]:
    """m1 -> m2 -> ... -> m<length> = 'x': macros nested `length` deep."""
    macros = {f"m{index}": f"{{m{index + 1}}}" for index in range(1, length)}
    macros[f"m{length}"] = "x"
    return macros


def test_macros_nest_ten_deep_but_not_eleven(tmp_path: Path) -> None:
    assert expand("{m1}", _chain(10)) == "(?:" * 10 + "x" + ")" * 10
    with pytest.raises(ValueError, match=r"^macros nest too deep \(a macro refers to itself\?\)$"):
        expand("{m1}", _chain(11))
    macros = "[macros]\nloop = '{loop}'\n"
    text = SHEET.replace("'{int:value} dossiers'", "'{int:value} {loop}'")
    make_family(tmp_path, {"s.toml": text}, macros=macros)
    assert problems_in(tmp_path) == [
        "R/test/s.toml:8: dossiers: macros nest too deep (a macro refers to itself?)"
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"a\N{BULLET} b", r"a\N{BULLET}\s+b"),  # \N{...} is regex syntax, not a macro
        (r"\P{Lu} {w}", r"\P{Lu}\s+(?:W)"),
        (r"a\ b", r"a\ b"),  # an escaped space stays one space
        (r"[\] ]x y", r"[\] ]x\s+y"),  # '\]' does not close the class: its space stays a space
        ("a{2,3} b", r"a{2,3}\s+b"),  # a quantifier is not a macro
        ("a ", r"a\s+"),
        ("a  ?b", r"a\s*b"),
        ("a   *b", r"a\s*b"),
        ("a  +b", r"a\s+b"),
        ("{w:value}{w}", "(?P<value>W)(?:W)"),
    ],
)
def test_expand_spaces_and_macro_references(pattern: str, expected: str) -> None:
    assert expand(pattern, {"w": "W"}) == expected


def test_a_drafted_pattern_uses_the_bundled_macros_and_ignores_case() -> None:
    found = compile_rule_pattern("{int:value} DOSSIERS").search("avec 1 186 dossiers validés")
    assert found is not None and (found.group(), found["value"]) == ("1 186 dossiers", "1 186")
    amount = compile_rule_pattern("{eur:value} d'aides").search("soit 1,1 M€ d'aides")
    assert amount is not None and amount["value"] == "1,1 M€"


def test_search_gives_up_after_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """(a|a)+$ tries 2**40 ways to split the a's before failing at the 'b': never done in time."""
    assert REGEX_TIMEOUT == 0.5  # the time a rule may take on one page, told in 'timed out after 0.5 s'
    pattern = compile_rule_pattern("(a|a)+$")
    monkeypatch.setattr(rules_module, "REGEX_TIMEOUT", 0.01)
    assert search(pattern, "a" * 40 + "b") is None
    found = search(compile_rule_pattern("b"), "a" * 40 + "b")
    assert found is not None and found.span() == (40, 41)


# --------------------------------------------------------------------------- packs: digest and cache


def test_the_digest_covers_the_family_macros_and_rule_files(tmp_path: Path) -> None:
    """sha256 over name NUL bytes of: _family.toml, the bundled then the root macros, the sheets by name."""
    folder = make_family(
        tmp_path,
        {"b.toml": SHEET, "a.toml": SHEET.replace('"fonds"', '"autre"')},
        macros="[macros]\nx = 'y'\n",
    )
    digest = hashlib.sha256()
    for path in (
        folder / "_family.toml",
        bundled_rules_root() / "macros.toml",
        tmp_path / "macros.toml",
        folder / "a.toml",
        folder / "b.toml",
    ):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    assert load_rulepack(folder).digest == digest.hexdigest()


def test_a_pack_is_read_again_when_a_macros_file_changes(tmp_path: Path) -> None:
    text = SHEET.replace("'{int:value} dossiers'", "'{int:value} {things}'")
    folder = make_family(tmp_path, {"s.toml": text}, macros="[macros]\nthings = 'a'\n")
    first = load_rulepack(folder)
    assert load_rulepack(folder) is first  # unchanged files: the compiled pack is kept
    (tmp_path / "macros.toml").write_text("[macros]\nthings = 'bbb'\n", encoding="utf-8")
    assert load_rulepack(folder).sheets[0].figures[0].pattern.pattern.endswith(r"\s+(?:bbb)")


def test_load_rulepack_raises_every_problem(tmp_path: Path) -> None:
    folder = make_family(
        tmp_path, {"s.toml": _add("occurrence = 0\n").replace('kind = "actual"', 'kind = "x"')}
    )
    with pytest.raises(RulesError) as error:
        load_rulepack(folder)
    path = folder / "s.toml"
    assert [str(problem) for problem in error.value.problems] == [
        f"{path}:8: dossiers: unknown kind 'x' (one of actual, target, context)",
        f"{path}:8: dossiers: occurrence counts from 1",
    ]


# --------------------------------------------------------------------------- how the options match

PAGE_7 = (
    "En 2022, 12 dossiers ont été validés et environ 15 dossiers instruits.\n\n154\ndossiers validés\n\n"
    "Perspectives\nEn 2023, 30 dossiers de plus.\n"
)
PAGE_8 = "Suite : 40 dossiers.\n"


def _run(
    tmp_path: Path, extra: str
) -> tuple[dict[str, tuple[int, int]], list[tuple[float, int, str, str | None]]]:
    pack = load_rulepack(make_family(tmp_path, {"s.toml": _add(extra)}))
    sheet = Sheet("s", "Le Fonds de transition", 2, 7, 8, "action")
    document = Document("t.txt", 2022, (Page(7, PAGE_7, False), Page(8, PAGE_8, False)), (sheet,), ("s", "s"))
    result = extract_figures(document, "t-2022", pack)
    named = [(f.value, f.page, f.raw, f.qualifier) for f in result.figures if f.rule == "dossiers"]
    return result.coverage(), named


@pytest.mark.parametrize(
    ("extra", "figures"),
    [
        ("", [(12.0, 7, "12", None)]),  # the first match only
        ("occurrence = 1\n", [(12.0, 7, "12", None)]),
        ("occurrence = 2\n", [(15.0, 7, "15", "approx")]),  # the detector's qualifier comes along
        ("occurrence = 3\n", [(154.0, 7, "154", None)]),
        ("occurrence = 5\n", [(40.0, 8, "40", None)]),  # counted over the sheet's pages
        ("all = false\noccurrence = 4\n", [(30.0, 7, "30", None)]),
        (
            "all = true\n",
            [
                (12.0, 7, "12", None),
                (15.0, 7, "15", "approx"),
                (154.0, 7, "154", None),
                (30.0, 7, "30", None),
                (40.0, 8, "40", None),
            ],
        ),
        ("block = 'key'\n", [(154.0, 7, "154", None)]),  # alone on its line, a lowercase caption below
        ("block = 'perspectives'\n", [(30.0, 7, "30", None)]),
        ("block = 'body'\n", [(12.0, 7, "12", None)]),
        (
            "block = 'body'\nall = true\n",
            [(12.0, 7, "12", None), (15.0, 7, "15", "approx"), (40.0, 8, "40", None)],
        ),
        ("block = 'body'\noccurrence = 3\n", [(40.0, 8, "40", None)]),  # occurrences count inside the block
        ("scale = 1000\n", [(12000.0, 7, "12", None)]),
        ("scale = 0.5\n", [(6.0, 7, "12", None)]),
        ("qualifier = 'at_most'\n", [(12.0, 7, "12", "at_most")]),
        ("qualifier = 'at_least'\noccurrence = 2\n", [(15.0, 7, "15", "at_least")]),  # the rule's wins
    ],
)
def test_the_options_of_a_rule_choose_its_figures(
    tmp_path: Path, extra: str, figures: list[tuple[float, int, str, str | None]]
) -> None:
    assert _run(tmp_path, extra) == ({"fonds": (1, 0)}, figures)


def test_an_occurrence_past_the_last_match_is_a_miss(tmp_path: Path) -> None:
    assert _run(tmp_path, "occurrence = 6\n") == ({"fonds": (0, 1)}, [])


def test_a_rule_pattern_ignores_case(tmp_path: Path) -> None:
    text = SHEET.replace("'{int:value} dossiers'", "'{int:value} DOSSIERS'").replace(
        "'fonds de transition'", "'FONDS'"
    )
    pack = load_rulepack(make_family(tmp_path, {"s.toml": text}))
    sheet = Sheet("s", "Le Fonds de transition", 2, 7, 7, "action")
    document = Document("t.txt", 2022, (Page(7, PAGE_8, False),), (sheet,), ("s",))
    result = extract_figures(document, "t-2022", pack)
    assert [(f.sheet_id, f.indicator, f.value) for f in result.figures] == [("fonds", "dossiers", 40.0)]


# --------------------------------------------------------------------------- a family's [layout] table


def test_the_generic_layout_profile() -> None:
    assert (GENERIC.target_headings, GENERIC.dated_target_headings, GENERIC.title_max) == (
        ("Perspectives", "Et demain", "À venir", "Prochaines étapes"),
        ("Objectifs", "Objectif", "Projets", "Ambitions", "Cap"),
        34,
    )


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("PILIER 2", "2"), ("Axe 3", "3"), ("Finalité 4 :", "4"), ("finalite 5.", "5"),
        ("Orientation 1 12", "1"), ("Partie 6", "6"), ("Chapitre 7", "7"), ("Thème 8", "8"), ("theme 9", "9"),
        ("Ambition 1", "1"), ("Défi 2", "2"), ("defi 3", "3"), ("Enjeu 4", "4"), ("Axe2", "2"),
        ("Axe 2 123", "2"), ("Axe 2 – 14", "2"),
        ("Pilier 0", None), ("AXE 10", None), ("Axe 2 1234", None), ("Section 2", None),
    ],
)  # fmt: skip
def test_the_generic_part_marks(line: str, part: str | None) -> None:
    found = GENERIC.part_mark.fullmatch(line)
    assert (found["part"] if found else None) == part


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("RAPPORT DE DÉVELOPPEMENT DURABLE - 2022 6", (None, "2022", "6")),
        ("rapport developpement durable 2022", (None, "2022", None)),
        ("Valmont · Rapport annuel 2022 · page 6", (None, "2022", "6")),
        ("Rapport d'activités 2021 p. 12", (None, "2021", "12")),
        ("Rapport d’activité 2023 | 4", (None, "2023", "4")),
        ("6 | Sarlieu Métropole – RDD 2022", ("6", "2022", None)),
        ("123 RDD 2022", ("123", "2022", None)),
        ("1234 RDD 2022", None),
        ("RDD 2022 999", (None, "2022", "999")),
        ("RDD 2022 1000", None),
        ("RDD 1999 4", None),
        ("Le RDD 2022 en bref", None),
        ("A" * 60 + " - RDD 2022 6", (None, "2022", "6")),  # up to 60 characters of a name before
        ("A" * 61 + " - RDD 2022 6", None),
    ],
)
def test_the_generic_footer(line: str, found: tuple[str | None, str, str | None] | None) -> None:
    match = GENERIC.footer.search(line)
    assert ((match["before"], match["year"], match["page"]) if match else None) == found


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("PILIER 2 Le climat PAGES 13 > 22", [("2", " Le climat ", "13", "22")]),
        (
            "Axe 1 Mobilité page 4>9\nAxe 2 Eau pages 10 > 12",
            [("1", " Mobilité ", "4", "9"), ("2", " Eau ", "10", "12")],
        ),
        ("Axe 1 Mobilité Axe 2 Eau pages 4 > 9", [("2", " Eau ", "4", "9")]),  # an entry never spans another
        ("Axe 1 " + "x" * 398 + " pages 4 > 9", [("1", " " + "x" * 398 + " ", "4", "9")]),  # a title of 400
        ("Axe 1 " + "x" * 399 + " pages 4 > 9", []),
        ("Pilier 0 Intro pages 1 > 2", []),
    ],
)
def test_the_generic_contents_entries(text: str, entries: list[tuple[str, str, str, str]]) -> None:
    found = [(m["part"], m["title"], m["first"], m["last"]) for m in GENERIC.contents_entry.finditer(text)]
    assert found == entries


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Perspectives", (None, None)), ("Et demain ?", (None, None)), ("À venir", (None, None)),
        ("Prochaines étapes", (None, None)), ("perspectives 2023 :", (None, "2023")),
        ("Objectifs", ("Objectifs", None)), ("Objectifs 2023", ("Objectifs", "2023")),
        ("Objectif : 2024", ("Objectif", "2024")), ("Projets 2023", ("Projets", "2023")),
        ("Ambitions 2025", ("Ambitions", "2025")), ("Cap 2030", ("Cap", "2030")),
        ("Perspectives 1999", None), ("Bilan", None), ("", None),
    ],
)  # fmt: skip
def test_the_generic_target_headings(line: str, found: tuple[str | None, str | None] | None) -> None:
    match = GENERIC.target_heading.fullmatch(line)
    assert ((match["dated"], match["year"]) if match else None) == found


def test_headings_are_tried_longest_first_and_none_is_no_heading() -> None:
    assert _alternatives(("a", "bbb", "cc")) == "bbb|cc|a"
    assert _alternatives(("Et demain ?",)) == r"Et\ demain\ \?"
    profile, problems = profile_from({"target_headings": [], "dated_target_headings": []})
    assert problems == []
    assert [profile.target_heading.fullmatch(line) for line in ("", "2023", "Perspectives")] == [None] * 3


def test_a_heading_is_literal_text_not_a_pattern() -> None:
    profile, problems = profile_from({"target_headings": ["Bilan ?", "(Suite)"]})
    assert problems == []
    assert profile.target_heading.fullmatch("Bilan ?") is not None
    assert profile.target_heading.fullmatch("(Suite)") is not None
    assert profile.target_heading.fullmatch("Suite") is None


NON_EMPTY = "must be a list of non-empty strings"
LAYOUT_KEYS = "part_words, report_name, target_headings, dated_target_headings, title_max"


@pytest.mark.parametrize(
    ("table", "problems"),
    [
        ({"report_name": True}, ["layout key 'report_name' must be a str"]),
        ({"part_words": 3}, ["layout key 'part_words' must be a str"]),
        ({"target_headings": "Perspectives"}, ["layout key 'target_headings' must be a list"]),
        (
            {"dated_target_headings": ["Cap", 2]},
            ["layout key 'dated_target_headings' must be a list of non-empty strings"],
        ),
        ({"title_max": 34.0}, ["layout key 'title_max' must be a int"]),
        ({"title_max": False}, ["layout key 'title_max' must be a int"]),
        ({"title_max": 9}, ["layout key 'title_max' must be between 10 and 200"]),
        ({"title_max": 10}, []),
        ({"title_max": 200}, []),
        ({"title_max": 201}, ["layout key 'title_max' must be between 10 and 200"]),
        ({"target_headings": ["Demain", " "]}, [f"layout key 'target_headings' {NON_EMPTY}"]),  # blank
        ({"dated_target_headings": [""]}, [f"layout key 'dated_target_headings' {NON_EMPTY}"]),
        ({"colour": 1, "size": 2}, [
            f"unknown layout key 'colour' (one of {LAYOUT_KEYS})",
            f"unknown layout key 'size' (one of {LAYOUT_KEYS})",
        ]),
    ],
)  # fmt: skip
def test_each_problem_of_a_layout_table(table: dict[str, object], problems: list[str]) -> None:
    assert profile_from(table)[1] == problems


@pytest.mark.parametrize(
    ("table", "name"), [({"part_words": "axe("}, "part_mark"), ({"report_name": "rdd("}, "footer")]
)
def test_a_layout_word_that_does_not_compile_is_one_problem(table: dict[str, object], name: str) -> None:
    """'axe(' spoils the part mark and the contents entry: told once, for the first pattern made of it."""
    (problem,) = profile_from(table)[1]
    assert problem.startswith(f"layout pattern does not compile ({name}): missing ) at position ")


def test_a_layout_table_gives_its_values_and_keeps_the_rest() -> None:
    profile, problems = profile_from(
        {
            "part_words": "axe",
            "report_name": "bilan",
            "target_headings": ["Demain"],
            "dated_target_headings": ["Cap"],
            "title_max": 50,
        }
    )
    assert problems == []
    assert (profile.part_words, profile.report_name, profile.target_headings, profile.dated_target_headings,
            profile.title_max) == ("axe", "bilan", ("Demain",), ("Cap",), 50)  # fmt: skip
    footer = profile.footer.search("BILAN 2022 - 4")
    assert footer is not None and (footer["year"], footer["page"]) == ("2022", "4")
    assert profile.part_mark.fullmatch("Pilier 2") is None
    assert profile_from({}) == (GENERIC, [])


# --------------------------------------------------------------------------- a family's [layout], end to end

# Six printed pages run together (no form feed), each ending with a footer that names the report
# 'Bilan Valmont': no generic report name ('rapport ... développement durable', 'rapport annuel', 'RDD').
_BODY = "la commune a poursuivi son travail en 2022 avec les habitants.\n"
FOOTED = "".join(f"{_BODY}Bilan Valmont 2022 - page {n}\n" for n in range(1, 7))
# Five pages split by form feeds: a cover, then two parts headed 'VOLET n' (not a generic part word).
VOLETS = "\f".join(
    [
        "Valmont\n\nLe bilan de la commune en 2022.\n",
        "VOLET 1\n",
        "Les jardins partagés\n\nEn 2022, 12 arbres plantés.\n",
        "VOLET 2\n",
        "Le compostage collectif\n\nEn 2022, 40 composteurs installés.\n",
    ]
)


def layout_family(root: Path, layout: str = "", name: str = "valmont") -> Path:
    """A family folder without sheets, chosen by 'Valmont' in the report, with this `[layout]` table."""
    folder = root / name
    folder.mkdir(parents=True)
    family = f'[family]\nid = "{name}"\nname = "Valmont"\nmatch = \'Valmont\'\n'
    (folder / "_family.toml").write_text(
        family + (f"\n[layout]\n{layout}" if layout else ""), encoding="utf-8"
    )
    return folder


def _report(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bilan-2022.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _page_texts(extraction: Extraction) -> list[tuple[int, str]]:
    return [(page.number, page.text) for page in extraction.document.pages]


def test_a_familys_report_name_cuts_an_unpaginated_text_at_its_footers(tmp_path: Path) -> None:
    """report_name = 'bilan valmont': each footer ends its page, numbered by the footer (the last page
    keeps the text's final newline). Chosen from the rules root by its match, or given as a folder."""
    layout_family(tmp_path / "rules", 'report_name = "bilan valmont"\n')
    report = _report(tmp_path, FOOTED)
    pages = [(n, f"{_BODY}Bilan Valmont 2022 - page {n}") for n in range(1, 6)]
    pages.append((6, f"{_BODY}Bilan Valmont 2022 - page 6\n"))
    for rules in (tmp_path / "rules", tmp_path / "rules" / "valmont"):
        extraction = extract_report(report, rules=rules)
        assert extraction.report == "valmont-2022"  # the family's id and the footers' year
        assert _page_texts(extraction) == pages
        assert all(page.inferred for page in extraction.document.pages)


def test_without_the_familys_report_name_an_unpaginated_text_is_one_page(tmp_path: Path) -> None:
    """The generic layout knows no 'Bilan Valmont' footer and finds no other page start in the prose:
    one page. A family whose _family.toml has no [layout] cuts as the generic layout does."""
    plain = layout_family(tmp_path / "rules", "", name="plain")
    report = _report(tmp_path, FOOTED)
    generic = extract_report(report, generic_only=True)
    assert generic.report == "bilan-2022"  # no family: the file's name
    assert _page_texts(generic) == [(1, FOOTED)]
    without_layout = extract_report(report, rules=plain)
    assert (without_layout.report, _page_texts(without_layout)) == ("plain-2022", [(1, FOOTED)])


def _sheets_of(extraction: Extraction) -> list[tuple[str, int, int, str, int | None]]:
    return [(s.sheet_id, s.first_page, s.last_page, s.kind, s.pilier) for s in extraction.document.sheets]


VOLET_SHEETS = [
    ("valmont", 1, 1, "intro", None),  # the cover, before any part
    ("pilier-1", 2, 2, "pilier", 1),
    ("jardins-partages", 3, 3, "action", 1),  # the leading article is no part of the slug
    ("pilier-2", 4, 4, "pilier", 2),
    ("compostage-collectif", 5, 5, "action", 2),
]
# 'VOLET 1' read generically: no part mark, no heading (five letters), no title line (a digit): the page
# continues the sheet before it, and with no part open every sheet is an intro sheet.
GENERIC_VOLET_SHEETS = [
    ("valmont", 1, 2, "intro", None),
    ("jardins-partages", 3, 4, "intro", None),
    ("compostage-collectif", 5, 5, "intro", None),
]


def test_a_familys_part_words_open_its_parts(tmp_path: Path) -> None:
    """part_words = 'volet': each 'VOLET n' page is a divider, the sheets after it actions of part n."""
    layout_family(tmp_path / "rules", 'part_words = "volet"\n')
    extraction = extract_report(_report(tmp_path, VOLETS), rules=tmp_path / "rules")
    assert _sheets_of(extraction) == VOLET_SHEETS
    assert [(f.value, f.pilier, f.sheet_id) for f in extraction.figures] == [
        (12.0, 1, "jardins-partages"),
        (40.0, 2, "compostage-collectif"),
    ]


def test_without_the_familys_part_words_volet_pages_open_no_part(tmp_path: Path) -> None:
    plain = layout_family(tmp_path / "rules", "", name="plain")
    report = _report(tmp_path, VOLETS)
    assert _sheets_of(extract_report(report, generic_only=True)) == GENERIC_VOLET_SHEETS
    assert _sheets_of(extract_report(report, rules=plain)) == GENERIC_VOLET_SHEETS


def test_a_familys_part_words_replace_the_generic_ones(tmp_path: Path) -> None:
    """The other way round: 'PILIER n' pages divide the generic way, not for a family of 'volet' only."""
    volet = layout_family(tmp_path / "rules", 'part_words = "volet"\n')
    report = _report(tmp_path, VOLETS.replace("VOLET", "PILIER"))
    assert _sheets_of(extract_report(report, generic_only=True)) == VOLET_SHEETS
    # For 'volet' alone, a 'PILIER n' page is no divider, and a line of capitals alone on its page is a
    # running title with no sheet title below it: the page continues the sheet before, as 'VOLET n' did.
    assert _sheets_of(extract_report(report, rules=volet)) == GENERIC_VOLET_SHEETS


def test_rdd_extract_summarises_the_parts_the_familys_layout_found(tmp_path: Path) -> None:
    """End to end: the summary's first line counts the parts and action sheets the family's layout cut."""
    layout_family(tmp_path / "rules", 'part_words = "volet"\n')
    plain = layout_family(tmp_path / "other", "", name="plain")
    report = _report(tmp_path, VOLETS)
    lines = []
    for rules in (tmp_path / "rules", plain):
        run = rdd("extract", report, "-o", tmp_path / "out", "--rules", rules)
        assert run.returncode == 0, run.stderr
        lines.append(run.stderr.splitlines()[0])
    assert lines == [
        "bilan-2022.txt: 5 pages, year 2022, 2 piliers, 2 action sheets, 2 figures (rules valmont)",
        "bilan-2022.txt: 5 pages, year 2022, 0 piliers, 0 action sheets, 2 figures (rules plain)",
    ]


def test_a_rule_sheets_title_cuts_an_unpaginated_text_where_it_is_spelt_out(tmp_path: Path) -> None:
    """Lines without a leading space start no page by themselves; the title of a rule sheet of the
    family, spelt out on a whole line, does. Without the family: one page."""
    family = layout_family(tmp_path / "rules")
    (family / "jardins.toml").write_text(
        '[sheet]\nid = "jardins"\ntitle = "Les jardins partagés"\npilier = 1\nmatch = \'jardins\'\n'
        + SHEET.split("\n\n", 1)[1].replace("dossiers", "arbres"),
        encoding="utf-8",
    )
    cover = "Valmont\nle bilan de la commune en 2022.\n"
    rest = "Les jardins partagés\nen 2022, 12 arbres plantés.\n"
    report = _report(tmp_path, cover + rest)
    assert _page_texts(extract_report(report, rules=family)) == [(1, cover.rstrip("\n")), (2, rest)]
    assert _page_texts(extract_report(report, generic_only=True)) == [(1, cover + rest)]


# --------------------------------------------------------------------------- tables: schema and rows


def test_the_figures_and_diff_schemas() -> None:
    assert (SCHEMA_VERSION, READABLE_VERSIONS) == ("2", ("1", "2"))
    assert [(f.name, str(f.type)) for f in figures_schema()] == [
        ("report", "string"), ("year", "int16"), ("pilier", "int8"), ("sheet_id", "string"),
        ("sheet_title", "string"), ("indicator", "string"), ("label", "string"), ("value", "double"),
        ("unit", "string"), ("kind", "string"), ("qualifier", "string"), ("page", "int16"), ("raw", "string"),
        ("context", "string"), ("rule", "string"), ("source", "string"), ("x0", "float"), ("top", "float"),
        ("x1", "float"), ("bottom", "float"),
    ]  # fmt: skip
    assert [(f.name, str(f.type)) for f in diff_schema()] == [
        ("sheet_id", "string"), ("indicator", "string"), ("label", "string"), ("unit", "string"),
        ("old_value", "double"), ("new_value", "double"), ("change", "double"), ("change_pct", "double"),
        ("status", "string"), ("old_page", "int16"), ("new_page", "int16"), ("note", "string"),
    ]  # fmt: skip
    assert NULLABLE_FIGURE_COLUMNS == ("pilier", "qualifier", "x0", "top", "x1", "bottom")


def _figure(indicator: str, value: float, sheet: str = "fonds", **extra: object) -> Figure:
    fields: dict[str, object] = {
        "report": "r-2022", "year": 2022, "pilier": 1, "sheet_id": sheet, "sheet_title": "Le Fonds",
        "indicator": indicator, "label": "Dossiers", "value": value, "unit": "count", "kind": "actual",
        "qualifier": None, "page": 7, "raw": str(value), "context": "Éte « 12 »", "rule": "auto",
        "source": "r.txt",
    }  # fmt: skip
    fields.update(extra)
    return Figure(**fields)  # type: ignore[arg-type]


def test_a_figures_table_holds_the_rows_and_sorted_metadata() -> None:
    figures = [
        _figure("a", 12.0),
        _figure("b", 1.5, pilier=None, qualifier="approx", x0=1.5, top=2.0, x1=3.0, bottom=4.0),
    ]
    table = figures_table(figures, {"zeta": "z", "alpha": "é"})
    assert table.schema == figures_schema().with_metadata(table.schema.metadata)
    assert list((table.schema.metadata or {}).items()) == [
        (b"rdd_extract.schema_version", b"2"),
        (b"rdd_extract.alpha", "é".encode()),
        (b"rdd_extract.zeta", b"z"),
    ]
    assert table.to_pylist() == [
        {"report": "r-2022", "year": 2022, "pilier": 1, "sheet_id": "fonds", "sheet_title": "Le Fonds",
         "indicator": "a", "label": "Dossiers", "value": 12.0, "unit": "count", "kind": "actual",
         "qualifier": None, "page": 7, "raw": "12.0", "context": "Éte « 12 »", "rule": "auto",
         "source": "r.txt", "x0": None, "top": None, "x1": None, "bottom": None},
        {"report": "r-2022", "year": 2022, "pilier": None, "sheet_id": "fonds", "sheet_title": "Le Fonds",
         "indicator": "b", "label": "Dossiers", "value": 1.5, "unit": "count", "kind": "actual",
         "qualifier": "approx", "page": 7, "raw": "1.5", "context": "Éte « 12 »", "rule": "auto",
         "source": "r.txt", "x0": 1.5, "top": 2.0, "x1": 3.0, "bottom": 4.0},
    ]  # fmt: skip


def test_an_empty_figures_table_keeps_its_schema_and_metadata() -> None:
    table = figures_table([], {"report": "r"})
    assert table.num_rows == 0
    assert table.schema.names == figures_schema().names
    assert table.schema.metadata == {b"rdd_extract.schema_version": b"2", b"rdd_extract.report": b"r"}


def _document() -> Document:
    sheets = (Sheet("a", "Fiche A", 1, 1, 2, "action"), Sheet("b", "Fiche B", None, 3, 3, "intro"))
    pages = (Page(1, "un", False), Page(2, "deux", True), Page(3, "trois", False))
    return Document("r.txt", 2022, pages, sheets, ("a", "a", "b"))


def test_pages_and_sheets_tables_hold_one_row_each() -> None:
    document = _document()
    pages = pages_table(document, {})
    assert pages.to_pylist() == [
        {"page": 1, "text": "un", "sheet_id": "a", "inferred": False},
        {"page": 2, "text": "deux", "sheet_id": "a", "inferred": True},
        {"page": 3, "text": "trois", "sheet_id": "b", "inferred": False},
    ]
    figures = [_figure("x", 1.0, "a"), _figure("y", 2.0, "a"), _figure("z", 3.0, "b")]
    sheets = sheets_table(document, figures, {"a": (2, 1)}, {})
    assert sheets.to_pylist() == [
        {"sheet_id": "a", "title": "Fiche A", "pilier": 1, "first_page": 1, "last_page": 2, "n_figures": 2,
         "rules_matched": 2, "rules_missed": 1},
        {"sheet_id": "b", "title": "Fiche B", "pilier": None, "first_page": 3, "last_page": 3, "n_figures": 1,
         "rules_matched": 0, "rules_missed": 0},
    ]  # fmt: skip


def test_a_page_longer_than_a_mebibyte_is_one_row() -> None:
    text = "x" * (3 << 20)
    document = Document("r.txt", 2022, (Page(1, text, False),), (), ("",))
    assert pages_table(document, {}).column("text").to_pylist() == [text]


def test_a_diff_table_holds_its_rows() -> None:
    row: dict[str, object] = {
        "sheet_id": "s", "indicator": "i", "label": "l", "unit": "count", "old_value": 2.0, "new_value": 3.0,
        "change": 1.0, "change_pct": 50.0, "status": "changed", "old_page": 7, "new_page": 8, "note": "",
    }  # fmt: skip
    table = diff_table([row], {"old": "a"})
    assert table.to_pylist() == [row]
    assert table.schema.metadata == {b"rdd_extract.schema_version": b"2", b"rdd_extract.old": b"a"}


# --------------------------------------------------------------------------- tables: writing


def _small(values: list[int]) -> pa.Table:
    return pa.table({"value": pa.array(values, pa.int64())})


def _beside(root: Path) -> list[str]:
    return sorted(path.name for path in root.parent.iterdir())


def test_tables_are_written_and_their_paths_returned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert write_tables(out, {"b.parquet": _small([1]), "a.parquet": _small([2])}) == [
        out / "b.parquet",
        out / "a.parquet",
    ]
    assert pq.read_table(out / "b.parquet").column("value").to_pylist() == [1]
    assert write_table_file(out / "a.parquet", _small([5, 6])) == out / "a.parquet"
    assert pq.read_table(out / "a.parquet").column("value").to_pylist() == [5, 6]
    assert sorted(path.name for path in out.iterdir()) == ["a.parquet", "b.parquet"]
    assert _beside(out) == ["out"]  # no staging folder left
    with pytest.raises(UserError) as error:
        write_table_file(out, _small([1]))
    assert str(error.value) == f"output {out} is a folder, not a file"


def test_a_tree_of_tables_keeps_the_other_files(tmp_path: Path) -> None:
    root = tmp_path / "out"
    write_tree(root, {"r1/figures.parquet": _small([1]), "figures/year=2022/r1.parquet": _small([2])})
    write_tree(root, {"r2/figures.parquet": _small([3]), "r1/figures.parquet": _small([4])})
    files = sorted(str(path.relative_to(root)) for path in root.rglob("*.parquet"))
    assert files == ["figures/year=2022/r1.parquet", "r1/figures.parquet", "r2/figures.parquet"]
    assert pq.read_table(root / "r1" / "figures.parquet").column("value").to_pylist() == [4]


def test_writing_where_a_file_is_in_the_way(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: write_tree(file, {"a.parquet": _small([1])}), f"output {file} exists and is not a folder"),
        (
            lambda: write_tables(file / "out", {"a.parquet": _small([1])}),
            f"cannot write to {file}: File exists",
        ),
        (lambda: write_text_file(file / "p.html", "x"), f"cannot write to {file / 'p.html'}: File exists"),
        (lambda: write_text_file(tmp_path, "x"), f"output {tmp_path} is a folder, not a file"),
    ]
    for write, message in cases:
        with pytest.raises(UserError) as error:
            write()
        assert str(error.value) == message


def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """`os.replace` fails when the staged table `name` is moved into place."""
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).name == name and "new" in Path(src).parts:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_a_failed_write_removes_the_output_folder_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "out"
    _fail_on(monkeypatch, "y.parquet")
    with pytest.raises(UserError) as error:
        write_tree(root, {"a/x.parquet": _small([1]), "b/y.parquet": _small([2])})
    assert str(error.value) == f"cannot write to {root}: No space left on device; nothing was changed"
    assert _beside(root) == []


def test_a_failed_write_keeps_an_existing_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "out"
    write_tree(root, {"keep.parquet": _small([0])})
    before = (root / "keep.parquet").read_bytes()
    _fail_on(monkeypatch, "y.parquet")
    with pytest.raises(UserError):
        write_tree(
            root, {"a/b/x.parquet": _small([1]), "keep.parquet": _small([9]), "c/y.parquet": _small([2])}
        )
    assert sorted(str(path.relative_to(root)) for path in root.rglob("*")) == ["keep.parquet"]
    assert (root / "keep.parquet").read_bytes() == before
    assert _beside(root) == ["out"]


@pytest.fixture
def umask_002() -> Iterator[None]:
    previous = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_002")
def test_a_text_file_is_written_whole_and_shareable(tmp_path: Path) -> None:
    """Mode 0o666 less the umask 0o002: 0o664, not mkstemp's private 0o600."""
    path = tmp_path / "deep" / "review.html"
    assert write_text_file(path, "Été\n") == path
    assert path.read_text(encoding="utf-8") == "Été\n"
    assert path.stat().st_mode & 0o777 == 0o664
    write_text_file(path, "bis")
    assert path.read_text(encoding="utf-8") == "bis"
    assert sorted(p.name for p in path.parent.iterdir()) == ["review.html"]


@pytest.mark.usefixtures("umask_002")
def test_a_folder_of_text_files_is_new_and_shareable(tmp_path: Path) -> None:
    """Mode 0o777 less the umask 0o002: 0o775, not mkdtemp's private 0o700."""
    folder = tmp_path / "family"
    assert write_text_files(folder, {"_family.toml": "a", "s.toml": "é"}) == [
        folder / "_family.toml",
        folder / "s.toml",
    ]
    assert [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())] == [
        ("_family.toml", "a"),
        ("s.toml", "é"),
    ]
    assert folder.stat().st_mode & 0o777 == 0o775
    for taken in (folder, folder / "s.toml"):
        with pytest.raises(UserError) as error:
            write_text_files(taken, {"x": "y"})
        assert str(error.value) == f"{taken} exists and is not an empty folder: give a new folder with -o"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert write_text_files(empty, {"x": "y"}) == [empty / "x"]
    assert (empty / "x").read_text(encoding="utf-8") == "y"
    with pytest.raises(UserError) as error:
        write_text_files(tmp_path / "bad", {"sub/x": "y"})
    assert str(error.value) == f"cannot write to {tmp_path / 'bad'}: No such file or directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "family"]


# --------------------------------------------------------------------------- tables: reading


def _write(path: Path, table: pa.Table, version: bytes | None = b"2") -> Path:
    meta = dict(table.schema.metadata or {})
    meta.pop(b"rdd_extract.schema_version", None)
    if version is not None:
        meta[b"rdd_extract.schema_version"] = version
    pq.write_table(table.replace_schema_metadata(meta), path)
    return path


def _good() -> pa.Table:
    return figures_table([_figure("a", 12.0), _figure("b", 3.0, pilier=None)], {"report": "r-2022"})


def test_table_metadata_drops_the_prefix_and_other_keys(tmp_path: Path) -> None:
    table = _good()
    meta = {**(table.schema.metadata or {}), b"pandas": b"{}"}
    path = tmp_path / "f.parquet"
    pq.write_table(table.replace_schema_metadata(meta), path)
    assert table_metadata(path) == {"schema_version": "2", "report": "r-2022"}
    text = tmp_path / "notes.parquet"
    text.write_text("bonjour", encoding="utf-8")
    with pytest.raises(UserError) as error:
        table_metadata(text)
    assert str(error.value).startswith(f"{text} is not a readable Parquet file (")


def test_a_figures_table_is_read_from_its_file_or_its_folder(tmp_path: Path) -> None:
    table = _good()
    _write(tmp_path / "figures.parquet", table)
    pq.write_table(_small([1]), tmp_path / "pages.parquet")  # another table of the output folder
    from_folder = read_figures(tmp_path)
    assert from_folder.to_pylist() == table.to_pylist()
    assert read_figures(tmp_path / "figures.parquet").to_pylist() == table.to_pylist()
    with pytest.raises(UserError) as error:
        read_figures(tmp_path / "nope")
    assert str(error.value) == f"{tmp_path / 'nope'} does not exist"
    with pytest.raises(UserError) as error:
        read_figures(tmp_path / "nope" / "figures.parquet")
    assert str(error.value) == f"{tmp_path / 'nope' / 'figures.parquet'} does not exist"
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError) as error:
        read_figures(tmp_path / "empty")
    assert str(error.value) == f"{tmp_path / 'empty' / 'figures.parquet'} does not exist"


def test_columns_come_back_in_contract_order_without_extras(tmp_path: Path) -> None:
    table = _good()
    shuffled = table.select(list(reversed(table.column_names))).append_column("extra", pa.array([1, 2]))
    read = read_figures(_write(tmp_path / "f.parquet", shuffled))
    assert read.column_names == figures_schema().names
    assert read.to_pylist() == table.to_pylist()


def test_nulls_are_allowed_in_the_nullable_columns_only(tmp_path: Path) -> None:
    table = _good()
    assert read_figures(_write(tmp_path / "ok.parquet", table)).column("pilier").to_pylist() == [1, None]
    for name in figures_schema().names:
        if name in NULLABLE_FIGURE_COLUMNS:
            continue
        field = table.schema.field(name)
        one_empty = pa.concat_arrays([pa.nulls(1, field.type), table.column(name).chunk(0).slice(1)])
        spoilt = table.set_column(table.schema.get_field_index(name), field, one_empty)  # one value of two
        path = _write(tmp_path / f"{name}.parquet", spoilt)
        with pytest.raises(UserError) as error:
            read_figures(path)
        assert str(error.value) == f"{path} is not a figures table (column {name} has empty values)"


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (lambda t: t.drop_columns(["report", "page"]), "missing columns: report, page"),
        (lambda t: t.drop_columns(["x0", "bottom"]), "missing columns: x0, bottom"),  # schema 2 has boxes
        (
            lambda t: t.set_column(1, pa.field("year", pa.int32()), t.column("year").cast(pa.int32())),
            "column year is int32, not int16",
        ),
        (
            lambda t: t.set_column(16, pa.field("x0", pa.float64()), t.column("x0").cast(pa.float64())),
            "column x0 is double, not float",
        ),
        (
            lambda t: t.set_column(7, "value", pa.array([1.0, -math.inf])),
            "column value holds NaN or infinity",
        ),
        (lambda t: t.set_column(7, "value", pa.array([math.nan, 1.0])), "column value holds NaN or infinity"),
    ],
    ids=["missing", "missing-boxes", "year-int32", "x0-double", "infinity", "nan"],
)
def test_tables_that_break_the_contract(
    tmp_path: Path, spoil: Callable[[pa.Table], pa.Table], problem: str
) -> None:
    path = _write(tmp_path / "bad.parquet", spoil(_good()))
    with pytest.raises(UserError) as error:
        read_figures(path)
    assert str(error.value) == f"{path} is not a figures table ({problem})"


UPGRADE = "this rdd reads up to 2): upgrade rdd-extract to read it"


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (b"3", f"was written by a newer rdd (figures schema version 3; {UPGRADE}"),
        (b"10", f"was written by a newer rdd (figures schema version 10; {UPGRADE}"),  # 10 > 2 as numbers
        (b"0", "has figures schema version 0, this rdd reads versions 1, 2"),
        (b"2.1", "has figures schema version 2.1, this rdd reads versions 1, 2"),
        (None, "has figures schema version ?, this rdd reads versions 1, 2"),
    ],
)  # fmt: skip
def test_the_schema_version_is_checked(tmp_path: Path, version: bytes | None, message: str) -> None:
    path = _write(tmp_path / "f.parquet", _good(), version)
    with pytest.raises(UserError) as error:
        read_figures(path)
    assert str(error.value) == f"{path} {message}"


def test_a_schema_1_table_gains_empty_boxes_and_only_its_split_units(tmp_path: Path) -> None:
    """Only units other, count, t and kg are read again, and only into a unit schema 2 added:
    '305 m²' written as EUR stays EUR, '12 km' under other stays other (km is no schema-2 unit)."""
    rows = [
        ("305 m²", "EUR", 305.0, "EUR", 305.0),
        ("12 km", "other", 12.0, "other", 12.0),
        ("305 m²", "other", 305.0, "m2", 305.0),
        ("3 MWc", "count", 3.0, "kw", 3000.0),
        ("12 tCO2e", "t", 12.0, "t_co2e", 12.0),
        ("158 kg/hab", "kg", 158.0, "kg_per_inhabitant", 158.0),
    ]
    figures = [_figure(f"i{n}", value, raw=raw, unit=unit) for n, (raw, unit, value, _, _) in enumerate(rows)]
    schema_1 = figures_table(figures, {}).drop_columns(list(BOX_COLUMNS))
    table = read_figures(_write(tmp_path / "v1.parquet", schema_1, b"1"))
    assert [
        (u, v)
        for u, v in zip(table.column("unit").to_pylist(), table.column("value").to_pylist(), strict=True)
    ] == [(unit, value) for _, _, _, unit, value in rows]
    boxes = [
        (name, str(table.schema.field(name).type), table.column(name).null_count) for name in BOX_COLUMNS
    ]
    assert boxes == [
        ("x0", "float", 6), ("top", "float", 6), ("x1", "float", 6), ("bottom", "float", 6),
    ]  # fmt: skip


def test_a_schema_1_table_missing_a_column_is_refused(tmp_path: Path) -> None:
    schema_1 = _good().drop_columns([*BOX_COLUMNS, "label"])
    path = _write(tmp_path / "v1.parquet", schema_1, b"1")
    with pytest.raises(UserError) as error:
        read_figures(path)
    assert str(error.value) == f"{path} is not a figures table (missing columns: label)"
