"""`rdd rules init`: a rule family drafted from one report names its figures, this year and next."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import regex

from rdd_extract.draft import _tokens_after, _tokens_before, _words_pattern, collectivite_name
from rdd_extract.layout import Page, structure
from rdd_extract.pipeline import Extraction, extract_report
from rdd_extract.rules import compile_rule_pattern

from .conftest import rdd
from .nextyear import Edition, _rewrap, _shift_figures
from .restyle import restyle

DROPPED = 21  # the next edition drops this page's sheet: the pages after it move up by one


def next_edition(text: str) -> str:
    """Next year's edition of a re-styled report: new values, lines re-wrapped, a sheet dropped,
    the pages after it renumbered in their footers and in the contents page."""
    edition = Edition(text="", dropped_page=DROPPED)
    pages = []
    for number, page in enumerate(text.split("\f"), start=1):
        if number == DROPPED:
            continue
        page = page.replace("2023", "2024").replace("2022", "2023")
        if number > 2:
            page = _rewrap(_shift_figures(page, number, edition))
        if number > DROPPED:  # 'page 23' and '23 | Sarlieu ...' footers
            page = regex.sub(r"(?m)(page |^)([0-9]{1,2})(?=$| \|)", lambda m: f"{m[1]}{int(m[2]) - 1}", page)
        pages.append(page)
    contents = []
    for line in pages[1].split("\n"):
        entry = regex.search(r"\.{3,}\s*([0-9]+)\s*$", line) or regex.match(r"([0-9]+)\s{2,}", line)
        if entry and int(entry[1]) == DROPPED:
            continue
        if entry and int(entry[1]) > DROPPED:
            line = line[: entry.start(1)] + str(int(entry[1]) - 1) + line[entry.end(1) :]
        contents.append(line)
    pages[1] = "\n".join(contents)
    return "\f".join(pages)


@pytest.fixture(scope="module", params=["axe", "finalite"])
def drafted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp(request.param)
    report = folder / "rapport-2022.txt"
    report.write_text(restyle(request.param).text, encoding="utf-8")
    run = rdd("rules", "init", report, "-o", folder / "draft")
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith(f"drafted {folder / 'draft'}: family ")
    # a count, not a share that rounds 504 of 505 up to 100 %
    assert "51 sheets, 504 figure rules; on rapport-2022.txt, 504 of 505 figures now come from" in run.stderr
    assert "\nreview: 1 figure left to the generic detector: p2 '5'\n" in run.stderr
    return report, folder / "draft"


def named(extraction: Extraction) -> set[tuple[str, str]]:
    return {(figure.sheet_id, figure.indicator) for figure in extraction.figures if figure.rule != "auto"}


def test_the_draft_is_a_valid_family_named_after_the_collectivite(drafted: tuple[Path, Path]) -> None:
    report, folder = drafted
    family = tomllib.loads((folder / "_family.toml").read_text(encoding="utf-8"))
    expected = {
        "axe": ("valmont", "Communauté urbaine de Valmont"),
        "finalite": ("sarlieu", "Métropole de Sarlieu"),
    }
    style = report.parent.name.rstrip("0123456789")
    assert (family["family"]["id"], family["family"]["name"]) == expected[style]
    assert rdd("rules", "check", folder).returncode == 0


def test_the_draft_names_the_figures_of_its_report(drafted: tuple[Path, Path]) -> None:
    report, folder = drafted
    (folder.parent / "none").mkdir(exist_ok=True)
    generic = extract_report(report, rules=folder.parent / "none")
    with_draft = extract_report(report, rules=folder)
    assert with_draft.rules is not None and with_draft.rules.family in ("valmont", "sarlieu")
    assert sorted((f.page, f.value) for f in with_draft.figures) == sorted(
        (f.page, f.value) for f in generic.figures
    )
    # Every figure but one: the contents page's '5 axes' is on no sheet, so no rule file holds it.
    assert [(f.page, f.raw) for f in with_draft.figures if f.rule == "auto"] == [(2, "5")]
    assert len(named(with_draft)) == len(with_draft.figures) - 1


def test_patterns_hold_words_not_numbers(drafted: tuple[Path, Path]) -> None:
    _, folder = drafted
    for path in folder.glob("*.toml"):
        if path.name.startswith("_"):
            continue
        for rule in tomllib.loads(path.read_text(encoding="utf-8"))["figure"]:
            words = rule["pattern"].replace("[0-9]+(?:[  .,][0-9]+)*", "").replace("{num:value}", "")
            assert not regex.search("[0-9]", words), (path.name, rule["pattern"])
            assert "{num:value}" in rule["pattern"]


def test_a_pattern_is_the_fewest_words_that_find_its_figure_alone(drafted: tuple[Path, Path]) -> None:
    """First no word before and three after ('154 dossiers de particuliers validés'); a year or a
    number in the words is written as any number; the brackets and sign around a figure are kept."""
    _, folder = drafted
    sheet = tomllib.loads((folder / "fonds-transition-energetique.toml").read_text(encoding="utf-8"))
    assert [rule["pattern"] for rule in sheet["figure"][:4]] == [
        "{num:value} dossiers de particuliers",
        r"\({num:value} dossiers en [0-9]+(?:[  .,][0-9]+)*\)",
        r"\) {num:value} € d'aides FTE attribuées",
        "{num:value} travaux » au profit",
    ]


def test_a_signed_figures_pattern_takes_any_sign_or_none(drafted: tuple[Path, Path]) -> None:
    """'(+ 8% par rapport à 2019)' this year; next year the change may be a fall, or unsigned."""
    _, folder = drafted
    sheet = tomllib.loads((folder / "developpement-pratique-sports-glisse.toml").read_text(encoding="utf-8"))
    (rule,) = [rule for rule in sheet["figure"] if rule["label"] == "+ 8%"]
    assert rule["pattern"] == r"\((?:[-+−–] ?)?{num:value}% par rapport à"
    compiled = compile_rule_pattern(rule["pattern"])
    for text, value in [("(+ 8% par rapport à 2019)", "8"), ("(- 3% par rapport à 2020)", "3"),
                        ("(−3% par rapport à 2020)", "3"), ("(12% par rapport à 2020)", "12")]:  # fmt: skip
        hit = compiled.search(text)
        assert (hit["value"] if hit else None) == value, text


def test_next_years_edition_comes_back_under_the_same_keys(drafted: tuple[Path, Path]) -> None:
    report, folder = drafted
    this_year = extract_report(report, rules=folder)
    following = report.with_name("rapport-2023.txt")
    following.write_text(next_edition(report.read_text(encoding="utf-8")), encoding="utf-8")
    next_year = extract_report(following, rules=folder)
    dropped = {sheet.sheet_id for sheet in this_year.document.sheets if sheet.first_page == DROPPED}
    expected = {key for key in named(this_year) if key[0] not in dropped}
    assert expected - named(next_year) == set()  # every name comes back
    assert next_year.document.year == 2023


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'La' and 'La Rochelle' are each named twice: the longer wins the tie
        (
            "Communauté d'agglomération de La Rochelle\n"
            "Rapport 2022 de la Communauté d'agglomération de La Rochelle",
            ("Communauté d'agglomération de La Rochelle", "La Rochelle"),
        ),
        ("Un rapport sans nom de collectivité.", (None, None)),
    ],
)
def test_the_collectivite_is_the_place_named_most_the_longer_on_a_tie(
    text: str, expected: tuple[str | None, str | None]
) -> None:
    document = structure((Page(1, text, False),), "rapport.txt")
    assert collectivite_name(document) == expected


def test_init_refuses_a_folder_with_files_and_a_family_id_that_is_no_slug(tmp_path: Path) -> None:
    report = tmp_path / "rapport.txt"
    report.write_text(restyle("axe").text, encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("à garder", encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "full")
    assert run.returncode == 2
    assert (
        run.stderr
        == f"rdd: error: {tmp_path / 'full'} exists and is not an empty folder: give a new folder with -o\n"
    )
    assert [path.name for path in (tmp_path / "full").iterdir()] == ["notes.txt"]
    bad = rdd("rules", "init", report, "-o", tmp_path / "new", "--family", "../../evil")
    assert bad.returncode == 2 and "family id '../../evil' must be a slug" in bad.stderr
    assert not (tmp_path / "new").exists()


# --- the words before a figure: back to its sentence's start, at most 200 characters ----------------------

# Two sentences alike but for their fifth word before the figure, 31 characters back from it.
TWIN_SENTENCES = (
    "Communauté urbaine de Valmont\nbilan annuel 2022\n\fAXE 1\nUn territoire durable\n"
    "\f1.1 Les jardins partagés\n\n"
    "Les communes rurales du territoire ont reçu 12 dossiers de particuliers validés. "
    "Les communes urbaines du territoire ont reçu 15 dossiers de particuliers validés.\n"
)


def test_a_pattern_reaches_back_to_the_word_that_tells_two_sentences_apart(tmp_path: Path) -> None:
    """Five words before the figure, 31 characters back: 'rurales' and 'urbaines' make each pattern
    find its figure alone, with no occurrence to choose."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(TWIN_SENTENCES, encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert run.returncode == 0, run.stderr
    assert "occurrence" not in run.stderr
    sheet = tomllib.loads((tmp_path / "draft" / "jardins-partages.toml").read_text(encoding="utf-8"))
    assert [(rule["id"], rule["pattern"], rule.get("occurrence", 1)) for rule in sheet["figure"]] == [
        (
            "dossiers-particuliers-valides",
            "rurales du territoire ont reçu {num:value} dossiers de particuliers validés",
            1,
        ),
        (
            "dossiers-particuliers-valides-2",
            "urbaines du territoire ont reçu {num:value} dossiers de particuliers validés",
            1,
        ),
    ]


