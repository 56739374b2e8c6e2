"""What the commands print and draw, pinned on small hand-made inputs: the csv, json and markdown text
(render.py), the filters, sort and limit of `show` and `diff` (selection.py), the per-sheet coverage
and per-rule reports with their error messages (outcomes.py), the review page and the diff page
(html.py). Every expected value is written out by hand."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pytest
import regex

from rdd_extract.errors import UserError
from rdd_extract.figures import Extracted, Figure, RuleMatch, RuleOutcome
from rdd_extract.html import KIND_COLOURS, ReviewInput, diff_html, review_html
from rdd_extract.layout import Document, Page, Sheet
from rdd_extract.outcomes import RuleReport, SheetCoverage, coverage, rule_reports
from rdd_extract.render import FORMATS, cell, render, rounded, to_csv, to_markdown
from rdd_extract.rules import KINDS, FigureRule, SheetRules
from rdd_extract.selection import Selection, values
from rdd_extract.sources import PageImage

# --------------------------------------------------------------------------- render.py


def test_the_printable_formats_and_their_order() -> None:
    """`--format` lists them in this order in its error; `table` first, the terminal's default."""
    assert FORMATS == ("table", "csv", "json", "markdown")


@pytest.mark.parametrize("fmt", ["table", "parquet", "CSV", ""])
def test_render_refuses_a_format_it_does_not_write(fmt: str) -> None:
    """'table' is drawn by the CLI with rich, never by render()."""
    with pytest.raises(ValueError) as raised:
        render([{"a": 1}], ["a"], fmt)
    assert str(raised.value) == f"unknown format {fmt!r}"


def test_csv_quotes_commas_and_quotes_and_cleans_numbers() -> None:
    rows = [
        {"a": "x, y", "b": 1.0, "c": None, "d": "ignored"},
        {"a": 'il dit "oui"', "b": 2.5, "c": math.nan},
        {"b": -4.0, "c": "  deux\n lignes "},
    ]
    # columns in the order given, not the rows' order; a column a row lacks is empty
    assert render(rows, ["b", "a", "c"], "csv") == (
        'b,a,c\n1,"x, y",\n2.5,"il dit ""oui""",\n-4,,deux lignes\n'
    )
    assert to_csv(rows, ["b", "a", "c"]) == render(rows, ["b", "a", "c"], "csv")


def test_csv_of_no_rows_is_its_header_line() -> None:
    assert render([], ["page", "value"], "csv") == "page,value\n"


def test_json_is_a_list_of_objects_indented_by_one_space_with_accents_kept() -> None:
    rows = [
        {"label": "Élan\nvert", "page": 7, "value": 12.0, "x": None, "other": 1},
        {"label": "b", "page": 8, "value": math.inf, "x": -math.inf},
    ]
    # json keeps the values as they are (12.0 stays 12.0, text is not squeezed): only no NaN/Infinity
    assert render(rows, ["label", "page", "value", "x", "absent"], "json") == (
        "[\n"
        ' {\n  "label": "Élan\\nvert",\n  "page": 7,\n  "value": 12.0,\n  "x": null,\n  "absent": null\n },\n'
        ' {\n  "label": "b",\n  "page": 8,\n  "value": null,\n  "x": null,\n  "absent": null\n }\n'
        "]\n"
    )


def test_json_of_no_rows_is_an_empty_list() -> None:
    assert render([], ["page"], "json") == "[]\n"


def test_markdown_escapes_pipes_and_keeps_each_row_on_one_line() -> None:
    rows: list[dict[str, object]] = [{"indicator": "a|b", "raw": "12\n t"}, {"indicator": None, "raw": 3.0}]
    expected = "| indicator | raw |\n|---|---|\n| a\\|b | 12 t |\n|  | 3 |\n"
    assert render(rows, ["indicator", "raw"], "markdown") == expected
    assert to_markdown(rows, ["indicator", "raw"]) == expected


def test_markdown_of_no_rows_is_its_header_and_rule() -> None:
    assert render([], ["a", "b", "c"], "markdown") == "| a | b | c |\n|---|---|---|\n"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (math.nan, ""),
        (12.0, "12"),
        (-3.0, "-3"),
        (0.0, "0"),
        (0.5, "0.5"),
        (999_999_999_999_999.0, "999999999999999"),  # just under 1e15: still a whole number
        (-999_999_999_999_999.0, "-999999999999999"),
        (1e15, "1000000000000000.0"),  # from 1e15 on, repr (a float that big has lost its units)
        (-1e15, "-1000000000000000.0"),
        (math.inf, "inf"),
        (7, "7"),
        ("  deux \n\t mots  ", "deux mots"),
        (True, "True"),
    ],
)
def test_a_cell_is_one_clean_line(value: object, text: str) -> None:
    assert cell(value) == text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3.14159, 3.14),
        (-0.006, -0.01),
        (2.5, 2.5),
        (1234.5678, 1234.57),
        ("1.23456", "1.23456"),
        (None, None),
    ],
)
def test_rounded_keeps_two_decimals_of_a_float_only(value: object, shown: object) -> None:
    assert rounded(value) == shown


def test_rounded_leaves_integers_and_non_finite_floats_alone() -> None:
    whole = rounded(12)
    assert (whole, type(whole)) == (12, int)
    assert rounded(5.0) == 5.0
    assert rounded(math.inf) == math.inf
    assert math.isnan(float(str(rounded(math.nan))))


# --------------------------------------------------------------------------- selection.py


def test_values_of_an_option_not_given_is_empty() -> None:
    assert values(None, "--kind", KINDS) == ()
    assert values([], "--sheet") == ()


