"""Page inference, piliers and sheets of the reference report; the layout helpers on small inputs."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from rdd_extract.clean import clean_text
from rdd_extract.layout import (
    Document,
    Page,
    detect_year,
    find_title,
    footer_page_starts,
    infer_page_starts,
    is_furniture,
    is_key_figure,
    is_title_line,
    perspective_spans,
    read_toc,
    slugify,
    split_pages,
    squeeze,
    structure,
    toc_titles,
)
from rdd_extract.pipeline import Extraction, extract_report
from rdd_extract.profile import GENERIC, LayoutProfile
from rdd_extract.sources import Source

from .conftest import REFERENCE_TEXT

TOC = {1: (5, 12), 2: (13, 22), 3: (23, 31), 4: (32, 48), 5: (49, 60)}


@pytest.fixture(scope="module")
def layout_document(reference_text: str) -> Document:
    """The layout's own structure of the report, before any rulepack renames a sheet."""
    source = Source("cabbalr-rdd-2022.txt", "0" * 64, pages=(reference_text,), paginated=False)
    pages = tuple(Page(page.number, clean_text(page.text), page.inferred) for page in split_pages(source))
    return structure(pages, source.name)


def first_line(text: str) -> str:
    return next(line.strip() for line in text.split("\n") if line.strip())


def last_line(text: str) -> str:
    return [line.strip() for line in text.split("\n") if line.strip()][-1]


def page_text(extraction: Extraction, number: int) -> str:
    return next(page.text for page in extraction.document.pages if page.number == number)


def sheet_of_page(document: Document, number: int) -> str:
    index = [page.number for page in document.pages].index(number)
    return document.page_sheet[index]


# --------------------------------------------------------------------------- pages


def test_pages_are_2_to_60_and_inferred(reference_extraction: Extraction) -> None:
    pages = reference_extraction.document.pages
    assert [page.number for page in pages] == list(range(2, 61))
    assert all(page.inferred for page in pages)
    assert all(page.text.strip() for page in pages)


def test_page_sheet_is_parallel_to_pages(reference_extraction: Extraction) -> None:
    document = reference_extraction.document
    assert len(document.page_sheet) == len(document.pages) == 59  # printed pages 2-60 (the cover has no text)
    sheet_ids = {sheet.sheet_id for sheet in document.sheets}
    assert set(document.page_sheet) == sheet_ids


def test_pages_cover_the_whole_report(reference_extraction: Extraction, reference_text: str) -> None:
    """No letter is lost or duplicated by cutting the report into pages and cleaning each page."""
    joined = "\n".join(page.text for page in reference_extraction.document.pages)
    assert squeeze(joined) == squeeze(clean_text(reference_text))


@pytest.mark.parametrize(
    ("number", "first"),
    [
        (2, "PILIERSFONDAMENTAUX"),  # "5 piliers fondamentaux"
        (3, "PREAMBULE"),
        (4, "LEPLANCLIMATAIRENERGIETERRITORIAL"),
        (5, "PILIER"),
        (6, "RAPPORTDEDEVELOPPEMENTDURABLE"),  # the footer "... - 20226", extracted before the text
        (7, "LEFONDSDETRANSITIONENERGETIQUE"),
        (11, "LAPOURSUITEDELA"),
        (13, "PILIER"),
        (15, "LEAUPOTABLE"),
        (21, "LESFRELONSASIATIQUESONTUNIMPACTSURLA"),
        (23, "PILIER"),
        (25, "LABANQUE"),
        (32, "PILIER"),
        (43, "RAPPORTDEDEVELOPPEMENTDURABLE"),  # its footer misprints 42, the sheet count wins
        (49, "PILIER"),
        (60, "UNNUMERIQUERESPONSABLE"),
    ],
)
def test_first_line_of_page(reference_extraction: Extraction, number: int, first: str) -> None:
    assert squeeze(first_line(page_text(reference_extraction, number))) == first


@pytest.mark.parametrize(
    ("number", "pilier_line"),
    [(5, "PILIER 1"), (13, "PILIER 2"), (23, "PILIER 3"), (32, "PILIER 4"), (49, "PILIER 5")],
)
def test_divider_pages_start_with_their_pilier(
    reference_extraction: Extraction, number: int, pilier_line: str
) -> None:
    assert first_line(page_text(reference_extraction, number)) == pilier_line


@pytest.mark.parametrize(
    ("number", "last"),
    [
        (2, "PAGES 49> 60"),
        (5, "RAPPORT DE DÉVELOPPEMENT DURABLE - 2020"),
        (6, "Perspectives"),
        (7, "qualitatifs et à fortes économies d'énergie."),
        (12, "l'écoquartier des Alouettes à Bruay-La-Buissière."),
        (43, "ciné débat"),
        (60, "ordinateurs ont été reconditionnés en interne"),
    ],
)
def test_last_line_of_page(reference_extraction: Extraction, number: int, last: str) -> None:
    assert last_line(page_text(reference_extraction, number)) == last


@pytest.mark.parametrize(
    ("number", "phrase"),
    [
        (6, "1 406 000€"),
        (7, "332 914 €"),
        (10, "Gaz - 975,9 k€"),
        (16, "610 km"),
        (20, "montant total de 1 726 000€"),
        (41, "66 équivalents temps plein"),
        (52, "190 110 T."),
        (52, "1,8M de km"),
    ],
)
def test_phrase_is_on_its_printed_page(reference_extraction: Extraction, number: int, phrase: str) -> None:
    holders = [page.number for page in reference_extraction.document.pages if phrase in page.text]
    assert holders == [number]


# --------------------------------------------------------------------------- piliers and sheets


def test_read_toc_of_the_report(reference_text: str) -> None:
    assert read_toc(reference_text) == TOC
    assert read_toc(reference_text[:1500]) == TOC


def test_toc_titles_of_the_report(reference_text: str) -> None:
    titles = toc_titles(reference_text[:1500])
    assert titles[1] == "LUTTE CONTRE LE RÉCHAUFFEMENT CLIMATIQUE ET POUR LA PROTECTION DE L’ATMOSPHÈRE"
    assert titles[4] == "VERS UNE COHÉSION SOCIALE ENTRE LES TERRITOIRES ET LES GÉNÉRATIONS"
    assert titles[5] == "VERS DES MODES DE PRODUCTION ET DE CONSOMMATION RESPONSABLES"
    assert sorted(titles) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PILIER 1\nLUTTE\nPAGES 5 > 12", {1: (5, 12)}),
        ("PILIER 5 \nVERS DES MODES\nPAGES 49> 60", {5: (49, 60)}),
        ("PILIER 1\nX\nPAGES 12 > 5", {}),  # a reversed range is no entry
        ("PILIER 2 a PAGES 13 > 22\nPILIER 2 b PAGES 30 > 40", {2: (13, 22)}),  # the first entry wins
        ("PAGES 5 > 12", {}),
        ("", {}),
    ],
)
def test_read_toc(text: str, expected: dict[int, tuple[int, int]]) -> None:
    assert read_toc(text) == expected


