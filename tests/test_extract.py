"""Figure rows of the reference report, and the label / kind / sentence helpers on small inline texts."""

from __future__ import annotations

from dataclasses import replace

import pytest
import regex

from rdd_extract.figures import (
    Figure,
    auto_indicator,
    bind_sheets,
    closest_text,
    extract_figures,
    figure_kind,
    figure_label,
    page_quantities,
    sentence_around,
)
from rdd_extract.layout import Document, Page, Sheet
from rdd_extract.pipeline import Extraction, extract_report
from rdd_extract.quantities import QUALIFIERS, UNITS, Quantity, find_quantities
from rdd_extract.rules import FigureRule, RulePack, SheetRules

from .conftest import REFERENCE_TEXT

YEAR = 2022
KINDS = ("actual", "target", "context")


def page_rows(extraction: Extraction, page: int) -> list[tuple[float, str, str, str | None]]:
    return [(f.value, f.unit, f.kind, f.qualifier) for f in extraction.figures if f.page == page]


def page_text(extraction: Extraction, number: int) -> str:
    return next(page.text for page in extraction.document.pages if page.number == number)


def only(text: str, raw: str) -> Quantity:
    """The quantity of `text` written `raw`."""
    (quantity,) = [q for q in find_quantities(text) if q.raw == raw]
    return quantity


# --------------------------------------------------------------------------- sample figures of the report

SAMPLE: list[tuple[int, float, str, str, str | None]] = [
    # page, value, unit, kind, qualifier -- each checked against the text of its page
    (3, 360.0, "other", "context", None),  # "Une photographie à 360 degrés"
    (6, 1800000.0, "EUR", "actual", None),  # "l'octroi annuel de 1.8M€ pour le parc public"
    (6, 7600000.0, "EUR", "actual", None),  # "7,6 M€ - ANAH"
    (6, 1406000.0, "EUR", "actual", None),  # "pour un total de 1 406 000€"
    (6, 100.0, "count", "target", None),  # Perspectives: "sur les 100 communes sera reconduit"
    (7, 154.0, "count", "actual", None),  # "154\ndossiers de particuliers validés"
    (7, 148.0, "count", "context", None),  # "(148 dossiers en 2021)"
    (7, 332914.0, "EUR", "actual", None),  # "332 914 €\nd'aides FTE attribuées."
    (8, 1186.0, "count", "actual", None),  # "1 186\npersonnes conseillées."
    (8, 4086735.0, "EUR", "actual", None),  # "4 086 735€\nde travaux engagés"
    (8, 200.0, "percent", "actual", None),  # "d'augmenter de 200% le nombre de personnes sensibilisées"
    (9, 208070.0, "count", "actual", None),  # "75 communes (208 070 habitants)"
    (
        9,
        10.0,
        "count",
        "actual",
        None,
    ),  # "10 audits ont ainsi été subventionnés" / "10\naudits engagés et terminés"
    (9, 15.0, "count", "target", None),  # Perspectives: "15 nouveaux audits thermiques"
    (9, 35.0, "count", "target", None),  # Perspectives: "Passer de 20 à 35 communes"
    (10, 975900.0, "EUR", "actual", None),  # "Gaz - 975,9 k€"
    (10, 35000.0, "EUR", "actual", None),  # "ZAE Pouviez à Divion : 35 000 € HT"
    (10, 2600000.0, "EUR", "actual", None),  # "2,6M€\nde consommation énergétique"
    (11, 17.16, "percent", "actual", None),  # "17,16%\ndu parc"
    (11, 30.0, "percent", "target", None),  # "L'objectif est d'atteindre ... 30% de véhicules"
    (11, 4.0, "other", "context", None),  # "location sur 4 ans"
    (12, 100.0, "count", "target", None),  # "fixant comme objectif 100\nbornes d'ici 2024"
    (12, 15.0, "count", "target", None),  # Perspectives: "l'équipement de 15 bornes supplémentaires"
    (12, 53.0, "count", "actual", None),  # "53\nbornes installées et en service"
    (12, 32.0, "count", "context", None),  # "Installation de 32 bornes supplémentaires en 2021"
    (14, 9900000.0, "EUR", "context", None),  # "9,9M€ (2021-\n\n2024)"
    (14, 2500000.0, "EUR", "context", None),  # "2,5M€ (2021-2022)"
    (14, 4600000.0, "EUR", "actual", None),  # "eaux usées\n\n:  4,6M€"
    (14, 10000.0, "m3", "target", None),  # Perspectives: "bassin de stockage/restitution de 10 000 m3"
    (14, 17340.0, "m", "actual", None),  # "17 340 m\nde réseau testés à la fumée."
    (15, 1150000.0, "EUR", "context", None),  # "1,15 M€\nC'est le budget du projet européen INTERREG"
    (15, 2016.0, "km", "actual", None),  # "2 016 km de réseaux (hors branchements)"
    (15, 14000000.0, "m3_per_year", "actual", None),  # "Volume produit : 14 M m3/an"
    (15, 32320.0, "m3_per_day", "actual", None),  # "32 320 m3/j en moyenne"
    (16, 610.0, "km", "actual", "approx"),  # "sur environ 610km de\ncours d'eau"
    (16, 610.0, "km", "actual", None),  # "610 km\nde cours d'eau entretenus"
    (16, 300.0, "m", "actual", None),  # "300 mètres linéaires\n\nde clôture"
    (19, 17.0, "ha", "target", None),  # Perspectives: "des 17Ha\nde boisements du site Carbolux"
    (19, 220.0, "ha", "actual", None),  # "sites suivis et entretenus (220\n\nha)"
    (20, 500.0, "ha", "actual", "at_least"),  # "gère plus de\n500 ha de terrain"
    (20, 1700000.0, "EUR", "context", None),  # "1,7M€\nde travaux budgetisés"
    (24, 2500.0, "count", "actual", "at_least"),  # "+ 2 500 enfants"
    (26, 4775.0, "count", "actual", None),  # "4 775 1 190"
    (26, 1190.0, "count", "actual", None),
    (35, 10.0, "count", "context", "at_most"),  # "moins de 10 salariés": a threshold
    (41, 66.0, "fte", "actual", None),  # "66 équivalents temps plein"
    (41, 120000.0, "h", "actual", "at_least"),  # "+ de 120 000 h de travail"
    (41, 2000.0, "h", "actual", "approx"),  # "près de 2 000 h de travail"
    (42, 1700000.0, "EUR", "actual", None),  # "1,7M €\nde crédits de l'ANCT mobilisés"
    (46, 2013.0, "count", "actual", None),  # "2013\npersonnes rencontrées"
    (46, 1000.0, "count", "target", None),  # "L'objectif est de réaliser 1000 examens"
    (52, 190110.0, "t", "actual", None),  # "investis au total190 110 T."
    (52, 1800000.0, "km", "actual", None),  # "1,8M de km\nparcourus"
    (52, 846.0, "t", "actual", None),  # "846 tonnes collectées en 2022"
    (52, 199000.0, "EUR", "actual", None),  # "(199 000 Euros HT - création"
    (53, 2000.0, "count", "target", None),  # Perspectives: "Distribution de 2000 composteurs"
    (56, 158.0, "kg", "actual", None),  # "poids total de 158 kg" and "(158kg)"
    (58, 9000000.0, "EUR", "actual", None),  # "à hauteur de 9 millions d'€"
    (58, 11000000.0, "EUR", "actual", None),  # "11 million d'€ investis"
    (59, 680.0, "kg", "actual", "at_least"),  # "Plus de 680 kg de légumes"
    (60, 125.0, "count", "actual", None),  # "125\nordinateurs ont été reconditionnés"
]