def test_values_split_commas_strip_spaces_and_drop_empty_parts() -> None:
    given = ["a,b", " c ", "", "d,, e ,", ","]
    assert values(given, "--sheet") == ("a", "b", "c", "d", "e")


def test_values_without_allowed_choices_take_anything() -> None:
    assert values(["colour", "Target"], "--sheet") == ("colour", "Target")


def test_values_checked_against_the_allowed_keep_their_order_and_repeats() -> None:
    assert values(["target,actual", "target"], "--kind", KINDS) == ("target", "actual", "target")


def test_the_first_unknown_value_is_reported_with_the_allowed_ones() -> None:
    with pytest.raises(UserError) as raised:
        values(["target, Actual", "bogus"], "--kind", KINDS)
    assert str(raised.value) == "unknown value 'Actual' for --kind (one of actual, target, context)"


ROWS: list[dict[str, object]] = [
    {"id": "a", "page": 7, "value": 10.0, "unit": "t", "kind": "actual", "pilier": 1},
    {"id": "b", "page": 3, "value": 2.0, "unit": "count", "kind": "target", "pilier": 2},
    {"id": "c", "page": 12, "value": None, "unit": "t", "kind": "target", "pilier": None},
    {"id": "d", "page": 3, "value": 1.5, "unit": "EUR", "kind": "context", "pilier": 2.0},
    {"id": "e", "page": 5, "value": 2.0, "unit": "t", "kind": "target", "pilier": 1},
]
COLUMNS = ["id", "page", "value", "unit", "kind", "pilier"]


def ids(selection: Selection, rows: Sequence[Mapping[str, object]] = ROWS) -> list[object]:
    return [row["id"] for row in selection.apply(rows, COLUMNS)]


def test_no_filter_no_sort_no_limit_keeps_every_row_in_order() -> None:
    assert ids(Selection({})) == ["a", "b", "c", "d", "e"]
    assert ids(Selection({"kind": (), "unit": ()})) == ["a", "b", "c", "d", "e"]  # empty: no filter


def test_a_filter_keeps_the_rows_whose_value_is_one_of_its_values() -> None:
    assert ids(Selection({"kind": ("target",)})) == ["b", "c", "e"]
    assert ids(Selection({"kind": ("context", "actual")})) == ["a", "d"]


def test_filters_on_several_columns_all_apply() -> None:
    assert ids(Selection({"kind": ("target",), "unit": ("t",)})) == ["c", "e"]


def test_a_filter_compares_numbers_as_the_user_types_them() -> None:
    """'2' selects pilier 2 whether the table holds 2 or 2.0; '7' the int page 7; '1.5' a float."""
    assert ids(Selection({"pilier": ("2",)})) == ["b", "d"]
    assert ids(Selection({"page": ("7", "12")})) == ["a", "c"]
    assert ids(Selection({"value": ("1.5",)})) == ["d"]
    assert ids(Selection({"value": ("2.0",)})) == []  # a whole float reads '2', not '2.0'
    assert ids(Selection({"pilier": ("None",)})) == []  # an empty cell is '', not 'None'


def test_a_sort_orders_numbers_by_value_and_puts_empty_values_last() -> None:
    assert ids(Selection({}, ("value",))) == ["d", "b", "e", "a", "c"]


def test_numbers_sort_by_value_not_as_text() -> None:
    rows = [{"id": "ten", "page": 10}, {"id": "two", "page": 2}, {"id": "half", "page": 1.5}]
    assert ids(Selection({}, ("page",)), rows) == ["half", "two", "ten"]


def test_negative_numbers_sort_below_zero_not_by_their_size() -> None:
    """`rdd diff --sort change`: the biggest fall first, then the small changes, then the rises."""
    rows = [
        {"id": "up", "page": 10},
        {"id": "fall", "page": -500},
        {"id": "dip", "page": -3},
        {"id": "zero", "page": 0},
    ]
    assert ids(Selection({}, ("page",)), rows) == ["fall", "dip", "zero", "up"]
    assert ids(Selection({}, ("-page",)), rows) == ["up", "zero", "dip", "fall"]


def test_a_sort_orders_text_by_text() -> None:
    assert ids(Selection({}, ("unit",))) == ["d", "b", "a", "c", "e"]  # EUR < count < t (code points)


def test_a_descending_sort_keeps_ties_in_input_order() -> None:
    assert ids(Selection({}, ("-page",))) == ["c", "a", "e", "b", "d"]


def test_a_descending_sort_also_puts_empty_values_last() -> None:
    """`rdd diff --sort -change_pct`: the largest changes first, the added and removed rows after."""
    assert ids(Selection({}, ("-value",))) == ["a", "b", "e", "d", "c"]


def test_several_sort_keys_the_first_decides_the_next_breaks_ties() -> None:
    assert ids(Selection({}, ("page", "-value"))) == ["b", "d", "e", "a", "c"]
    assert ids(Selection({}, ("unit", "-page"))) == ["d", "b", "c", "a", "e"]


def test_a_limit_keeps_the_first_rows_after_filter_and_sort() -> None:
    assert ids(Selection({"kind": ("target", "actual")}, ("page",), 2)) == ["b", "e"]
    assert ids(Selection({}, (), 0)) == []
    assert ids(Selection({}, (), 1)) == ["a"]
    assert ids(Selection({}, (), 5)) == ["a", "b", "c", "d", "e"]
    assert ids(Selection({}, (), 99)) == ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize("limit", [-1, -5])