def test_five_piliers_with_their_divider_pages(layout_document: Document) -> None:
    dividers = [sheet for sheet in layout_document.sheets if sheet.kind == "pilier"]
    assert [(s.sheet_id, s.pilier, s.first_page, s.last_page) for s in dividers] == [
        ("pilier-1", 1, 5, 5),
        ("pilier-2", 2, 13, 13),
        ("pilier-3", 3, 23, 23),
        ("pilier-4", 4, 32, 32),
        ("pilier-5", 5, 49, 49),
    ]
    assert dividers[3].title == "VERS UNE COHÉSION SOCIALE ENTRE LES TERRITOIRES ET LES GÉNÉRATIONS"


@pytest.mark.parametrize("pilier", [1, 2, 3, 4, 5])
def test_pilier_page_range_matches_the_table_of_contents(
    reference_extraction: Extraction, pilier: int
) -> None:
    document = reference_extraction.document
    pages = sorted(
        number
        for sheet in document.sheets
        if sheet.pilier == pilier
        for number in range(sheet.first_page, sheet.last_page + 1)
    )
    first, last = TOC[pilier]
    assert pages == list(range(first, last + 1))


def test_pipeline_keeps_the_layout_pages_and_sheet_bounds(
    layout_document: Document, reference_extraction: Extraction
) -> None:
    """Rules may rename and retitle a sheet; its pilier, pages and kind stay those of the layout."""

    def shape(document: Document) -> list[tuple[int | None, int, int, str]]:
        return [(s.pilier, s.first_page, s.last_page, s.kind) for s in document.sheets]

    assert shape(reference_extraction.document) == shape(layout_document)
    assert reference_extraction.document.pages == layout_document.pages


def test_51_action_sheets_one_per_page(reference_extraction: Extraction) -> None:
    sheets = reference_extraction.document.sheets
    actions = [sheet for sheet in sheets if sheet.kind == "action"]
    assert len(actions) == 51
    assert all(sheet.first_page == sheet.last_page for sheet in actions)
    assert all(sheet.pilier is not None for sheet in actions)
    assert len(sheets) == 59  # 51 action sheets, 5 pilier dividers, contents, preamble, climate plan
    assert len({sheet.sheet_id for sheet in sheets}) == len(sheets)


def test_sheets_are_contiguous_and_ordered(reference_extraction: Extraction) -> None:
    sheets = reference_extraction.document.sheets
    assert sheets[0].first_page == 2 and sheets[-1].last_page == 60
    for before, after in itertools.pairwise(sheets):
        assert after.first_page == before.last_page + 1


def test_intro_sheets(layout_document: Document) -> None:
    intro = [sheet for sheet in layout_document.sheets if sheet.kind == "intro"]
    assert [(s.sheet_id, s.title, s.pilier, s.first_page, s.last_page) for s in intro] == [
        ("sommaire", "Sommaire", None, 2, 2),
        ("preambule", "Préambule", None, 3, 3),
        ("plan-climat-air-energie-territorial", "Le Plan Climat Air Énergie Territorial", None, 4, 4),
    ]


@pytest.mark.parametrize(
    ("page", "sheet_id", "title", "pilier"),
    [
        (6, "amelioration-habitat", "L'amélioration de l'habitat", 1),
        (7, "fonds-transition-energetique", "Le Fonds de transition énergétique", 1),
        (
            9,
            "renovation-energetique-patrimoine-communal",
            "La rénovation énergétique du patrimoine communal",
            1,
        ),
        (10, "consommation-energetique", "La consommation énergétique", 1),
        (12, "deploiement-bornes-recharge", "Le déploiement des bornes de recharge", 1),
        (14, "assainissement-eaux-usees", "L'assainissement des eaux usées", 2),
        (
            16,
            "entretien-restauration-milieux-aquatiques",
            "Entretien et restauration des milieux aquatiques",
            2,
        ),
        (21, "lutte-contre-frelons-asiatiques", "La lutte contre les frelons asiatiques", 2),
        (25, "labanque", "Labanque", 3),
        (26, "donation-kijno", "La donation Kijno", 3),
        (39, "territoire-zero-chomeur-longue-duree", 'Territoire "Zéro chômeur de longue durée"', 4),
        (
            41,
            "acces-travail-tous-grace-clause-insertion",
            "Accès au travail pour tous grâce à la clause d'insertion",
            4,
        ),
        (43, "conseil-local-sante-mentale-clsm", "Le Conseil local de santé mentale (CLSM)", 4),
        (52, "collecte-dechets-menagers", "La collecte des déchets ménagers", 5),
        (60, "numerique-responsable", "Un numérique responsable", 5),
    ],
)
def test_action_sheet_of_page(
    layout_document: Document,
    reference_extraction: Extraction,
    page: int,
    sheet_id: str,
    title: str,
    pilier: int,
) -> None:
    assert sheet_of_page(layout_document, page) == sheet_id
    sheet = layout_document.sheet(sheet_id)
    assert (sheet.title, sheet.pilier, sheet.first_page, sheet.last_page, sheet.kind) == (
        title,
        pilier,
        page,
        page,
        "action",
    )
    # the pipeline may rename or retitle a sheet after the rule that recognises it, never move it
    extracted = reference_extraction.document.sheet(sheet_of_page(reference_extraction.document, page))
    assert (extracted.pilier, extracted.first_page, extracted.last_page, extracted.kind) == (
        pilier,
        page,
        page,
        "action",
    )


@pytest.mark.parametrize(
    ("page", "sheet_id", "title"),
    [
        (8, "espace-conseil-france-renov", "L'Espace Conseil FRANCE RENOV'"),
        (15, "eau-potable", "L'eau potable"),
        (
            53,
            "promotion-compostage-individuel-collectif",
            "La promotion du compostage individuel et collectif",
        ),
        (56, "promotion-consommation-responsable", "La promotion de la consommation responsable"),
        # "fl ot te" stays split: "flotte" is written nowhere else in the report
        (
            11,
            "poursuite-conversion-flot-te-vehicules",
            "La poursuite de la conversion de la flot te de véhicules",
        ),
    ],
)
def test_titles_split_by_the_title_font_are_mended(
    layout_document: Document, page: int, sheet_id: str, title: str
) -> None:
    assert layout_document.sheet(sheet_of_page(layout_document, page)).title == title
    assert sheet_of_page(layout_document, page) == sheet_id