@pytest.mark.parametrize(
    ("page", "value", "unit", "kind", "qualifier"), SAMPLE, ids=[f"p{s[0]}-{s[1]:g}{s[2]}" for s in SAMPLE]
)
def test_sample_figure(
    reference_extraction: Extraction, page: int, value: float, unit: str, kind: str, qualifier: str | None
) -> None:
    assert (value, unit, kind, qualifier) in page_rows(reference_extraction, page)


# which figures each page holds (value, unit, qualifier), in reading order; kinds are in SAMPLE
PAGES: dict[int, list[tuple[float, str, str | None]]] = {
    10: [
        (100.0, "count", "at_least"),
        (120.0, "km", None),
        (40.0, "km", None),
        (1500.0, "count", None),
        (5.0, "count", None),
        (4.0, "count", None),
        (15.0, "percent", None),
        (1100000.0, "EUR", None),
        (975900.0, "EUR", None),
        (389600.0, "EUR", None),
        (85400.0, "EUR", None),
        (2600000.0, "EUR", None),
        (6.0, "count", None),
        (35000.0, "EUR", None),
        (18200.0, "EUR", None),
        (57202.0, "EUR", None),
        (24996.0, "EUR", None),
        (40.0, "percent", None),
        (25.0, "percent", None),
        (15.0, "percent", None),
        (70.0, "percent", None),
        (590000.0, "EUR", None),
        (20.0, "percent", None),
        (70.0, "percent", None),
        (8.0, "count", None),
        (25000.0, "EUR", None),
        (50.0, "percent", None),
    ],
    16: [
        (1907000.0, "EUR", None),
        (90000.0, "EUR", None),
        (180000.0, "EUR", None),
        (125000.0, "EUR", None),
        (125000.0, "EUR", None),
        (485000.0, "EUR", None),
        (815000.0, "EUR", None),
        (7.0, "count", None),
        (300.0, "m", None),
        (290000.0, "EUR", None),
        (610.0, "km", "approx"),
        (1900000.0, "EUR", None),
        (290000.0, "EUR", None),
        (610.0, "km", None),
    ],
    41: [
        (2000.0, "h", "approx"),
        (66.0, "fte", None),
        (120000.0, "h", "at_least"),
        (2.0, "count", None),
        (51000.0, "h", None),
        (28.0, "fte", None),
        (46.0, "count", None),
        (40200.0, "h", None),
        (22.0, "fte", None),
        (28.0, "count", None),
        (32.0, "count", None),
    ],
    52: [
        (844.0, "count", None),
        (280000.0, "count", None),
        (199000.0, "EUR", None),
        (28.0, "count", None),
        (4.0, "count", None),
        (897000.0, "EUR", None),
        (1.0, "count", None),
        (325000.0, "EUR", None),
        (846.0, "t", None),
        (2170000.0, "EUR", None),
        (190110.0, "t", None),
        (1800000.0, "km", None),
        (3.0, "count", None),
    ],
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_figure_of_a_page_in_order(reference_extraction: Extraction, page: int) -> None:
    rows = [(f.value, f.unit, f.qualifier) for f in reference_extraction.figures if f.page == page]
    assert rows == PAGES[page]


@pytest.mark.parametrize(
    ("page", "raw"),
    [
        (7, "332 914 €"),
        (10, "975,9 k€"),
        (14, "9,9M€"),
        (15, "14 M m3/an"),
        (15, "1 600 000 de m3/an"),
        (16, "610km"),
        (19, "17Ha"),
        (19, "220 ha"),
        (20, "1 726 000€"),
        (24, "+ 2 500"),
        (41, "66 équivalents temps plein"),
        (52, "190 110 T."),
        (52, "1,8M de km"),
        (56, "158kg"),
    ],
)
def test_raw_of_a_figure(reference_extraction: Extraction, page: int, raw: str) -> None:
    assert raw in [f.raw for f in reference_extraction.figures if f.page == page]


# --------------------------------------------------------------------------- invariants of the figure rows


def test_every_figure_belongs_to_a_sheet_holding_its_page(reference_extraction: Extraction) -> None:
    document = reference_extraction.document
    sheet_ids = {sheet.sheet_id for sheet in document.sheets}
    assert reference_extraction.figures
    for figure in reference_extraction.figures:
        assert figure.sheet_id
        assert figure.sheet_id in sheet_ids
        sheet = document.sheet(figure.sheet_id)
        assert sheet.first_page <= figure.page <= sheet.last_page, figure
        assert (figure.pilier, figure.sheet_title) == (sheet.pilier, sheet.title)


def test_every_figure_row_is_well_formed(reference_extraction: Extraction) -> None:
    texts = {page.number: " ".join(page.text.split()) for page in reference_extraction.document.pages}
    for figure in reference_extraction.figures:
        assert figure.report == "cabbalr-2022"
        assert figure.year == YEAR
        assert figure.source == "cabbalr-rdd-2022.txt"
        assert figure.unit in UNITS
        assert figure.kind in KINDS
        assert figure.qualifier is None or figure.qualifier in QUALIFIERS
        assert figure.rule and figure.indicator
        assert figure.raw and " ".join(figure.raw.split()) in texts[figure.page], figure
        assert figure.context


def test_figures_are_in_page_order(reference_extraction: Extraction) -> None:
    pages = [figure.page for figure in reference_extraction.figures]
    assert pages == sorted(pages)
    assert set(pages) <= set(range(2, 61))


def test_no_figure_from_the_table_of_contents(reference_extraction: Extraction) -> None:
    """Page 2 holds the summary: 'PAGES 5 > 12' ... 'PAGES 49> 60' are page numbers, not figures."""
    figures = [f for f in reference_extraction.figures if f.page == 2]
    assert [(f.value, f.unit, f.raw) for f in figures] == [(5.0, "count", "5")]  # "5 piliers fondamentaux"
    assert all("PAGES" not in f.context for f in figures)


def test_no_year_is_reported_as_a_count(reference_extraction: Extraction) -> None:
    assert not [f for f in reference_extraction.figures if f.value == 2022 and f.unit == "count"]
    counts_like_years = sorted(
        (f.page, f.raw) for f in reference_extraction.figures if f.unit == "count" and 2014 <= f.value <= 2035
    )
    assert counts_like_years == []


def test_no_figure_on_page_furniture(reference_extraction: Extraction) -> None:
    """Footers ('RAPPORT DE DÉVELOPPEMENT DURABLE - 20226') and printed page numbers are no figures."""
    for figure in reference_extraction.figures:
        assert "DURABLE" not in figure.context
        assert not (figure.unit == "count" and figure.value == figure.page and figure.context == figure.raw)


def test_figure_rows_are_deterministic(reference_extraction: Extraction) -> None:
    first = extract_report(REFERENCE_TEXT)
    second = extract_report(REFERENCE_TEXT)
    assert list(first.figures) == list(second.figures)
    assert list(first.figures) == list(reference_extraction.figures)
    assert all(isinstance(figure, Figure) for figure in first.figures)


# --------------------------------------------------------------------------- figure_kind

PERSPECTIVES_PAGE = (
    "Texte de la fiche avec 12 communes.\n\n2023\n\n• Installer 15 bornes supplémentaires.\n\n"
    "Perspectives\n\n53\nbornes installées\n"
)


@pytest.mark.parametrize(
    ("text", "raw", "kind"),
    [
        (PERSPECTIVES_PAGE, "15", "target"),
        (PERSPECTIVES_PAGE, "53", "actual"),
        (PERSPECTIVES_PAGE, "12", "actual"),
        ("(148 dossiers en 2021) 332 914 €\nd'aides FTE attribuées.", "148", "context"),
        ("(148 dossiers en 2021) 332 914 €\nd'aides FTE attribuées.", "332 914 €", "actual"),
        ("• Travaux de création d'un bassin à Béthune : 9,9M€ (2021-2024)\n", "9,9M€", "context"),
        ("• Travaux de création d'un bassin à Béthune : 9,9M€ (2021-\n\n2024)\n", "9,9M€", "context"),
        ("L'objectif est d'atteindre 30% de véhicules", "30%", "target"),
        ("Elle dispose de 29 véhicules électriques.", "29", "actual"),
        ("fixant comme objectif 100\nbornes d'ici 2024.", "100", "target"),
        ("Il est prévu d'installer 12 bornes.", "12", "target"),
        ("Passer à 45 % de bus au gaz d'ici 2026.", "45 %", "target"),  # the deadline alone
        ("L'Agglomération envisage l'équipement de 15 bornes", "15", "target"),
        ("40 bornes seront installées en 2024.", "40", "target"),
        ("Installation de 32 bornes supplémentaires en 2021 :", "32", "context"),
        ("Installation de 32 bornes supplémentaires en 2021 :\n\n• 21 bornes à Douvrin\n", "21", "context"),
        ("En 2022, 171 dossiers ont été déposés.", "171", "actual"),
        ("Au cours de l'année 2021, 40 ateliers", "40", "actual"),  # another comma clause
        ("40 ateliers au cours de l'année 2021", "40", "context"),
        ("Le budget du projet est de 1,15 M€.", "1,15 M€", "context"),
        ("(reste à charge : 229 756 €)", "229 756 €", "context"),
        ("moins de 10 salariés", "10", "context"),
        ("Location sur 4 ans.", "4 ans", "context"),
        ("Une photographie à 360 degrés", "360 degrés", "context"),
        ("Dans l'objectif de réduire les coûts, 40 bornes ont été posées.", "40", "actual"),
        ("plus de 100 bâtiments", "100", "actual"),
        # issue 8: objectives and plans wherever they stand, the territory, earlier years
        ("un objectif de 30 % de logements rénovés", "30 %", "target"),
        ("Le réseau atteindra 40 km à l'horizon 2026.", "40 km", "target"),
        ("Les élus ont voté un budget de 3,1 milliards d'euros.", "3,1 milliards d'euros", "target"),
        ("La modernisation est estimée à 138 700 € HT.", "138 700 € HT", "target"),
        ("La métropole compte 44 communes.", "44", "context"),
        ("Le territoire s'étend sur 305 km2.", "305 km2", "context"),
        ("les collectivités de plus de 50 000 habitants", "50 000", "context"),
        ("Des travaux ont été menés sur 12 communes.", "12", "actual"),
        ("De 2002 à 2010, le syndicat a investi 1,7 Md€.", "1,7 Md€", "context"),
        ("Pour mémoire, le budget primitif s'élevait à 177 M€.", "177 M€", "context"),
    ],
)
def test_figure_kind(text: str, raw: str, kind: str) -> None:
    assert figure_kind(text, only(text, raw), YEAR) == kind


def test_figure_kind_depends_on_the_report_year() -> None:
    text = "40 bornes seront installées en 2024."
    quantity = only(text, "40")
    assert figure_kind(text, quantity, 2022) == "target"
    assert figure_kind(text, quantity, 2024) == "actual"
    assert figure_kind(text, quantity, 2025) == "context"


@pytest.mark.parametrize(
    ("text", "raw", "kind"),
    [
        ("En 2021, 1500 personnes ont été accueillies.", "1500", "context"),
        ("En 2024, 40 bornes seront installées.", "40", "target"),
        ("D'ici 2025, 40 bornes seront installées.", "40", "target"),
    ],
)
def test_year_of_a_leading_clause(text: str, raw: str, kind: str) -> None:
    assert figure_kind(text, only(text, raw), YEAR) == kind


# --------------------------------------------------------------------------- figure_label


@pytest.mark.parametrize(
    ("text", "raw", "label"),
    [
        (
            "154\ndossiers de particuliers validés\n\nen Bureau Communautaire\n",
            "154",
            "dossiers de particuliers validés",
        ),
        ("154\ndossiers de particuliers validés", "154", "dossiers de particuliers validés"),
        (
            "2,6M€\nde consommation énergétique\npour l'ensemble des bâtiments\n",
            "2,6M€",
            "consommation énergétique pour l'ensemble des bâtiments",
        ),
        (
            "4 086 735€\nde travaux engagés après conseils\n\ndu guichet unique de l'habitat",
            "4 086 735€",
            "travaux engagés après conseils",
        ),
        ("4\nparutions presse-média.", "4", "parutions presse-média"),
        ("(148 dossiers en 2021) 332 914 €\nd'aides FTE attribuées.", "148", "dossiers en 2021"),
        ("(148 dossiers en 2021) 332 914 €\nd'aides FTE attribuées.", "332 914 €", "aides FTE attribuées"),
        ("Elle dispose de 29 véhicules électriques.", "29", "véhicules électriques"),
        ("112 logements ont été subventionnés pour des rénovations", "112", "logements"),
        ("L'objectif est d'atteindre 30% de véhicules", "30%", "L'objectif est d'atteindre"),
        ("Le coût a augmenté de 15%.", "15%", "Le coût a augmenté de"),
    ],
)
def test_figure_label(text: str, raw: str, label: str) -> None:
    assert figure_label(text, only(text, raw)) == label


@pytest.mark.parametrize(
    ("text", "raw", "label"),
    [
        ("Conso des\nbâtiments\nÉlectricité - 1,1 M€\nGaz - 975,9 k€\n", "975,9 k€", "Gaz"),
        ("• ZAE à Burbure : 18 200 € HT\n", "18 200 € HT", "ZAE à Burbure"),
    ],
)
def test_label_before_a_separator(text: str, raw: str, label: str) -> None:
    assert figure_label(text, only(text, raw)) == label


def test_label_is_never_the_perspectives_mark() -> None:
    text = "Perspectives\n66 équivalents temps plein\n\n+ de 120 000 h de travail\n"
    label = figure_label(text, only(text, "66 équivalents temps plein"))
    assert "Perspectives" not in label


# --------------------------------------------------------------------------- sentence_around


@pytest.mark.parametrize(
    ("text", "raw", "sentence"),
    [
        (
            "Le FTE est opérationnel. (148 dossiers en 2021) 332 914 €\nd'aides FTE attribuées.\n\n"
            "Depuis 2021",
            "332 914 €",
            "(148 dossiers en 2021) 332 914 € d'aides FTE attribuées.",
        ),
        (
            "• ZAE à Burbure : 18 200 € HT\n• ZAE à Lorgies : 57 202 € HT\n",
            "57 202 € HT",
            "ZAE à Lorgies : 57 202 € HT",
        ),
        (
            "Le programme\n\ncontinue avec 15 bornes. Puis 3 autres.",
            "15",
            "Le programme continue avec 15 bornes.",
        ),
        ("Le programme\n\ncontinue avec 15 bornes. Puis 3 autres.", "3", "Puis 3 autres."),
        (
            "Les zones concernées sont :\n- ZAE à Burbure : 18 200 € HT\n- ZAE à Lorgies : 57 202 € HT",
            "18 200 € HT",
            "- ZAE à Burbure : 18 200 € HT",
        ),
        (
            "1 186\npersonnes conseillées.\n\n258\nhabitants sensibilisés\n\nen animation.",
            "258",
            "258 habitants sensibilisés en animation.",
        ),
        ("29 véhicules", "29", "29 véhicules"),
    ],
)
def test_sentence_around(text: str, raw: str, sentence: str) -> None:
    quantity = only(text, raw)
    assert sentence_around(text, quantity.start, quantity.end) == sentence


def test_sentence_around_is_one_line_and_bounded() -> None:
    text = "Début " + "mot " * 200 + "42 bornes " + "mot " * 200 + "fin."
    quantity = only(text, "42")
    sentence = sentence_around(text, quantity.start, quantity.end)
    assert "\n" not in sentence
    assert len(sentence) == 400
    assert sentence.startswith("Début mot mot")


def test_sentence_of_a_key_figure_before_a_plus_figure() -> None:
    text = "66 équivalents temps plein\n\n+ de 120 000 h de travail\n"
    quantity = only(text, "66 équivalents temps plein")
    assert sentence_around(text, quantity.start, quantity.end) == "66 équivalents temps plein"


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("feuille de route pour une « Agglo 100% Durable ».", "100%"),
        ("Suppression de l'aide « bouquets 3 travaux » au profit de la rénovation.", "3"),
        ('Le programme "Objectif 2 000 arbres" continue.', "2 000"),
    ],
)
def test_a_number_inside_quotes_names_something(text: str, raw: str) -> None:
    (quantity,) = find_quantities(text)
    assert quantity.raw == raw
    assert figure_kind(text, quantity, 2022) == "context"


