"""Rule files: loading, every validation problem with its message, macros, and how rules run."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import regex

from rdd_extract.errors import UserError
from rdd_extract.figures import extract_figures
from rdd_extract.layout import Document, Page, Sheet
from rdd_extract.outcomes import rule_reports
from rdd_extract.pipeline import Extraction, extract_report
from rdd_extract.rules import (
    RulesError,
    bundled_rules_root,
    check_rules,
    choose_rulepack,
    expand,
    family_dirs,
    load_rulepack,
)

from .conftest import REFERENCE_TEXT, rdd

FAMILY = """[family]
id = "test"
name = "Famille de test"
match = 'B[ée]thune'
"""
GOOD_SHEET = """[sheet]
id = "fonds-transition-energetique"
title = "Le Fonds de transition énergétique"
pilier = 1
match = 'fonds de transition'

[[figure]]
id = "dossiers_valides"
label = "Dossiers validés"
pattern = '{int:value} dossiers de particuliers valid[ée]s'
unit = "count"
kind = "actual"
"""


def make_family(
    root: Path,
    sheets: dict[str, str],
    family: str = FAMILY,
    macros: str | None = None,
    name: str = "test",
) -> Path:
    """A family folder `name` under the rules root `root`, with the root's own `macros.toml` when given
    (the bundled macros are read first either way, so none is needed for '{int}' and friends)."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "_family.toml").write_text(family, encoding="utf-8")
    if macros is not None:
        (root / "macros.toml").write_text(macros, encoding="utf-8")
    for file, text in sheets.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def problems_of(tmp_path: Path, text: str) -> list[str]:
    make_family(tmp_path, {"sheet.toml": text})
    return [str(problem) for problem in check_rules(tmp_path)]


def test_shipped_rules_are_valid() -> None:
    assert check_rules(bundled_rules_root()) == []
    pack = load_rulepack(bundled_rules_root() / "cabbalr")
    assert pack.family == "cabbalr"
    assert len(pack.sheets) == 54  # every action sheet of 2022 and the three intro pages
    assert sum(len(sheet.figures) for sheet in pack.sheets) == 497
    # two 2022 sheets print no figure: their files only name them, so their pages are bound
    assert [sheet.id for sheet in pack.sheets if not sheet.figures] == [
        "achats-durables",
        "corridor-ecologique-zones-activites",
    ]


def test_a_good_file_loads(tmp_path: Path) -> None:
    assert problems_of(tmp_path, GOOD_SHEET) == []
    pack = load_rulepack(tmp_path / "test")
    (sheet,) = pack.sheets
    assert (sheet.id, sheet.pilier, [figure.id for figure in sheet.figures]) == (
        "fonds-transition-energetique",
        1,
        ["dossiers_valides"],
    )
    assert sheet.figures[0].line == 8


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace('kind = "actual"', 'kind = "actual'), "invalid TOML"),
        (lambda t: t + 'colour = "red"\n', "unknown key 'colour' in figure"),
        (
            lambda t: t.replace("pilier = 1\n", 'pilier = 1\ncolour = "red"\n'),
            "unknown key 'colour' in sheet",
        ),
        (lambda t: t.replace('unit = "count"\n', ""), "missing field 'unit' in figure"),
        (lambda t: t.replace("match = 'fonds de transition'\n", ""), "missing field 'match' in sheet"),
        (lambda t: t.replace('unit = "count"', 'unit = "euros"'), "unknown unit 'euros'"),
        (lambda t: t.replace('kind = "actual"', 'kind = "achieved"'), "unknown kind 'achieved'"),
        (lambda t: t.replace("valid[ée]s'", "valid[ée]s('"), "regex does not compile"),
        (lambda t: t.replace("{int:value}", "{int}"), "pattern has no value group"),
        (lambda t: t.replace("{int:value}", "{integer:value}"), "unknown macro {integer}"),
        (lambda t: t + t[t.index("[[figure]]") :], "duplicate figure id"),
        (lambda t: t.replace("pilier = 1", 'pilier = "un"'), "'pilier' must be a int"),
        (lambda t: t + 'block = "footer"\n', "unknown block 'footer'"),
        (lambda t: t + "scale = inf\n", "scale must be a finite number above 0"),
        (lambda t: t + "scale = nan\n", "scale must be a finite number above 0"),
        (lambda t: t + "scale = -1000\n", "scale must be a finite number above 0"),
    ],
)
def test_each_bad_rule_is_reported_with_file_and_rule(tmp_path: Path, edit: object, expected: str) -> None:
    assert callable(edit)
    problems = problems_of(tmp_path, edit(GOOD_SHEET))
    assert problems, expected
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith(str(tmp_path / "test" / "sheet.toml")) for problem in problems)