def test_a_negative_limit_is_an_error(limit: int) -> None:
    with pytest.raises(UserError) as raised:
        Selection({}, (), limit).apply(ROWS, COLUMNS)
    assert str(raised.value) == f"--limit takes a number of rows, not {limit}"


@pytest.mark.parametrize("key", ["colour", "-colour"])
def test_a_sort_on_an_unknown_column_is_an_error_listing_the_columns(key: str) -> None:
    with pytest.raises(UserError) as raised:
        Selection({}, ("page", key)).apply([], COLUMNS)  # checked even when there is no row
    assert (
        str(raised.value) == "unknown column 'colour' for --sort (one of id, page, value, unit, kind, pilier)"
    )


def test_apply_leaves_the_given_rows_untouched() -> None:
    rows = list(ROWS)
    Selection({}, ("-page",), 1).apply(rows, COLUMNS)
    assert [row["id"] for row in rows] == ["a", "b", "c", "d", "e"]


# --------------------------------------------------------------------------- outcomes.py

SHEETS = (
    Sheet("intro", "Introduction", None, 1, 1, "intro"),
    Sheet("jardins", "Jardins partagés", 1, 2, 3, "action"),
    Sheet("eau", "L'eau", 2, 4, 4, "action"),
    Sheet("dechets", "Les déchets", 3, 5, 5, "action"),
)
PAGES = (
    Page(1, "Le mot du président.", False),
    Page(2, "Les jardins comptent 40 parcelles. Les bacs de culture sont installés. ", False),
    Page(3, "Bilan\n\nNouveaux   composteurs\ncollectifs en 2022.", False),
    Page(4, "Des composteurs collectifs installés au bord de l'eau. 3 000 m3 consommés.", False),
    Page(5, "120 tonnes collectées.", False),
)


def rule(rule_id: str, source: str, unit: str = "count", kind: str = "actual", line: int = 8) -> FigureRule:
    pattern = regex.compile(regex.sub(r"\{[^{}]*\}", "[0-9]+", source))
    return FigureRule(rule_id, rule_id, pattern, unit, kind, line=line, source=source)


def figure_of(sheet_id: str, page: int, rule_name: str) -> Figure:
    return Figure(
        "r-2022", 2022, 1, sheet_id, sheet_id, rule_name, rule_name, 1.0, "count", "actual", None, page,
        "1", "", rule_name, "r.txt",
    )  # fmt: skip


PARCELLES = rule("parcelles", "{int:value} parcelles", line=8)
BACS = rule("bacs", "{int:value} bacs de culture", line=15)
COMPOSTEURS = rule("composteurs", "{int:value} composteurs? collectifs? install[ée]s", line=22)
RUCHES = rule("ruches", "{int:value} ruches", line=29)
TONNES = rule("tonnes", "{int:value} tonnes", unit="t", kind="target", line=8)


@pytest.fixture(scope="module")
def result() -> Extracted:
    """Four sheets: 'intro' with nothing, 'jardins' with one rule matched and three missed and one
    generic figure, 'eau' with generic figures only, 'dechets' with a rule that could not run; and a
    rule sheet 'mobilite' whose title is not in the report."""
    document = Document("r.txt", 2022, PAGES, SHEETS, ("intro", "jardins", "jardins", "eau", "dechets"))
    outcomes = (
        RuleOutcome("dechets", TONNES, (), "timed out after 1 s"),
        RuleOutcome("jardins", PARCELLES, (RuleMatch(2, 21, 23, "40\n   parcelles"),)),
        RuleOutcome("jardins", BACS, ()),
        RuleOutcome("jardins", COMPOSTEURS, ()),
        RuleOutcome("jardins", RUCHES, ()),
    )
    figures = (
        figure_of("jardins", 2, "parcelles"),
        figure_of("jardins", 3, "auto"),
        figure_of("eau", 4, "auto"),
        figure_of("eau", 4, "auto"),
        figure_of("intro", 1, "auto-like"),  # a rule's figure named like the generic one: not 'auto'
    )
    mobilite = SheetRules(
        "mobilite", "La mobilité", 4, regex.compile("mobilit"), (), "rules/test/mobilite.toml"
    )
    return Extracted(document, figures, outcomes, (mobilite,))


def test_coverage_has_one_row_per_sheet_with_rules_or_generic_figures_in_page_order(
    result: Extracted,
) -> None:
    assert coverage(result) == [
        SheetCoverage("jardins", "Jardins partagés", 2, 3, 1, 3, 1),
        SheetCoverage("eau", "L'eau", 4, 4, 0, 0, 2),
        SheetCoverage("dechets", "Les déchets", 5, 5, 0, 1, 0),  # a rule that could not run found nothing
    ]


def test_coverage_of_a_sheet_with_a_single_missed_rule_is_listed() -> None:
    document = Document("r.txt", 2022, PAGES[:1], SHEETS[:1], ("intro",))
    missed = Extracted(document, (), (RuleOutcome("intro", RUCHES, ()),), ())
    assert coverage(missed) == [SheetCoverage("intro", "Introduction", 1, 1, 0, 1, 0)]
    assert coverage(Extracted(document, (), (), ())) == []