YEAR_COLUMNS = (
    "Comptes administratifs (en milliers d'euros)\n"
    "                              2021          2022       Évolution\n"
    "Dépenses d'investissement   58 055        65 513          12,8 %\n"
)


@pytest.mark.parametrize(("raw", "kind"), [("58 055", "context"), ("65 513", "actual"), ("12,8 %", "actual")])
def test_a_column_headed_by_a_year_gives_the_kind(raw: str, kind: str) -> None:
    assert figure_kind(YEAR_COLUMNS, only(YEAR_COLUMNS, raw), YEAR) == kind


def test_a_column_headed_by_a_budget_primitif_year_is_a_plan() -> None:
    table = "                 BP 2021       BP 2022\nFonctionnement   2 140,3       2 135,0\n"
    assert figure_kind(table, only(table, "2 140,3"), YEAR) == "context"  # last year's plan
    assert figure_kind(table, only(table, "2 135,0"), YEAR) == "target"  # this year's, voted ahead


# --------------------------------------------------------------------------- label length


@pytest.mark.parametrize(
    ("text", "raw", "label", "indicator"),
    [
        # seven words after the figure are kept whole: "aux foyers volontaires" is part of the label
        (
            "La collectivité a distribué 320 composteurs individuels en bois aux foyers volontaires "
            "du territoire.",
            "320",
            "composteurs individuels en bois aux foyers volontaires",
            "composteurs-individuels-bois-foyers-volontaires",
        ),
        # an eighth word ("désormais") is left out
        (
            "Nous comptons 42 bornes de recharge rapide en centre ville désormais ouvertes au public.",
            "42",
            "bornes de recharge rapide en centre ville",
            "bornes-recharge-rapide-centre-ville",
        ),
        # fewer words: the label stops at a stop word ("pour")
        (
            "Le service a posé 42 bornes de recharge rapide pour voitures électriques.",
            "42",
            "bornes de recharge rapide",
            "bornes-recharge-rapide",
        ),
    ],
)
def test_label_after_a_figure_keeps_seven_words(text: str, raw: str, label: str, indicator: str) -> None:
    quantity = only(text, raw)
    assert figure_label(text, quantity) == label
    assert auto_indicator(label, quantity.unit) == indicator