def test_document_year_and_source(reference_extraction: Extraction) -> None:
    document = reference_extraction.document
    assert document.year == 2022
    assert detect_year(document.pages) == 2022
    assert document.source == "cabbalr-rdd-2022.txt"


# --------------------------------------------------------------------------- detect_year


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        (["RAPPORT DE DÉVELOPPEMENT DURABLE - 20226\nen 2023 en 2023"], 2022),  # a footer beats mentions
        (["RAPPORT DE DÉVELOPPEMENT DURABLE - 202242", "RAPPORT DE DÉVELOPPEMENT DURABLE - 20216"], 2022),
        # a report's title at the page's edge names its year, page number or not
        (["RAPPORT DE DÉVELOPPEMENT DURABLE - 2020\nen 2022"], 2020),
        (["Rapport d'activités 2022 | 14\nen 2021, en 2021"], 2022),
        (["Sud Rhône Environnement\nLe rapport annuel 2016 présente\nen 2015"], 2016),
        (["Le 12 mars, en 2019\nau 31/12/2020, le stock"], 2020),
        (["en 2022 et en 2022, en 2021"], 2022),
        (["En 2021, puis", "en 2021"], 2021),
        # one footer (5 votes, and 2 as it names the report and its year) against four 'en 2023'
        (["Rapport annuel 2022 · page 2\nEn 2023, en 2023, en 2023 et en 2023."], 2022),
        # against six mentions: still the footer (7 votes: a footer counts once, not again as an edge line)
        (["Rapport annuel 2022 · page 2\n" + "en 2023 " * 6], 2022),
        # against eight mentions: a stale footer gives way
        (["Rapport annuel 2022 · page 2\n" + "en 2023 " * 8], 2023),
        # the year reported on: 'au 31/12/2022' counts twice
        (["Les effectifs au 31/12/2022 et en 2021."], 2022),
        # a page's edge line naming the report and one year counts as a footer
        (["Bilan d'activité 2021\n" + "en 2022 " * 4], 2021),
        # an edge line naming two years is no footer (it would give 5 votes): its report-year phrase gives
        # 2023 two votes, and three mentions of 2022 win
        (["Bilan d'activité 2023 - données 2021\nen 2022, en 2022, en 2022"], 2022),
        (["rien à dater"], 0),
        ([], 0),
    ],
)
def test_detect_year(texts: list[str], year: int) -> None:
    pages = tuple(Page(i + 1, text, False) for i, text in enumerate(texts))
    assert detect_year(pages) == year


# --------------------------------------------------------------------------- split_pages


def test_split_pages_with_form_feeds_numbers_from_one() -> None:
    source = Source("rapport.txt", "0" * 64, pages=("Sommaire\n", " PILIER 1\n", "fin"), paginated=True)
    pages = split_pages(source)
    assert pages == (
        Page(1, "Sommaire\n", False),
        Page(2, " PILIER 1\n", False),
        Page(3, "fin", False),
    )


def test_split_pages_keeps_empty_pages_of_a_paginated_source() -> None:
    source = Source("r.txt", "f" * 64, pages=("a", "", "c"), paginated=True)
    assert [(page.number, page.text, page.inferred) for page in split_pages(source)] == [
        (1, "a", False),
        (2, "", False),
        (3, "c", False),
    ]


def test_split_pages_of_the_unpaginated_report(reference_text: str) -> None:
    source = Source("cabbalr-rdd-2022.txt", "0" * 64, pages=(reference_text,), paginated=False)
    pages = split_pages(source)
    assert [page.number for page in pages] == list(range(2, 61))
    assert all(page.inferred for page in pages)
    assert "\n".join(page.text for page in pages) == reference_text  # raw cut: nothing lost


# Pages that start with no space and no form feed: only their content says where they start.
UNMARKED_TITLES = (
    "La poursuite de la conversion de la flotte de véhicules",
    "Le développement de la pratique des sports de glisse",
)


def starts_of(lines: list[str], titles: tuple[str, ...] = UNMARKED_TITLES) -> list[int]:
    return [line for _, line in infer_page_starts(lines, titles)]


def test_unmarked_page_starts_at_a_known_sheet_title() -> None:
    lines = [
        "5 piliers fondamentaux",
        "PILIER 1",
        "Pour lutter contre le réchauffement climatique.",
        "La poursuite de la",
        "conversion de la flotte",
        "de véhicules",
        "La Communauté dispose d'un parc de 488 véhicules.",
        "Elle poursuit la conversion de la flotte de véhicules.",
    ]
    assert starts_of(lines) == [0, 1, 3]
    assert starts_of(lines, titles=()) == [0, 1]  # without the titles, nothing marks that page


def test_unmarked_page_starts_at_the_heading_glued_above_its_sheet_title() -> None:
    lines = [
        "PILIER 1",
        "Le texte du pilier.",
        "NOUVELLES ACTIVITÉS SPORTIVES",  # glued to the line above: the first line of a page
        "Des activités gratuites pour tous.",
        "",
        "APPRENTISSAGE DU SKI",  # a blank line above: a heading inside the page
        "Les écoles du territoire.",
        "",
        "Le développement de la",
        "pratique des sports de glisse",
    ]
    assert starts_of(lines) == [0, 2]


def test_a_heading_that_introduces_a_list_is_no_running_title() -> None:
    lines = [
        "PILIER 1",
        "Le texte du pilier.",
        "",
        "LA CHARTE HANDICAP",
        "La charte Handicap",
        "vise à permettre l'accès de tous.",
        "",
        "UN PLAN D'ACTIONS EN FAVEUR DES",
        "HABITANTS :",
        "• des actions pour les",
        "habitants",
    ]
    assert starts_of(lines) == [0, 3]


def test_a_report_whose_pages_start_with_no_space_keeps_its_pages(
    reference_extraction: Extraction, tmp_path: Path
) -> None:
    """The report without the leading space of its page starts: its sheet titles place the pages."""
    stripped = tmp_path / "sans-marque.txt"
    text = REFERENCE_TEXT.read_text(encoding="utf-8")
    stripped.write_text("\n".join(line.lstrip() for line in text.split("\n")), encoding="utf-8")
    extraction = extract_report(stripped)

    def pages_of(extraction: Extraction) -> list[tuple[str, int, int]]:
        return [(sheet.sheet_id, sheet.first_page, sheet.last_page) for sheet in extraction.document.sheets]

    assert pages_of(extraction) == pages_of(reference_extraction)

    def rows(extraction: Extraction) -> Counter[tuple[int, float, str, str, str]]:
        return Counter((f.page, f.value, f.unit, f.sheet_id, f.indicator) for f in extraction.figures)

    # Known limit: these pages start with body text, their title comes lower down, so the page
    # break is placed one page late and the page's figures are read on the page before.
    late = {"accompagnement-creation-activite", "pepinieres-entreprises", "clause-insertion"}
    missed = {sheet for sheet, (_, misses) in extraction.result.coverage().items() if misses}
    assert missed == late
    lost = rows(reference_extraction) - rows(extraction)
    gained = rows(extraction) - rows(reference_extraction)
    assert {sheet for _, _, _, sheet, _ in lost} == late
    # Nothing else is lost: every lost figure comes out, same value and unit, one page earlier.
    assert sorted((page - 1, value, unit) for page, value, unit, _, _ in lost.elements()) == sorted(
        (page, value, unit) for page, value, unit, _, _ in gained.elements()
    )
    assert len(extraction.figures) == len(reference_extraction.figures)


