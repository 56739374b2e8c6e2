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


# --------------------------------------------------------------------------- every cue word of the kinds
# One case per entry of the module's tables, each on a sentence where only that entry decides the kind:
# dropping the entry (or its plural, its accent, its boundary) changes the kind the case expects.


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        # _FUTURE_CUE: objectives and plans
        ("Les objectifs portent sur 40 bornes.", "40"),  # "objectifs", plural
        ("40 km de pistes cyclables à l'horizon 2030.", "40 km"),
        ("Le plan prévisionnel porte sur 40 bornes.", "40"),
        ("40 bornes sont programmées.", "40"),
        ("40 bornes programmées par la ville.", "40"),
        ("Une tranche programmée de 40 bornes.", "40"),
        ("Le chantier programmé porte sur 40 bornes.", "40"),
        ("40 chantiers programmés.", "40"),
        ("40 bornes sont planifiées.", "40"),
        ("La ville planifie 40 bornes.", "40"),  # "planifie", unaccented
        ("Le chantier planifié porte sur 40 bornes.", "40"),
        ("40 bornes à venir.", "40"),
        ("40 bornes à atteindre.", "40"),
        ("La cible est de 40 bornes.", "40"),
        ("Les cibles : 40 bornes.", "40"),
        ("La ville ambitionne 40 bornes.", "40"),
        ("La ville vise 40 bornes.", "40"),
        ("Les communes visent 40 bornes.", "40"),
        ("Un plan visant 40 bornes.", "40"),
        ("En 2022, la ville visera 40 bornes.", "40"),  # a cue, unlike the future tense, whatever the year
        ("Le futur réseau de 40 bornes.", "40"),
        ("40 bornes projetées.", "40"),
        ("Les élus souhaitent projeter 40 bornes.", "40"),  # "projete", unaccented
        ("Le budget primitif prévoit 40 bornes.", "40"),  # not the context of a mere "budget"
        ("Le BP prévoit 40 bornes.", "40"),
        ("Le budget voté prévoit 40 bornes.", "40"),  # "budget ... voté"
        ("Le budget 2023 adopté prévoit 40 bornes.", "40"),  # "budget ... adopté", a word between
        ("Le budget 2023 finalement adopté prévoit 40 bornes.", "40"),  # two words between
        ("Les élus ont voté hier le nouveau budget : 40 bornes.", "40"),  # "voté ... budget", three between
        ("40 bornes attendues.", "40"),
        ("40 bornes attendus.", "40"),
        ("Un gain attendu de 40 bornes.", "40"),
        ("Une hausse attendue de 40 bornes.", "40"),
        ("L'hypothèse porte sur 40 bornes.", "40"),
        ("Les hypothèses portent sur 40 bornes.", "40"),
        ("40 bornes à remplacer.", "40"),
        ("40 logements à réaliser.", "40"),
        ("40 logements à construire.", "40"),
        ("40 postes à créer.", "40"),
        ("40 bornes à installer.", "40"),
        ("40 logements à rénover.", "40"),
        ("40 chantiers à engager.", "40"),
        ("Le budget supplémentaire ajoute 40 bornes.", "40"),
        ("Le BS ajoute 40 bornes.", "40"),
        ("La décision modificative ajoute 40 bornes.", "40"),
        ("40 bornes inscrites au budget.", "40"),  # a plan, not the context of a mere "budget"
        ("40 bornes pour l'année 2023.", "40"),  # a later year after "pour l'année", "à partir de", "dès"
        ("40 bornes à partir de 2023.", "40"),
        ("40 bornes dès 2023.", "40"),
        # _FUTURE_TENSE: each auxiliary, then the endings of a verb in the future
        ("Le réseau devra compter 40 bornes.", "40"),
        ("Les communes devront poser 40 bornes.", "40"),
        ("Le réseau devrait atteindre 40 bornes.", "40"),
        ("Les communes devraient poser 40 bornes.", "40"),
        ("Le réseau sera doté de 40 bornes.", "40"),
        ("Le réseau aura 40 bornes.", "40"),
        ("Les villes auront 40 bornes.", "40"),
        ("La ville fera poser 40 bornes.", "40"),
        ("Les villes feront poser 40 bornes.", "40"),
        ("La ville pourra poser 40 bornes.", "40"),
        ("Les villes pourront poser 40 bornes.", "40"),
        ("Le chantier ira jusqu'à 40 bornes.", "40"),
        ("Les chantiers iront jusqu'à 40 bornes.", "40"),
        ("La ville installera 40 bornes.", "40"),
        ("Les villes installeront 40 bornes.", "40"),
        ("Le chantier finira avec 40 bornes.", "40"),  # three letters before "ira" are enough
        ("Les chantiers finiront avec 40 bornes.", "40"),
        ("Le réseau atteindra 40 bornes.", "40"),
        ("Les réseaux atteindront 40 bornes.", "40"),
        # _SENTENCE_OPENING: an opening naming a later year dates the clause after its comma
        ("D'ici 2025, 40 bornes de plus.", "40"),
        ("À partir de 2024, 40 bornes par an.", "40"),
        ("Dès 2024, 40 bornes par an.", "40"),
    ],
)
def test_each_future_cue_makes_a_target(text: str, raw: str) -> None:
    assert figure_kind(text, only(text, raw), YEAR) == "target"


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        # _CONTEXT_CUE: budgets, the territory, benchmarks and thresholds
        ("40 postes budgétaires.", "40"),  # "budgét", the accented spelling
        ("La population desservie atteint 40 000 personnes.", "40 000"),
        ("Une superficie de 40 hectares.", "40 hectares"),
        ("Le réseau s'étend sur 40 km.", "40 km"),
        ("Le parc compte 40 bornes.", "40"),
        ("Les parcs comptent 40 bornes.", "40"),
        ("Le parc comptait 40 bornes.", "40"),
        ("Le parc comptant 40 bornes est ouvert.", "40"),
        ("Une densité de 40 logements par hectare.", "40"),
        ("Un quartier peuplé de 40 familles.", "40"),
        ("La moyenne régionale est de 40 %.", "40 %"),
        ("La moyenne départementale est de 40 %.", "40 %"),
        ("Le réseau national a 40 bornes.", "40"),
        ("Il y a 40 bornes en France.", "40"),
        ("Le réseau européen a 40 bornes.", "40"),
        ("Un seuil de 40 salariés.", "40"),
        ("Des seuils de 40 salariés.", "40"),
        ("40 contrôles réglementaires.", "40"),
        ("Le minimum légal est de 40 places.", "40"),
        ("La loi impose 40 places.", "40"),
        ("Le syndicat fédère 40 associations.", "40"),
        ("La métropole réunit 40 associations.", "40"),
        ("Les villes réunissent 40 associations.", "40"),
        ("Le réseau dessert 40 arrêts.", "40"),
        # _LOOKING_BACK: a figure recalled from before
        ("40 bornes (28 auparavant).", "28"),
        ("Rappel : 40 bornes posées.", "40"),
        ("40 bornes posées l'an dernier.", "40"),
        ("40 bornes posées l'année dernière.", "40"),
        ("40 bornes posées l'année précédente.", "40"),
        ("40 bornes prévues l'an dernier.", "40"),  # looking back is read before the plan ("prévues")
        ("40 bornes prévues l'année dernière.", "40"),
        ("40 bornes prévues l'année précédente.", "40"),
        ("Pour rappel, 40 bornes posées.", "40"),  # the opening "Pour rappel," joins the clause
        # _PAST_YEAR and _PAST_SPAN: an earlier year, in the 20th century too
        ("40 bornes distribuées par rapport à 2021.", "40"),
        ("40 bornes distribuées depuis 1998.", "40"),
        ("40 bornes distribuées de 1995 à 2005.", "40"),
        ("40 bornes distribuées de 1995 à 1998.", "40"),
        # _SENTENCE_OPENING: an opening naming an earlier year or span dates the clause after its comma
        ("Depuis 2020, 40 bornes par an.", "40"),
        ("En 1998, 40 bornes par an.", "40"),
        ("De 1995 à 1998, 40 bornes par an.", "40"),
        # _YEAR_SPAN_AFTER: a multi-year amount, whatever the dash or the words of the span
        ("Travaux de voirie : 9,9M€ (2021–2024)", "9,9M€"),
        ("Travaux de voirie : 9,9M€ (2021 à 2024)", "9,9M€"),
        ("Travaux de voirie : 9,9M€ (de 2021 à 2024)", "9,9M€"),
        ("Travaux de voirie : 9,9M€ ( 2021 - 2024 )", "9,9M€"),
    ],
)
def test_each_context_cue_makes_context(text: str, raw: str) -> None:
    assert figure_kind(text, only(text, raw), YEAR) == "context"


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        # near misses of the cue tables: a word only looking like a cue leaves the year's result
        ("40 bornes posées avec l'objectif de réduire les coûts.", "40"),  # a purpose, not a goal figure
        ("40 bornes posées dans l'objectif de réduire les coûts.", "40"),
        ("Le viseur du radar porte à 40 m.", "40 m"),  # "vise" must end the word
        ("La programmation a attiré 40 spectateurs.", "40"),  # not "programmé"
        ("40 visites guidées ont été organisées.", "40"),  # not "vise"
        ("Le projet a permis de poser 40 bornes.", "40"),  # "projet" alone is no plan
        ("40 bornes posées dès 2022.", "40"),  # the report's own year
        ("L'Andra a collecté 40 fûts.", "40"),  # two letters before "dra": no future
        ("Ce poste compte pour 40 % des dépenses.", "40 %"),  # "compte pour" is a share
        ("La moyenne est de 40 %.", "40 %"),  # no benchmark named
        ("Travaux de voirie : 9,9M€ (2021)", "9,9M€"),  # one year is no span
        ("Le budget a baissé ; 40 bornes ont été posées.", "40"),  # ";" ends the clause of the budget
        ("Le budget a baissé; 40 bornes ont été posées.", "40"),
    ],
)
def test_near_misses_of_the_cue_words_stay_actual(text: str, raw: str) -> None:
    assert figure_kind(text, only(text, raw), YEAR) == "actual"