def test_invalid_toml_gives_its_line(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD_SHEET.replace('kind = "actual"', 'kind = "actual'))
    assert problem.startswith(f"{tmp_path / 'test' / 'sheet.toml'}:12:")


def test_figure_problems_name_the_rule_and_its_line(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD_SHEET.replace('unit = "count"', 'unit = "euros"'))
    assert problem == (
        f"{tmp_path / 'test' / 'sheet.toml'}:8: dossiers_valides: unknown unit 'euros' "
        "(one of EUR, percent, count, km, m, m2, km2, ha, m3, m3_per_year, m3_per_day, l, t, kg, t_co2e, "
        "kwh, kw, h, fte, eur_per_inhabitant, kg_per_inhabitant, other)"
    )


def test_regex_error_message_is_the_regex_error(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD_SHEET.replace("valid[ée]s'", "valid[ée]s('"))
    assert "regex does not compile: missing )" in problem


def test_duplicate_sheet_ids_across_files(tmp_path: Path) -> None:
    make_family(tmp_path, {"a.toml": GOOD_SHEET, "b.toml": GOOD_SHEET})
    problems = [str(problem) for problem in check_rules(tmp_path)]
    assert problems == [
        f"{tmp_path / 'test' / 'b.toml'}: sheet id 'fonds-transition-energetique' is also used by "
        f"{tmp_path / 'test' / 'a.toml'}"
    ]


def test_a_bad_macros_file_is_reported(tmp_path: Path) -> None:
    make_family(tmp_path, {"a.toml": GOOD_SHEET}, macros="int = 3\n")
    problems = [str(problem) for problem in check_rules(tmp_path)]
    assert any("a macros file holds one [macros] table" in problem for problem in problems)


def test_load_rulepack_raises_with_every_problem(tmp_path: Path) -> None:
    bad = GOOD_SHEET.replace('unit = "count"', 'unit = "euros"').replace('kind = "actual"', 'kind = "x"')
    family = make_family(tmp_path, {"a.toml": bad})
    with pytest.raises(RulesError) as caught:
        load_rulepack(family)
    assert len(caught.value.problems) == 2
    assert str(caught.value).startswith("bad rules: ")
    assert f"(and 1 more; run 'rdd rules check {tmp_path / 'test'}')" in str(caught.value)


def test_not_a_rules_folder(tmp_path: Path) -> None:
    run = rdd("rules", "check", tmp_path / "nope")
    assert (run.returncode, run.stderr) == (
        2,
        f"rdd: error: rules folder {tmp_path / 'nope'} does not exist\n",
    )
    assert "no family folder" in str(check_rules(tmp_path)[0])


# --------------------------------------------------------------------------- macros


def test_spaces_match_any_whitespace_and_macros_expand() -> None:
    pattern = regex.compile(expand("{int:value} dossiers  de [ a-z]+", {"int": r"\d+"}))
    assert pattern.pattern == r"(?P<value>\d+)\s+dossiers\s+de\s+[ a-z]+"
    found = pattern.search("avec 154\ndossiers de\n\nparticuliers")
    assert found is not None and found["value"] == "154"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("120 ?km", r"120\s*km"), ("a *b", r"a\s*b"), ("a +b", r"a\s+b"), ("a  b", r"a\s+b"), ("[ ]x", "[ ]x")],
)
def test_optional_and_repeated_spaces(pattern: str, expected: str) -> None:
    assert expand(pattern, {}) == expected