# --------------------------------------------------------------------------- slugify and squeeze


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Le Fonds de transition énergétique", "fonds-transition-energetique"),
        ("L'amélioration de l'habitat", "amelioration-habitat"),
        ('Territoire "Zéro chômeur de longue durée"', "territoire-zero-chomeur-longue-duree"),
        ("Le Conseil local de santé mentale (CLSM)", "conseil-local-sante-mentale-clsm"),
        ("Un numérique responsable", "numerique-responsable"),
        ("Pilier 1", "pilier-1"),
        ("Les trames verte & bleue", "trames-verte-bleue"),
        (
            "Corridor écologique et liaisonnements doux en zone d'activités",
            "corridor-ecologique-liaisonnements-doux-zone-activites",
        ),
        ("a b c d e f g h", "b-c-e-f-g-h"),  # stopwords dropped, six words kept
        ("L'œuvre et les cœurs", "oeuvre-coeurs"),
        (
            "Accès au travail pour tous grâce à la clause d'insertion",
            "acces-travail-tous-grace-clause-insertion",
        ),
        ("Un deux trois quatre cinq six sept huit", "deux-trois-quatre-cinq-six-sept"),  # 'un' is a stopword
        ("", "sans-titre"),
        ("Les", "sans-titre"),
        ("!!!", "sans-titre"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_max_words() -> None:
    assert slugify("Le Fonds de transition énergétique", max_words=2) == "fonds-transition"


def test_slugify_oe_ligature() -> None:
    assert slugify("Mise en œuvre du PCAET") == "mise-oeuvre-pcaet"


@pytest.mark.parametrize(
    ("text", "squeezed"),
    [
        ("L'Es pace", "LESPACE"),
        ("Élève-né 2022 !", "ELEVENE"),
        ("L E  F O N D S", "LEFONDS"),
        ("La poursuite de la conversion de la flot te", "LAPOURSUITEDELACONVERSIONDELAFLOTTE"),
        ("", ""),
        ("2022", ""),
    ],
)
def test_squeeze(text: str, squeezed: str) -> None:
    assert squeeze(text) == squeezed


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            " LEFONDSDETRANSITIONÉNERGÉTIQUE\n Le Fonds de\ntransition énergétique\nFTE\n\n"
            "Le FTE est un dispositif",
            "Le Fonds de transition énergétique",
        ),
        (
            "RAPPORT DE DÉVELOPPEMENT DURABLE - 20226\n\nL'AMÉLIORATIONDEL'HABITAT\n\nL'amélioration\n"
            "de l'habitat\nEn tant que délégataire",
            "L'amélioration de l'habitat",
        ),
        ("Labanque\n\nLe centre d'art", "Labanque"),
        ("ceci est un paragraphe qui commence en minuscule et se termine.", None),
    ],
)
def test_find_title(text: str, title: str | None) -> None:
    assert find_title(text)[0] == title


# --------------------------------------------------------------------------- blocks

PAGE = (
    "Texte de la fiche avec 12 communes.\n"
    "\n"
    "2023\n"
    "\n"
    "• Installer 15 bornes supplémentaires.\n"
    "\n"
    "Perspectives\n"
    "\n"
    "53\n"
    "bornes installées\n"
)


def test_perspective_span_holds_only_the_bullet() -> None:
    spans = perspective_spans(PAGE, 2022)
    assert len(spans) == 1
    start, end = spans[0]
    inside = PAGE[start:end]
    assert inside.strip() == "• Installer 15 bornes supplémentaires."
    assert PAGE.index("15 bornes") in range(start, end)
    assert PAGE.index("53") not in range(start, end)
    assert PAGE.index("12 communes") not in range(start, end)


def test_perspective_span_needs_the_next_year() -> None:
    assert perspective_spans(PAGE, 2021) == ()
    assert perspective_spans(PAGE, 2023) == ()


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        # a key figure inside the box closes it
        ("Intro.\n2023\n• 15 bornes\n53\nbornes installées\nPerspectives", "• 15 bornes"),
        # the year glued at the end of a short line opens the box
        ("régie 2023\n• Développement du réseau\nPerspectives", "• Développement du réseau"),
        # a heading closes it
        ("2023\n• 15 bornes\nIMPLANTATIONDEBORNESDERECHARGES\nPerspectives", "• 15 bornes"),
    ],
)
def test_perspective_span_bounds(text: str, inside: str) -> None:
    spans = perspective_spans(text, 2022)
    assert [text[start:end].strip() for start, end in spans] == [inside]


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("Bilan.\nPerspectives 2023\n• 15 bornes\n• 2 aires\n", "• 15 bornes\n• 2 aires"),
        ("Bilan.\nPerspectives\n2023\n• 15 bornes\n", "• 15 bornes"),
        (
            "Perspectives – 2023\n• 15 bornes\n\n53\nbornes installées\n",
            "• 15 bornes",
        ),  # a key figure ends it
    ],
)
def test_a_box_headed_perspectives_runs_to_the_end_of_the_page(text: str, inside: str) -> None:
    assert [text[start:end].strip() for start, end in perspective_spans(text, 2022)] == [inside]


@pytest.mark.parametrize(
    "text",
    [
        "2023\n• 15 bornes\nsans mot de fin",  # never closed by Perspectives
        "pour l'année 2023\n• 15 bornes\nPerspectives",  # a year inside a phrase opens nothing
        "Bilan.\nObjectifs 2022\n• 10 % de déchets en moins\n",  # the report's own year is no target
        "Bilan.\nObjectifs 2021\n• 10 % de déchets en moins\n",
        "",
    ],
)
def test_no_perspective_span(text: str) -> None:
    assert perspective_spans(text, 2022) == ()


def test_perspective_spans_on_the_report(reference_extraction: Extraction) -> None:
    text = page_text(reference_extraction, 12)
    spans = perspective_spans(text, 2022)
    assert len(spans) == 1
    inside = text[spans[0][0] : spans[0][1]]
    assert "L'Agglomération envisage l'équipement de 15 bornes" in inside
    assert "53\nbornes installées" not in inside