# --------------------------------------------------------------------------- the territory and its stock


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        # _STOCK_AFTER: each noun counted by the territory, after a verb saying so
        ("Le syndicat regroupe 21 communes.", "21"),
        ("Le syndicat regroupe 1 commune.", "1"),
        ("Le bassin regroupe 40 000 habitants.", "40 000"),
        ("Le bassin regroupe 1 habitant.", "1"),
        ("Le conseil regroupe 40 élus.", "40"),
        ("Le comité rassemble 40 délégués.", "40"),
        ("Le pôle regroupe 12 intercommunalités.", "12"),
        ("Le pôle regroupe 4 EPCI.", "4"),
        ("Le syndicat regroupe 44 COMMUNES.", "44"),  # any case
        ("Le syndicat regroupe 21\ncommunes.", "21"),  # the noun on the next line
        # ... or with "membres" / "adhérentes" and no verb
        ("Les 40 communes membres ont délibéré.", "40"),
        ("Les 40 communes adhérentes ont délibéré.", "40"),
        # _TERRITORY_VERB: each verb; the territory is read before any goal of the sentence ("vise")
        ("La métropole compte 40 communes et vise la neutralité carbone.", "40"),
        ("Les deux pôles comptent 40 communes et visent la neutralité carbone.", "40"),
        ("Le syndicat comptait 40 communes et vise désormais la neutralité carbone.", "40"),
        ("La métropole comptant 40 communes vise la neutralité carbone.", "40"),
        ("La métropole regroupe 40 communes et vise la neutralité carbone.", "40"),
        ("La métropole rassemble 40 communes et vise la neutralité carbone.", "40"),
        ("La métropole réunit 40 communes et vise la neutralité carbone.", "40"),
        ("Les deux pôles réunissent 40 communes et visent la neutralité carbone.", "40"),
        ("Le syndicat fédère 40 communes et vise la neutralité carbone.", "40"),
        ("La métropole composée de 40 communes vise la neutralité carbone.", "40"),
        ("Le pôle composé de 40 communes vise la neutralité carbone.", "40"),
        ("Le pôle constitué de 40 communes vise la neutralité carbone.", "40"),
        ("La métropole constituée de 40 communes vise la neutralité carbone.", "40"),
        ("La métropole s'étend sur 40 communes et vise la neutralité carbone.", "40"),
        ("Une métropole peuplée de 40 000 habitants et visant la neutralité carbone.", "40 000"),
        ("Une population de 40 000 habitants visant la neutralité carbone.", "40 000"),
        ("Le territoire a 40 communes et vise la neutralité carbone.", "40"),
        # _KEY_FIGURE_LIST: a line of key figures
        ("• 40 communes", "40"),
        ("40 communes · 12 zones d'activités", "40"),
    ],
)
def test_each_territory_noun_and_verb_makes_context(text: str, raw: str) -> None:
    assert figure_kind(text, only(text, raw), YEAR) == "context"