@pytest.mark.parametrize(
    ("text", "raw", "label"),
    [
        # nothing after: the last seven words before ("Budget global du" dropped, ten words in all)
        (
            "Budget global du grand programme de rénovation énergétique des écoles 2 500 000 €.",
            "2 500 000 €",
            "grand programme de rénovation énergétique des écoles",
        ),
        # seven words before, the leading "à" of the seventh kept
        (
            "Vélos neufs mis à disposition des agents de la ville 42.",
            "42",
            "à disposition des agents de la ville",
        ),
        # an amount or a percentage needs two words after it, else the words before name it
        ("Le coût a augmenté de 15 % cette année.", "15 %", "cette année"),
        ("Le coût a augmenté de 15 % environ.", "15 %", "Le coût a augmenté de"),
        ("Le fonds a versé une aide de 500 € attribuée.", "500 €", "Le fonds a versé une aide de"),
        ("Le fonds a versé une aide de 500 € aux ménages modestes.", "500 €", "aux ménages modestes"),
        ("Le fonds a versé 500 aides.", "500", "aides"),  # a count: one word after is its label
    ],
)
def test_label_before_a_figure_keeps_seven_words(text: str, raw: str, label: str) -> None:
    assert figure_label(text, only(text, raw)) == label


# --------------------------------------------------------------------------- closest text of a missed rule


def _closest(pages: list[str], source: str, first: int = 1, last: int = 99) -> tuple[int, str] | None:
    """closest_text for a rule written `source`, over `pages` whose one sheet spans first..last."""
    document = Document(
        source="test.txt",
        year=2022,
        pages=tuple(Page(i + 1, text, False) for i, text in enumerate(pages)),
        sheets=(Sheet("fiche", "Fiche", None, first, last, "action"),),
        page_sheet=tuple("fiche" for _ in pages),
    )
    # closest_text reads only the pattern as written (macros unexpanded), not the compiled one
    rule = FigureRule("r", "r", regex.compile("jamais"), "count", "result", source=source)
    return closest_text(document, "fiche", rule)


def test_closest_text_keeps_the_first_of_equally_close_sentences() -> None:
    # both sentences share two words ("dernières", "années") with the pattern: the first one wins
    text = "Les 10 dernières années ont été chaudes. Les dernières années la mer monte."
    pattern = "depuis les {int:value} derni[èe]res? ann[ée]es?"
    assert _closest([text], pattern) == (1, "Les 10 dernières années ont été chaudes")