def test_unicode_properties_are_not_macros() -> None:
    assert expand(r"\p{L}+ \P{Lu} {int:value}", {"int": r"\d+"}) == r"\p{L}+\s+\P{Lu}\s+(?P<value>\d+)"


def test_macros_nest_and_cycles_are_errors() -> None:
    assert expand("{b}", {"a": "x", "b": "{a}y"}) == "(?:(?:x)y)"
    with pytest.raises(ValueError, match="nest too deep"):
        expand("{a}", {"a": "{a}"})


def test_family_is_chosen_from_the_report_text(tmp_path: Path) -> None:
    make_family(tmp_path, {"a.toml": GOOD_SHEET})
    assert choose_rulepack(tmp_path, "Agglomération de Béthune-Bruay") is not None
    assert choose_rulepack(tmp_path, "Ville de Lille") is None


# --------------------------------------------------------------------------- running


def page_document(text: str, title: str = "Le Fonds de transition énergétique") -> Document:
    sheet = Sheet("fonds-transition", title, 1, 7, 7, "action")
    return Document("test.txt", 2022, (Page(7, text, False),), (sheet,), ("fonds-transition",))


def test_rules_claim_their_figures_and_rename_the_sheet(tmp_path: Path) -> None:
    pack = load_rulepack(make_family(tmp_path, {"a.toml": GOOD_SHEET}))
    text = "154\ndossiers de particuliers validés\n\n(148 dossiers en 2021) 332 914 € d'aides.\n"
    result = extract_figures(page_document(text), "test-2022", pack)
    rows = [(f.sheet_id, f.indicator, f.value, f.unit, f.kind, f.rule) for f in result.figures]
    assert rows == [
        ("fonds-transition-energetique", "dossiers_valides", 154.0, "count", "actual", "dossiers_valides"),
        ("fonds-transition-energetique", "dossiers", 148.0, "count", "context", "auto"),
        ("fonds-transition-energetique", "aides", 332914.0, "EUR", "actual", "auto"),
    ]
    assert result.coverage() == {"fonds-transition-energetique": (1, 0)}
    assert result.document.page_sheet == ("fonds-transition-energetique",)


def test_a_rule_that_misses_is_counted(tmp_path: Path) -> None:
    pack = load_rulepack(make_family(tmp_path, {"a.toml": GOOD_SHEET}))
    result = extract_figures(page_document("Rien ici.\n"), "test-2022", pack)
    assert result.coverage() == {"fonds-transition-energetique": (0, 1)}
    assert result.figures == ()


def test_a_value_group_that_is_no_readable_number_is_a_miss(tmp_path: Path) -> None:
    pack = load_rulepack(make_family(tmp_path, {"a.toml": GOOD_SHEET}))
    result = extract_figures(
        page_document("\U00010d41 dossiers de particuliers validés\n"), "test-2022", pack
    )
    assert result.coverage() == {"fonds-transition-energetique": (0, 1)}
    assert result.figures == ()


def test_a_value_too_large_once_scaled_is_a_miss(tmp_path: Path) -> None:
    huge = GOOD_SHEET.replace('kind = "actual"\n', 'kind = "actual"\nscale = 1e300\n')
    pack = load_rulepack(make_family(tmp_path, {"a.toml": huge}))
    result = extract_figures(
        page_document("1000000000 dossiers de particuliers validés\n"), "test-2022", pack
    )
    assert result.coverage() == {"fonds-transition-energetique": (0, 1)}
    assert all(math.isfinite(figure.value) for figure in result.figures)