@pytest.mark.parametrize(
    "text",
    [
        "Le syndicat regroupe 21 associations.",  # not a noun of the territory
        "Les 21 communes ont délibéré.",  # a noun of the territory, but no verb, no "membres", no list
    ],
)
def test_a_territory_needs_its_noun_and_a_reason(text: str) -> None:
    assert figure_kind(text, only(text, "21"), YEAR) == "actual"


@pytest.mark.parametrize(
    "text",
    ["Le bassin regroupe 40 000 hab.", "Le bassin regroupe 40 000 hab. au total."],
)
def test_the_abbreviation_hab_counts_inhabitants(text: str) -> None:
    """'40 000 hab.' is '40 000 habitants' written short: the territory, as the table means."""
    assert figure_kind(text, only(text, "40 000"), YEAR) == "context"


# --------------------------------------------------------------------------- key-figure and budget pages

STOCK_BODY = "\n\nLe réseau dispose de 40 bornes.\n"


@pytest.mark.parametrize(
    "heading",
    [
        "Chiffres clés",
        "Chiffres-clés",
        "CHIFFRES CLÉS",  # any case
        "En bref",
        "Le réseau en chiffres",
        "Carte d'identité",
        "Fiche d'identité",
        "Le territoire",
        "  Le territoire",  # indented, still opening its line
        "Portrait du territoire",
        "Repères",
        "Chiffres clés du réseau de bus et de car",  # forty characters: still a heading
    ],
)
def test_each_heading_of_a_stock_page_makes_its_counts_context(heading: str) -> None:
    text = heading + STOCK_BODY
    assert figure_kind(text, only(text, "40"), YEAR) == "context"