LINES = [
    "3 068",
    "rendez-vous",
    "17,16%",
    "du parc",
    "+ 8%",
    "",
    "de fréquentation",
    "154",
    "Dossiers",
    "2023",
    "",
    "Perspectives",
    "1,9 M€",
    "pour les opérations",
    "12 communes",
    "la suite",
    "4 086 735€",
    "de travaux",
    "99",
]


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, True),  # "3 068" / "rendez-vous"
        (2, True),  # "17,16%"
        (4, True),  # "+ 8%", caption after a blank line
        (7, False),  # "154" then a capitalised line: no caption
        (9, False),  # "2023" then "Perspectives"
        (12, True),  # "1,9 M€"
        (14, False),  # "12 communes": words on the figure's line
        (16, True),  # "4 086 735€"
        (18, False),  # last line: nothing below
        (1, False),
    ],
)
def test_is_key_figure(index: int, expected: bool) -> None:
    assert is_key_figure(LINES, index) is expected


@pytest.mark.parametrize(
    ("line", "page", "expected"),
    [
        ("RAPPORT DE DÉVELOPPEMENT DURABLE - 20226", 6, True),
        ("RAPPORT DE DÉVELOPPEMENT DURABLE - 20226", 42, True),  # a footer is furniture on any page
        ("RAPPORT DE DÉVELOPPEMENT DURABLE - 2022", 6, True),
        ("RAPPORTDEDÉVELOPPEMENTDURABLE-202242", 43, True),
        ("6", 6, True),
        (" 11 ", 11, True),
        ("43", 43, True),
        ("7", 6, False),  # a lone number that is not this page's
        ("60", 6, False),
        ("600", 6, False),
        ("1 186", 6, False),
        ("page 6", 6, False),
        ("Perspectives", 6, False),
    ],
)
def test_is_furniture(line: str, page: int, expected: bool) -> None:
    assert is_furniture(line, page) is expected


def test_the_year_of_stale_footers_gives_way_to_the_text() -> None:
    """Two footers left at 2022 in an edition that says 'En 2023' on every page: the text wins."""
    footer = "RAPPORT DE DÉVELOPPEMENT DURABLE - 20226\n"
    pages = tuple(
        Page(
            n, (footer if n < 2 else "") + f"En 2023, la commune a planté {n} arbres. En 2023, encore.", False
        )
        for n in range(8)
    )
    assert detect_year(pages[:1]) == 2022  # one footer outweighs two mentions
    assert detect_year(pages) == 2023  # sixteen mentions outweigh two footers


def test_a_next_year_line_inside_perspectives_keeps_the_block_open() -> None:
    text = "2023\n\n2023\nsera la première année pleine pour les 2 opérations.\n\nPerspectives\n"
    spans = perspective_spans(text, 2022)
    assert [text[start:end].strip() for start, end in spans] == [
        "2023\nsera la première année pleine pour les 2 opérations."
    ]


def test_a_page_without_its_footer_stays_with_the_page_before() -> None:
    """Footers 'page N' on pages 2-12 but page 7's, lost: the jump from 6 to 8 is still a footer
    (a few pages may lack one), so pages 8-12 start where their footers say; page 7's lines and
    page 8's, with nothing between them to cut at, make one page numbered 7."""
    lines = []
    for number in range(2, 13):
        lines += [f"Titre de la page {number}", f"Un texte de la page {number}."]
        if number != 7:
            lines.append(f"Valmont · Rapport annuel 2022 · page {number}")
    # three lines a page (two for page 7), each page's footer its last line
    expected = [(2, 0), (3, 3), (4, 6), (5, 9), (6, 12), (7, 15), (9, 20), (10, 23), (11, 26), (12, 29)]
    assert footer_page_starts(lines) == expected


# --------------------------------------------------------------------------- summary, phrases, numbering

_SUMMARY = (
    "SOMMAIRE\nPILIER 1\nLE CLIMAT ET L'AIR\nPAGES {a} > {b}\nPILIER 2\nLA BIODIVERSITÉ\nPAGES {c} > {d}"
)


def _summary_report(before: int) -> tuple[Page, ...]:
    """A paginated report: `before` pages (a cover, then édito pages), the summary, then two piliers of
    a divider and one sheet each."""
    texts = ["Rapport de développement durable 2022"]
    texts += ["Édito\nUn mot du président sur l'année écoulée."] * (before - 1)
    first = before + 2  # the page of the first divider
    texts.append(_SUMMARY.format(a=first, b=first + 1, c=first + 2, d=first + 3))
    texts += [
        "PILIER 1",
        "Le plan vélo\n\nEn 2022, 12 km de pistes.",
        "PILIER 2",
        "Les haies\n\nEn 2022, 3 km de haies.",
    ]
    return tuple(Page(number, text, False) for number, text in enumerate(texts, start=1))


@pytest.mark.parametrize(
    ("before", "names"),
    [
        (1, ["LE CLIMAT ET L'AIR", "LA BIODIVERSITÉ"]),  # the summary on page 2, after the cover
        (2, ["LE CLIMAT ET L'AIR", "LA BIODIVERSITÉ"]),  # page 3: after a cover and an édito
        (5, ["LE CLIMAT ET L'AIR", "LA BIODIVERSITÉ"]),  # page 6: the last page the summary is looked on
        (6, ["Pilier 1", "Pilier 2"]),  # page 7: too deep for a summary, the piliers keep their numbers
    ],
)
def test_the_piliers_are_named_by_a_summary_on_the_first_six_pages(before: int, names: list[str]) -> None:
    document = structure(_summary_report(before), "rapport.pdf")
    dividers = [sheet for sheet in document.sheets if sheet.kind == "pilier"]
    assert [(sheet.sheet_id, sheet.title, sheet.first_page) for sheet in dividers] == [
        ("pilier-1", names[0], before + 2),
        ("pilier-2", names[1], before + 4),
    ]


_PHRASE_PAGE = (
    "Le chantier avance.\n{line}\nLes travaux de la phase 2\nsont lancés.\nLE BILAN DES ACTIONS MENÉES\n"
    "Le reste de la fiche."
)


@pytest.mark.parametrize(
    "line",
    [
        "Livraison prévue fin 2023",
        "Fin 2023",  # the word in any case
        "Livraison prévue en 2023",
        "Livraison prévue début 2023",
        "Travaux prévus dès 2023",
        "Livraison prévue mi 2023",
        "Livraison d'ici 2023",
        "Ouverture à 2023",
        "Le budget de 2023",
        "Une aide pour 2023",
        "Un suivi depuis 2023",
        "Pour l'année 2023",
        "Livraison en juin 2023",  # a month
        "Livraison en décembre 2023",
        "Livraison en aout 2023",
        "Livraison prévue pour la fin de l'année 2023",  # over 30 characters: a sentence, no mark
        "Rénovation des écoles Nord 2023",  # 31 characters, no phrase word: still a sentence
    ],
)
def test_a_next_year_in_a_phrase_or_a_long_line_opens_no_target_block(line: str) -> None:
    assert perspective_spans(_PHRASE_PAGE.format(line=line), 2022) == ()