def test_a_sheet_whose_title_is_not_found_is_unbound(tmp_path: Path) -> None:
    pack = load_rulepack(make_family(tmp_path, {"a.toml": GOOD_SHEET}))
    result = extract_figures(page_document("154 dossiers\n", title="Autre chose"), "test-2022", pack)
    assert [sheet.id for sheet in result.unbound] == ["fonds-transition-energetique"]
    assert result.outcomes == ()


def test_a_pathological_pattern_times_out_as_a_rule_error(tmp_path: Path) -> None:
    slow = GOOD_SHEET.replace(
        "'{int:value} dossiers de particuliers valid[ée]s'", r"'(?:(?:a|aa)+)+b{int:value} dossiers'"
    )
    pack = load_rulepack(make_family(tmp_path, {"a.toml": slow}))
    page = "a" * 60 + "c 154 dossiers\nEn 2022, 154 dossiers de particuliers ont été validés.\n"
    result = extract_figures(page_document(page), "test-2022", pack)
    (outcome,) = result.outcomes
    assert outcome.matches == ()
    assert outcome.error is not None and "timed out" in outcome.error
    # An error is reported as such, not as a miss with a "closest sentence" to fix the rule by.
    (report,) = rule_reports(result)
    assert (report.error, report.closest) == (outcome.error, None)


def test_block_key_only_matches_a_highlighted_figure(tmp_path: Path) -> None:
    keyed = GOOD_SHEET.replace('kind = "actual"\n', 'kind = "actual"\nblock = "key"\n')
    pack = load_rulepack(make_family(tmp_path, {"a.toml": keyed}))
    inline = extract_figures(page_document("Il y a 12 dossiers de particuliers validés.\n"), "t", pack)
    key = extract_figures(page_document("Bilan\n\n154\ndossiers de particuliers validés\n"), "t", pack)
    assert inline.coverage() == {"fonds-transition-energetique": (0, 1)}
    assert key.coverage() == {"fonds-transition-energetique": (1, 0)}


# --------------------------------------------------------------------------- CLI


def test_cli_rules_check_ok_and_bad(tmp_path: Path) -> None:
    ok = rdd("rules", "check")
    assert ok.returncode == 0 and ok.stderr.startswith("rules ok: 1 families")
    make_family(
        tmp_path, {"a.toml": GOOD_SHEET.replace('unit = "count"', 'unit = "x"'), "b.toml": "[sheet\n"}
    )
    bad = rdd("rules", "check", str(tmp_path))
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "a.toml:8: dossiers_valides: unknown unit 'x'" in lines[0]
    assert "b.toml:1: invalid TOML" in lines[1]
    assert "Traceback" not in bad.stderr


def test_cli_rules_list_formats(tmp_path: Path) -> None:
    make_family(tmp_path, {"a.toml": GOOD_SHEET})
    as_csv = rdd("rules", "list", str(tmp_path), "--format", "csv")
    assert as_csv.stdout.splitlines() == [
        "family,sheet_id,pilier,indicator,label,unit,kind,block",
        "test,fonds-transition-energetique,1,dossiers_valides,Dossiers validés,count,actual,any",
    ]
    as_json = json.loads(rdd("rules", "list", str(tmp_path), "--format", "json").stdout)
    assert as_json == [
        {
            "family": "test", "sheet_id": "fonds-transition-energetique", "pilier": 1,
            "indicator": "dossiers_valides", "label": "Dossiers validés", "unit": "count",
            "kind": "actual", "block": "any",
        }
    ]  # fmt: skip
    unknown = rdd("rules", "list", str(tmp_path), "--sheet", "nope")
    assert unknown.returncode == 2 and "no sheet 'nope'" in unknown.stderr