@pytest.mark.parametrize(
    "heading",
    [
        "Les chiffres du réseau",  # no heading word
        "Sur le territoire",  # "le territoire" must open the line
        "Chiffres clés du réseau de bus et de cars",  # forty-one characters: a sentence, not a heading
        "Chiffres clés.",  # a full stop: a sentence
    ],
)
def test_a_line_that_is_no_stock_heading_leaves_counts_actual(heading: str) -> None:
    text = heading + STOCK_BODY
    assert figure_kind(text, only(text, "40"), YEAR) == "actual"


@pytest.mark.parametrize(
    ("body", "raw", "kind"),
    [
        # _STOCK_UNITS: counts and surfaces or lengths describe the territory
        ("Le réseau dispose de 40 km de pistes.", "40 km", "context"),
        ("Le réseau dispose de 40 ha de parcs.", "40 ha", "context"),
        ("Le réseau dispose de 40 m2 de toitures.", "40 m2", "context"),
        ("Le réseau dispose de 40 m de quais.", "40 m", "context"),
        # ... other units do not, nor a figure dated to the report's year
        ("Le réseau dispose de 40 000 €.", "40 000 €", "actual"),
        ("Le réseau dispose de 40 % de voies.", "40 %", "actual"),
        ("Le réseau dispose de 40 t de stock.", "40 t", "actual"),
        ("En 2022 le réseau dispose de 40 bornes.", "40", "actual"),
    ],
)
def test_the_units_of_a_stock_page(body: str, raw: str, kind: str) -> None:
    text = f"Chiffres clés\n\n{body}\n"
    assert figure_kind(text, only(text, raw), YEAR) == kind