@pytest.mark.parametrize(
    "line",
    [
        "2023",
        "Livraison prévue 2023",  # no word that puts the year in a phrase: a box's heading
        "Plan Lumen 2023",  # 'en' only as a word of its own
        "Le Boisfin 2023",  # 'fin' likewise
        "Rénovation des écoles Sud 2023",  # 30 characters: the longest box heading
    ],
)
def test_a_next_year_ending_a_short_line_opens_a_target_block(line: str) -> None:
    text = _PHRASE_PAGE.format(line=line)
    assert [text[start:end].strip() for start, end in perspective_spans(text, 2022)] == [
        "Les travaux de la phase 2\nsont lancés."
    ]


def _numbered_report(head: str) -> list[tuple[str, int | None, int, int]]:
    """(title, pilier, first page, last page) of the sheets of a pilier divider, a sheet headed
    '1.1 Le plan vélo' and a page whose text starts with `head` (no prose line reads as a title)."""
    texts = ["PILIER 1", "1.1 Le plan vélo\nEn 2022, 12 km de pistes.", f"{head}\nLe FTE aide 40 communes."]
    pages = tuple(Page(number, text, False) for number, text in enumerate(texts, start=1))
    return [(s.title, s.pilier, s.first_page, s.last_page) for s in structure(pages, "rapport.pdf").sheets]


_FTE = "Le Fonds de transition énergétique"


@pytest.mark.parametrize(
    ("head", "third"),
    [
        (f"1.3. {_FTE}", (_FTE, 1, 3, 3)),  # a dot after the number: its own sheet all the same
        (f"1.3 {_FTE}", (_FTE, 1, 3, 3)),
        (f"1.12. {_FTE}", (_FTE, 1, 3, 3)),  # two digits for the sheet
        (f"2.1. {_FTE}", (_FTE, 2, 3, 3)),  # the number tells the part: pilier 2
        (f"Un.\nDeux.\nTrois.\n1.3. {_FTE}", (_FTE, 1, 3, 3)),  # the fourth line still heads the page
    ],
)
def test_a_page_headed_by_a_numbered_title_starts_its_sheet(
    head: str, third: tuple[str, int, int, int]
) -> None:
    assert _numbered_report(head) == [("Pilier 1", 1, 1, 1), ("Le plan vélo", 1, 2, 2), third]


@pytest.mark.parametrize(
    "head",
    [
        f"1.3.{_FTE}",  # no space before the title
        f"1.3.. {_FTE}",  # two dots
        f"1. {_FTE}",  # no sheet number: '1.' alone numbers no sheet
        f"13 {_FTE}",  # no dot between part and sheet: a figure, not a number
        f"0.3. {_FTE}",  # there is no part 0
        "1.3. le fonds de transition énergétique",  # no capital: a sentence
        f"1.3. {_FTE}.",  # a full stop: a sentence
        "1.3. Les",  # too short to be a title
        f"Un.\nDeux.\nTrois.\nQuatre.\n1.3. {_FTE}",  # the fifth line is below the page's head
    ],
)
def test_a_page_without_a_numbered_title_continues_the_sheet_before(head: str) -> None:
    assert _numbered_report(head) == [("Pilier 1", 1, 1, 1), ("Le plan vélo", 1, 2, 3)]


# --------------------------------------------------------------------------- every entry of the word tables
# One case per entry of each module-level table of layout.py and profile.py, so that dropping or
# misspelling one entry fails a test.


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Aide aux familles", "aide-familles"),  # 'aux'
        ("Enquête sur la mobilité", "enquete-mobilite"),  # 'sur' (and 'la')
        ("Une ville propre", "ville-propre"),  # 'une'
        ("Le vélo dans la ville", "velo-ville"),  # 'dans'
        ("Transport par câble", "transport-cable"),  # 'par'
        ("Travailler avec les habitants", "travailler-habitants"),  # 'avec'
        ("Vélo ou trottinette", "velo-trottinette"),  # 'ou'
        ("Vers le zéro déchet", "zero-dechet"),  # 'vers'
        ("La ville et ses quartiers", "ville-quartiers"),  # 'ses'
        ("La commune et son patrimoine", "commune-patrimoine"),  # 'son'
        ("La ville et sa nature", "ville-nature"),  # 'sa'
        ("Les habitants et leur quartier", "habitants-quartier"),  # 'leur'
        ("Les écoles et leurs cantines", "ecoles-cantines"),  # 'leurs'
    ],
)
def test_slugify_drops_every_stopword(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("figure", "caption"),
    [
        ("975,9 k€", "de dépenses de gaz"),  # 'k€'
        ("610 km", "de réseau d'eau potable"),  # 'km'
        ("350 m", "de haies plantées"),  # 'm'
        ("1 250 m3", "d'eau économisés"),  # 'm3', not 'm' followed by a stray digit
        ("12 ha", "de prairies fauchées"),  # 'ha'
        ("190 110 t", "de déchets collectés"),  # 't'
        ("190 110 T.", "de déchets ménagers"),  # 'T.', as the reference prints tonnes
        ("45 kg", "de déchets par habitant"),  # 'kg'
        ("1 200 h", "d'insertion réalisées"),  # 'h'
        ("66 ETP", "en insertion"),  # 'ETP'
        ("2,5M€", "d'investissement"),  # 'M€' glued to the number
    ],
)
def test_a_figure_with_each_unit_of_the_table_is_a_key_figure(figure: str, caption: str) -> None:
    assert is_key_figure([figure, caption], 0) is True


@pytest.mark.parametrize(
    "line",
    [
        "Livraison en janvier 2023",
        "Livraison en février 2023",
        "Livraison en fevrier 2023",  # without its accent
        "Livraison en mars 2023",
        "Livraison en avril 2023",
        "Livraison en mai 2023",
        "Livraison en juillet 2023",
        "Livraison en août 2023",
        "Livraison en septembre 2023",
        "Livraison en octobre 2023",
        "Livraison en novembre 2023",
        "Livraison en decembre 2023",  # without its accent
    ],
)
def test_a_next_year_after_any_month_opens_no_target_block(line: str) -> None:
    """'en juin 2023' dates a delivery: every month's spelling puts the year in a phrase."""
    assert perspective_spans(_PHRASE_PAGE.format(line=line), 2022) == ()