REPORT_TONNES = RuleReport(
    "dechets", "tonnes", "t", "target", 8, "{int:value} tonnes", (), "timed out after 1 s", None
)
REPORT_PARCELLES = RuleReport(
    "jardins", "parcelles", "count", "actual", 8, "{int:value} parcelles", ((2, "40 parcelles"),), None, None
)
# 'bacs de culture' shares two words (BACS, CULTURE) with the sentence of page 2
REPORT_BACS = RuleReport(
    "jardins", "bacs", "count", "actual", 15, "{int:value} bacs de culture", (), None,
    (2, "Les bacs de culture sont installés"),
)  # fmt: skip
# Page 3 shares COMPOSTEURS and COLLECTIFS, page 2 only INSTALLES; page 4 shares all three but is
# on another sheet. The sentence's spaces and line breaks are squeezed to one space.
REPORT_COMPOSTEURS = RuleReport(
    "jardins", "composteurs", "count", "actual", 22, "{int:value} composteurs? collectifs? install[ée]s", (),
    None, (3, "Nouveaux composteurs collectifs en 2022."),
)  # fmt: skip
# no word of the sheet's text is in 'ruches': no closest text at all
REPORT_RUCHES = RuleReport("jardins", "ruches", "count", "actual", 29, "{int:value} ruches", (), None, None)


def test_rule_reports_of_every_sheet_in_the_order_the_rules_ran(result: Extracted) -> None:
    assert rule_reports(result) == [
        REPORT_TONNES,
        REPORT_PARCELLES,
        REPORT_BACS,
        REPORT_COMPOSTEURS,
        REPORT_RUCHES,
    ]


def test_rule_reports_of_one_sheet(result: Extracted) -> None:
    assert rule_reports(result, "jardins") == [
        REPORT_PARCELLES,
        REPORT_BACS,
        REPORT_COMPOSTEURS,
        REPORT_RUCHES,
    ]
    assert rule_reports(result, "dechets") == [REPORT_TONNES]
    assert rule_reports(result, "eau") == []  # a sheet without rules: known, nothing to report


def test_rule_reports_of_one_rule(result: Extracted) -> None:
    assert rule_reports(result, "jardins", "bacs") == [REPORT_BACS]
    assert rule_reports(result, "jardins", "") == rule_reports(result, "jardins")  # '' is no rule asked
    assert rule_reports(result, None, "tonnes") == [REPORT_TONNES]


def test_a_sheet_whose_title_was_not_found_says_so_with_its_rules_file(result: Extracted) -> None:
    with pytest.raises(UserError) as raised:
        rule_reports(result, "mobilite")
    assert str(raised.value) == (
        "sheet 'mobilite' has rules (rules/test/mobilite.toml) but its title was not found in the report"
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "jardin",
            "no sheet 'jardin' in this report (did you mean 'jardins'?) (see sheets.parquet for the ids)",
        ),
        # 'jar' and 'jardins': difflib's ratio 2*3/(3+7) = 0.6, exactly the cutoff: still offered
        ("jar", "no sheet 'jar' in this report (did you mean 'jardins'?) (see sheets.parquet for the ids)"),
        # 'jarxy' and 'jardins': 2*3/(5+7) = 0.5, under the cutoff: not offered
        ("jarxy", "no sheet 'jarxy' in this report (see sheets.parquet for the ids)"),
        (
            "Dechets",
            "no sheet 'Dechets' in this report (did you mean 'dechets'?) (see sheets.parquet for the ids)",
        ),
        ("zzz", "no sheet 'zzz' in this report (see sheets.parquet for the ids)"),
    ],
)
def test_an_unknown_sheet_is_an_error_offering_the_nearest_id(
    result: Extracted, typed: str, message: str
) -> None:
    with pytest.raises(UserError) as raised:
        rule_reports(result, typed)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("parcelle", "no rule 'parcelle' on sheet 'jardins' (did you mean 'parcelles'?)"),
        ("ruche", "no rule 'ruche' on sheet 'jardins' (did you mean 'ruches'?)"),
        ("tonnes", "no rule 'tonnes' on sheet 'jardins'"),  # a rule of another sheet is no rule of this one
        ("frelons", "no rule 'frelons' on sheet 'jardins'"),  # 0.5 like 'parcelles': under the cutoff
    ],
)
def test_an_unknown_rule_is_an_error_offering_the_nearest_rule_of_the_sheet(
    result: Extracted, typed: str, message: str
) -> None:
    with pytest.raises(UserError) as raised:
        rule_reports(result, "jardins", typed)
    assert str(raised.value) == message


def test_a_rule_asked_on_a_sheet_without_rules_is_an_error(result: Extracted) -> None:
    with pytest.raises(UserError) as raised:
        rule_reports(result, "eau", "m3")
    assert str(raised.value) == "no rule 'm3' on sheet 'eau'"


# --------------------------------------------------------------------------- html.py: review page


def fig(raw: str, page: int = 1, **fields: object) -> dict[str, object]:
    """One row of figures.parquet, as the review page reads it."""
    row: dict[str, object] = {
        "page": page, "value": 12.0, "unit": "count", "kind": "actual", "qualifier": None,
        "indicator": "bacs", "rule": "auto", "raw": raw, "sheet_id": "jardins",
        "x0": None, "top": None, "x1": None, "bottom": None,
    }  # fmt: skip
    row.update(fields)
    return row


def sheet_row(
    sheet_id: str = "jardins", first: int = 1, matched: int = 0, missed: int = 0, n: int = 0, last: int = 0
) -> dict[str, object]:
    return {
        "sheet_id": sheet_id, "title": sheet_id.capitalize(), "first_page": first, "last_page": last or first,
        "rules_matched": matched, "rules_missed": missed, "n_figures": n,
    }  # fmt: skip


def review(
    figures: Sequence[Mapping[str, object]],
    texts: Mapping[int, str],
    sheets: Sequence[Mapping[str, object]] = (),
    reports: Sequence[RuleReport] = (),
    images: Mapping[int, PageImage] | None = None,
    note: str = "",
    report: str = "rep-2022",
) -> str:
    pages = [{"page": number, "text": text, "sheet_id": "jardins"} for number, text in texts.items()]
    return review_html(ReviewInput(report, figures, pages, sheets, reports, images or {}, note))