def test_the_words_before_a_figure_stop_at_200_characters_or_at_the_sentence_start() -> None:
    text = "Fin. " + "mot " * 60 + "12 mot" + " mot" * 60
    start = text.index("12")
    # 60 words of 4 characters before it: the last 200 characters hold 50 of them, nearest first
    assert _tokens_before(text, start) == [" ", "mot"] * 50
    assert _tokens_after(text, start + 2) == [" ", "mot"] * 50
    short = "Fin. " + "mot " * 10 + "12 mot mot. Autre mot"
    start = short.index("12")
    # the sentence starts after 'Fin.': its space, then ten words
    assert _tokens_before(short, start) == [" ", "mot"] * 10 + [" "]
    assert _tokens_after(short, start + 2) == [" ", "mot", " ", "mot"]
    assert _tokens_before("12 mot", 0) == []


def test_twin_sentences_alike_to_their_start_take_the_occurrence_they_are(tmp_path: Path) -> None:
    """No word within their sentences tells them apart: the pattern grows to the sentence's start (the
    period before the second one stops it) and the second figure is occurrence 2, listed for review."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(TWIN_SENTENCES.replace("urbaines", "rurales"), encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert run.returncode == 0, run.stderr
    assert (
        "\nreview: 1 pattern found more than once on its sheet, an occurrence chosen: "
        "jardins-partages/dossiers-particuliers-valides-2 (occurrence 2)\n" in run.stderr
    )
    sheet = tomllib.loads((tmp_path / "draft" / "jardins-partages.toml").read_text(encoding="utf-8"))
    whole = "Les communes rurales du territoire ont reçu {num:value} dossiers de particuliers validés"
    assert [(rule["pattern"], rule.get("occurrence", 1)) for rule in sheet["figure"]] == [
        (whole, 1),
        (whole, 2),
    ]


@pytest.mark.parametrize(
    ("title", "pattern"),
    [
        # seven words: the first six, apostrophe and spaces made one optional space
        ("L'accès au patrimoine archéologique de la ville", "L ?accès ?au ?patrimoine ?archéologique ?de"),
        ("Les jardins partagés de la ville", "Les ?jardins ?partagés ?de ?la ?ville"),  # six: all of them
        ("Les jardins partagés", "Les ?jardins ?partagés"),
        ("1.2 Énergie : 100 % renouvelable", "Énergie ?renouvelable"),  # letters only, numbers left out
        ("Valmont", "Valmont"),
        ("(2022)", r"\(2022\)"),  # no word at all: the title itself, escaped
    ],
)
def test_a_title_becomes_a_pattern_of_its_first_six_words(title: str, pattern: str) -> None:
    assert _words_pattern(title) == pattern


# A sheet titled with eleven words and one with three; the family's place is one word.
LONG_TITLE = (
    "Communauté urbaine de Valmont\nbilan annuel 2022\n\fAXE 1\nUn territoire durable\n"
    "\f1.1 L'accès au patrimoine archéologique de la ville et des quartiers\n\n"
    "Les communes rurales du territoire ont reçu 12 dossiers de particuliers validés.\n"
    "\f1.2 Les jardins partagés\n\nLes habitants ont planté 40 arbres fruitiers.\n"
)


def test_a_drafted_sheet_matches_on_the_first_six_words_of_its_title(tmp_path: Path) -> None:
    """Three words ('L ?accès ?au') would find many sheets; six keep the sheet's match its own."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(LONG_TITLE, encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert run.returncode == 0, run.stderr
    assert "family 'valmont' (match 'Valmont'), 2 sheets, 2 figure rules" in run.stderr
    matches = {
        path.name: tomllib.loads(path.read_text(encoding="utf-8"))["sheet"]["match"]
        for path in (tmp_path / "draft").glob("[!_]*.toml")
    }
    assert matches == {
        "acces-patrimoine-archeologique-ville-quartiers.toml": "L ?accès ?au ?patrimoine ?archéologique ?de",
        "jardins-partages.toml": "Les ?jardins ?partagés",
    }