def test_cli_explain_strict_and_custom_rules(tmp_path: Path) -> None:
    missing = GOOD_SHEET + (
        '\n[[figure]]\nid = "aides"\nlabel = "Aides"\n'
        "pattern = '''{eur:value} d'aides FTE vers[ée]es'''\nunit = \"EUR\"\nkind = \"actual\"\n"
    )
    family = make_family(tmp_path / "rules", {"a.toml": missing})
    run = rdd("extract", str(REFERENCE_TEXT), "-o", str(tmp_path / "out"), "--rules", str(family),
              "--explain", "fonds-transition-energetique", "--strict")  # fmt: skip
    assert run.returncode == 1
    assert (
        "dossiers_valides [count, actual, line 8] matched on page 7: '154 dossiers de particuliers validés'"
        in (run.stdout)
    )
    assert "aides [EUR, actual, line 15] MISSED" in run.stdout
    assert "closest text, page 7:" in run.stdout and "aides FTE attribuées" in run.stdout
    assert "(auto) page 7: '332 914 €' EUR actual" in run.stdout
    assert "--strict: 1 rules matched nothing" in run.stderr
    assert (tmp_path / "out" / "figures.parquet").exists()


def test_a_sheet_whose_rule_missed_gets_its_coverage_row_without_asking(tmp_path: Path) -> None:
    """Without --coverage the totals line only, unless a rule missed: then its sheet's row, which
    says how to look closer; no row when every rule matched."""
    missing = GOOD_SHEET + (
        '\n[[figure]]\nid = "aides"\nlabel = "Aides"\n'
        "pattern = '''{eur:value} d'aides FTE vers[ée]es'''\nunit = \"EUR\"\nkind = \"actual\"\n"
    )
    family = make_family(tmp_path / "rules", {"a.toml": missing})
    run = rdd("extract", REFERENCE_TEXT, "-o", tmp_path / "out", "--rules", family)
    assert run.returncode == 0
    rows = [line.split() for line in run.stderr.splitlines() if line.startswith("fonds-transition")]
    sheet = "fonds-transition-energetique"
    assert rows == [[sheet, "7", "1", "1", "<-", "--explain", sheet, "3"]]  # page, matched, missed, auto
    assert run.stderr.rstrip().endswith("rules: 1 matched, 1 missed; 503 figures from the generic detector")
    complete = make_family(tmp_path / "complete", {"a.toml": GOOD_SHEET})
    quiet = rdd("extract", REFERENCE_TEXT, "-o", tmp_path / "out2", "--rules", complete)
    assert quiet.returncode == 0 and sheet not in quiet.stderr


def test_cli_explain_unknown_sheet_is_a_clear_error(tmp_path: Path) -> None:
    run = rdd("extract", str(REFERENCE_TEXT), "-o", str(tmp_path / "out"), "--explain", "nope")
    assert run.returncode == 2
    assert run.stderr.strip() == "rdd: error: no sheet 'nope' in this report (see sheets.parquet for the ids)"
    assert not (tmp_path / "out").exists()


def test_bad_rules_folder_stops_extract(tmp_path: Path) -> None:
    family = make_family(tmp_path, {"a.toml": GOOD_SHEET.replace('kind = "actual"', 'kind = "x"')})
    run = rdd("extract", str(REFERENCE_TEXT), "-o", str(tmp_path / "out"), "--rules", str(family))
    assert run.returncode == 2
    assert run.stderr.startswith("rdd: error: bad rules: ") and "unknown kind 'x'" in run.stderr
    assert not (tmp_path / "out").exists()


def test_reference_report_uses_the_bundled_rules(reference_extraction: Extraction) -> None:
    assert reference_extraction.rules is not None and reference_extraction.rules.family == "cabbalr"
    assert reference_extraction.report == "cabbalr-2022"
    by_rule = {(f.sheet_id, f.indicator): f for f in reference_extraction.figures if f.rule != "auto"}
    figure = by_rule[("fonds-transition-energetique", "aides_attribuees")]
    assert (figure.value, figure.unit, figure.kind, figure.page, figure.raw) == (
        332914.0, "EUR", "actual", 7, "332 914 €"
    )  # fmt: skip


def test_no_rules_for_another_family(tmp_path: Path) -> None:
    text = tmp_path / "lille.txt"
    text.write_text("Ville de Lille\n\n12 arbres plantés.\n", encoding="utf-8")
    result = extract_report(text)
    assert result.rules is None
    assert [(f.value, f.rule) for f in result.figures] == [(12.0, "auto")]