def between(page: str, start: str, end: str) -> str:
    """The text after the first `start` up to the next `end`."""
    begin = page.index(start) + len(start)
    return page[begin : page.index(end, begin)]


def texts_of(page: str) -> list[str]:
    """Each page's text as drawn: marks written [index:shown]."""
    return [
        regex.sub(
            r'<mark class="[^"]*" tabindex="0" data-figure="([0-9]+)"[^>]*>([^<]*)</mark>', r"[\1:\2]", text
        )
        for text in regex.findall(r'<pre class="text">(.*?)</pre>', page, flags=regex.S)
    ]


def test_the_review_page_of_a_small_pdf_report() -> None:
    """The whole page between <body> and the script, for one page with an image, two figures (one with a
    box, one without), a sheet whose missed rule has a closest text, and a note."""
    figures = [
        fig("12 bacs", x0=10.0, top=20.0, x1=30.0, bottom=25.0),
        fig("3\nt", unit="t", kind="target", qualifier="min", indicator="b", rule="r1", value=3.0),
    ]
    reports = [RuleReport("jardins", "r2", "count", "actual", 4, "x", (), None, (1, "Il y a 12 bacs"))]
    image = PageImage(1, b"PNG", 200, 100, 400.0, 200.0)
    page = review(
        figures,
        {1: "Il y a 12 bacs et 3  t <ok>."},
        [{**sheet_row(matched=1, missed=1, n=2), "title": "Jardins & co"}],
        reports,
        {1: image},
        "a note",
    )
    # box: left 100*10/400, top 100*20/200, width 100*(30-10)/400, height 100*(25-20)/200 (PDF points)
    assert between(page, "<body>", "<script>") == (
        '<header><h1>rep-2022 · 2 figures on 1 pages</h1><p class="note">a note</p>\n'
        '<label>Sheet <select id="f-sheet"><option value="">all</option>'
        '<option value="jardins">Jardins &amp; co</option></select></label>\n'
        '<label>Kind <select id="f-kind"><option value="">all</option><option>actual</option>'
        "<option>target</option>\n<option>context</option></select></label>\n"
        '<label>Unit <select id="f-unit"><option value="">all</option>'
        '<option value="count">count</option><option value="t">t</option></select></label>\n'
        '<label>Found by <select id="f-origin"><option value="">rules and generic</option>'
        '<option value="rule">a rule</option>\n'
        '<option value="auto">the generic detector</option></select></label>\n'
        "<small>keys: j / k next and previous figure, Enter shows it on the page</small></header>\n"
        '<div class="layout"><aside aria-label="Sheets and rules"><ul>'
        '<li class="sheet missed" data-sheet="jardins"><a href="#page-1">Jardins &amp; co</a> '
        "<small>p. 1 · 1 matched · 1 missed · 2 figures</small>"
        '<ul><li class="miss"><a href="#page-1">r2</a> missed: <q>Il y a 12 bacs</q> (p. 1)</li></ul>'
        "</li></ul>"
        "</aside><main>"
        '<section class="page" id="page-1" data-page="1" data-sheet="jardins">'
        '<h2>Page 1 <span>jardins</span></h2><div class="sides">'
        '<div class="image" data-image="1" style="aspect-ratio:200/100">'
        '<div class="box actual" data-box="0" style="left:2.50%;top:10.00%;width:5.00%;height:2.50%">'
        "</div></div>"
        '<pre class="text">Il y a '
        '<mark class="fig actual auto" tabindex="0" data-figure="0" data-page="1" data-kind="actual" '
        'data-unit="count" data-origin="auto" data-sheet="jardins" '
        'title="12.0 count · actual · bacs · rule auto">'
        "12 bacs</mark> et "
        '<mark class="fig target rule" tabindex="0" data-figure="1" data-page="1" data-kind="target" '
        'data-unit="t" data-origin="rule" data-sheet="jardins" title="3.0 t · target · min · b · rule r1">'
        "3  t</mark> &lt;ok&gt;.</pre></div></section></main></div>\n"
        '<div id="tip" role="tooltip"></div>'
    )
    # the script gets the images as base64 ('PNG' -> 'UE5H') and the figures' fields, accents kept
    assert between(page, "const IMAGES = ", ";\n") == (
        '{"1": "UE5H"}, FIGURES = [{"value": 12.0, "unit": "count", "kind": "actual", "qualifier": null, '
        '"indicator": "bacs", "rule": "auto", "raw": "12 bacs", "sheet_id": "jardins"}, '
        '{"value": 3.0, "unit": "t", "kind": "target", "qualifier": "min", "indicator": "b", "rule": "r1", '
        '"raw": "3\\nt", "sheet_id": "jardins"}]'
    )


def test_the_page_title_names_the_report_escaped() -> None:
    page = review([], {1: ""}, report="Ville <d'Ici> & co")
    assert between(page, "<title>", "</title>") == "Relecture · Ville &lt;d&#x27;Ici&gt; &amp; co"
    assert between(page, "<h1>", "</h1>") == "Ville &lt;d&#x27;Ici&gt; &amp; co · 0 figures on 1 pages"


def test_a_review_without_a_note_has_no_note_paragraph() -> None:
    page = review([], {1: "texte"})
    assert 'class="note"' not in page
    assert between(page, "</h1>", "<label>") == "\n"