def test_a_year_glued_to_a_word_opens_no_target_block() -> None:
    """The block's year stands alone or after a space ('régie 2023'), never glued ('Lumen2023')."""
    assert perspective_spans(_PHRASE_PAGE.format(line="Lumen2023"), 2022) == ()


_TARGETS = "Bilan de l'année.\n{heading}\n• Installer 15 bornes.\n• Planter 200 arbres.\n"
_TARGET_BULLETS = "• Installer 15 bornes.\n• Planter 200 arbres."


@pytest.mark.parametrize(
    "heading",
    [
        "Et demain ?",  # 'Et demain', its question mark
        "ET DEMAIN",  # in any case, without the mark
        "À venir",
        "à venir",
        "Prochaines étapes",
        "Prochaines étapes :",
        "PERSPECTIVES",
        "Perspectives :",
        "Et demain 2023",  # a bare heading may name the year too
        "À venir - 2023",
        "Objectifs 2023",  # the dated headings, each with a year to come
        "Objectif 2023",
        "Projets 2023",
        "Ambitions 2023",
        "Cap 2023",
        "CAP 2030 ?",
        "Objectifs : 2023",
        "Objectifs – 2023",
    ],
)
def test_each_target_heading_opens_a_block_to_the_end_of_the_page(heading: str) -> None:
    text = _TARGETS.format(heading=heading)
    assert [text[start:end].strip() for start, end in perspective_spans(text, 2022)] == [_TARGET_BULLETS]


@pytest.mark.parametrize("heading", ["A venir", "A VENIR", "PROCHAINES ETAPES", "Prochaines etapes"])
def test_a_target_heading_whose_capital_or_letter_lost_its_accent_opens_a_block(heading: str) -> None:
    # print often drops the accent of a capital: the bare letter stands for the accented one
    text = _TARGETS.format(heading=heading)
    assert [text[start:end].strip() for start, end in perspective_spans(text, 2022)] == [_TARGET_BULLETS]


@pytest.mark.parametrize("heading", ["O venir", "Prochaines ntapes"])
def test_a_bare_letter_stands_only_for_its_own_accented_letter(heading: str) -> None:
    text = _TARGETS.format(heading=heading)
    assert perspective_spans(text, 2022) == ()


@pytest.mark.parametrize("heading", ["Projets", "Ambitions", "Cap", "Objectif", "Perspective"])
def test_a_dated_heading_without_its_year_or_a_singular_opens_no_block(heading: str) -> None:
    """'Projets' alone heads an action's projects, not next year's; 'Perspective' is no heading."""
    assert perspective_spans(_TARGETS.format(heading=heading), 2022) == ()


@pytest.mark.parametrize(
    ("line", "closes"),
    [
        ("2.3 Le plan vélo", True),  # a numbered heading starts another section
        ("4. Les déchets", True),
        ("12.1 La mobilité", True),  # two digits
        ("2.3.1 Les haies", True),  # a third level
        ("10 Les haies", True),
        ("123 Les haies", False),  # three digits: a figure, no numbering
        ("2.3Le plan vélo", False),  # no space after the number
        ("2 bornes en plus", False),  # no capital: a sentence of the block
    ],
)
def test_a_numbered_heading_closes_a_target_block(line: str, closes: bool) -> None:
    text = f"Intro.\n2023\n• Installer 15 bornes.\n{line}\nPerspectives\n"
    expected = "• Installer 15 bornes." if closes else f"• Installer 15 bornes.\n{line}"
    assert [text[start:end].strip() for start, end in perspective_spans(text, 2022)] == [expected]


@pytest.mark.parametrize(
    "word",
    [
        "PILIER",
        "AXE",
        "Axe",
        "FINALITÉ",
        "Finalite",  # the accent is optional
        "ORIENTATION",
        "PARTIE",
        "CHAPITRE",
        "THÈME",
        "Theme",
        "AMBITION",
        "DÉFI",
        "Defi",
        "ENJEU",
    ],
)
def test_every_part_word_marks_a_divider_and_a_summary_entry(word: str) -> None:
    mark = GENERIC.part_mark.fullmatch(f"{word} 3")
    assert mark is not None and mark["part"] == "3"
    assert read_toc(f"{word} 3\nLES SOLIDARITÉS\nPAGES 23 > 31") == {3: (23, 31)}


@pytest.mark.parametrize("line", ["ENJEUX 3", "AXES 3", "OBJECTIF 3", "Taxe 3"])
def test_a_word_outside_the_part_words_marks_no_divider(line: str) -> None:
    assert GENERIC.part_mark.fullmatch(line) is None


@pytest.mark.parametrize(
    ("line", "groups"),
    [
        # each spelling of the report's name
        ("Rapport de développement durable 2022 6", (None, "2022", "6")),
        ("Rapport développement durable 2022 6", (None, "2022", "6")),  # 'de' optional
        ("Rapport de developpement durable 2022 6", (None, "2022", "6")),  # no accent
        ("Rapport annuel 2022 6", (None, "2022", "6")),
        ("RAPPORT ANNUEL 2022 6", (None, "2022", "6")),
        ("Rapport d'activité 2022 6", (None, "2022", "6")),
        ("Rapport d’activités 2022 6", (None, "2022", "6")),  # a curly apostrophe, a plural
        ("Rapport d'activite 2022 6", (None, "2022", "6")),
        ("Rapport d' activités 2022 6", (None, "2022", "6")),
        ("rdd 2022 6", (None, "2022", "6")),
        ("RDD2022 6", (None, "2022", "6")),
        # the page number before, its mark glued to the name
        ("6|RDD 2022", ("6", "2022", None)),
        ("6-RDD 2022", ("6", "2022", None)),
        ("6–RDD 2022", ("6", "2022", None)),
        ("6·RDD 2022", ("6", "2022", None)),
        ("120 RDD 2022", ("120", "2022", None)),  # three digits
        # a place's name, then a mark, then the report's
        ("Sarlieu - RDD 2022 6", (None, "2022", "6")),
        ("Sarlieu – RDD 2022 6", (None, "2022", "6")),
        ("Sarlieu | RDD 2022 6", (None, "2022", "6")),
        ("Sarlieu · RDD 2022 6", (None, "2022", "6")),
        ("Communauté d'agglomération de Sarlieu-les-Bains et de l'Orne – RDD 2022 6", (None, "2022", "6")),
        # a mark between the name and the year
        ("RDD - 2022 6", (None, "2022", "6")),
        ("RDD – 2022 6", (None, "2022", "6")),
        ("RDD | 2022 6", (None, "2022", "6")),
        ("RDD · 2022 6", (None, "2022", "6")),
        # a mark or a word between the year and the page number
        ("RDD 2022 - 6", (None, "2022", "6")),
        ("RDD 2022 – 6", (None, "2022", "6")),
        ("RDD 2022 | 6", (None, "2022", "6")),
        ("RDD 2022 · 6", (None, "2022", "6")),
        ("RDD 2022 Page 6", (None, "2022", "6")),
        ("RDD 2022 p. 6", (None, "2022", "6")),
        ("RDD 2022 P.6", (None, "2022", "6")),
        ("RDD 2022 120", (None, "2022", "120")),
    ],
)
def test_every_form_of_the_footer_gives_its_year_and_page(
    line: str, groups: tuple[str | None, str, str | None]
) -> None:
    footer = GENERIC.footer.search(line)
    assert footer is not None
    assert (footer["before"], footer["year"], footer["page"]) == groups