# --------------------------------------------------------------------------- where rule sheets start


def structured(*texts: str) -> Document:
    from rdd_extract.layout import structure

    return structure(tuple(Page(number, text, False) for number, text in enumerate(texts, start=7)), "t.txt")


def test_a_sheet_whose_title_the_layout_missed_is_found_by_the_head_of_its_page(tmp_path: Path) -> None:
    pack = load_rulepack(make_family(tmp_path, {"a.toml": GOOD_SHEET}))
    document = structured(
        "L'amélioration\nde l'habitat\nLa Communauté aide les ménages.\n",
        "Bilan de l'année écoulée.\nLe Fonds de transition énergétique aide les ménages aux revenus "
        "intermédiaires dans leurs travaux.\n\n154\ndossiers de particuliers validés\n",
    )
    assert [sheet.first_page for sheet in document.sheets] == [7]  # the layout saw one sheet on two pages
    result = extract_figures(document, "t", pack)
    assert [(s.sheet_id, s.first_page, s.last_page) for s in result.document.sheets] == [
        ("amelioration-habitat", 7, 7),
        ("fonds-transition-energetique", 8, 8),
    ]
    assert [(f.sheet_id, f.indicator, f.page, f.rule) for f in result.figures] == [
        ("fonds-transition-energetique", "dossiers_valides", 8, "dossiers_valides")
    ]


FONDS_PAGE = "Le Fonds de transition énergétique\n\n154\ndossiers de particuliers validés\n"
TITLED_INSIDE_PAGE = (  # its only title line is a subheading lower down: it goes on the sheet before it
    "suite du bilan de l'année, qui continue ici sur une seconde page\net se termine par ce point.\n\n"
    "Les primes\nversées aux ménages\nLes montants sont en hausse de 12 % sur l'année.\n"
)
UNTITLED_PAGE = "et le bilan se poursuit encore sur une troisième page,\navec 9 % de dossiers en plus.\n"
JARDIN_PAGE = " L E  J A R D I N  P A R T A G É\n\nLe jardin partagé\n\n37\nparcelles cultivées\n"
FONDS = "fonds-transition-energetique"


@pytest.mark.parametrize(
    ("middle", "layout_sheets", "figures"),
    [
        (
            [TITLED_INSIDE_PAGE],
            [(7, 7, True), (8, 8, False), (9, 9, True)],
            [(FONDS, 154.0, 7), (FONDS, 12.0, 8), ("jardin-partage", 37.0, 9)],
        ),
        (  # the untitled page extends the sheet titled inside, which stays untitled
            [TITLED_INSIDE_PAGE, UNTITLED_PAGE],
            [(7, 7, True), (8, 9, False), (10, 10, True)],
            [(FONDS, 154.0, 7), (FONDS, 12.0, 8), (FONDS, 9.0, 9), ("jardin-partage", 37.0, 10)],
        ),
    ],
    ids=["one-page", "over-two-pages"],
)
def test_a_page_titled_only_inside_continues_the_rule_sheet_before_it(
    tmp_path: Path,
    middle: list[str],
    layout_sheets: list[tuple[int, int, bool]],
    figures: list[tuple[str, float, int]],
) -> None:
    pack = load_rulepack(make_family(tmp_path, {"a.toml": GOOD_SHEET}))
    document = structured(FONDS_PAGE, *middle, JARDIN_PAGE)
    assert [(s.first_page, s.last_page, s.titled) for s in document.sheets] == layout_sheets
    result = extract_figures(document, "t", pack)
    assert result.document.page_sheet == (*[FONDS] * (1 + len(middle)), "jardin-partage")
    assert [(f.sheet_id, f.value, f.page) for f in result.figures] == figures