@pytest.mark.parametrize(
    ("heading", "body", "raw", "kind"),
    [
        # _PLAN_PAGE: amounts and shares of a page headed by a budget voted ahead are a plan
        ("Budget primitif 2023", "Investissements : 40 000 €", "40 000 €", "target"),
        ("BUDGET PRIMITIF", "Part des investissements : 40 %", "40 %", "target"),
        ("Budget supplémentaire 2022", "Investissements : 40 000 €", "40 000 €", "target"),
        ("Budget prévisionnel 2023", "Investissements : 40 000 €", "40 000 €", "target"),
        ("BP 2023", "Investissements : 40 000 €", "40 000 €", "target"),
        # ... not a count, nor a page of the accounts, nor "BP" glued to its year
        ("Budget primitif 2023", "Nombre de postes : 40", "40", "actual"),
        ("Compte administratif 2022", "Investissements : 40 000 €", "40 000 €", "actual"),
        ("BP2023", "Investissements : 40 000 €", "40 000 €", "actual"),
    ],
)
def test_each_heading_of_a_budget_page(heading: str, body: str, raw: str, kind: str) -> None:
    text = f"{heading}\n\n{body}\n"
    assert figure_kind(text, only(text, raw), YEAR) == kind


@pytest.mark.parametrize(("end", "kind"), [(300, "target"), (301, "actual")])
def test_a_budget_page_is_read_from_its_first_300_characters(end: int, kind: str) -> None:
    """'budget primitif' ending at character 300 heads the page; one character later it does not."""
    cue = " budget primitif"
    text = "x" * (end - len(cue)) + cue + "\n\nInvestissements : 40 000 €\n"
    assert text.index(cue) + len(cue) == end
    assert figure_kind(text, only(text, "40 000 €"), YEAR) == kind


# --------------------------------------------------------------------------- clauses, list items, table rows


@pytest.mark.parametrize(
    "text",
    [
        "Bornes posées en 2021 :\n• 21 bornes à Douvrin\n",
        "Bornes posées en 2021 :\n- 21 bornes à Douvrin\n",
        "Bornes posées en 2021 :\n– 21 bornes à Douvrin\n",
        "Bornes posées en 2021 :\n  – 21 bornes à Douvrin\n",  # an indented item
        "Bornes posées en 2021 :\n\t– 21 bornes à Douvrin\n",
    ],
)
def test_each_list_mark_takes_the_year_of_the_line_introducing_the_list(text: str) -> None:
    assert figure_kind(text, only(text, "21"), YEAR) == "context"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a table row (cells apart by three spaces, a tab or no-break spaces) is the clause: the budget above
        # is another row's
        ("Lignes du budget annexe\nBornes posées   40\n", "actual"),
        ("Lignes du budget annexe\nBornes posées\t40\n", "actual"),
        ("Lignes du budget annexe\nBornes posées\u00a0\u00a0\u00a040\n", "actual"),
        # two spaces are no cell break: the sentence runs on from the line above
        ("Lignes du budget annexe\nBornes posées  40\n", "context"),
    ],
)
def test_a_table_row_is_the_clause_of_its_figure(text: str, kind: str) -> None:
    assert figure_kind(text, only(text, "40"), YEAR) == kind


@pytest.mark.parametrize(
    ("caption", "kind"),
    [
        # _OBJECTIVE_CAPTION: key figures captioned as objectives are targets
        # (a blank line above the caption keeps it out of the figure's sentence, where "objectif" is a cue)
        ("\n\nObjectif annuel", "target"),
        ("\n\nObjectifs annuels", "target"),
        ("\n\nOBJECTIF ANNUEL", "target"),
        ("\n\nObjectif de réduction", "target"),
        ("\n\nObjectif dessiné", "target"),  # "des" is a word of its own only before a space
        # the objective of something else, named after it, is no caption of the figure
        ("\n\nObjectif de l'année : réussir", "actual"),
        ("\n\nObjectif du plan vélo", "actual"),
        ("\n\nObjectifs des communes", "actual"),
        ("\n\nObjectivement", "actual"),
    ],
)
def test_key_figures_captioned_as_objectives(caption: str, kind: str) -> None:
    text = f"40\nbornes installées{caption}\n"
    assert figure_kind(text, only(text, "40"), YEAR) == kind


@pytest.mark.parametrize(
    "first_line",
    [
        "40 bornes installées",  # words after the number
        "Bornes : 40",  # words before it
        "Bornes : 40 installées",  # words on both sides
    ],
)
def test_only_a_number_alone_on_its_line_takes_an_objective_caption(first_line: str) -> None:
    # a figure inside a line of words is no key figure: the 'Objectif annuel' below captions nothing of it
    text = f"{first_line}\n\nObjectif annuel\n"
    assert figure_kind(text, only(text, "40"), YEAR) == "actual"