@pytest.mark.parametrize(
    "line",
    [
        "Rapport du maire 2022 6",  # no report name of the table
        "RDD 2022 1234",  # four digits: no page number
        "1234 RDD 2022",
        "Communauté d'agglomération de Sarlieu-les-Bains et de la Dore – RDD 2022 6",  # 61 characters before
    ],
)
def test_a_line_outside_the_footer_forms_is_no_footer(line: str) -> None:
    assert GENERIC.footer.search(line) is None


def _year_of(*texts: str) -> int:
    return detect_year(tuple(Page(i + 1, text, False) for i, text in enumerate(texts)))


_MENTIONS_2020 = "\n" + "en 2020 " * 4  # four votes for 2020


@pytest.mark.parametrize(
    "edge",
    [
        "Rapport du président 2021",  # 'rapport' (5 votes, 2 more as a report's year)
        "Bilan carbone 2021",
        "Exercice 2021",
        "Compte administratif 2021",
        "Budget primitif 2021",  # 'budget': only the edge line's 5 votes
        "RPQS eau potable 2021",
        "RAPQS assainissement 2021",
        "Nos activités 2021",
        "Édition 2021",
        "Développement durable 2021",
    ],
)
def test_an_edge_line_with_each_report_word_names_the_year(edge: str) -> None:
    """The first line names the report and one year: 5 votes (7 with a report's year) beat four mentions."""
    assert _year_of(edge + _MENTIONS_2020) == 2021


@pytest.mark.parametrize(
    "edge",
    [
        "Le plan vélo 2021",  # no report word
        "Budget : 12021 €",  # an amount: a digit before the year
        "Budget : 20215 €",  # a digit after
        "Budget 31/12/2021",  # a date: '/' before
        "Budget 2021/2022",  # '/' after the first year, before the second
        "Budget 12.2021",  # '.' before
        "Budget 2021.12",  # '.' after
        "Budget 2021-2022",  # '-' after the first year, before the second
    ],
)
def test_an_edge_line_year_inside_a_date_or_figure_is_no_report_year(edge: str) -> None:
    """Years glued to digits, '/', '.' or '-' are dates, ranges or amounts: the four mentions win."""
    assert _year_of(edge + _MENTIONS_2020) == 2020


def _mid_page(sentence: str) -> str:
    """A page whose edge lines name no year, `sentence` in its middle, one mention of 2022."""
    return f"Édito\nUn mot du président.\n{sentence}\nLe texte.\nEn 2022, la ville.\nFin de page."


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Le rapport annuel 2021 présente les actions", 2021),  # each word counts twice: 2 votes
        ("Le bilan 2021 est positif", 2021),
        ("L'exercice 2021 est clos", 2021),
        ("Le compte administratif 2021 est voté", 2021),
        ("Le RPQS 2021 est publié", 2021),
        ("Le RAPQS 2021 est publié", 2021),
        ("Le ROB 2021 a été débattu", 2021),
        ("Le DOB 2021 a été débattu", 2021),
        ("Le stock au 31 décembre 2021 est bas", 2021),
        ("Le stock au 31 / 12 / 2021 est bas", 2021),
        ("Le rapport annuel sur le service d'assainissement 2021", 2021),  # 40 characters between
        ("Le rapport d'activité de la communauté de communes 2021", 2022),  # 41: too far
        ("Le robot 2021 est neuf", 2022),  # 'rob' inside a word
        ("Le rapport est lu. Puis 2021", 2022),  # a full stop between
    ],
)
def test_a_report_year_phrase_counts_twice(sentence: str, year: int) -> None:
    assert _year_of(_mid_page(sentence)) == year


@pytest.mark.parametrize("separator", [":", "–", "-"])
def test_a_near_empty_page_naming_another_part_is_its_divider(separator: str) -> None:
    texts = [
        "Finalité 1",
        "Le plan vélo\n\nEn 2022, 12 km de pistes.",
        f"Finalité 2 {separator} La biodiversité",
        "Les haies\n\nEn 2022, 3 km de haies.",
    ]
    pages = tuple(Page(number, text, False) for number, text in enumerate(texts, start=1))
    assert [(s.sheet_id, s.pilier, s.first_page, s.kind) for s in structure(pages, "rapport.pdf").sheets] == [
        ("pilier-1", 1, 1, "pilier"),
        ("plan-velo", 1, 2, "action"),
        ("pilier-2", 2, 3, "pilier"),
        ("haies", 2, 4, "action"),
    ]


def test_a_three_digit_lone_number_is_its_page_number() -> None:
    assert is_furniture("120", 120) is True


@pytest.mark.parametrize(
    ("summary", "name"),
    [
        ("PILIER 2 - LA BIODIVERSITÉ PAGES 13 > 22", "LA BIODIVERSITÉ"),  # the hyphen after the number goes
        ("PILIER 2 · LA BIODIVERSITÉ PAGES 13 > 22", "LA BIODIVERSITÉ"),  # the middle dot too
        ("PILIER 2 – LA BIODIVERSITÉ PAGES 13 > 22", "LA BIODIVERSITÉ"),  # and the en dash
    ],
)
def test_a_summary_entry_name_loses_the_mark_after_its_number(summary: str, name: str) -> None:
    assert toc_titles(summary) == {2: name}


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("La rénovation des écoles du Nord a", True),  # 34 characters: the longest title line
        ("La rénovation des écoles du Nord au", False),  # 35
        ("Le plan vélo", True),
        ("Le plan vélo.", False),  # a full stop, a colon, a comma or a semicolon ends a sentence
        ("Le plan vélo:", False),
        ("Le plan vélo,", False),
        ("Le plan vélo;", False),
    ],
)
def test_is_title_line(line: str, title: bool) -> None:
    assert is_title_line(line) is title


def test_a_profile_without_bare_target_headings_reads_no_bare_year_as_one() -> None:
    """No bare heading at all: the pattern's empty alternative must match nothing, not ''."""
    heading = LayoutProfile(target_headings=()).target_heading
    assert heading.fullmatch("2023") is None
    assert heading.fullmatch("Perspectives") is None
    assert heading.fullmatch("Objectifs 2023") is not None