GENERIC_HEADINGS = ("Perspectives", "Et demain", "À venir", "Prochaines étapes")  # the profile's, in order


@pytest.mark.parametrize(
    ("pages", "headings"),
    [
        (["Bilan\nPerspectives\nLancer 3 chantiers."], ("Perspectives",)),
        # any case, spaces around, a '?' or ':' after; on any page; kept in the generic order
        (["À venir :\n4 jardins", "  ET DEMAIN ?  \nRien."], ("Et demain", "À venir")),
        (["Prochaines étapes 2023\n5 bornes"], ("Prochaines étapes",)),
        (["Perspectives\n", "Prochaines étapes\n"], ("Perspectives", "Prochaines étapes")),
        # a sentence that starts with the word is no heading: none is used, so all four are kept
        (["Perspectives de développement : 12 projets engagés."], GENERIC_HEADINGS),
        # a heading of the dated kind ('Objectifs 2023') is none of the four
        (["Objectifs 2023\n30 %"], GENERIC_HEADINGS),
        (["Bonjour\n12 personnes sont venues."], GENERIC_HEADINGS),
    ],
    ids=["one", "two-pages", "dated", "first-and-last", "sentence", "objectifs", "none"],
)
def test_the_draft_keeps_the_target_headings_its_report_uses(
    pages: list[str], headings: tuple[str, ...]
) -> None:
    from rdd_extract.draft import _target_headings
    from rdd_extract.layout import Document

    document = Document(
        "r.txt", 2022, tuple(Page(number, text, False) for number, text in enumerate(pages, 1)), (), ()
    )
    assert _target_headings(document) == headings