# --------------------------------------------------------------------------- sentence ends


@pytest.mark.parametrize(
    ("text", "raw", "sentence"),
    [
        ("Quel bilan ? 40 bornes posées.", "40", "40 bornes posées."),
        ("Quel bilan ! 40 bornes posées.", "40", "40 bornes posées."),
        ("40 bornes posées ! Et 12 autres.", "40", "40 bornes posées !"),
        ("40 bornes posées ? Oui.", "40", "40 bornes posées ?"),
        # a blank line, then a capital, a digit, a mark or a quote starts a new sentence
        ("Le réseau compte\n\n12 stations.", "12", "12 stations."),
        ("Le réseau compte\n\n« 12 stations »", "12", "« 12 stations »"),
        ("Le réseau compte\n\n+ 12 stations", "+ 12", "+ 12 stations"),
        ("Les consommations\n\n-12 % en un an", "-12 %", "-12 % en un an"),
        ("Les consommations\n\n–12 % en un an", "–12 %", "–12 % en un an"),
        ("Le réseau compte 12 stations\n\nÉté comme hiver", "12", "Le réseau compte 12 stations"),
        # a line opening with a dash and a space is a list item, even with no blank line
        ("Le réseau compte\n– 12 stations", "12", "– 12 stations"),
        ("Le réseau compte\n  – 12 stations", "12", "– 12 stations"),
    ],
)
def test_each_sentence_end(text: str, raw: str, sentence: str) -> None:
    quantity = only(text, raw)
    assert sentence_around(text, quantity.start, quantity.end) == sentence


# --------------------------------------------------------------------------- words that end a label


@pytest.mark.parametrize(
    "text",
    [
        "Sur 42 bornes ont été posées des prises rapides.",
        "Le réseau de 42 bornes a doublé cette année.",
        "Sur ce trajet, 42 bornes ai-je compté.",
        "Le parc de 42 bornes est complet.",
        "42 bornes sont en service depuis mars.",
        "42 bornes été comme hiver en service.",
        "Le parc de 42 bornes était saturé.",
        "Le parc de 42 bornes sera étendu.",
        "42 bornes seront changées en mars.",
        "Le parc de 42 bornes va doubler.",
        "42 bornes vont ouvrir en mars.",
        "42 bornes dont 12 rapides en centre ville.",
        "42 bornes soit le double de 2021.",
        "42 bornes qui alimentent les bus.",
        "42 bornes que la ville entretient.",
        "42 bornes par commune en moyenne.",
        "42 bornes sur le territoire de la ville.",
        "42 bornes avec paiement par carte.",
        "42 bornes grâce au plan de relance.",
        # punctuation
        "42 bornes, réparties dans la ville.",
        "42 bornes. La ville en entretient aussi.",
        "42 bornes ; 12 stations de vélos en libre service.",
        "42 bornes : 30 rapides et 12 lentes.",
        "42 bornes (rapides et lentes) en centre ville.",
        "Le plan « 42 bornes » en centre ville.",
        '42 bornes "Wattmobile" en centre ville.',
        "42 bornes « Wattmobile » en centre ville.",
        'Le plan "42 bornes" en centre ville.',
        "42 bornes • 12 stations de vélos en libre service.",
        "42 bornes - 12 stations de vélos en libre service.",
    ],
)
def test_each_label_stop_ends_the_label(text: str) -> None:
    assert figure_label(text, only(text, "42")) == "bornes"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Le service gère 42 abris avenue des Tilleuls.", "abris avenue des Tilleuls"),  # whole words only
        ("Le service gère 42 composteurs partagés.", "composteurs partagés"),
        ("Le service gère 42 bornes dans l'ouest du département.", "bornes dans l'ouest du département"),
        ("Le service gère 42 bornes-relais en ville.", "bornes-relais en ville"),  # no spaces: no " - "
    ],
)
def test_a_label_stop_is_a_whole_word(text: str, label: str) -> None:
    assert figure_label(text, only(text, "42")) == label