def test_the_script_gets_no_image_and_accented_text_as_is() -> None:
    page = review([fig("2 élèves", indicator="élèves", unit="%")], {1: "2 élèves"})
    assert between(page, "const IMAGES = ", ";\n") == (
        '{}, FIGURES = [{"value": 12.0, "unit": "%", "kind": "actual", "qualifier": null, '
        '"indicator": "élèves", "rule": "auto", "raw": "2 élèves", "sheet_id": "jardins"}]'
    )


def test_the_unit_filter_lists_each_unit_once_sorted() -> None:
    figures = [fig("1", unit="t"), fig("2", unit="EUR"), fig("3", unit="t"), fig("4", unit="%")]
    page = review(figures, {1: "1 2 3 4"})
    assert between(page, '<select id="f-unit"><option value="">all</option>', "</select>") == (
        '<option value="%">%</option><option value="EUR">EUR</option><option value="t">t</option>'
    )


def test_the_sheet_filter_lists_the_sheets_in_table_order() -> None:
    sheets = [sheet_row("zeta"), sheet_row("alpha", first=2)]
    page = review([], {1: ""}, sheets)
    assert between(page, '<select id="f-sheet"><option value="">all</option>', "</select>") == (
        '<option value="zeta">Zeta</option><option value="alpha">Alpha</option>'
    )


def test_a_figure_is_found_in_its_page_text_whatever_the_spacing() -> None:
    page = review([fig("1 200\nm3"), fig("(+5 %)", value=5.0)], {1: "Soit 1 200  m3 (+5 %) en plus."})
    assert texts_of(page) == ["Soit [0:1 200  m3] [1:(+5 %)] en plus."]


def test_figures_listed_out_of_reading_order_are_marked_where_they_stand() -> None:
    page = review([fig("7 kg"), fig("5 kg")], {1: "Soit 5 kg puis 7 kg."})
    assert texts_of(page) == ["Soit [1:5 kg] puis [0:7 kg]."]


def test_the_same_raw_twice_marks_two_places() -> None:
    page = review([fig("12"), fig("12")], {1: "12 bacs et 12 ruches"})
    assert texts_of(page) == ["[0:12] bacs et [1:12] ruches"]


def test_a_figure_is_sought_after_the_previous_figure_first() -> None:
    """Figures come in reading order: the '7 kg' after the '5 kg' is the one, not the first one."""
    page = review([fig("5 kg"), fig("7 kg")], {1: "7 kg, puis 5 kg, puis 7 kg"})
    assert texts_of(page) == ["7 kg, puis [0:5 kg], puis [1:7 kg]"]


def test_a_figure_not_in_its_page_text_is_listed_below_it() -> None:
    page = review([fig("12"), fig("12 bacs", kind="target"), fig("<9>")], {1: "12 bacs"})
    # '12' took the place '12 bacs' would overlap; '<9>' is not there at all
    assert texts_of(page) == ["[0:12] bacs"]
    assert between(page, '<p class="lost">', "</p>") == (
        "Not found in the page text: "
        '<mark class="fig target auto" tabindex="0" data-figure="1" data-page="1" data-kind="target" '
        'data-unit="count" data-origin="auto" data-sheet="jardins" '
        'title="12.0 count · target · bacs · rule auto">'
        "12 bacs</mark>"
        '<mark class="fig actual auto" tabindex="0" data-figure="2" data-page="1" data-kind="actual" '
        'data-unit="count" data-origin="auto" data-sheet="jardins" '
        'title="12.0 count · actual · bacs · rule auto">'
        "&lt;9&gt;</mark>"
    )


def test_a_figure_lost_on_a_later_page_is_listed_as_itself() -> None:
    """Page 2's lost '<9>' is row 2 of the table (not row 0, its place among page 2's figures):
    listed under page 2 with its own number, page 1's figures left where they are."""
    page = review([fig("14 km"), fig("3 kg", page=2), fig("<9>", page=2)], {1: "14 km", 2: "3 kg"})
    assert texts_of(page) == ["[0:14 km]", "[1:3 kg]"]
    assert between(page, '<p class="lost">', "</p>") == (
        "Not found in the page text: "
        '<mark class="fig actual auto" tabindex="0" data-figure="2" data-page="2" data-kind="actual" '
        'data-unit="count" data-origin="auto" data-sheet="jardins" '
        'title="12.0 count · actual · bacs · rule auto">'
        "&lt;9&gt;</mark>"
    )
    assert page.index('<p class="lost">') > page.index('id="page-2"')


def test_two_figures_side_by_side_are_both_marked() -> None:
    """Places that touch do not overlap: '10 %' may start where '5 %' ends."""
    page = review([fig("5 %"), fig("10 %")], {1: "5 %10 %"})
    assert texts_of(page) == ["[0:5 %][1:10 %]"]


def test_a_page_whose_figures_are_all_found_has_no_lost_paragraph() -> None:
    page = review([fig("12")], {1: "12"})
    assert 'class="lost"' not in page


def test_each_figure_goes_to_its_own_page() -> None:
    page = review([fig("4", page=2), fig("4", page=1), fig("9", page=3)], {1: "4 et 9", 2: "4 et 9", 3: "9"})
    assert texts_of(page) == ["[1:4] et 9", "[0:4] et 9", "[2:9]"]
    assert regex.findall(r'<section class="page" id="page-([0-9]+)" data-page="([0-9]+)"', page) == [
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
    ]