def test_a_title_spelt_lower_on_the_page_binds_its_rule_sheet(tmp_path: Path) -> None:
    """The layout took a split line for the title; the rule's title, spelt by later lines, still binds."""
    pack = load_rulepack(make_family(tmp_path, {"a.toml": GOOD_SHEET}))
    document = structured(
        "L'amélioration\nde l'habitat\nLa Communauté aide les ménages.\n",
        "La base\nnautique accueille tous les publics, les familles et les écoles du territoire.\n"
        "Le Fonds de\ntransition énergétique La Communauté aide les ménages modestes.\n\n"
        "154\ndossiers de particuliers validés\n",
    )
    result = extract_figures(document, "t", pack)
    assert result.document.page_sheet == ("amelioration-habitat", "fonds-transition-energetique")
    assert [(f.indicator, f.value) for f in result.figures] == [("dossiers_valides", 154.0)]


# --------------------------------------------------------------------------- a family's layout


def test_the_reference_familys_layout_is_data() -> None:
    layout = load_rulepack(bundled_rules_root() / "cabbalr").layout
    assert layout.part_words == "pilier"
    assert layout.target_headings == ("Perspectives",)
    assert layout.dated_target_headings == ()
    assert layout.title_max == 34
    assert layout.footer.search("RAPPORT DE DÉVELOPPEMENT DURABLE - 2022 6")
    assert not layout.part_mark.fullmatch("AXE 2")


def test_a_layout_table_changes_only_what_it_says(tmp_path: Path) -> None:
    from rdd_extract.profile import GENERIC

    family = make_family(tmp_path, {"sheet.toml": GOOD_SHEET})
    layout = '\n[layout]\npart_words = "axe"\ntarget_headings = ["Et demain"]\ntitle_max = 60\n'
    (family / "_family.toml").write_text(FAMILY + layout, encoding="utf-8")
    pack = load_rulepack(family)
    assert (pack.layout.part_words, pack.layout.target_headings, pack.layout.title_max) == (
        "axe",
        ("Et demain",),
        60,
    )
    assert pack.layout.report_name == GENERIC.report_name
    mark = pack.layout.part_mark.fullmatch("AXE 3")
    assert mark is not None and mark["part"] == "3"
    assert pack.layout.target_heading.fullmatch("Et demain ?")


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ('colour = "bleu"', "[layout]: unknown layout key 'colour'"),
        ('title_max = "34"', "[layout]: layout key 'title_max' must be a int"),
        ("title_max = true", "[layout]: layout key 'title_max' must be a int"),  # TOML true is no number
        ("title_max = 3", "[layout]: layout key 'title_max' must be between 10 and 200"),
        (
            "target_headings = [1]",
            "[layout]: layout key 'target_headings' must be a list of non-empty strings",
        ),
        ("part_words = 'axe('", "[layout]: layout pattern does not compile"),
    ],
)
def test_a_bad_layout_table_is_a_rule_problem(tmp_path: Path, layout: str, message: str) -> None:
    family = make_family(tmp_path, {"sheet.toml": GOOD_SHEET})
    (family / "_family.toml").write_text(FAMILY + "\n[layout]\n" + layout + "\n", encoding="utf-8")
    (problem,) = [str(problem) for problem in check_rules(tmp_path)]
    assert problem.startswith(f"{family / '_family.toml'}: {message}")


@pytest.mark.parametrize("family_id", ["../../evil", "Test", "a b", "-x"])
def test_a_family_id_must_be_a_slug(tmp_path: Path, family_id: str) -> None:
    family = make_family(tmp_path, {"sheet.toml": GOOD_SHEET})
    (family / "_family.toml").write_text(FAMILY.replace('id = "test"', f'id = "{family_id}"'), "utf-8")
    (problem,) = [str(problem) for problem in check_rules(tmp_path)]
    slug = "must be a slug: lowercase letters, digits, - or _"
    assert problem == f"{family / '_family.toml'}: family id '{family_id}' {slug}"