def test_the_drafted_family_lists_only_the_headings_found(tmp_path: Path) -> None:
    """The report heads its targets 'Perspectives' only: the family's layout says so."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(LONG_TITLE + "\nPerspectives\nPlanter 60 arbres en 2023.\n", encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert run.returncode == 0, run.stderr
    family = tomllib.loads((tmp_path / "draft" / "_family.toml").read_text(encoding="utf-8"))
    assert family["layout"]["target_headings"] == ["Perspectives"]


# --- a drafted rule's id: the first six words of its figure's label, stopwords left out -------------------

# Two labels of seven words alike but for the seventh, one with stopwords, one of two words.
LONG_LABELS = (
    "Communauté urbaine de Valmont\nbilan annuel 2022\n\fAXE 1\nUn territoire durable\n"
    "\f1.1 Les jardins partagés\n\n"
    "En 2022, 12 bénévoles formés animent chaque semaine neuf ateliers collectifs gratuits ouverts.\n"
    "Puis 30 bénévoles de la ville et des quartiers animent les ateliers du jardin.\n"
    "Enfin 45 ruches installées sur six toits.\n"
    "Aussi 8 bénévoles formés animent chaque semaine neuf jardins.\n"
)


def test_a_drafted_rule_id_keeps_six_words_of_its_label(tmp_path: Path) -> None:
    """'bénévoles formés animent chaque semaine neuf ateliers': six words kept, 'ateliers' dropped, so
    the '... neuf jardins' rule has the same base and takes '-2'; stopwords ('de', 'la', 'et', 'des')
    are not counted; a two-word label is kept whole."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(LONG_LABELS, encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert run.returncode == 0, run.stderr
    sheet = tomllib.loads((tmp_path / "draft" / "jardins-partages.toml").read_text(encoding="utf-8"))
    assert [(rule["id"], rule["label"]) for rule in sheet["figure"]] == [
        (
            "benevoles-formes-animent-chaque-semaine-neuf",
            "bénévoles formés animent chaque semaine neuf ateliers",
        ),
        ("benevoles-ville-quartiers", "bénévoles de la ville et des quartiers"),
        ("ruches-installees", "ruches installées"),
        (
            "benevoles-formes-animent-chaque-semaine-neuf-2",
            "bénévoles formés animent chaque semaine neuf jardins",
        ),
    ]