def test_closest_text_keeps_the_first_of_equally_close_sentences_across_pages() -> None:
    pattern = "depuis les {int:value} derni[èe]res? ann[ée]es?"
    # a full stop ending the page is followed by no space: it stays with its sentence
    pages = ["Ces dernières années.", "Ces dernières années encore."]
    assert _closest(pages, pattern) == (1, "Ces dernières années.")


def test_closest_text_takes_a_later_sentence_sharing_more_words() -> None:
    # "dernières" only, then "depuis", "dernières", "années": the later, closer sentence wins
    text = "Les dernières pluies. Il fait chaud depuis les dernières années."
    pattern = "depuis les {int:value} derni[èe]res? ann[ée]es?"
    assert _closest([text], pattern) == (1, "Il fait chaud depuis les dernières années.")


def test_closest_text_is_none_without_a_shared_word_or_a_literal_word() -> None:
    assert _closest(["Rien à voir ici."], "dossiers? de particuliers?") is None
    assert _closest(["Rien à voir ici."], "{int:value} %") is None  # no literal word in the pattern


def test_closest_text_reads_only_the_pages_of_the_sheet_and_cuts_at_300_characters() -> None:
    pages = ["154 dossiers de particuliers.", "Deux dossiers. Les " + "dossiers   de\nparticuliers " * 20]
    # page 1 (two words) is outside the sheet (pages 2..2); on page 2 the long sentence shares two words
    # and beats "Deux dossiers" (one); its spaces squeezed to one, it is cut to 300 characters
    closest = _closest(pages, "dossiers? de particuliers?", first=2, last=2)
    assert closest == (2, ("Les " + "dossiers de particuliers " * 20)[:300])


# --------------------------------------------------------------------------- unlabelled figures


@pytest.mark.parametrize(
    ("label", "unit", "indicator"),
    [
        # no label: the unit names the indicator, so unlabelled figures of two units never share one
        ("", "percent", "percent-sans-libelle"),
        ("", "EUR", "EUR-sans-libelle"),
        ("", "count", "count-sans-libelle"),
        ("", "t_co2e", "t_co2e-sans-libelle"),
        # a label: its slug, numbers left out, whatever the unit
        ("bornes 2022 posées", "count", "bornes-posees"),
        ("bornes posées", "EUR", "bornes-posees"),
        # a label with no word once numbers are gone (another figure above it) names nothing either
        ("12 %", "EUR", "EUR-sans-libelle"),
        ("2 500 / 3 000", "count", "count-sans-libelle"),
        ("% 2022", "percent", "percent-sans-libelle"),
    ],
)
def test_auto_indicator_of_a_figure_with_and_without_a_label(label: str, unit: str, indicator: str) -> None:
    assert auto_indicator(label, unit) == indicator


def test_unlabelled_figures_of_different_units_get_different_indicators() -> None:
    """A figure alone under PERSPECTIVES has no label: '12 %', '3 000 €', '25 km' keep apart by unit."""
    texts = ("PERSPECTIVES\n12 %\n", "PERSPECTIVES\n3 000 €\n", "PERSPECTIVES\n25 km\n")
    document = Document(
        "t.txt",
        YEAR,
        tuple(Page(number, text, False) for number, text in enumerate(texts, start=5)),
        (Sheet("s", "S", 1, 5, 7, "action"),),
        ("s", "s", "s"),
    )
    rows = [(f.page, f.indicator, f.label, f.value, f.unit) for f in extract_figures(document, "t").figures]
    assert rows == [
        (5, "percent-sans-libelle", "", 12.0, "percent"),
        (6, "EUR-sans-libelle", "", 3000.0, "EUR"),
        (7, "km-sans-libelle", "", 25.0, "km"),
    ]


# --------------------------------------------------------------------------- edge-line numbers


@pytest.mark.parametrize(
    ("number", "text", "kept"),
    [
        # a lone number on the first line with a lowercase caption under it is a key figure, kept
        (5, "42\nbornes de recharge installées\nLe réseau compte 12 stations.", [42.0, 12.0]),
        # the same with no caption under it (a capital starts the next line): a printed page number
        (5, "42\nLe réseau compte 12 stations.", [12.0]),
        # alone on the last line: nothing under it, a page number
        (5, "Le réseau compte 12 stations.\n42", [12.0]),
        # the page's own number is dropped even with a caption under it
        (42, "42\nbornes de recharge installées\nLe réseau compte 12 stations.", [12.0]),
        # four digits are never a page number
        (5, "1042\nLe réseau compte 12 stations.", [1042.0, 12.0]),
        # beside words: dropped next to page furniture ("Rapport"), kept next to a caption's words
        (5, "Le réseau compte 12 stations.\nRapport 42", [12.0]),
        (5, "Le réseau compte 12 stations.\nbornes installées 42", [12.0, 42.0]),
    ],
)
def test_a_lone_number_on_an_edge_line_is_a_page_number_unless_captioned(
    number: int, text: str, kept: list[float]
) -> None:
    assert [quantity.value for quantity in page_quantities(Page(number, text, False))] == kept


# --------------------------------------------------------------------------- binding rule sheets to sheets


def _bacs_sheet(sheet_id: str, title: str, match: str) -> SheetRules:
    """A rule sheet with one rule, '<n> bacs'."""
    rule = FigureRule("bacs", "Bacs", regex.compile(r"(?P<value>\d+) bacs"), "count", "actual")
    return SheetRules(sheet_id, title, 2, regex.compile(match), (rule,), f"{sheet_id}.toml")


def _collecte_document() -> Document:
    """Two sheets titled 'Collecte des déchets' (pages 1 and 3), another sheet between them."""
    pages = (
        Page(1, "Collecte des déchets\n\n120 bacs distribués.\n", False),
        Page(2, "Les espaces verts\n\n8 arbres plantés.\n", False),
        Page(3, "Collecte des déchets\n\n45 bacs réparés.\n", False),
    )
    sheets = (
        Sheet("collecte-des-dechets", "Collecte des déchets", 2, 1, 1, "action"),
        Sheet("espaces-verts", "Les espaces verts", 2, 2, 2, "action"),
        Sheet("collecte-des-dechets-3", "Collecte des déchets", 2, 3, 3, "action"),
    )
    return Document("t.txt", YEAR, pages, sheets, tuple(sheet.sheet_id for sheet in sheets))


def test_a_rule_sheet_binds_once_when_two_sheets_share_its_title() -> None:
    """The first sheet titled alike takes the rule sheet; the second keeps its own id, its figure auto."""
    pack = RulePack(
        "t", "T", regex.compile("t"), (_bacs_sheet("collecte", "Collecte des déchets", "(?i)collecte"),), "0"
    )
    document = _collecte_document()
    assert {page: rules.id for page, rules in bind_sheets(document, pack).items()} == {1: "collecte"}
    result = extract_figures(document, "t", pack)
    assert result.coverage() == {"collecte": (1, 0)}
    assert result.document.page_sheet == ("collecte", "espaces-verts", "collecte-des-dechets-3")
    assert [(f.sheet_id, f.indicator, f.value, f.page, f.rule) for f in result.figures] == [
        ("collecte", "bacs", 120.0, 1, "bacs"),
        ("espaces-verts", "arbres-plantes", 8.0, 2, "auto"),
        ("collecte-des-dechets-3", "bacs-repares", 45.0, 3, "auto"),
    ]
    assert result.unbound == ()