def test_two_families_matching_one_report_is_an_error_naming_both(tmp_path: Path) -> None:
    from rdd_extract.errors import UserError

    first = make_family(tmp_path, {"sheet.toml": GOOD_SHEET})
    second = tmp_path / "autre"
    second.mkdir()
    (second / "_family.toml").write_text(FAMILY.replace('id = "test"', 'id = "autre"'), "utf-8")
    (second / "sheet.toml").write_text(GOOD_SHEET, "utf-8")
    with pytest.raises(UserError) as error:
        choose_rulepack(tmp_path, "Rapport de Béthune")
    assert str(error.value) == (
        f"two rule families match this report ({second / '_family.toml'} and {first / '_family.toml'}): "
        "choose one with --rules FOLDER"
    )
    run = rdd("extract", REFERENCE_TEXT, "--rules", tmp_path, "-o", tmp_path / "out")
    assert run.returncode == 2 and run.stderr.startswith("rdd: error: two rule families match")
    assert not (tmp_path / "out").exists()
    chosen = rdd("extract", REFERENCE_TEXT, "--rules", first, "-o", tmp_path / "out")
    assert chosen.returncode == 0, chosen.stderr


def test_every_problem_of_a_rule_is_told_at_its_own_line(tmp_path: Path) -> None:
    second = GOOD_SHEET.split("[[figure]]")[1].replace('unit = "count"', 'unit = "euros"\ncolour = "bleu"')
    problems = problems_of(tmp_path, GOOD_SHEET + "\n[[figure]]" + second)
    path = tmp_path / "test" / "sheet.toml"
    assert problems[0].startswith(f"{path}:15: dossiers_valides: unknown key 'colour' in figure")
    assert problems[1].startswith(f"{path}:15: dossiers_valides: unknown unit 'euros'")
    assert problems[2:] == []  # the duplicate id is told once the rule itself is sound


def test_a_duplicate_rule_id_is_told_where_it_is_written_again(tmp_path: Path) -> None:
    second = GOOD_SHEET.split("[[figure]]")[1]
    (problem,) = problems_of(tmp_path, GOOD_SHEET + "\n[[figure]]" + second)
    assert (
        problem
        == f"{tmp_path / 'test' / 'sheet.toml'}:15: dossiers_valides: duplicate figure id (first at line 8)"
    )


def test_a_regex_error_is_placed_in_the_pattern_as_written(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD_SHEET.replace("valid[ée]s'", "valid[ée]s ('"))
    assert problem.endswith(
        "regex does not compile: missing ) at character 50 of the pattern: "
        "'{int:value} dossiers de particuliers valid[ée]s ('"
    )


def test_explain_with_a_typo_offers_the_nearest_sheet(tmp_path: Path) -> None:
    run = rdd("extract", REFERENCE_TEXT, "-o", tmp_path / "out", "--explain", "fonds-transition-energetiqe")
    assert run.returncode == 2
    assert "did you mean 'fonds-transition-energetique'?" in run.stderr


def test_a_regular_file_is_no_rules_folder(tmp_path: Path) -> None:
    """A file where a folder is expected is told as a missing folder, not a traceback from iterdir."""
    afile = tmp_path / "afile.txt"
    afile.write_text("not rules", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        check_rules(afile)
    assert str(caught.value) == f"rules folder {afile} does not exist"
    with pytest.raises(UserError, match="does not exist"):
        family_dirs(afile)
    run = rdd("rules", "check", afile)
    assert (run.returncode, run.stderr) == (2, f"rdd: error: rules folder {afile} does not exist\n")


def test_family_dirs_of_a_root_and_of_a_family_folder(tmp_path: Path) -> None:
    """A root lists its family folders (not plain folders); a family folder is its own only family."""
    family = make_family(tmp_path, {})
    (tmp_path / "plain").mkdir()
    assert family_dirs(tmp_path) == [family]
    assert family_dirs(family) == [family]
    assert family_dirs(tmp_path / "plain") == []
    with pytest.raises(UserError, match="does not exist"):
        family_dirs(tmp_path / "nope")