@pytest.mark.parametrize(
    ("text", "raw", "label"),
    [
        # nothing after the figure: the words before it, back to the last mark or separator
        ("Parc ancien, bornes neuves 42.", "42", "bornes neuves"),
        ("Parc ancien. Bornes neuves 42.", "42", "Bornes neuves"),
        ("Parc ancien ; bornes neuves 42.", "42", "bornes neuves"),
        ("Parc (bornes neuves 42)", "42", "bornes neuves"),
        ("Parc (ancien) bornes neuves 42.", "42", "bornes neuves"),
        ("Le plan « Bornes neuves 42 »", "42", "Bornes neuves"),
        ("Le plan « Parc » bornes neuves 42.", "42", "bornes neuves"),
        ('Le plan "Parc" bornes neuves 42.', "42", "bornes neuves"),
        ("Parc ancien • bornes neuves 42.", "42", "bornes neuves"),
        ("Conso du parc : bornes neuves 42.", "42", "bornes neuves"),
        ("Conso du parc:bornes neuves 42.", "42", "bornes neuves"),
        ("Conso du parc - bornes neuves 42.", "42", "bornes neuves"),
        ("Conso du parc – bornes neuves 42.", "42", "bornes neuves"),
        ("Conso du parc-bornes neuves 42.", "42", "Conso du parc-bornes neuves"),  # a hyphen joins words
        # a separator just before the figure is dropped first, then the words before it name the figure
        ("Conso des\nbâtiments\nGaz – 975,9 k€\n", "975,9 k€", "Gaz"),
    ],
)
def test_each_separator_before_a_figure_bounds_its_label(text: str, raw: str, label: str) -> None:
    assert figure_label(text, only(text, raw)) == label


def test_a_year_heading_of_the_last_century_is_no_caption() -> None:
    text = "1998\ndossiers traités\n1 250\nDossiers suivants\n"
    assert figure_label(text, only(text, "1 250")) == "dossiers traités"


# --------------------------------------------------------------------------- page furniture beside a number


@pytest.mark.parametrize(
    "line",
    [
        # a separator opening the line, ending it, or between words
        "| bornes installées 42",
        "• bornes installées 42",
        "· bornes installées 42",
        "– bornes installées 42",
        "— bornes installées 42",
        "/ bornes installées 42",
        "- bornes installées 42",
        "42 bornes installées |",
        "42 bornes installées •",
        "42 bornes installées ·",
        "42 bornes installées –",
        "42 bornes installées —",
        "42 bornes installées /",
        "42 bornes installées -",
        "Agglo | bornes 42",
        "Agglo • bornes 42",
        "Agglo · bornes 42",
        "Agglo – bornes 42",
        "Agglo — bornes 42",
        # a year, a web or mail address
        "Agglo 2022 42",
        "www.agglo.fr 42",
        "contact@agglo.fr 42",
        # the words of a running title, in any case
        "Bilan 42",
        "BILAN 42",
        "Activités 42",
        "Annuel 42",
        "Développement durable 42",
        "Édition 42",
        "RPQS eau potable 42",
        "Sommaire 42",
        "Voir page suivante 42",
    ],
)
def test_each_mark_of_page_furniture_beside_a_last_line_number(line: str) -> None:
    text = f"Le réseau compte 12 stations.\n{line}"
    assert [quantity.value for quantity in find_quantities(text)] == [12.0, 42.0]  # read, then dropped
    assert [quantity.value for quantity in page_quantities(Page(5, text, False))] == [12.0]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("bornes installées 42", [12.0, 42.0]),
        ("42 bornes installées", [12.0, 42.0]),
        ("Agglo / bornes 42", [12.0, 42.0]),  # "/" and "-" between words are no separators
        ("Agglo - bornes 42", [12.0, 42.0]),
        ("Agglo 1998 42", [12.0, 42.0]),  # a year of the last century is no report's year
        ("Agglo 62400 42", [12.0, 62400.0]),  # beside a postcode: the page number goes, the code stays
        ("Agglo 6240 42", [12.0, 6240.0, 42.0]),  # four digits are no postcode
    ],
)
def test_a_last_line_number_beside_no_furniture_is_kept(line: str, kept: list[float]) -> None:
    text = f"Le réseau compte 12 stations.\n{line}"
    assert [quantity.value for quantity in page_quantities(Page(5, text, False))] == kept