def test_a_title_spelt_alike_binds_before_a_match_and_the_match_binds_what_is_left() -> None:
    """'tri' comes first and its match fits page 1, but 'collecte' spells that title: page 1 is
    'collecte'; page 3 (same title, 'collecte' taken) goes to the next unbound rule whose match fits."""
    tri = _bacs_sheet("tri", "Tri sélectif", "(?i)collecte")
    collecte = _bacs_sheet("collecte", "COLLECTE DES DECHETS", "(?i)collecte")  # case and accents ignored
    pack = RulePack("t", "T", regex.compile("t"), (tri, collecte), "0")
    document = _collecte_document()
    assert {page: rules.id for page, rules in bind_sheets(document, pack).items()} == {
        1: "collecte",
        3: "tri",
    }
    result = extract_figures(document, "t", pack)
    assert result.coverage() == {"collecte": (1, 0), "tri": (1, 0)}
    assert [(f.sheet_id, f.value, f.rule) for f in result.figures] == [
        ("collecte", 120.0, "bacs"),
        ("espaces-verts", 8.0, "auto"),
        ("tri", 45.0, "bacs"),
    ]


def test_a_divider_page_is_never_bound_to_a_rule_sheet() -> None:
    """A pilier divider titled like the rule sheet is skipped: the action sheet after it binds."""
    pages = (Page(1, "Collecte des déchets\n", False), Page(2, "Collecte des déchets\n\n120 bacs.\n", False))
    sheets = (
        Sheet("pilier-2", "Collecte des déchets", 2, 1, 1, "pilier"),
        Sheet("collecte-des-dechets", "Collecte des déchets", 2, 2, 2, "action"),
    )
    document = Document("t.txt", YEAR, pages, sheets, ("pilier-2", "collecte-des-dechets"))
    pack = RulePack(
        "t", "T", regex.compile("t"), (_bacs_sheet("collecte", "Collecte des déchets", "(?i)collecte"),), "0"
    )
    assert {page: rules.id for page, rules in bind_sheets(document, pack).items()} == {2: "collecte"}


@pytest.mark.parametrize(
    ("text", "raw", "label"),
    [
        # a caption's leading "du", "des", "de" or "d'" is dropped: the label names the thing counted
        ("120\ndu réseau de chaleur\n", "120", "réseau de chaleur"),
        ("120\ndes bornes de recharge\n", "120", "bornes de recharge"),
        ("120\nde bornes de recharge\n", "120", "bornes de recharge"),
        ("120\nd'arbres plantés\n", "120", "arbres plantés"),
        ("120\ndu   réseau de chaleur\n", "120", "réseau de chaleur"),  # blanks collapsed first
        # only the first word goes, and only a whole word
        ("120\nde la voirie refaite\n", "120", "la voirie refaite"),
        ("120\ndurables abris à vélos\n", "120", "durables abris à vélos"),
        ("120\ndessins d'enfants exposés\n", "120", "dessins d'enfants exposés"),
        # the words after a figure in a sentence lose their article the same way
        ("Nous exploitons 120 km du réseau de chaleur urbain.", "120 km", "réseau de chaleur urbain"),
        ("Nous avons planté 30 km de haies bocagères.", "30 km", "haies bocagères"),
        ("Le service compte 45 agents du réseau.", "45", "agents du réseau"),  # inside the label: kept
    ],
)
def test_a_label_drops_its_leading_article(text: str, raw: str, label: str) -> None:
    assert figure_label(text, only(text, raw)) == label


# --------------------------------------------------------------------------- binding by a page's first lines


def _agents_sheet(title: str, match: str) -> SheetRules:
    """A rule sheet 'personnel' with one rule, '<n> agents', counted in full-time equivalents."""
    rule = FigureRule("agents", "Agents", regex.compile(r"(?P<value>\d+) agents"), "fte", "actual")
    return SheetRules("personnel", title, 3, regex.compile(match), (rule,), "personnel.toml")


def _untitled_document(second: str) -> Document:
    """Page 2 (`second`) holds no sheet title: the layout reads it as page 1's sheet continued."""
    pages = (Page(1, "Les espaces verts\n\n8 arbres plantés.\n", False), Page(2, second, False))
    sheets = (Sheet("espaces-verts", "Les espaces verts", 2, 1, 2, "action"),)
    return Document("t.txt", YEAR, pages, sheets, ("espaces-verts", "espaces-verts"))


def _bound(second: str, *sheets: SheetRules) -> dict[int, str]:
    pack = RulePack("t", "T", regex.compile("t"), sheets, "0")
    return {page: rules.id for page, rules in bind_sheets(_untitled_document(second), pack).items()}


def test_a_rule_sheet_binds_by_its_match_in_the_first_lines_of_a_page_with_no_title() -> None:
    """No sheet is titled 'Le personnel du service' and no page spells it, but page 2 opens with the
    rule's match: the last fallback binds it, and its figure comes from the rule, not the detector."""
    second = "les effectifs du service sont restés stables.\n\nLe service compte 12 agents.\n"
    pack = RulePack(
        "t", "T", regex.compile("t"), (_agents_sheet("Le personnel du service", "effectifs du service"),), "0"
    )
    document = _untitled_document(second)
    assert {page: rules.id for page, rules in bind_sheets(document, pack).items()} == {2: "personnel"}
    result = extract_figures(document, "t", pack)
    assert result.unbound == ()
    assert result.coverage() == {"personnel": (1, 0)}
    assert result.document.page_sheet == ("espaces-verts", "personnel")
    assert [
        (f.sheet_id, f.sheet_title, f.indicator, f.value, f.unit, f.page, f.rule) for f in result.figures
    ] == [
        ("espaces-verts", "Les espaces verts", "arbres-plantes", 8.0, "count", 1, "auto"),
        ("personnel", "Le personnel du service", "agents", 12.0, "fte", 2, "agents"),
    ]


def test_a_rule_sheet_found_nowhere_stays_unbound_and_its_page_keeps_the_detector() -> None:
    """The match is past the page's first six lines: nothing binds, '12 agents' is the detector's."""
    second = "a\nb\nc\nd\ne\nf\nles effectifs du service sont stables.\n\nLe service compte 12 agents.\n"
    pack = RulePack(
        "t", "T", regex.compile("t"), (_agents_sheet("Le personnel du service", "effectifs du service"),), "0"
    )
    result = extract_figures(_untitled_document(second), "t", pack)
    assert [rules.id for rules in result.unbound] == ["personnel"]
    assert result.outcomes == ()
    assert result.document.page_sheet == ("espaces-verts", "espaces-verts")
    assert [(f.sheet_id, f.indicator, f.value, f.unit, f.page, f.rule) for f in result.figures] == [
        ("espaces-verts", "arbres-plantes", 8.0, "count", 1, "auto"),
        ("espaces-verts", "agents", 12.0, "count", 2, "auto"),
    ]