def test_a_mark_says_what_the_figure_is_in_its_tooltip_escaped() -> None:
    """The mark carries the figure's own sheet (the page's may be another: a sheet starting mid-page)."""
    figure = fig(
        '1 "a"',
        qualifier="max",
        indicator='x"y',
        rule="bacs",
        unit="m3",
        kind="context",
        value=1.5,
        sheet_id="eau",
    )
    page = review([figure], {1: 'le 1 "a"'})
    assert (
        between(page, '<section class="page"', "<h2>") == ' id="page-1" data-page="1" data-sheet="jardins">'
    )
    assert between(page, "<pre", "</pre>") == (
        ' class="text">le <mark class="fig context rule" tabindex="0" data-figure="0" data-page="1" '
        'data-kind="context" data-unit="m3" data-origin="rule" data-sheet="eau" '
        'title="1.5 m3 · context · max · x&quot;y · rule bacs">1 &quot;a&quot;</mark>'
    )


def test_the_text_of_a_page_without_figures_is_escaped() -> None:
    page = review([], {1: "a < b & c > \"d\" 'e'", 2: ""})
    assert texts_of(page) == ["a &lt; b &amp; c &gt; &quot;d&quot; &#x27;e&#x27;", ""]


def test_a_figure_without_a_box_draws_none_and_a_text_report_no_image() -> None:
    image = PageImage(1, b"x", 100, 200, 50.0, 100.0)
    boxed = fig("5", kind="target", x0=5.0, top=0.0, x1=10.0, bottom=100.0)
    page = review([fig("4"), boxed], {1: "4 5", 2: "6"}, images={1: image})
    assert regex.findall(r'<div class="image"[^>]*>.*?</div></div>|data-image="[0-9]+"', page) == [
        '<div class="image" data-image="1" style="aspect-ratio:100/200">'
        '<div class="box target" data-box="1" style="left:10.00%;top:0.00%;width:10.00%;height:100.00%">'
        "</div></div>"
    ]
    assert between(page, "const IMAGES = ", ", FIGURES") == '{"1": "eA=="}'
    text_only = review([boxed], {1: "5"})
    assert "data-image=" not in text_only and "data-box=" not in between(text_only, "<main>", "</main>")


def test_the_sidebar_lists_each_sheet_with_its_counts_and_rules_missed() -> None:
    # each sheet links to its first page, whatever its last
    sheets = [
        sheet_row("intro", 1, 0, 0, 3),
        sheet_row("jardins", 2, 1, 3, 4, last=4),
        sheet_row("eau", 5, 2, 0, 2, last=7),
    ]
    long = "mot " * 50  # 200 characters: the quote shows the first 160
    reports = [
        RuleReport("jardins", "bacs", "count", "actual", 8, "x", (), None, (3, "Les bacs <bois>")),
        RuleReport("jardins", "tas", "count", "actual", 9, "x", ((2, "12 tas"),), None, None),  # matched
        RuleReport("jardins", "ruches", "count", "actual", 10, "x", (), None, None),
        RuleReport("jardins", "tonnes", "t", "actual", 11, "x", (), "timed out", None),
        RuleReport("eau", "m3", "m3", "actual", 8, "x", (), None, (6, long)),
        RuleReport("ailleurs", "zz", "t", "actual", 8, "x", (), None, None),  # a sheet not in the table
    ]
    page = review([], {1: ""}, sheets, reports)
    assert between(page, '<aside aria-label="Sheets and rules">', "</aside>") == (
        '<ul><li class="sheet" data-sheet="intro"><a href="#page-1">Intro</a> '
        "<small>p. 1 · 0 matched · 0 missed · 3 figures</small></li>"
        '<li class="sheet missed" data-sheet="jardins"><a href="#page-2">Jardins</a> '
        "<small>p. 2 · 1 matched · 3 missed · 4 figures</small><ul>"
        '<li class="miss"><a href="#page-3">bacs</a> missed: <q>Les bacs &lt;bois&gt;</q> (p. 3)</li>'
        '<li class="miss"><a href="#page-2">ruches</a> missed</li>'
        '<li class="miss"><a href="#page-2">tonnes</a> missed <em>timed out</em></li></ul></li>'
        '<li class="sheet" data-sheet="eau"><a href="#page-5">Eau</a> '
        "<small>p. 5 · 2 matched · 0 missed · 2 figures</small><ul>"
        f'<li class="miss"><a href="#page-6">m3</a> missed: <q>{long[:160]}</q> (p. 6)</li></ul></li></ul>'
    )


def test_the_kind_colours_are_those_the_page_draws_marks_and_boxes_in() -> None:
    from rdd_extract.html import _asset

    assert KIND_COLOURS == {"actual": "#2e7d32", "target": "#1565c0", "context": "#8d6e63"}
    assert tuple(KIND_COLOURS) == KINDS
    style = _asset("review.css")
    for kind, colour in KIND_COLOURS.items():
        assert f"mark.{kind}{{border-color:{colour}}}" in style
        assert f".box.{kind}{{border-color:{colour}}}" in style


# --------------------------------------------------------------------------- html.py: diff page


def diff_row(
    sheet: str,
    indicator: str,
    old: float | None,
    new: float | None,
    status: str,
    pct: float | None = None,
    pages: tuple[int | None, int | None] = (7, 7),
    label: str | None = None,
    unit: str = "count",
) -> dict[str, object]:
    return {
        "sheet_id": sheet, "indicator": indicator, "label": label or indicator.capitalize(), "unit": unit,
        "old_value": old, "new_value": new, "change": None, "change_pct": pct, "status": status,
        "old_page": pages[0], "new_page": pages[1], "note": None,
    }  # fmt: skip