# --- where the words around a figure stop: a sentence's or a clause's end, a blank line ---------------------


@pytest.mark.parametrize("stop", [".", "!", "?", ";", ":", "•", "\n\n", "\n  \n"])
def test_the_words_around_a_figure_stop_at_each_stop_sign(stop: str) -> None:
    """Each stop sign ends the words on both sides: one 'mot' before the figure, one after."""
    text = f"avant{stop} mot 12 mot{stop} après"
    start = text.index("12")
    assert _tokens_before(text, start) == [" ", "mot", " "]
    assert _tokens_after(text, start + 2) == [" ", "mot"]


@pytest.mark.parametrize(
    ("sep", "sep_tokens"),
    [(",", [","]), ("\n", []), (" -", [" ", "-"]), (" (", [" ", "("]), (" »", [" ", "»"])],
)
def test_the_words_around_a_figure_run_across_a_comma_a_line_break_or_a_dash(
    sep: str, sep_tokens: list[str]
) -> None:
    """No stop sign: the words run on to 'avant' before and 'après' after (a single line break is
    only a wrapped line, one whitespace token with the space after the separator)."""
    text = f"avant{sep} mot 12 mot{sep} après"
    start = text.index("12")
    tokens = [*sep_tokens, " "] if sep_tokens else [f"{sep} "]
    assert _tokens_before(text, start) == [" ", "mot", *reversed(tokens), "avant"]
    assert _tokens_after(text, start + 2) == [" ", "mot", *tokens, "après"]


CLAUSES = (
    "Communauté urbaine de Valmont\nbilan annuel 2022\n\fAXE 1\nUn territoire durable\n"
    "\f1.1 Les jardins partagés\n\n"
    "Bilan : 12 projets en création dans les quartiers.\n"
    "Ensuite 30 bénévoles : actifs sur le site.\n"
    "Puis 8 composteurs ; installés dans les cours.\n"
    "Enfin, 45 ruches installées, sur six toits.\n"
)


def test_a_drafted_pattern_stops_at_a_colon_or_a_semicolon_not_at_a_comma(tmp_path: Path) -> None:
    """'Bilan : 12 projets': the colon before the figure is left out of its pattern; ': actifs' and
    '; installés' after it cut the words to one; a comma on either side is kept, with the words past it."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(CLAUSES, encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert run.returncode == 0, run.stderr
    sheet = tomllib.loads((tmp_path / "draft" / "jardins-partages.toml").read_text(encoding="utf-8"))
    assert [rule["pattern"] for rule in sheet["figure"]] == [
        "{num:value} projets en création",
        "{num:value} bénévoles",
        "{num:value} composteurs",
        ", {num:value} ruches installées, sur",
    ]