@pytest.mark.parametrize(
    ("second", "bound"),
    [
        # the match on the first, then the sixth non-blank line of the page: bound
        ("les effectifs du service sont stables.\n", {2: "personnel"}),
        ("a\nb\nc\nd\ne\nles effectifs du service sont stables.\n", {2: "personnel"}),
        # blank lines are not counted: still the sixth line with words
        ("a\n\n\nb\nc\n  \nd\ne\nles effectifs du service sont stables.\n", {2: "personnel"}),
        # the seventh line is the page's body, not its head: nothing binds
        ("a\nb\nc\nd\ne\nf\nles effectifs du service sont stables.\n", {}),
        # the head's lines are joined with a space: a match cut over two lines still binds
        ("les effectifs du\nservice sont stables.\n", {2: "personnel"}),
    ],
)
def test_the_head_of_a_page_is_its_first_six_lines_with_words(second: str, bound: dict[int, str]) -> None:
    assert _bound(second, _agents_sheet("Le personnel du service", "effectifs du service")) == bound


@pytest.mark.parametrize(
    ("second", "title", "bound"),
    [
        # consecutive lines spelling the title, case, accents and punctuation ignored
        ("Bilan\nLe personnel\ndu service\n\n12 agents.\n", "Le personnel du service", True),
        ("LE PERSONNEL DU SERVICE : bilan\n", "Le personnel du service", True),  # more after it: still
        ("Le personnel\n\ndu service\n", "Le personnel du service", True),  # blank lines skipped
        # a narrow column: a word (or less) a line, up to eight lines; nine are too many
        ("Le\nper\nson\nnel\ndu\nser\nvi\nce\n", "Le personnel du service", True),
        ("Le\nper\nson\nnel\ndu\nse\nr\nvi\nce\n", "Le personnel du service", False),
        # the title must open a line, and be whole, with no other line inside it
        ("Bilan : Le personnel du service\n", "Le personnel du service", False),
        ("Le personnel du servic\n", "Le personnel du service", False),
        ("Le personnel\nBilan\ndu service\n", "Le personnel du service", False),
        # a title of fewer than eight letters is too common to bind by spelling; eight are enough
        ("Les eaux\n", "Les eaux", False),
        ("Les eauxx\n", "Les eauxx", True),
    ],
)
def test_a_rule_sheet_binds_to_a_page_spelling_its_title(second: str, title: str, bound: bool) -> None:
    """The match ('jamais') finds nothing: only the spelling of the title can bind page 2."""
    assert _bound(second, _agents_sheet(title, "jamais")) == ({2: "personnel"} if bound else {})


def test_a_spelt_title_binds_before_any_match_in_a_page_head() -> None:
    """'head' comes first in the pack and its match opens pages 2 and 3, but 'spelt' spells its title
    on page 2: every spelling is tried before any head, so page 2 is 'spelt' and 'head' takes page 3."""
    head = replace(_agents_sheet("Les déchets verts", "effectifs"), id="head")
    spelt = replace(_agents_sheet("Le personnel du service", "jamais"), id="spelt")
    pages = (
        Page(1, "Les espaces verts\n", False),
        Page(2, "les effectifs\nLe personnel du service\n", False),
        Page(3, "les effectifs\n", False),
    )
    sheets = (Sheet("espaces-verts", "Les espaces verts", 2, 1, 3, "action"),)
    document = Document("t.txt", YEAR, pages, sheets, ("espaces-verts",) * 3)
    pack = RulePack("t", "T", regex.compile("t"), (head, spelt), "0")
    assert {page: rules.id for page, rules in bind_sheets(document, pack).items()} == {2: "spelt", 3: "head"}


def test_the_fallbacks_skip_dividers_taken_pages_and_bound_rule_sheets() -> None:
    """Page 1 is a pilier divider, page 2 is bound by its title; 'personnel' spells its title and
    matches on every page but takes only page 3, and the rule sheet bound by title takes no other."""
    collecte = _bacs_sheet("collecte", "Collecte des déchets", "(?i)effectifs")
    personnel = _agents_sheet("Le personnel du service", "(?i)effectifs")
    text = "Le personnel du service\nles effectifs\n"
    pages = (
        Page(1, text, False),
        Page(2, "Collecte des déchets\n" + text, False),
        Page(3, text, False),
        Page(4, text, False),
    )
    sheets = (
        Sheet("pilier-3", "Pilier 3", 3, 1, 1, "pilier"),
        Sheet("collecte-des-dechets", "Collecte des déchets", 3, 2, 4, "action"),
    )
    document = Document("t.txt", YEAR, pages, sheets, ("pilier-3",) + ("collecte-des-dechets",) * 3)
    pack = RulePack("t", "T", regex.compile("t"), (collecte, personnel), "0")
    assert {page: rules.id for page, rules in bind_sheets(document, pack).items()} == {
        2: "collecte",
        3: "personnel",
    }


# --------------------------------------------------------------------------- a rule's own row


def test_a_rule_writes_its_own_id_label_unit_scale_kind_and_qualifier() -> None:
    """What a rule says wins over what the detector reads: the unit ('fte', not 'count'; 'kEUR' at
    scale 0.001 for 1,5 M€; 'm' at scale 1000 for 8 km), the kind (against the detector's
    'compte' -> context, 'budget' -> context, a result -> actual) and a qualifier it sets; with none,
    the detector's ('plus de' -> at_least). A figure no rule claims stays the detector's."""
    rules = (
        FigureRule("agents", "Agents du service", regex.compile(r"(?P<value>\d+) agents"), "fte", "target"),
        FigureRule(
            "budget",
            "Budget",
            regex.compile(r"budget de (?P<value>[\d,]+ M€)"),
            "kEUR",
            "actual",
            scale=0.001,
        ),
        FigureRule("bacs", "Bacs", regex.compile(r"plus de (?P<value>\d+) bacs"), "count", "context"),
        FigureRule(
            "sacs",
            "Sacs",
            regex.compile(r"plus de (?P<value>\d+) sacs"),
            "count",
            "actual",
            qualifier="at_most",
        ),
        FigureRule("voirie", "Voirie", regex.compile(r"(?P<value>\d+) km"), "m", "actual", scale=1000.0),
    )
    sheet = SheetRules("personnel", "Le personnel du service", 3, regex.compile("personnel"), rules, "p.toml")
    text = (
        "Le personnel du service\n\nLe service compte 12 agents. Il a un budget de 1,5 M€. "
        "Il a posé plus de 40 bacs et plus de 30 sacs. Il entretient 8 km de voirie. Il a planté 5 arbres.\n"
    )
    document = Document(
        "t.txt",
        YEAR,
        (Page(4, text, False),),
        (Sheet("le-personnel-du-service", "Le personnel du service", 3, 4, 4, "action"),),
        ("le-personnel-du-service",),
    )
    result = extract_figures(document, "rdd-2022", RulePack("t", "T", regex.compile("t"), (sheet,), "0"))
    both = "Il a posé plus de 40 bacs et plus de 30 sacs."
    assert [
        (f.indicator, f.label, f.value, f.unit, f.kind, f.qualifier, f.raw, f.context) for f in result.figures
    ] == [
        ("agents", "Agents du service", 12.0, "fte", "target", None, "12", "Le service compte 12 agents."),
        ("budget", "Budget", 1500.0, "kEUR", "actual", None, "1,5 M€", "Il a un budget de 1,5 M€."),
        ("bacs", "Bacs", 40.0, "count", "context", "at_least", "40", both),
        ("sacs", "Sacs", 30.0, "count", "actual", "at_most", "30", both),
        ("voirie", "Voirie", 8000.0, "m", "actual", None, "8 km", "Il entretient 8 km de voirie."),
        ("arbres", "arbres", 5.0, "count", "actual", None, "5", "Il a planté 5 arbres."),
    ]
    assert [f.rule for f in result.figures] == ["agents", "budget", "bacs", "sacs", "voirie", "auto"]
    # every row: the report, its year, the rule sheet's id, title and pilier, the page, the source
    assert {
        (f.report, f.year, f.sheet_id, f.sheet_title, f.pilier, f.page, f.source) for f in result.figures
    } == {("rdd-2022", YEAR, "personnel", "Le personnel du service", 3, 4, "t.txt")}