@pytest.mark.parametrize(
    ("heading", "kept"),
    [
        ("LES 44 COMMUNES", [44.0]),
        ("LES 12 ZAE DU TERRITOIRE", [12.0]),  # three capitals make a noun
        ("LES 12\u00a0ZAE DU TERRITOIRE", [12.0]),
        ("LES 12\tZAE DU TERRITOIRE", [12.0]),
        ("LES 12 ÉCOLES", [12.0]),
        ("LES ZONES DU TERRITOIRE : 12 ZA", []),  # two capitals do not
        ("PILIER 2 DU TERRITOIRE", []),  # a running title's number
    ],
)
def test_a_count_in_a_heading_is_kept_before_a_noun_in_capitals(heading: str, kept: list[float]) -> None:
    text = f"Introduction du rapport.\n{heading}\nsuite du texte."
    assert [quantity.value for quantity in page_quantities(Page(5, text, False))] == kept


# --------------------------------------------------------------------------- the detector's qualifiers


QUALIFIED_TEXT = (
    "Le réseau de chaleur\n\nLa ville chauffe plus de 2 500 foyers. Environ 40 bornes sont posées. "
    "Moins de 10 salariés y travaillent. Le chantier a pris près de 2 000 h de travail. "
    "Le service a planté 12 arbres.\n"
)


def _qualified_document() -> Document:
    """One action sheet on page 4: QUALIFIED_TEXT, each figure with (or, the last, without) a qualifier."""
    sheet = Sheet("le-reseau-de-chaleur", "Le réseau de chaleur", 2, 4, 4, "action")
    return Document("t.txt", YEAR, (Page(4, QUALIFIED_TEXT, False),), (sheet,), (sheet.sheet_id,))


def test_a_figure_of_the_generic_detector_keeps_its_qualifier() -> None:
    """No rules: every row is the detector's, and writes the word before its number as a qualifier:
    'plus de' -> at_least, 'Environ' and 'près de' -> approx, 'Moins de' -> at_most (a threshold, so
    context), none -> None."""
    figures = extract_figures(_qualified_document(), "rdd-2022").figures
    rows = [(f.indicator, f.value, f.unit, f.kind, f.qualifier, f.raw, f.rule) for f in figures]
    assert rows == [
        ("foyers", 2500.0, "count", "actual", "at_least", "2 500", "auto"),
        ("bornes", 40.0, "count", "actual", "approx", "40", "auto"),
        ("salaries-y-travaillent", 10.0, "count", "context", "at_most", "10", "auto"),
        ("travail", 2000.0, "h", "actual", "approx", "2 000 h", "auto"),
        ("arbres", 12.0, "count", "actual", None, "12", "auto"),
    ]


def test_the_detector_keeps_its_qualifiers_beside_the_rules_of_a_bound_page() -> None:
    """The page bound to a rule sheet: 'arbres' (qualifier approx, where the text has none) and 'foyers'
    (no qualifier: the detector's at_least) are the rules'; 'bornes', '10' and '2 000 h' are left to the
    detector, each with its own qualifier."""
    rules = (
        FigureRule("foyers", "Foyers", regex.compile(r"(?P<value>\d[\d ]*) foyers"), "count", "actual"),
        FigureRule(
            "arbres",
            "Arbres",
            regex.compile(r"(?P<value>\d+) arbres"),
            "count",
            "actual",
            qualifier="approx",
        ),
    )
    sheet = SheetRules("reseau", "Le réseau de chaleur", 2, regex.compile("réseau"), rules, "r.toml")
    pack = RulePack("t", "T", regex.compile("t"), (sheet,), "0")
    figures = extract_figures(_qualified_document(), "rdd-2022", pack).figures
    rows = [(f.indicator, f.value, f.qualifier, f.rule) for f in figures]
    assert rows == [
        ("foyers", 2500.0, "at_least", "foyers"),
        ("bornes", 40.0, "approx", "auto"),
        ("salaries-y-travaillent", 10.0, "at_most", "auto"),
        ("travail", 2000.0, "approx", "auto"),
        ("arbres", 12.0, "approx", "arbres"),
    ]