def test_the_diff_page_of_two_sheets() -> None:
    rows = [
        diff_row("jardins", "parcelles", 1200.0, 1500.0, "changed", 25.0, (3, 4), "Parcelles <louées>"),
        diff_row("eau", "m3", 0.5, None, "removed", None, (9, None), "Eau & pluie", unit="m3"),
        diff_row("jardins", "bacs", None, 1234567.891, "added", None, (None, 5)),
        diff_row("jardins", "ruches", 10.0, 8.0, "changed", -20.0, (6, 6)),
    ]
    page = diff_html(rows, "2022", "2023", "2022/review.html", "2023/review.html")
    head = "<tr><th>indicator</th><th>2022</th><th>2023</th><th>unit</th><th>change</th><th>status</th></tr>"
    # bars in percent of the largest change (25 %): 25 -> 100.0, -20 -> 80.0
    assert between(page, "<body>", "</body>") == (
        "<header><h1>2022 → 2023 · 4 indicators</h1></header><main>"
        f"<section><h2>jardins</h2><table>{head}"
        '<tr class="changed"><td>parcelles<br><small>Parcelles &lt;louées&gt;</small></td>'
        '<td><a href="2022/review.html#page-3">1 200</a></td>'
        '<td><a href="2023/review.html#page-4">1 500</a></td>'
        '<td>count</td><td class="change"><span class="bar up" style="width:100.0%"></span> +25.0 %</td>'
        "<td>changed</td></tr>"
        '<tr class="added"><td>bacs<br><small>Bacs</small></td><td>—</td>'
        '<td><a href="2023/review.html#page-5">1 234 567.89</a></td><td>count</td><td class="change"></td>'
        "<td>added</td></tr>"
        '<tr class="changed"><td>ruches<br><small>Ruches</small></td>'
        '<td><a href="2022/review.html#page-6">10</a></td><td><a href="2023/review.html#page-6">8</a></td>'
        '<td>count</td><td class="change"><span class="bar down" style="width:80.0%"></span> -20.0 %</td>'
        "<td>changed</td></tr></table></section>\n"
        f"<section><h2>eau</h2><table>{head}"
        '<tr class="removed"><td>m3<br><small>Eau &amp; pluie</small></td>'
        '<td><a href="2022/review.html#page-9">0.50</a></td><td>—</td><td>m3</td><td class="change"></td>'
        "<td>removed</td></tr></table></section></main>"
    )
    assert between(page, "<title>", "</title>") == "rdd diff 2022 → 2023"


def test_the_diff_page_escapes_the_names_of_the_years() -> None:
    page = diff_html([], "a<b>/f.parquet", "c&d", "", "")
    assert between(page, "<title>", "</title>") == "rdd diff a&lt;b&gt;/f.parquet → c&amp;d"
    assert between(page, "<body>", "</body>") == (
        "<header><h1>a&lt;b&gt;/f.parquet → c&amp;d · 0 indicators</h1></header><main></main>"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1500.0, "1 500"),
        (1234.5, "1 234.50"),
        (-2000.0, "-2 000"),
        (0.0, "0"),
        (999.999, "1 000"),
        (0.004, "0"),
        (12, "12"),
        (1234567.0, "1 234 567"),
    ],
)
def test_a_diff_value_shows_thousands_spaced_and_two_decimals_unless_whole(value: float, shown: str) -> None:
    page = diff_html([diff_row("s", "x", value, None, "removed")], "a", "b", "", "")
    assert between(page, "<small>X</small></td><td>", "</td>") == shown


def test_a_diff_value_links_to_its_page_only_with_a_link_and_a_page() -> None:
    rows = [diff_row("s", "x", 5.0, 6.0, "changed", 20.0, (None, 8))]
    linked = diff_html(rows, "a", "b", "old/review.html", "new/review.html")
    assert regex.findall(r"<td>(<a [^<]*</a>|[0-9]+)</td>", linked) == [
        "5",  # no page in the old year: the value alone
        '<a href="new/review.html#page-8">6</a>',
    ]
    unlinked = diff_html(rows, "a", "b", "", "")
    assert regex.findall(r"<td>(<a [^<]*</a>|[0-9]+)</td>", unlinked) == ["5", "6"]


def test_a_diff_link_is_escaped() -> None:
    rows = [diff_row("s", "x", 5.0, None, "removed", None, (2, None))]
    page = diff_html(rows, "a", "b", 'dossier "2022"/review.html', "")
    assert '<a href="dossier &quot;2022&quot;/review.html#page-2">5</a>' in page


def test_no_change_at_all_draws_empty_bars_upwards() -> None:
    """Every change 0 %: the largest is 0, bars are 0 wide (no division by zero), 'up' for no decrease."""
    rows = [diff_row("s", "x", 5.0, 5.0, "unchanged", 0.0), diff_row("s", "y", 2.0, 2.0, "unchanged", 0.0)]
    page = diff_html(rows, "a", "b", "", "")
    assert regex.findall(r'<td class="change">(.*?)</td>', page) == [
        '<span class="bar up" style="width:0.0%"></span> +0.0 %',
        '<span class="bar up" style="width:0.0%"></span> +0.0 %',
    ]


def test_a_small_change_is_a_bar_in_proportion_to_the_largest() -> None:
    rows = [
        diff_row("s", "x", 1.0, 1.0, "changed", 0.04),
        diff_row("s", "y", 1.0, 1.0, "changed", -400.0),
        diff_row("s", "z", 1.0, 1.0, "changed", 150.0),
    ]
    page = diff_html(rows, "a", "b", "", "")
    assert regex.findall(r'<td class="change">(.*?)</td>', page) == [
        '<span class="bar up" style="width:0.0%"></span> +0.0 %',
        '<span class="bar down" style="width:100.0%"></span> -400.0 %',
        '<span class="bar up" style="width:37.5%"></span> +150.0 %',
    ]