# --------------------------------------------------------------------------- key-figure captions


KEY_FIGURES = "Chiffres clés\n\n1 250\ndossiers de demande\nd aide à la rénovation\ntraités\n"


@pytest.mark.parametrize(
    ("text", "raw", "label", "indicator"),
    [
        # a lowercase caption under a lone number: its first three lines, joined
        (
            KEY_FIGURES + "\nLe service a instruit les dossiers.",
            "1 250",
            "dossiers de demande d aide à la rénovation traités",
            "dossiers-demande-aide-renovation-traites",
        ),
        (KEY_FIGURES, "1 250", "dossiers de demande d aide à la rénovation traités", None),  # end of page
        # a fourth line is left out
        (
            KEY_FIGURES + "en 2022\n\nLe service.",
            "1 250",
            "dossiers de demande d aide à la rénovation traités",
            "dossiers-demande-aide-renovation-traites",
        ),
        # the caption stops at a blank line
        (
            "Chiffres clés\n\n1 250\ndossiers de demande\nd aide\n\ntraités en 2022\n",
            "1 250",
            "dossiers de demande d aide",
            "dossiers-demande-aide",
        ),
        # blank lines right under the number are skipped before the caption
        (
            "Chiffres clés\n\n1 250\n\ndossiers de demande\nd aide\n",
            "1 250",
            "dossiers de demande d aide",
            None,
        ),
        # an amount, a '+' figure, and indented caption lines read the same
        (
            "Chiffres clés\n\n1 250 €\ndossiers de demande\nd aide à la rénovation\ntraités\n",
            "1 250 €",
            "dossiers de demande d aide à la rénovation traités",
            None,
        ),
        (
            "Chiffres clés\n\n+ 1 250\ndossiers de demande\nd aide à la rénovation\ntraités\n",
            "+ 1 250",
            "dossiers de demande d aide à la rénovation traités",
            None,
        ),
        (
            "Chiffres clés\n\n1 250\n  dossiers de demande  \n  d aide à la rénovation  \n  traités  \n",
            "1 250",
            "dossiers de demande d aide à la rénovation traités",
            None,
        ),
        # no lowercase caption below: the unit's words on the number's line, if three letters long
        ("Chiffres clés\n\n12 tonnes\nDossiers suivants\n", "12 tonnes", "tonnes", "tonnes"),
        # else the last two lines above it (up to a blank line), a box heading left out
        ("un\ndeux\ntrois\n1 250\nDossiers suivants\n", "1 250", "deux trois", "deux-trois"),
        ("un\n\ntrois\n1 250\nDossiers suivants\n", "1 250", "trois", "trois"),
        ("Bilan\ndossiers traités\n1 250\nDossiers suivants\n", "1 250", "Bilan dossiers traités", None),
        ("Perspectives\ndossiers traités\n1 250\nDossiers suivants\n", "1 250", "dossiers traités", None),
        ("PERSPECTIVES\ndossiers traités\n1 250\nDossiers suivants\n", "1 250", "dossiers traités", None),
        ("2022\ndossiers traités\n1 250\nDossiers suivants\n", "1 250", "dossiers traités", None),
        ("Chiffres\ndossiers traités\n1 250\nDossiers suivants\n", "1 250", "dossiers traités", None),
    ],
)
def test_the_caption_of_a_key_figure(text: str, raw: str, label: str, indicator: str | None) -> None:
    quantity = only(text, raw)
    assert figure_label(text, quantity) == label
    if indicator is not None:
        assert auto_indicator(label, quantity.unit) == indicator


def test_a_key_figure_takes_its_three_caption_lines_in_a_report() -> None:
    """The whole caption makes the figure's label and indicator in figures.parquet."""
    document = Document(
        "t.txt",
        YEAR,
        (Page(3, KEY_FIGURES + "\nLe service a instruit les dossiers.\n", False),),
        (Sheet("aides", "Les aides", 1, 3, 3, "action"),),
        ("aides",),
    )
    assert [(f.indicator, f.label, f.value, f.unit) for f in extract_figures(document, "t").figures] == [
        (
            "dossiers-demande-aide-renovation-traites",
            "dossiers de demande d aide à la rénovation traités",
            1250.0,
            "count",
        )
    ]


# --------------------------------------------------------------------------- kind from the years of a clause


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a span of years ending in the report's year is the year's result; ending before it, context
        ("Entre 2020 et 2022, 120 composteurs ont été distribués.", "actual"),
        ("Entre 2020 et 2021, 120 composteurs ont été distribués.", "context"),
        ("De 2019 à 2022, 120 composteurs ont été distribués.", "actual"),
        ("De 2019 à 2021, 120 composteurs ont été distribués.", "context"),
        ("120 composteurs ont été distribués de 2019 à 2022.", "actual"),
        ("120 composteurs ont été distribués de 2019 à 2021.", "context"),
        ("120 composteurs distribués sur la période 2020-2022.", "actual"),
        ("120 composteurs distribués sur la période 2020-2021.", "context"),
        ("120 composteurs distribués sur la période 2020 – 2021.", "context"),
        ("120 composteurs distribués entre 2021 et 2023.", "actual"),  # a span still running
        # one year: before the report's is context, the report's own is actual
        ("120 composteurs ont été distribués en 2022.", "actual"),
        ("120 composteurs ont été distribués en 2021.", "context"),
        ("120 composteurs ont été distribués depuis 2022.", "actual"),
        ("120 composteurs ont été distribués depuis 2021.", "context"),
        ("120 composteurs contre 2021.", "context"),
        # the future: a plan unless dated to the report's year; a year after it is a plan
        ("120 composteurs seront distribués.", "target"),
        ("120 composteurs seront distribués en 2022.", "actual"),
        ("120 composteurs seront distribués en 2023.", "target"),
        ("120 composteurs à distribuer en 2023.", "target"),
    ],
)
def test_the_years_of_a_clause_give_the_kind(text: str, kind: str) -> None:
    assert figure_kind(text, only(text, "120"), YEAR) == kind


def test_a_span_of_years_is_past_only_once_the_report_is_later() -> None:
    text = "Entre 2020 et 2022, 120 composteurs ont été distribués."
    quantity = only(text, "120")
    assert [figure_kind(text, quantity, year) for year in (2021, 2022, 2023)] == [
        "actual",
        "actual",
        "context",
    ]
