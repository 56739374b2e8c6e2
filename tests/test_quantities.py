"""The quantity reader: every number style of the reference report, and numerals that are not figures."""

from __future__ import annotations

import math

import pytest

from rdd_extract.quantities import (
    QUALIFIERS,
    SCHEMA_2_UNITS,
    UNITS,
    Quantity,
    column_year,
    find_quantities,
    is_contents_page,
    parse_number,
    read_quantity,
    writes_decimal_dot,
)

from .nextyear import format_french

Row = tuple[float, str, str, str | None]  # value, unit, raw, qualifier


def rows(text: str) -> list[Row]:
    return [(q.value, q.unit, q.raw, q.qualifier) for q in find_quantities(text)]


# --------------------------------------------------------------------------- figures

FIGURES: list[tuple[str, list[Row]]] = [
    # thousands grouped with a space, a no-break space or a narrow no-break space
    ("pour un total de 1 406 000€ percus de l'Etat", [(1406000.0, "EUR", "1 406 000€", None)]),
    (
        "(148 dossiers en 2021) 332\u00a0914 €",
        [(148.0, "count", "148", None), (332914.0, "EUR", "332\u00a0914 €", None)],
    ),
    ("1\u202f406\u202f000€", [(1406000.0, "EUR", "1\u202f406\u202f000€", None)]),
    ("4 086 735€\nde travaux engagés", [(4086735.0, "EUR", "4 086 735€", None)]),
    ("montant total de commandes de 9 668,50€", [(9668.5, "EUR", "9 668,50€", None)]),
    ("30\u00a0% des offres", [(30.0, "percent", "30\u00a0%", None)]),
    ("30\u202f%", [(30.0, "percent", "30\u202f%", None)]),
    # dotted thousands, decimal comma and decimal dot
    ("(Marché d'insertion de 205.000€)", [(205000.0, "EUR", "205.000€", None)]),
    ("1.500 personnes", [(1500.0, "count", "1.500", None)]),
    ("17,16%\ndu parc", [(17.16, "percent", "17,16%", None)]),
    ("annuel de 1.8M€ pour le parc public", [(1800000.0, "EUR", "1.8M€", None)]),
    ("12,5 %", [(12.5, "percent", "12,5 %", None)]),
    ("1.5 km", [(1.5, "km", "1.5 km", None)]),
    # k€, M€, "M €", milliards, € HT, Euros HT
    ("Gaz - 975,9 k€", [(975900.0, "EUR", "975,9 k€", None)]),
    ("Chauffage urbain - 85,4 k€", [(85400.0, "EUR", "85,4 k€", None)]),
    ("10 K€", [(10000.0, "EUR", "10 K€", None)]),
    ("Électricité - 1,1 M€", [(1100000.0, "EUR", "1,1 M€", None)]),
    ("1,1M€", [(1100000.0, "EUR", "1,1M€", None)]),
    ("un budget de 1,7M € en 2022", [(1700000.0, "EUR", "1,7M €", None)]),
    ("2,6M€\nde consommation énergétique", [(2600000.0, "EUR", "2,6M€", None)]),
    ("2,5 Md€", [(2500000000.0, "EUR", "2,5 Md€", None)]),
    ("1,2 milliard d'euros", [(1200000000.0, "EUR", "1,2 milliard d'euros", None)]),
    ("• ZAE Pouviez à Divion : 35 000 € HT", [(35000.0, "EUR", "35 000 € HT", None)]),
    ("8 M€ HT", [(8000000.0, "EUR", "8 M€ HT", None)]),
    ("(199 000 Euros HT - création", [(199000.0, "EUR", "199 000 Euros HT", None)]),
    ("5 000 euros", [(5000.0, "EUR", "5 000 euros", None)]),
    ("0 €", [(0.0, "EUR", "0 €", None)]),
    # millions d'€ (plural and the report's singular)
    ("à hauteur de 9 millions d'€)", [(9000000.0, "EUR", "9 millions d'€", None)]),
    ("11 million d'€ investis", [(11000000.0, "EUR", "11 million d'€", None)]),
    ("12,5 millions d'euros", [(12500000.0, "EUR", "12,5 millions d'euros", None)]),
    ("1 million d'arbres pour les Hauts-de-France", [(1000000.0, "count", "1 million", None)]),
    # distances
    ("1,8M de km\nparcourus", [(1800000.0, "km", "1,8M de km", None)]),
    ("sur environ 610km de\ncours d'eau", [(610.0, "km", "610km", "approx")]),
    ("610 km\nde cours d'eau entretenus", [(610.0, "km", "610 km", None)]),
    ("2 016 km de réseaux", [(2016.0, "km", "2 016 km", None)]),
    ("5 kilomètres", [(5.0, "km", "5 kilomètres", None)]),
    ("300 mètres linéaires de clôture", [(300.0, "m", "300 mètres linéaires", None)]),
    ("17 340 m\nde réseau testés à la fumée.", [(17340.0, "m", "17 340 m", None)]),
    ("17 340 m de réseau", [(17340.0, "m", "17 340 m", None)]),
    # volumes
    ("Volume produit : 14 M m3/an dont", [(14000000.0, "m3_per_year", "14 M m3/an", None)]),
    (
        "dont environ 1 600 000\n\nde m3/an sont achetés",
        [(1600000.0, "m3_per_year", "1 600 000 de m3/an", "approx")],
    ),
    ("32 320 m3/j en moyenne", [(32320.0, "m3_per_day", "32 320 m3/j", None)]),
    ("20 m3 / jour", [(20.0, "m3_per_day", "20 m3 / jour", None)]),
    ("soit environ 11 200 000 m3/an", [(11200000.0, "m3_per_year", "11 200 000 m3/an", "approx")]),
    ("1 600 000 m³/an", [(1600000.0, "m3_per_year", "1 600 000 m³/an", None)]),
    ("bassin de stockage/restitution de 10 000 m3\n\nde l'unité", [(10000.0, "m3", "10 000 m3", None)]),
    # surfaces, including ha glued and ha after a line break
    ("gestion écologique des 17Ha\nde boisements", [(17.0, "ha", "17Ha", None)]),
    (
        "11\nsites suivis et entretenus (220 \n\nha) dans le cadre",
        [(11.0, "count", "11", None), (220.0, "ha", "220 ha", None)],
    ),
    ("gère plus de\n500 ha de terrain", [(500.0, "ha", "500 ha", "at_least")]),
    ("3 hectares", [(3.0, "ha", "3 hectares", None)]),
    # masses
    ("c'est 846 tonnes collectées en 2022.", [(846.0, "t", "846 tonnes", None)]),
    ("investis au total 190 110 T.", [(190110.0, "t", "190 110 T.", None)]),
    ("1,5 tonne", [(1.5, "t", "1,5 tonne", None)]),
    ("soit 158kg par habitant", [(158.0, "kg_per_inhabitant", "158kg par habitant", None)]),
    ("158 kg", [(158.0, "kg", "158 kg", None)]),
    ("Plus de 680 kg de légumes", [(680.0, "kg", "680 kg", "at_least")]),
    # hours and full-time equivalents
    ("généré près de 2 000 h de travail", [(2000.0, "h", "2 000 h", "approx")]),
    ("51 000 heures soit 28 ETP", [(51000.0, "h", "51 000 heures", None), (28.0, "fte", "28 ETP", None)]),
    ("66 équivalents temps plein", [(66.0, "fte", "66 équivalents temps plein", None)]),
    ("1 équivalent temps plein", [(1.0, "fte", "1 équivalent temps plein", None)]),
    ("1 heure", [(1.0, "h", "1 heure", None)]),
    # energy
    ("2 GWh", [(2000000.0, "kwh", "2 GWh", None)]),
    ("12 MWh", [(12000.0, "kwh", "12 MWh", None)]),
    ("450 kWh", [(450.0, "kwh", "450 kWh", None)]),
    # durations and degrees: unit other
    ("location sur 4 ans.", [(4.0, "other", "4 ans", None)]),
    ("Les 10 dernières années ont été", [(10.0, "other", "10 dernières années", None)]),
    ("depuis les 3 000 dernières années", [(3000.0, "other", "3 000 dernières années", None)]),
    ("depuis 125 000 ans", [(125000.0, "other", "125 000 ans", None)]),
    ("Une photographie à 360 degrés", [(360.0, "other", "360 degrés", None)]),
    ("pendant 4 mois chacun", [(4.0, "other", "4 mois", None)]),
    ("4 semaines", [(4.0, "other", "4 semaines", None)]),
    ("15 jours", [(15.0, "other", "15 jours", None)]),
    # qualifiers
    ("Nombre total d'abonnés : environ 120 690 dont", [(120690.0, "count", "120 690", "approx")]),
    ("près de 40 000 habitants", [(40000.0, "count", "40 000", "approx")]),
    ("quasiment 40 000", [(40000.0, "count", "40 000", "approx")]),
    ("plus de 100 bâtiments", [(100.0, "count", "100", "at_least")]),
    ("+ de 120 000 h de travail", [(120000.0, "h", "120 000 h", "at_least")]),
    (
        "75 000€ de subvention\n+ 2 500 enfants",
        [(75000.0, "EUR", "75 000€", None), (2500.0, "count", "+ 2 500", "at_least")],
    ),
    ("+ 1226 km de réseau en DSP", [(1226.0, "km", "+ 1226 km", "at_least")]),
    ("au moins 60 participants", [(60.0, "count", "60", "at_least")]),
    ("moins de 10 salariés", [(10.0, "count", "10", "at_most")]),
    ("jusqu'à 30 ans", [(30.0, "other", "30 ans", "at_most")]),
    ("jusqu’à 30 ans", [(30.0, "other", "30 ans", "at_most")]),
    # a "+" before a percentage is a change, not a lower bound
    ("+ 8%", [(8.0, "percent", "+ 8%", None)]),
    ("+5%", [(5.0, "percent", "+5%", None)]),
    # ranges: the bare first bound takes the unit and scale of the second
    ("(de 4 à 8M€).", [(4000000.0, "EUR", "4", None), (8000000.0, "EUR", "8M€", None)]),
    ("de 10 à 15 %", [(10.0, "percent", "10", None), (15.0, "percent", "15 %", None)]),
    ("aux enfants de 6 à 14 ans", [(6.0, "other", "6", None), (14.0, "other", "14 ans", None)]),
    ("Passer de 20 à 35 communes", [(20.0, "count", "20", None), (35.0, "count", "35", None)]),
    # two figures on one line
    ("4 775 1 190 personnes", [(4775.0, "count", "4 775", None), (1190.0, "count", "1 190", None)]),
    (
        "220 adhérents 12 centres 11 disciplines",
        [(220.0, "count", "220", None), (12.0, "count", "12", None), (11.0, "count", "11", None)],
    ),
    # key figures and plain counts
    ("1 186\npersonnes conseillées.", [(1186.0, "count", "1 186", None)]),
    ("3 068\nrendez-vous", [(3068.0, "count", "3 068", None)]),
    ("5 piliers fondamentaux", [(5.0, "count", "5", None)]),
    (
        "En 2022, 171 dossiers ont été déposés et 132",
        [(171.0, "count", "171", None), (132.0, "count", "132", None)],
    ),
    # year-like numbers that count things
    ("Distribution de 2000 composteurs individuels.", [(2000.0, "count", "2000", None)]),
    ("2013\npersonnes rencontrées dans les quartiers", [(2013.0, "count", "2013", None)]),
    ("En 2021, 1500 personnes", [(1500.0, "count", "1500", None)]),
    ("plus de 2000 ans", [(2000.0, "other", "2000 ans", "at_least")]),
]


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[text[:40] for text, _ in FIGURES])
def test_find_quantities_reads_value_unit_raw_and_qualifier(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[text[:40] for text, _ in FIGURES])
def test_offsets_point_at_the_raw_text(text: str, expected: list[Row]) -> None:
    for quantity in find_quantities(text):
        span = text[quantity.start : quantity.end]
        # a raw spread over lines is written on one line; otherwise it is the text itself
        assert (" ".join(span.split()) if "\n" in span else span) == quantity.raw
        assert quantity.unit in UNITS
        assert quantity.qualifier is None or quantity.qualifier in QUALIFIERS


def test_find_quantities_returns_figures_in_text_order() -> None:
    text = "12 communes, 3 000 € et 4 ans"
    found = find_quantities(text)
    assert [q.start for q in found] == [0, 13, 24]
    assert [q.end for q in found] == [2, 20, 29]


def test_quantity_is_a_frozen_value() -> None:
    quantity = Quantity(1.0, "count", "1", 0, 1)
    assert quantity.qualifier is None
    with pytest.raises(AttributeError):
        quantity.value = 2.0  # type: ignore[misc]


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    "text",
    [
        "en 2022",
        "Le dispositif a été reconduit en 2022 en venant renforcer",
        "PCAET 2020-2026",
        "Projet de Territoire 2022-2032, feuille de route",
        "2023\n\nL'année 2023 est une année charnière",
        "2023\n\nL'année",
        "Jeux Olympiques de Paris 2024, accueille",
        "Paris 2024",
        "opérationnel depuis décembre 2017.",
        "depuis 2017",
        "fixant comme objectif d'ici 2024.",
        "jusqu'en\n2027 (Marché",
        "(2021-\n\n2024)",
        "de 2021 à 2024",
        "L'année 2022 a permis de",
        "2022 a permis",
        "horizon 2050",
        "les années 2000",
    ],
)
def test_years_are_not_figures(text: str) -> None:
    assert rows(text) == []


# --------------------------------------------------------------------------- not figures


@pytest.mark.parametrize(
    "text",
    [
        # dates
        "à mettre en place au 1er janvier 2023.",
        "au 1er juillet",
        "du 11 juillet au 28\njuillet 2022",
        "les 19 et 20 novembre",
        "le 31 décembre 2023",
        "en janvier 2022 par la Mutuelle",
        # address block of the report
        "03 21 61 50 00",
        "Tél. 03 21 61 50 00",
        "03.21.61.50.00",
        "62411 BÉTHUNE Cedex",
        "CS 40548",
        "100 avenue de Londres",
        # identifiers
        "des eaux inscrits dans le PAPI3",
        "l'utilisation de carburant B100.",
        "diminuer les émissions de CO2,",
        "du diffuseur béthunois de l'A26",
        "« L' accélérateur REV3 »",
        "Industrie 4.0",
        "dans la ZAL n°3",
        "n° 3",
        "numéro 5",
        "RE2020",
        "COP21",
        "4G",
        # naming numbers
        "en cycle 1",
        "en cycle 3",
        "actant une phase 2 à son schéma",
        "finalisation de la phase 1 - Etat des lieux",
        "lot 2",
        "Article 3",
        "Axe 3",
        "Pilier 3",
        "PILIER 1",
        "autoconsommation partagée (Jean-Monnet 1 à\nBéthune et antenne de Noeux)",
        "Travaux de la ZEC de Gosnay 1",
        "des ZEC Lawe (Gosnay 1, La Comté, Ourton)",
        # ordinals
        "1er",
        "Ce sont les 1ers\n\ninterlocuteurs",
        "programme en faveur de la 3ème révolution industrielle",
        "création d'une 2eme zone de stockage",
        "6ème",
        "Une 1ère phase de déploiement",
        "pour la 1ère fois au Duoday",
        # list numbering
        "1. Promouvoir",
        "2 - Accompagnement",
        "1 – Accompagnement",
        "3) Suivre",
        "• 2. Suivre",
        "12. Agir",
        # table of contents
        "PAGES 5 > 12",
        "PAGES 13 > 22",
        "PAGES 49> 60",
        # glued letters that are no unit
        "3D",
        "10h30",
    ],
)
def test_numerals_that_are_not_figures(text: str) -> None:
    assert rows(text) == []


def test_date_inside_a_sentence_keeps_the_count_before_it() -> None:
    text = "organisées (3 024 séances de natation du 11 juillet au 28\njuillet 2022)"
    assert rows(text) == [(3024.0, "count", "3 024", None)]


def test_list_number_is_dropped_but_the_figure_of_the_item_is_kept() -> None:
    text = "1. Promouvoir 15 bornes supplémentaires"
    assert rows(text) == [(15.0, "count", "15", None)]


def test_address_block_of_the_report_has_no_figure() -> None:
    block = "100 avenue de Londres\n\nCS 40548\n\n62411 BÉTHUNE Cedex\n\n03 21 61 50 00\n"
    assert rows(block) == []


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("text", ["", " ", "\n\n", "aucun chiffre ici", "Perspectives", "€ % km M€"])
def test_text_without_figures_gives_nothing(text: str) -> None:
    assert find_quantities(text) == []
    assert read_quantity(text) is None


@pytest.mark.parametrize("text", ["1" * 500, "9" * 5000 + "€", "soit " + "9" * 309 + " km"])
def test_numbers_too_large_for_a_float_are_no_figures(text: str) -> None:
    assert find_quantities(text) == []
    assert read_quantity(text) is None
    with pytest.raises(ValueError, match="number too large"):
        parse_number(text.split()[-2] if " " in text else text.rstrip("€"))


def test_the_largest_float_still_reads() -> None:
    (quantity,) = find_quantities("9" * 308 + " km")
    assert quantity.unit == "km"
    assert math.isfinite(quantity.value) and quantity.value > 9e307


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 300,
        "0" * 400 + ",5%",
        "1 000 " * 200 + "€",
    ],
)
def test_very_long_digit_strings_do_not_raise(text: str) -> None:
    found = find_quantities(text)
    assert found
    for quantity in found:
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.unit in UNITS
        assert math.isfinite(quantity.value)


@pytest.mark.parametrize(
    "text",
    ["\U00010d40", "\U00010d41\U00010d42 km", "12\U00010d40 %", "١٢٣ €", "१० ha"],
    ids=["garay-digit", "garay-km", "ascii-then-garay", "arabic-indic", "devanagari"],
)
def test_digits_of_other_scripts_are_not_figures(text: str) -> None:
    # `regex` knows digits (Garay, Unicode 16) that `float` cannot read: they must not reach it.
    assert find_quantities(text) == []
    assert read_quantity(text) is None
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text.split()[0])


def test_long_digit_string_is_read_whole() -> None:
    (quantity,) = find_quantities("9" * 40 + " €")
    assert quantity.unit == "EUR"
    assert quantity.raw == "9" * 40 + " €"
    assert math.isclose(quantity.value, 1e40, rel_tol=1e-12)


# --------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 406 000", 1406000.0),
        ("1\u00a0406\u00a0000", 1406000.0),
        ("1\u202f406", 1406.0),
        ("332\u2009914", 332914.0),
        ("17,16", 17.16),
        ("1.8", 1.8),
        ("205.000", 205000.0),
        ("12.345.678", 12345678.0),
        ("1 000,5", 1000.5),
        ("9 668,50", 9668.5),
        ("+ 2 500", 2500.0),
        ("+12", 12.0),
        (" 42 ", 42.0),
        ("0", 0.0),
        ("2013", 2013.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,234,567", "1 00", "1  000", "12 3456", "1,", "€", "--5"])
def test_parse_number_rejects_what_is_no_number(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


# --------------------------------------------------------------------------- read_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,1 M€", (1100000.0, "EUR", "1,1 M€", None)),
        ("environ 610km", (610.0, "km", "610km", "approx")),
        ("1,1 M€ et 2 M€", (1100000.0, "EUR", "1,1 M€", None)),
        ("en 2022, 154 dossiers", (154.0, "count", "154", None)),
        ("+ de 120 000 h", (120000.0, "h", "120 000 h", "at_least")),
    ],
)
def test_read_quantity_gives_the_first_figure(text: str, expected: Row) -> None:
    quantity = read_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.unit, quantity.raw, quantity.qualifier) == expected


def test_read_quantity_offsets() -> None:
    quantity = read_quantity("environ 610km")
    assert quantity == Quantity(610.0, "km", "610km", 8, 13, "approx")


@pytest.mark.parametrize("text", ["en 2022", "PAPI3", "03 21 61 50 00", ""])
def test_read_quantity_none(text: str) -> None:
    assert read_quantity(text) is None


# --------------------------------------------------------------------------- format_french


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1406000, 0, "1\u202f406\u202f000"),
        (1406000.0, 0, "1\u202f406\u202f000"),
        (17.16, 2, "17,16"),
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1\u202f000"),
        (1234.5, 1, "1\u202f234,5"),
        (-1234.5, 2, "-1\u202f234,50"),
        (1e9, 0, "1\u202f000\u202f000\u202f000"),
        (975900.0, 0, "975\u202f900"),
        (9668.5, 2, "9\u202f668,50"),
    ],
)
def test_format_french(value: float, decimals: int, expected: str) -> None:
    assert format_french(value, decimals) == expected


@pytest.mark.parametrize("value", [0.0, 17.16, 1406000.0, 9668.5, 123456789.25])
def test_format_french_round_trips_through_parse_number(value: float) -> None:
    assert parse_number(format_french(value, 2)) == value


# --------------------------------------------------------------------------- fixed bugs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Environ 600\npersonnes accueillies", [(600.0, "count", "600", "approx")]),
        ("Les 2 à 3 bornes", [(2.0, "count", "2", None), (3.0, "count", "3", None)]),
        ("Entre 2 et 3 bornes", [(2.0, "count", "2", None), (3.0, "count", "3", None)]),
        ("Soit 29\nvéhicules électriques", [(29.0, "count", "29", None)]),
    ],
)
def test_capitalised_word_before_a_figure(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_millions_de_km() -> None:
    assert rows("2 millions de km parcourus") == [(2000000.0, "km", "2 millions de km", None)]


def test_range_entre_et() -> None:
    assert rows("entre 4 et 8 M€") == [(4000000.0, "EUR", "4", None), (8000000.0, "EUR", "8 M€", None)]


@pytest.mark.parametrize(
    "text", ["Le bilan 2022 montre une hausse", "Les chiffres 2022 confirment la tendance"]
)
def test_year_before_a_verb(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize("text", ["la certification ISO 14001", "la crise de la COVID-19"])
def test_identifiers_with_separator(text: str) -> None:
    assert rows(text) == []


def test_postal_code_before_city_in_normal_case() -> None:
    assert rows("Hôtel communautaire, 62400 Béthune") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,8M de\nkm parcourus", [(1800000.0, "km", "1,8M de km", None)]),
        ("14 M\nm3/an", [(14000000.0, "m3_per_year", "14 M m3/an", None)]),
        ("66 équivalents\ntemps plein", [(66.0, "fte", "66 équivalents temps plein", None)]),
        ("2.0M€ pour le parc public", [(2000000.0, "EUR", "2.0M€", None)]),  # not a version like 4.0
    ],
)
def test_units_of_several_words_across_a_line_break(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("-3", -3.0), ("– 12", -12.0), ("−0,8", -0.8), ("+4,5", 4.5), ("1.234,56", 1234.56)],
)
def test_parse_number_keeps_the_sign_and_reads_dot_thousands_with_a_decimal_comma(
    text: str, value: float
) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1.", "1.1.1", "4.6.1 Les déchets"])
def test_dotted_chains_are_section_or_version_numbers(text: str) -> None:
    assert find_quantities(text * 3) == []


# --------------------------------------------------------------------------- issue 8: French formats

ISSUE_8: list[tuple[str, list[Row]]] = [
    ("-3 %", [(-3.0, "percent", "-3 %", None)]),
    ("évolution : – 12 %", [(-12.0, "percent", "– 12 %", None)]),
    ("soit −0,8 point", [(-0.8, "other", "−0,8 point", None)]),  # percentage points
    ("en baisse de 4 %", [(4.0, "percent", "4 %", None)]),
    ("1.234,56 €", [(1234.56, "EUR", "1.234,56 €", None)]),
    ("1.458.000,00 €", [(1458000.0, "EUR", "1.458.000,00 €", None)]),
    ("1,2 MILLIARD D'EUROS", [(1.2e9, "EUR", "1,2 MILLIARD D'EUROS", None)]),
    ("12,4 Millions d'Euros", [(12400000.0, "EUR", "12,4 Millions d'Euros", None)]),
    ("17,6 millions d'investissement", [(17600000.0, "EUR", "17,6 millions", None)]),
    ("2 millions de visiteurs", [(2000000.0, "count", "2 millions", None)]),
    ("3 à 4 millions de kWh", [(3e6, "kwh", "3", None), (4e6, "kwh", "4 millions de kWh", None)]),
    (
        "entre 138 700 et 294 800 €",
        [(138700.0, "EUR", "138 700", None), (294800.0, "EUR", "294 800 €", None)],
    ),
    ("305km2", [(305.0, "km2", "305km2", None)]),
    ("1500Kw", [(1500.0, "kw", "1500Kw", None)]),
    ("20Km", [(20.0, "km", "20Km", None)]),
    ("75ml", [(0.075, "l", "75ml", None)]),
    ("3 MWc", [(3000.0, "kw", "3 MWc", None)]),
    ("450 m²", [(450.0, "m2", "450 m²", None)]),
    ("12 mètres carrés", [(12.0, "m2", "12 mètres carrés", None)]),
    ("22 304 tCO2e", [(22304.0, "t_co2e", "22 304 tCO2e", None)]),
    ("1 232 t eq. CO2", [(1232.0, "t_co2e", "1 232 t eq. CO2", None)]),
    ("500 kgCO2e", [(0.5, "t_co2e", "500 kgCO2e", None)]),
    ("16 000 tonnes équivalent CO2", [(16000.0, "t_co2e", "16 000 tonnes équivalent CO2", None)]),
    ("527 €/hab", [(527.0, "eur_per_inhabitant", "527 €/hab", None)]),
    ("96 kg/hab/an", [(96.0, "kg_per_inhabitant", "96 kg/hab/an", None)]),
    ("100 pour cent", [(100.0, "percent", "100 pour cent", None)]),
    ("12 EUR", [(12.0, "EUR", "12 EUR", None)]),
    ("1 200 000 $", [(1200000.0, "other", "1 200 000 $", None)]),
    ("22 µg/m³", [(22.0, "other", "22 µg/m³", None)]),
    ("3,9 m3/km/j", [(3.9, "other", "3,9 m3/km/j", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ISSUE_8, ids=[text for text, _ in ISSUE_8])
def test_french_formats_of_issue_8(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "18 La planification territoriale\n22 Les mobilités\n31 L'eau\n40 Les déchets",
        "Sommaire\nLa planification ........ 12\nLes mobilités ........ 18",
        "voir p. 12",
        "4.6.1 Les déchets ménagers",
        "décret n° 2010-369",
        "article L.5211-36",
        "le 26/02/2019",
        "au 1er janvier 2022",
        "de 24 h à 6 h",
        "ouvert à 8h30",
        "24h/24 et 7j/7",
        "Saintes (17)",
        "au 1069, boulevard de la Liberté",
        "demande 2023-0379",
        "DM-2023-001",
        "règlement 1314-2023-DEM",
        "RA_2014_P1.indd 1 08/12/15 15:12",
        "PM10, COP21 et RPQS2017",
        "en 1988 aussi",
        "Le Plan Climat 2030 fixe la trajectoire",
        "Siège : BP 10 304 – 31010 Toulouse Cedex 6",
    ],
)
def test_numerals_of_issue_8_that_are_not_figures(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two short numbers glued by a hyphen, a unit after the second: a range, each bound with the unit
        ("les jeunes de 12-14 ans", [(12.0, "other", "12", None), (14.0, "other", "14 ans", None)]),
        ("une hausse de 3-5 %", [(3.0, "percent", "3", None), (5.0, "percent", "5 %", None)]),
        ("de 10-15 M€", [(1e7, "EUR", "10", None), (1.5e7, "EUR", "15 M€", None)]),
        ("100-200 m²", [(100.0, "m2", "100", None), (200.0, "m2", "200 m²", None)]),
        ("les 0-5 ans", [(0.0, "other", "0", None), (5.0, "other", "5 ans", None)]),
    ],
)
def test_a_glued_range_with_a_unit_keeps_both_bounds(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12-14 rue Foch",  # no unit after the second: an address
        "1-2-3 ans",  # three numbers: a code
        "le 12-05-2022",  # a date, with its leading zero
        "2021-2026",  # years
        "1000-2000 ans",  # four digits: an identifier's shape
        "A7-12 %",  # a letter before: a name
        "accueil ouvert 9-12 h et 14-17 h",  # hours glued in a range: opening hours, not durations
    ],
)
def test_a_glued_pair_that_is_no_range(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("document", "value"),
    [
        ("Budget : 1.340 M€. Le taux atteint 17,16 % et 2,5 % l'an dernier.", 1.34e9),  # decimal commas
        ("Budget : 1.340 M€. Le taux atteint 17.16 % et 2.5 % l'an dernier.", 1.34e6),  # decimal dots
        # no decimal either way: the French rule, the dot groups thousands
        ("Budget : 1.340 M€ pour 12 communes.", 1.34e9),
        # a numbered plan's headings are no decimals: the one comma decides
        ("Budget : 1.340 M€, soit 2,5 %.\n1.1 Le climat\n1.2 Les mobilités\n 2.1 Eau", 1.34e9),
        # table cells: decimals at a line's start with units in capitals, not headings
        ("Budget : 1.340 M€, soit 2,5 %.\n2.5 MWh\n3.2 GWh produits\n1.5 M€ investis", 1.34e6),
        # headings of every shape: an article, an apostrophe, an accent, one word, after a form feed
        ("Budget : 1.340 M€, soit 2,5 %.\n1.1 L'eau\n1.2 Économie circulaire\n\f1.3 Labanque", 1.34e9),
        # a decimal at a line's start still counts when no capital word follows it
        ("Budget : 1.340 M€, soit 2,5 %.\n1.5 km de pistes\n2.5 % de plus", 1.34e6),
    ],
    ids=[
        "decimal-comma-document",
        "decimal-dot-document",
        "no-decimals",
        "numbered-headings",
        "units-in-capitals-at-line-start",
        "headings-of-every-shape",
        "decimal-at-line-start",
    ],
)
def test_a_dot_before_three_digits_is_read_as_the_document_writes_its_decimals(
    document: str, value: float
) -> None:
    decimal_dot = writes_decimal_dot(document)
    assert decimal_dot is (value == 1.34e6)
    (first, *_) = find_quantities(document, decimal_dot)
    assert (first.value, first.unit, first.raw) == (value, "EUR", "1.340 M€")


def test_table_caption_and_column_heads_give_units() -> None:
    table = (
        "Montants en milliers d'euros\n"
        "                      2021        2022\n"
        "Investissement       58 055      65 513\n\n"
        "   Flux          Tonnes     kg/hab/an\n"
        "   Verre          5 391        33,0\n"
    )
    assert rows(table) == [
        (58055000.0, "EUR", "58 055", None),
        (65513000.0, "EUR", "65 513", None),
        (5391.0, "t", "5 391", None),
        (33.0, "kg_per_inhabitant", "33,0", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 000 000 d'euros", [(15000000.0, "EUR", "15 000 000 d'euros", None)]),
        ("1 200 kWh/an", [(1200.0, "kwh", "1 200 kWh/an", None)]),
        ("846 t/an", [(846.0, "t", "846 t/an", None)]),
        ("12 mégawattheures", [(12000.0, "kwh", "12 mégawattheures", None)]),
        ("3 mégawatts", [(3000.0, "kw", "3 mégawatts", None)]),
        ("+2 points de pourcentage", [(2.0, "other", "+2 points de pourcentage", None)]),
        ("10,6 kg/foyer/mois", [(10.6, "other", "10,6 kg/foyer/mois", None)]),
    ],
)
def test_units_written_out_and_per_year(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« alimentation de qualité pour tous »  - 20 partenaires", [(20.0, "count", "20", None)]),
        ("“Réveils sportifs” - 1 220 participants", [(1220.0, "count", "1 220", None)]),
        ("Écart : - 1 200 €", [(-1200.0, "EUR", "- 1 200 €", None)]),
        ("Dotations de l'État ........ - 232 K €", [(-232000.0, "EUR", "- 232 K €", None)]),
        ("Verre     5 391      – 6 %", [(5391.0, "count", "5 391", None), (-6.0, "percent", "– 6 %", None)]),
    ],
)
def test_a_dash_is_a_sign_only_before_a_change_an_amount_or_in_a_cell(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --------------------------------------------------------------------------- cells under a column head

# "Tonnes" spans columns 13 to 19 of the head row; "12 500" is six characters wide.
TONNES_HEAD = "Déchets      Tonnes     Évolution\n"


@pytest.mark.parametrize(
    ("spaces", "unit"),
    [
        (11, "t"),  # cell at 18: one column under "Tonnes"
        (12, "t"),  # cell at 19: starts where "Tonnes" ends
        (13, "t"),  # cell at 20: one column right of the head, still its column
        (14, "count"),  # cell at 21: two columns right, under no head
    ],
)
def test_a_cell_takes_the_unit_of_a_head_it_overlaps_or_nearly(spaces: int, unit: str) -> None:
    text = TONNES_HEAD + "Ordures" + " " * spaces + "12 500      en baisse\n"
    assert rows(text) == [(12500.0, unit, "12 500", None)]


# "Tonnes" spans columns 10 to 16 and "MWh" 18 to 21; "1 234 567" is nine characters wide.
@pytest.mark.parametrize(
    ("spaces", "value", "unit"),
    [
        (7, 1234567.0, "t"),  # cell 12-21: 4 columns under Tonnes, 3 under MWh
        (8, 1234567.0, "t"),  # cell 13-22: 3 and 3, a tie goes to the first head
        (9, 1234567000.0, "kwh"),  # cell 14-23: 2 under Tonnes, 3 under MWh (MWh is 1000 kWh)
    ],
)
def test_a_cell_under_two_heads_takes_the_one_it_overlaps_most(spaces: int, value: float, unit: str) -> None:
    text = "Flux      Tonnes  MWh\n" + "Verre" + " " * spaces + "1 234 567\n"
    assert rows(text) == [(value, unit, "1 234 567", None)]


# "2021" spans columns 14 to 18 and "2022" 24 to 28; "65 513" is six characters wide.
@pytest.mark.parametrize(
    ("spaces", "year"),
    [
        (6, (2021, False)),  # cell 14-20: under 2021
        (18, (2022, False)),  # cell 26-32: under 2022
        (20, (2022, False)),  # cell 28-34: starts where 2022 ends
        (21, (2022, False)),  # cell 29-35: one column right of 2022
        (22, None),  # cell 30-36: two columns right, under no year
    ],
)
def test_column_year_tolerates_a_cell_one_column_right(spaces: int, year: tuple[int, bool] | None) -> None:
    text = "Poste         2021      2022\n" + "Dépenses" + " " * spaces + "65 513\n"
    (quantity,) = find_quantities(text)
    assert quantity.raw == "65 513"
    assert column_year(text, quantity.start, quantity.end) == year


# --------------------------------------------------------------------------- a dash opening a line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an amount or a change alone on its line after a dash is negative, whichever dash
        ("Écart sur l'exercice\n– 1 200 €\n", [(-1200.0, "EUR", "– 1 200 €", None)]),
        ("Écart sur l'exercice\n- 1 200 €\n", [(-1200.0, "EUR", "- 1 200 €", None)]),
        ("• – 1 200 €\n", [(-1200.0, "EUR", "– 1 200 €", None)]),  # a bullet before the dash is no text
        ("Évolution\n– 12 %\n", [(-12.0, "percent", "– 12 %", None)]),
        # other units: the dash is a list bullet
        ("Bornes posées\n- 12 bornes\n", [(12.0, "count", "12", None)]),
        ("Collecte\n- 12 t\n", [(12.0, "t", "12 t", None)]),
        ("Réseau\n– 12 km\n", [(12.0, "km", "12 km", None)]),
        # text before the dash on its line: a percentage is still a change, an amount needs a colon
        ("Écart sur l'exercice – 1 200 €\n", [(1200.0, "EUR", "1 200 €", None)]),
        ("Évolution sur l'exercice – 12 %\n", [(-12.0, "percent", "– 12 %", None)]),
        # the minus sign U+2212 is a sign before anything
        ("Écart sur l'exercice\n−1 200 bornes\n", [(-1200.0, "count", "−1 200", None)]),
    ],
)
def test_a_dash_opening_a_line_is_a_sign_before_an_amount_or_a_change(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the prefix scales tonnes of CO2: kilo- a thousandth, kilo-tonne a thousand, mega-tonne a million
        ("Le territoire émet 2,5 MtCO2e par an.", [(2500000.0, "t_co2e", "2,5 MtCO2e", None)]),
        ("3 Mt CO2", [(3000000.0, "t_co2e", "3 Mt CO2", None)]),
        ("Le territoire émet 2,5 ktCO2e par an.", [(2500.0, "t_co2e", "2,5 ktCO2e", None)]),
        ("Le territoire émet 2,5 tCO2e par an.", [(2.5, "t_co2e", "2,5 tCO2e", None)]),
        ("Le territoire émet 2 500 kgCO2e par an.", [(2.5, "t_co2e", "2 500 kgCO2e", None)]),
    ],
)
def test_co2_prefixes_scale_to_tonnes(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --------------------------------------------------------------------------- per-year units and range bounds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year's quantity keeps the scale of its unit: 12 MWh = 12 000 kWh, 3 GWh = 3 000 000 kWh
        ("12 MWh/an", (12000.0, "kwh", "12 MWh/an", None)),
        ("3 GWh / an", (3000000.0, "kwh", "3 GWh / an", None)),
        ("2,5 kt CO2/an", (2500.0, "t_co2e", "2,5 kt CO2/an", None)),
        ("3 ml/an", (0.003, "l", "3 ml/an", None)),
        # the same units without '/an' scale alike
        ("12 MWh", (12000.0, "kwh", "12 MWh", None)),
        # unscaled units stay as written
        ("846 t/an", (846.0, "t", "846 t/an", None)),
        # a ratio outside the list is `other`, unscaled: 12 stays 12
        ("12 MWh/an/foyer", (12.0, "other", "12 MWh/an/foyer", None)),
        ("10,6 kg/foyer/mois", (10.6, "other", "10,6 kg/foyer/mois", None)),
        ("4,4 t par habitant", (4.4, "other", "4,4 t par habitant", None)),
    ],
)
def test_a_per_year_unit_keeps_its_scale(text: str, expected: Row) -> None:
    quantity = read_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.unit, quantity.raw, quantity.qualifier) == expected


def test_a_bare_bound_before_a_scaled_per_year_unit_takes_its_scale() -> None:
    """'de 12 à 15 MWh/an': both bounds are MWh, so 12 000 and 15 000 kWh."""
    assert rows("de 12 à 15 MWh/an") == [
        (12000.0, "kwh", "12", None),
        (15000.0, "kwh", "15 MWh/an", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first bound with its own unit keeps it: 4 km is no 4 M€
        ("de 4 km à 8 M€", [(4.0, "km", "4 km", None), (8000000.0, "EUR", "8 M€", None)]),
        ("entre 4 km et 8 M€", [(4.0, "km", "4 km", None), (8000000.0, "EUR", "8 M€", None)]),
        ("de 4 % à 8 M€", [(4.0, "percent", "4 %", None), (8000000.0, "EUR", "8 M€", None)]),
        # a bare second bound gives nothing to the first
        ("de 4 km à 8", [(4.0, "km", "4 km", None), (8.0, "count", "8", None)]),
        # two bare bounds stay counts
        ("de 4 à 8", [(4.0, "count", "4", None), (8.0, "count", "8", None)]),
        # a bare first bound takes the unit (and scale) of the second
        ("de 4 à 8 km", [(4.0, "km", "4", None), (8.0, "km", "8 km", None)]),
        ("de 4 à 8 M€", [(4000000.0, "EUR", "4", None), (8000000.0, "EUR", "8 M€", None)]),
    ],
)
def test_only_a_bare_first_bound_takes_the_unit_of_the_second(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --------------------------------------------------------------------------- département codes


@pytest.mark.parametrize(
    "text",
    [
        "Guadeloupe (971)",  # an overseas département: three digits are still a code
        "Saint-Martin (978)",
        "Pas-de-Calais (62)",
        "Ain (1)",
        "Guadeloupe ( 971 )",  # spaces inside the brackets
    ],
)
def test_a_code_of_up_to_three_digits_in_brackets_after_a_place_is_no_figure(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # four digits are no département code: a count
        ("Guadeloupe (9710)", [(9710.0, "count", "9710", None)]),
        # no capitalised place name before the bracket
        ("guadeloupe (971)", [(971.0, "count", "971", None)]),
        # the bracket does not close right after the number
        ("Guadeloupe (971 bornes)", [(971.0, "count", "971", None)]),
        # no opening bracket
        ("Guadeloupe 971)", [(971.0, "count", "971", None)]),
    ],
)
def test_a_number_in_brackets_is_a_count_unless_it_is_a_departement_code(
    text: str, expected: list[Row]
) -> None:
    assert rows(text) == expected


# --------------------------------------------------------------------------- a bare scale word about money


@pytest.mark.parametrize(
    "text",
    [
        # every money word after "millions de": the amount is in euros
        "3 millions de travaux ont été engagés",
        "3 millions d'investissements",
        "3 millions de subventions",
        "3 millions de budget",
        "3 millions de dépenses",
        "3 millions de recettes",
        "3 millions d'aides",
        "3 millions d'aide",
        "3 millions de financements",
        "3 millions de crédits",
        "3 millions de dettes",
        "3 millions d'emprunts",
        "3 millions de dotations",
        "3 millions de fonds",
        "3 millions d'économies",
        "3 millions de chiffre d'affaires",
        "3 millions de retombées",
        "3 millions de participations",
        "3 millions de contributions",
        "3 millions d'achats",
        "3 millions de commandes",
        "3 millions de marchés",
        "3 millions de capital",
        "3 millions d'encours",
        "3 millions d'épargne",
        "3 millions de l'épargne",  # an article between
    ],
)
def test_millions_of_a_money_word_are_euros(text: str) -> None:
    assert rows(text) == [(3000000.0, "EUR", "3 millions", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # other scale words about money: 2 milliards = 2e9 €, 5 milliers = 5 000 €
        ("2 milliards de dotations", [(2000000000.0, "EUR", "2 milliards", None)]),
        ("5 milliers d'achats", [(5000.0, "EUR", "5 milliers", None)]),
        # no money word: a count of three million
        ("3 millions de visiteurs", [(3000000.0, "count", "3 millions", None)]),
        ("3 millions d'habitants", [(3000000.0, "count", "3 millions", None)]),
        ("3 millions de travailleurs", [(3000000.0, "count", "3 millions", None)]),  # not "travaux"
    ],
)
def test_a_bare_scale_word_is_euros_only_before_a_money_word(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --------------------------------------------------------------------------- numbers after leaders


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # four digits after leaders are a figure, not a page number (no report runs to 1 000 pages)
        (
            "Nombre d abonnés ........ 1250\nVolume facturé ........ 980 m3",
            [(1250.0, "count", "1250", None), (980.0, "m3", "980 m3", None)],
        ),
        ("Nombre d abonnés _____ 1000", [(1000.0, "count", "1000", None)]),
        ("Nombre d abonnés . . . 1000", [(1000.0, "count", "1000", None)]),
        ("Nombre d abonnés ........ 1250 ", [(1250.0, "count", "1250", None)]),
        # up to three digits ending the line after leaders: a page number, dropped
        ("Nombre d abonnés ........ 125\nVolume facturé ........ 980 m3", [(980.0, "m3", "980 m3", None)]),
        ("Nombre d abonnés …… 999", []),
        ("Nombre d abonnés . . . 100", []),
        ("Nombre d abonnés ........ 7", []),
        # grouped thousands, a unit or words after it, or two dots only: a figure
        ("Nombre d abonnés ... 12 418", [(12418.0, "count", "12 418", None)]),
        ("Nombre d abonnés ........ 125 au total", [(125.0, "count", "125", None)]),
        ("Nombre d abonnés ........ 250 agents", [(250.0, "count", "250", None)]),
        ("Nombre d abonnés .. 125", [(125.0, "count", "125", None)]),
        ("Prix moyen ........ 2,5", [(2.5, "count", "2,5", None)]),  # a decimal is never a page number
        # on a contents page, any number after leaders is a page number
        ("Sommaire\nLa planification ........ 1250\n", []),
    ],
)
def test_a_number_after_leaders_is_a_page_number_only_if_short_and_ending_its_line(
    text: str, expected: list[Row]
) -> None:
    assert rows(text) == expected


# =========================================================================== every entry of every table
# One case per entry of the module's tables (units and their scales, cue words, guards), each on a short
# French sentence: dropping or changing any entry changes one of these results.

# --------------------------------------------------------------------------- the unit list


UNIT_OF_EVERY_KIND: dict[str, Row] = {
    "EUR": (12.0, "EUR", "12 €", None),
    "percent": (12.0, "percent", "12 %", None),
    "count": (12.0, "count", "12", None),
    "km": (12.0, "km", "12 km", None),
    "m": (12.0, "m", "12 m", None),
    "m2": (12.0, "m2", "12 m²", None),
    "km2": (12.0, "km2", "12 km²", None),
    "ha": (12.0, "ha", "12 ha", None),
    "m3": (12.0, "m3", "12 m3", None),
    "m3_per_year": (12.0, "m3_per_year", "12 m3/an", None),
    "m3_per_day": (12.0, "m3_per_day", "12 m3/j", None),
    "l": (12.0, "l", "12 litres", None),
    "t": (12.0, "t", "12 tonnes", None),
    "kg": (12.0, "kg", "12 kg", None),
    "t_co2e": (12.0, "t_co2e", "12 tCO2e", None),
    "kwh": (12.0, "kwh", "12 kWh", None),
    "kw": (12.0, "kw", "12 kW", None),
    "h": (12.0, "h", "12 heures", None),
    "fte": (12.0, "fte", "12 ETP", None),
    "eur_per_inhabitant": (12.0, "eur_per_inhabitant", "12 €/hab", None),
    "kg_per_inhabitant": (12.0, "kg_per_inhabitant", "12 kg/hab", None),
    "other": (12.0, "other", "12 ans", None),
}


def test_the_unit_list_names_every_unit_a_figure_can_have() -> None:
    assert set(UNITS) == set(UNIT_OF_EVERY_KIND)
    assert len(UNITS) == len(set(UNITS)) == 22


@pytest.mark.parametrize("unit", list(UNIT_OF_EVERY_KIND))
def test_every_unit_of_the_list_is_read(unit: str) -> None:
    expected = UNIT_OF_EVERY_KIND[unit]
    assert rows(f"soit {expected[2]} en 2022") == [expected]


def test_schema_2_units_are_those_schema_1_wrote_other_count_t_or_kg() -> None:
    # '305 m²', '3 MWc', '12 tCO2e', '527 €/hab'...: schema 1 had no unit for them
    assert set(SCHEMA_2_UNITS) == {
        "m2",
        "km2",
        "l",
        "kw",
        "t_co2e",
        "eur_per_inhabitant",
        "kg_per_inhabitant",
    }
    assert set(SCHEMA_2_UNITS) <= set(UNITS)


def test_the_qualifiers() -> None:
    assert set(QUALIFIERS) == {"approx", "at_least", "at_most"}


# --------------------------------------------------------------------------- every spelling of every unit

# (text, the one figure read): value already scaled to the unit of the list.
UNIT_SPELLINGS: list[tuple[str, Row]] = [
    # euros: TTC as well as HT
    ("12 000 € TTC", (12000.0, "EUR", "12 000 € TTC", None)),
    # other currencies are `other`, never euros
    ("1 200 dollars", (1200.0, "other", "1 200 dollars", None)),
    ("1 200 USD", (1200.0, "other", "1 200 USD", None)),
    ("1 200 £", (1200.0, "other", "1 200 £", None)),
    ("1 200 CHF", (1200.0, "other", "1 200 CHF", None)),
    # percentage points without a sign, written out or abbreviated; 'points de vente' are no unit
    ("une baisse de 2 points de pourcentage", (2.0, "other", "2 points de pourcentage", None)),
    ("une baisse de 3 pts", (3.0, "other", "3 pts", None)),
    ("une baisse de 1 pt", (1.0, "other", "1 pt", None)),
    ("12 points de vente", (12.0, "count", "12", None)),
    # 'pour cent' with a hyphen, a plural, a capital
    ("100 pour-cent", (100.0, "percent", "100 pour-cent", None)),
    ("100 pour cents", (100.0, "percent", "100 pour cents", None)),
    ("100 Pour cent", (100.0, "percent", "100 Pour cent", None)),
    # euros per inhabitant: 'habitants', 'hab.', 'habs', 'Hab'
    ("45 € par habitants", (45.0, "eur_per_inhabitant", "45 € par habitants", None)),
    ("527 €/hab. en 2022", (527.0, "eur_per_inhabitant", "527 €/hab.", None)),
    ("527 €/habs", (527.0, "eur_per_inhabitant", "527 €/habs", None)),
    ("527 €/Hab", (527.0, "eur_per_inhabitant", "527 €/Hab", None)),
    # kg per inhabitant and per year, the year written 'par an' or 'et par an'
    ("96 kg par habitant par an", (96.0, "kg_per_inhabitant", "96 kg par habitant par an", None)),
    ("96 kg par habitant et par an", (96.0, "kg_per_inhabitant", "96 kg par habitant et par an", None)),
    # tonnes of CO2 in every spelling: the unit is the tonne, kilograms a thousandth of it
    ("12 tonnes d'équivalent CO2", (12.0, "t_co2e", "12 tonnes d'équivalent CO2", None)),
    ("12 tonnes d’équivalent CO2", (12.0, "t_co2e", "12 tonnes d’équivalent CO2", None)),
    ("12 tonnes équivalents CO2", (12.0, "t_co2e", "12 tonnes équivalents CO2", None)),
    ("12 tonnes Équivalent CO2", (12.0, "t_co2e", "12 tonnes Équivalent CO2", None)),
    ("12 tonnes équivalent de CO2", (12.0, "t_co2e", "12 tonnes équivalent de CO2", None)),
    ("12 t éq. CO2", (12.0, "t_co2e", "12 t éq. CO2", None)),
    ("12 t équiv. CO2", (12.0, "t_co2e", "12 t équiv. CO2", None)),
    ("12 tCO₂", (12.0, "t_co2e", "12 tCO₂", None)),
    ("12 t CO2 eq", (12.0, "t_co2e", "12 t CO2 eq", None)),
    ("12 t CO2éq", (12.0, "t_co2e", "12 t CO2éq", None)),
    ("12 t CO2-eq", (12.0, "t_co2e", "12 t CO2-eq", None)),
    ("12 t CO2-éq. en 2022", (12.0, "t_co2e", "12 t CO2-éq.", None)),  # the abbreviation's dot is the unit's
    ("12 T CO2", (12.0, "t_co2e", "12 T CO2", None)),
    ("12 Tonnes CO2", (12.0, "t_co2e", "12 Tonnes CO2", None)),
    ("500 kilogrammes de CO2", (0.5, "t_co2e", "500 kilogrammes de CO2", None)),
    # cubic metres: the superscript ³, written out
    ("20 m³/j", (20.0, "m3_per_day", "20 m³/j", None)),
    ("20 m³", (20.0, "m3", "20 m³", None)),
    ("20 mètres cubes", (20.0, "m3", "20 mètres cubes", None)),
    # a density of population is `other`, not square kilometres
    ("120 hab/km²", (120.0, "other", "120 hab/km²", None)),
    ("120 habitants/km2", (120.0, "other", "120 habitants/km2", None)),
    ("120 habitants par km²", (120.0, "other", "120 habitants par km²", None)),
    # areas
    ("305 KM2", (305.0, "km2", "305 KM2", None)),
    ("305 km²", (305.0, "km2", "305 km²", None)),
    ("12 kilomètres carrés", (12.0, "km2", "12 kilomètres carrés", None)),
    ("450 m2", (450.0, "m2", "450 m2", None)),
    ("12 HA", (12.0, "ha", "12 HA", None)),
    # a speed is `other`, not kilometres
    ("30 km/h", (30.0, "other", "30 km/h", None)),
    ("30 Km/h", (30.0, "other", "30 Km/h", None)),
    # litres: a hectolitre is 100 l, a centilitre 0.01 l, a millilitre 0.001 l
    ("12 hl", (1200.0, "l", "12 hl", None)),
    ("12 hL", (1200.0, "l", "12 hL", None)),
    ("12 hectolitres", (1200.0, "l", "12 hectolitres", None)),
    ("12 cl", (0.12, "l", "12 cl", None)),
    ("12 cL", (0.12, "l", "12 cL", None)),
    ("12 centilitres", (0.12, "l", "12 centilitres", None)),
    ("12 mL", (0.012, "l", "12 mL", None)),
    ("12 millilitres", (0.012, "l", "12 millilitres", None)),
    ("12 litres", (12.0, "l", "12 litres", None)),
    ("12 l", (12.0, "l", "12 l", None)),
    ("12 L", (12.0, "l", "12 L", None)),
    ("12 l’an dernier", (12.0, "count", "12", None)),  # l’ is an article, whichever apostrophe
    # masses
    ("12 kilogrammes", (12.0, "kg", "12 kilogrammes", None)),
    # energy: a TWh is 1e9 kWh, a GWh 1e6; words glued, hyphenated or spaced; any case of kWh
    ("3 TWh", (3000000000.0, "kwh", "3 TWh", None)),
    ("3 KWh", (3.0, "kwh", "3 KWh", None)),
    ("12 kilowattheures", (12.0, "kwh", "12 kilowattheures", None)),
    ("12 kilowatt-heures", (12.0, "kwh", "12 kilowatt-heures", None)),
    ("12 kilowatt heures", (12.0, "kwh", "12 kilowatt heures", None)),
    ("12 mégawatt-heures", (12000.0, "kwh", "12 mégawatt-heures", None)),
    ("12 mégawatt heures", (12000.0, "kwh", "12 mégawatt heures", None)),
    ("12 gigawattheures", (12000000.0, "kwh", "12 gigawattheures", None)),
    ("12 gigawatt-heures", (12000000.0, "kwh", "12 gigawatt-heures", None)),
    ("12 gigawatt heures", (12000000.0, "kwh", "12 gigawatt heures", None)),
    # power: a GW is 1e6 kW, a MW 1e3; 'c' (crête) and 'e' (électrique) after any of them
    ("12 kilowatts", (12.0, "kw", "12 kilowatts", None)),
    ("3 GW", (3000000.0, "kw", "3 GW", None)),
    ("3 GWc", (3000000.0, "kw", "3 GWc", None)),
    ("3 GWe", (3000000.0, "kw", "3 GWe", None)),
    ("3 MWe", (3000.0, "kw", "3 MWe", None)),
    ("3 kWc", (3.0, "kw", "3 kWc", None)),
    ("3 kWe", (3.0, "kw", "3 kWe", None)),
    # full-time equivalents in the plural
    ("12 équivalents temps pleins", (12.0, "fte", "12 équivalents temps pleins", None)),
    # `other`: durations, counts of nights, pressures, population equivalents, temperatures, noise, air
    ("les 10 derniers mois", (10.0, "other", "10 derniers mois", None)),
    ("les 3 prochaines années", (3.0, "other", "3 prochaines années", None)),
    ("les 3 prochains mois", (3.0, "other", "3 prochains mois", None)),
    ("15 minutes", (15.0, "other", "15 minutes", None)),
    ("15 min", (15.0, "other", "15 min", None)),
    ("30 secondes", (30.0, "other", "30 secondes", None)),
    ("2 nuits", (2.0, "other", "2 nuits", None)),
    ("3 bars", (3.0, "other", "3 bars", None)),
    ("12 000 EH", (12000.0, "other", "12 000 EH", None)),
    ("12 000 équivalents-habitants", (12000.0, "other", "12 000 équivalents-habitants", None)),
    ("12 000 équivalent habitant", (12000.0, "other", "12 000 équivalent habitant", None)),
    ("19 °C", (19.0, "other", "19 °C", None)),
    ("19 ° C", (19.0, "other", "19 ° C", None)),
    ("20°C", (20.0, "other", "20°C", None)),  # ° then a letter: a temperature, not an ordinal '1°'
    ("65 dB", (65.0, "other", "65 dB", None)),
    ("65 dB(A)", (65.0, "other", "65 dB(A)", None)),
    ("22 μg/m³", (22.0, "other", "22 μg/m³", None)),  # the Greek mu as well as the micro sign
    ("2 mg/l", (2.0, "other", "2 mg/l", None)),
    ("2 µg/L", (2.0, "other", "2 µg/L", None)),
    ("400 ppm", (400.0, "other", "400 ppm", None)),
    # the singular of every unit written out (the plural 's' is optional throughout)
    ("1 euro", (1.0, "EUR", "1 euro", None)),
    ("1 dollar", (1.0, "other", "1 dollar", None)),
    ("1 point de pourcentage", (1.0, "other", "1 point de pourcentage", None)),
    ("1 kilogramme de CO2", (0.001, "t_co2e", "1 kilogramme de CO2", None)),
    ("1 tonne de CO2", (1.0, "t_co2e", "1 tonne de CO2", None)),
    ("1 Tonne CO2", (1.0, "t_co2e", "1 Tonne CO2", None)),
    ("1 mètre cube", (1.0, "m3", "1 mètre cube", None)),
    ("1 habitant par km²", (1.0, "other", "1 habitant par km²", None)),
    ("1 kilomètre carré", (1.0, "km2", "1 kilomètre carré", None)),
    ("1 mètre carré", (1.0, "m2", "1 mètre carré", None)),
    ("1 kilomètre", (1.0, "km", "1 kilomètre", None)),
    ("1 mètre", (1.0, "m", "1 mètre", None)),
    ("1 hectare", (1.0, "ha", "1 hectare", None)),
    ("1 hectolitre", (100.0, "l", "1 hectolitre", None)),
    ("1 millilitre", (0.001, "l", "1 millilitre", None)),
    ("1 centilitre", (0.01, "l", "1 centilitre", None)),
    ("1 litre", (1.0, "l", "1 litre", None)),
    ("1 kilogramme", (1.0, "kg", "1 kilogramme", None)),
    ("1 kilowattheure", (1.0, "kwh", "1 kilowattheure", None)),
    ("1 mégawattheure", (1000.0, "kwh", "1 mégawattheure", None)),
    ("1 gigawattheure", (1000000.0, "kwh", "1 gigawattheure", None)),
    ("1 mégawatt", (1000.0, "kw", "1 mégawatt", None)),
    ("1 kilowatt", (1.0, "kw", "1 kilowatt", None)),
    ("1 an", (1.0, "other", "1 an", None)),
    ("1 année", (1.0, "other", "1 année", None)),
    ("1 semaine", (1.0, "other", "1 semaine", None)),
    ("1 jour", (1.0, "other", "1 jour", None)),
    ("1 minute", (1.0, "other", "1 minute", None)),
    ("1 seconde", (1.0, "other", "1 seconde", None)),
    ("1 nuit", (1.0, "other", "1 nuit", None)),
    ("1 bar", (1.0, "other", "1 bar", None)),
    # the plural before '-heures'
    ("12 kilowatts-heures", (12.0, "kwh", "12 kilowatts-heures", None)),
    ("12 mégawatts-heures", (12000.0, "kwh", "12 mégawatts-heures", None)),
    ("12 gigawatts-heures", (12000000.0, "kwh", "12 gigawatts-heures", None)),
    # capitals where the table ignores case
    ("1 200 Dollars", (1200.0, "other", "1 200 Dollars", None)),
    ("120 Hab/km²", (120.0, "other", "120 Hab/km²", None)),
    ("12 Kilowatt-Heures", (12.0, "kwh", "12 Kilowatt-Heures", None)),
    ("12 Mégawatt-Heures", (12000.0, "kwh", "12 Mégawatt-Heures", None)),
    ("12 Gigawatt-Heures", (12000000.0, "kwh", "12 Gigawatt-Heures", None)),
    ("3 Mégawatts", (3000.0, "kw", "3 Mégawatts", None)),
    ("12 Kilowatts", (12.0, "kw", "12 Kilowatts", None)),
]


@pytest.mark.parametrize(("text", "expected"), UNIT_SPELLINGS, ids=[text for text, _ in UNIT_SPELLINGS])
def test_every_spelling_of_every_unit(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


@pytest.mark.parametrize("letter", ["m", "l", "t", "h"])
def test_a_lone_letter_opening_the_next_line_is_no_unit(letter: str) -> None:
    # 'm', 'l', 't' and 'h' follow their number on its line only: on the next line they open other words
    assert rows(f"Points de collecte : 12\n{letter} : voir la légende") == [(12.0, "count", "12", None)]


def test_co2_with_its_subscript_set_apart_is_still_the_unit() -> None:
    assert read_quantity("12 t CO 2") == Quantity(12.0, "t_co2e", "12 t CO 2", 0, 9)


def test_co2_with_its_subscript_set_apart_is_one_figure() -> None:
    # PDF text often sets the subscript apart: the unit takes it, so it is no figure of its own
    assert rows("12 t CO 2") == [(12.0, "t_co2e", "12 t CO 2", None)]
    # the search goes on after the unit: the next figure is found
    assert rows("12 kg CO 2 et 3 bacs") == [(0.012, "t_co2e", "12 kg CO 2", None), (3.0, "count", "3", None)]
    assert rows("12 t CO2 2 fois") == [(12.0, "t_co2e", "12 t CO2", None), (2.0, "count", "2", None)]


def test_a_speed_in_metres_per_second_is_other() -> None:
    # like '30 km/h', a speed is a ratio outside the list: `other`, not a count of 3
    assert rows("vitesse de 3 m/s") == [(3.0, "other", "3 m/s", None)]
    assert rows("vitesse de 3 m / s") == [(3.0, "other", "3 m / s", None)]
    # 's' must end there, and the unit stays on the number's line
    assert rows("3 m/sec") == [(3.0, "count", "3", None)]
    assert rows("vitesse de 3\nm/s") == [(3.0, "count", "3", None)]


# --------------------------------------------------------------------------- scale words and letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 Mds€", (2e9, "EUR", "2 Mds€", None)),
        ("2 MD€", (2e9, "EUR", "2 MD€", None)),
        ("2 MDS €", (2e9, "EUR", "2 MDS €", None)),
        # the scale word must end there: 'milliardaires' are people, not 12 milliards
        ("12 milliardaires français", (12.0, "count", "12", None)),
        # a money word in capitals after the scale
        ("3 millions de Dotations", (3e6, "EUR", "3 millions", None)),
        ("3 millions d’euros", (3e6, "EUR", "3 millions d’euros", None)),
    ],
)
def test_every_scale_spelling(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


# every money cue before a bare scale word: the amount is in euros (3 millions = 3e6 €)
@pytest.mark.parametrize(
    "text",
    [
        "un budget de 3 millions",
        "Le budget de la collectivité atteint 3 millions",  # the cue 34 characters back: within reach
        "BUDGET : 3 millions",
        "un montant de 3 millions",
        "un coût de 3 millions",
        "une enveloppe de 3 millions",
        "la ville a investi 3 millions",
        "la ville a dépensé 3 millions",
        "des recettes de 3 millions",
        "une subvention de 3 millions",
        "une dotation de 3 millions",
        "financé à hauteur de 3 millions",
        "la ville a consacré 3 millions",
        "exprimé en euros, le total atteint 3 millions",
        "total en € : 3 millions",
        "des crédits de 3 millions",
        "un emprunt de 3 millions",
        "une dette de 3 millions",
        "une épargne de 3 millions",
        "un chiffre d'affaires de 3 millions",
        "une recette de 3 millions",
        "un crédit de 3 millions",
    ],
)
def test_every_money_cue_before_a_scale_word(text: str) -> None:
    assert rows(text) == [(3e6, "EUR", "3 millions", None)]


# the singular of every money word after the scale word
@pytest.mark.parametrize(
    "word",
    [
        "de subvention",
        "de dépense",
        "de recette",
        "de financement",
        "de crédit",
        "de dette",
        "d'emprunt",
        "de dotation",
        "de participation",
        "de contribution",
        "d'achat",
        "de commande",
        "de marché",
    ],
)
def test_every_singular_money_word_after_a_scale_word(word: str) -> None:
    assert rows(f"3 millions {word}") == [(3e6, "EUR", "3 millions", None)]


@pytest.mark.parametrize(
    "text",
    [
        # a sentence's end, a semicolon or a line break stop the cue
        "Le budget est voté. 3 millions de visiteurs",
        "Le budget est voté ; 3 millions de visiteurs",
        "Le budget est voté\nen juin : 3 millions de visiteurs",
        # more than 40 characters after the cue: it is about something else
        "le budget voté par le conseil communautaire en juin prévoit 3 millions de visiteurs",
    ],
)
def test_a_money_cue_reaches_within_its_sentence_and_40_characters(text: str) -> None:
    assert rows(text) == [(3e6, "count", "3 millions", None)]


def test_a_money_cue_does_not_reach_the_next_line() -> None:
    assert rows("Le budget est voté\n3 millions de visiteurs") == [(3e6, "count", "3 millions", None)]
    # on the same line, the cue holds
    assert rows("Le budget voté : 3 millions de visiteurs") == [(3e6, "EUR", "3 millions", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5 M de passagers", [(3.5e6, "count", "3,5 M", None)]),
        ("2 M d'investissement", [(2e6, "EUR", "2 M", None)]),  # a money word after it, as for 'millions'
        ("le budget : 2 M de travaux", [(2e6, "EUR", "2 M", None)]),  # a money cue before it
        ("1,2 M de m3/an", [(1.2e6, "m3_per_year", "1,2 M de m3/an", None)]),  # a unit after it: scaled
        # no 'de' and a word in small letters, or no space before it: the letter scales nothing
        ("3 M voyageurs", [(3.0, "count", "3", None)]),
        ("l'usine 3M installée", []),  # a name: letters glued to the number
        ("le site 3M de production", []),  # glued, even before 'de' and a word in small letters
        ("12 M", [(12.0, "count", "12", None)]),
        ("3 M d'Européens", [(3.0, "count", "3", None)]),
    ],
)
def test_the_letter_m_before_de_and_a_word_is_millions(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'ml' is the mètre linéaire of public works and archives: 800 ml of hedges is 800 m, not 0.8 l
        ("800 ml de haies", (800.0, "m", "800 ml", None)),
        ("800 ml d'archives", (800.0, "m", "800 ml", None)),
        ("1 200 ml de nouvelles haies", (1200.0, "m", "1 200 ml", None)),
        ("Linéaire de voirie : 1 200 ml", (1200.0, "m", "1 200 ml", None)),
        # glued to its number, per something, or of a liquid: millilitres
        ("un flacon de 75ml", (0.075, "l", "75ml", None)),
        ("3 ml/an", (0.003, "l", "3 ml/an", None)),
        ("100 ml de savon", (0.1, "l", "100 ml", None)),
        ("100 ml d'eau", (0.1, "l", "100 ml", None)),
        ("100 ml de gel hydroalcoolique", (0.1, "l", "100 ml", None)),
        ("100 ml de savonnerie", (100.0, "m", "100 ml", None)),  # a whole word
    ],
)
def test_ml_is_metres_unless_glued_per_something_or_of_a_liquid(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # '>' and '<' compare after a word, not in an arrow nor as a bullet opening a line
        ("120 MWh -> 95 MWh", [(120000.0, "kwh", "120 MWh", None), (95000.0, "kwh", "95 MWh", None)]),
        ("=> 150 foyers", [(150.0, "count", "150", None)]),
        ("> 12 composteurs", [(12.0, "count", "12", None)]),
        ("Bilan\n  < 5 % de refus", [(5.0, "percent", "5 %", None)]),
        # 'autour de' before a count is how a plan is built, not an estimate
        ("Le plan s'articule autour de 4 axes", [(4.0, "count", "4", None)]),
    ],
)
def test_signs_and_words_that_are_no_qualifier(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quasi 100 % des foyers", (100.0, "percent", "100 %", "approx")),
        ("approximativement 40 000 habitants", (40000.0, "count", "40 000", "approx")),
        ("une centaine de 3 pièces", (3.0, "count", "3", "approx")),
        ("+de 120 000 h de travail", (120000.0, "h", "120 000 h", "at_least")),
        ("un taux supérieur à 30 %", (30.0, "percent", "30 %", "at_least")),
        ("une part supérieure à 30 %", (30.0, "percent", "30 %", "at_least")),
        ("au plus 12 jours", (12.0, "other", "12 jours", "at_most")),
        ("un taux inférieur à 5 %", (5.0, "percent", "5 %", "at_most")),
        ("une part inférieure à 5 %", (5.0, "percent", "5 %", "at_most")),
        # elided 'de' before a vowel: "plus d'1 million", "près d'1 million", "moins d'1 %"
        ("plus d'1 million de visiteurs", (1e6, "count", "1 million", "at_least")),
        ("près d’1 million de visiteurs", (1e6, "count", "1 million", "approx")),
        ("moins d'1 % des foyers", (1.0, "percent", "1 %", "at_most")),
        # abbreviations, words and signs of tables and key figures
        ("env. 1 200 foyers", (1200.0, "count", "1 200", "approx")),
        ("quelque 200 arbres", (200.0, "count", "200", "approx")),
        ("de l'ordre de 30 %", (30.0, "percent", "30 %", "approx")),
        ("≈ 30 %", (30.0, "percent", "30 %", "approx")),
        ("~30 %", (30.0, "percent", "30 %", "approx")),
        ("au minimum 30 %", (30.0, "percent", "30 %", "at_least")),
        ("au-delà de 30 %", (30.0, "percent", "30 %", "at_least")),
        ("au delà de 30 %", (30.0, "percent", "30 %", "at_least")),  # the hyphen is often left out
        ("au-delà d'1 million de visiteurs", (1e6, "count", "1 million", "at_least")),
        ("≥ 30 %", (30.0, "percent", "30 %", "at_least")),
        ("un taux > 30 %", (30.0, "percent", "30 %", "at_least")),
        ("au maximum 5 %", (5.0, "percent", "5 %", "at_most")),
        ("≤ 5 %", (5.0, "percent", "5 %", "at_most")),
        ("un taux < 5 %", (5.0, "percent", "5 %", "at_most")),
        ("Moins de 10 salariés", (10.0, "count", "10", "at_most")),  # any case
        # the cue is a whole word: 'auprès de' and 'un surplus de' qualify nothing
        ("auprès de 30 associations", (30.0, "count", "30", None)),
        ("un surplus de 12 tonnes", (12.0, "t", "12 tonnes", None)),
        ("l'environnement 12 tonnes", (12.0, "t", "12 tonnes", None)),  # 'env.' needs its dot
        ("quelques mots, puis 12 tonnes", (12.0, "t", "12 tonnes", None)),  # the cue must touch the number
    ],
)
def test_every_qualifier_cue(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


def test_a_peu_pres_is_approximate() -> None:
    assert rows("à peu près 2000 visiteurs") == [(2000.0, "count", "2000", "approx")]
    # a capital at a sentence's start often drops its accent
    assert rows("A peu près 30 %") == [(30.0, "percent", "30 %", "approx")]
    # 'à' is a whole word: 'voilà peu près' is no cue
    assert rows("voilà peu près 30 %") == [(30.0, "percent", "30 %", None)]


# --------------------------------------------------------------------------- ordinals and dates


def test_a_degree_sign_after_a_number_numbers_a_legal_item() -> None:
    assert rows("1° la collecte des déchets") == []


# every month's spelling, with and without accents, in any case
@pytest.mark.parametrize(
    "month",
    [
        "janvier",
        "février",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "decembre",
        "Juillet",
    ],
)
def test_a_day_before_any_month_is_a_date(month: str) -> None:
    assert rows(f"le 14 {month}") == []


@pytest.mark.parametrize("text", ["du 3 au 5 mars", "les 3 à 5 mars", "du 3 - 5 mars", "les 3 et 5 mars"])
def test_the_first_day_of_a_span_of_days_is_a_date(text: str) -> None:
    assert rows(text) == []


def test_a_month_then_a_year_then_a_noun_is_a_date() -> None:
    # 'mai' is too short to read as a noun before the year: only the month list drops 2022
    assert rows("en mai 2022 plusieurs communes adhèrent") == []


# --------------------------------------------------------------------------- phones, postal codes, streets


@pytest.mark.parametrize(
    "text",
    ["+33 3 21 61 50 00", "+33(0)3 21 61 50 00", "03-21-61-50-00", "03\u00a021\u00a061\u00a050\u00a000"],
)
def test_every_phone_number_layout(text: str) -> None:
    assert rows(text) == []


def test_a_phone_number_with_a_spaced_trunk_zero() -> None:
    assert rows("+33 (0)3 21 61 50 00") == []
    assert rows("Tél. : +33 (0)3 21 61 50 00 - 12 agents") == [(12.0, "count", "12", None)]


def test_a_postal_code_before_a_city_after_a_tab() -> None:
    assert rows("62400\tBéthune") == []


def test_five_digits_before_a_lowercase_word_are_a_count_not_a_postal_code() -> None:
    assert rows("soit 62400 habitants") == [(62400.0, "count", "62400", None)]


# every street word after a house number (and 'bis', 'ter', a comma): an address, no figure
@pytest.mark.parametrize(
    "text",
    [
        "12 bis rue Victor Hugo",
        "12 ter, avenue Foch",
        "12 Rue de Lille",
        "12 bd Poincaré",
        "12 place Clemenceau",
        "12 chemin des Dames",
        "12 allée des Tilleuls",
        "12 impasse Pasteur",
        "12 route de Lens",
        "12 quai du Commerce",
        "12 cours Gambetta",
        "12 square Vauban",
        "12 esplanade de la Gare",
        "12 rond-point de l'Europe",
        "12 parvis de la Mairie",
        "12 voie romaine",
        "12 passage des Arts",
        "12 promenade des Anglais",
        "12 faubourg Saint-Antoine",
        "12 résidence des Tilleuls",
    ],
)
def test_every_street_word_after_a_house_number(text: str) -> None:
    assert rows(text) == []


def test_a_street_word_must_end_there() -> None:
    assert rows("12 rues piétonnes") == [(12.0, "count", "12", None)]


def test_the_abbreviated_avenue_is_a_street() -> None:
    assert rows("12 av. Foch") == []
    assert rows("12 av.") == []  # the dot ends the text: still the street
    assert rows("12 avions") == [(12.0, "count", "12", None)]  # 'av' must be the abbreviation


# --------------------------------------------------------------------------- numbers that name


# every naming word (any case) or acronym before a number: the number names, it does not count
@pytest.mark.parametrize(
    "text",
    [
        "la tranche 2 des travaux",
        "niveau 3",
        "No 5",
        "acte 2",
        "Actes 2",
        "version 2",
        "étape 3",
        "semestre 2",
        "trimestre 3",
        "volet 4",
        "palier 2",
        "page 12",
        "pp. 12",
        "le décret 687",
        "la loi 92",
        "arrêté 15",
        "ordonnance 45",
        "circulaire 12",
        "directive 91",
        "délibération 42",
        "règlement 1013",
        "alinéa 3",
        "annexe 4",
        "chapitre 4",
        "partie 2",
        "section 3",
        "titre 2",
        "fiche 12",
        "orientation 3",
        "finalité 5",
        "enjeu 2",
        "défi 3",
        "priorité 1",
        "objectif stratégique 2",
        "objectif opérationnel 4",
        "ambition 3",
        "zone 2",
        "secteur 4",
        "bâtiment 3",
        "salle 12",
        "bureau 5",
        "ligne 14",
        "route 12",
        "RD 941",
        "RN 41",
        "boîte 12",
        "facteur 4",
        "scope 3",
        "scopes 1",
        "tableau 3",
        "figure 2",
        "graphique 4",
        "carte 5",
        "schéma 2",
        "illustration 3",
        "encadré 4",
        "Action 12",
        "SDG 7",
        "ODD 13",
        "PM 10",
        "SDIS 62",
        "SIVOM 3",
        "SIVU 2",
        "ISSN 1234",
        "ISBN 978",
        "RPQS 17",
        "CCAS 62",
        "CIAS 12",
        "NF 15",
        "EN 13432",
        "ZAE 2",
        "ZAL 3",
        "ZA 4",
        # one no-break space, one narrow no-break space or a line break between name and number
        "phase\u00a02",
        "phase\u202f2",
        "phase\n2",
        "la phase\n 2 du projet",
    ],
)
def test_every_naming_word(text: str) -> None:
    assert rows(text) == []


def test_a_naming_word_starts_a_word() -> None:
    # 'ozone' ends with 'zone': the threshold still counts
    assert rows("seuil d'ozone 120 µg/m³") == [(120.0, "other", "120 µg/m³", None)]


# a register's name takes the whole grouped number after it, not only its first group
@pytest.mark.parametrize(
    "text",
    ["CS 40 548", "RCS 481 210 243", "RCS Pau 481 210 243", "SIREN 481 210 243", "SIRET 481 210 243 00017"],
)
def test_a_register_takes_its_whole_grouped_number(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    "word",
    [
        "lots",
        "phases",
        "tranches",
        "articles",
        "axes",
        "étapes",
        "volets",
        "chapitres",
        "annexes",
        "fiches",
        "cycles",
        "niveaux",
    ],
)
def test_a_plural_name_takes_its_list_of_numbers(word: str) -> None:
    assert rows(f"les {word} 1 et 2 du programme") == []


@pytest.mark.parametrize(
    "text",
    [
        "les axes 1, 2 et 3",  # commas, then 'et'
        "les axes 1, 2, 3 et 4 du plan",
        "les phases 1 et 2 sont terminées",  # a verb ends the item
        "pages 4 à 8",
        "lot 4 ou 5.",
        "les lots 1 et 2\nsont attribués",  # the line ends the item
        "articles 3 et 4 de la loi",
        "phases 2 - 3 : bilan",
    ],
)
def test_every_way_a_name_lists_its_numbers(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit or a noun after an item: a figure again
        ("phase 2 et 3 bacs", [(3.0, "count", "3", None)]),
        ("phase 2 et 30 %", [(30.0, "percent", "30 %", None)]),
        ("phases 1 à 3, 12 km", [(12.0, "km", "12 km", None)]),
        # the head of a grouped number or a decimal is no item
        ("axe 1 et 2 000 habitants", [(2000.0, "count", "2 000", None)]),
        ("lots 1 et 2,5 t", [(2.5, "t", "2,5 t", None)]),
        # each count followed by its own name: 'en' after 61 is no end of an item
        ("172 en cycle 2, 61 en cycle 3", [(172.0, "count", "172", None), (61.0, "count", "61", None)]),
        # no separator: 'cycle 1 172' names one number, the next counts
        ("cycle 1 172 élèves", [(172.0, "count", "172", None)]),
        # not a naming word
        ("les actions 3 et 4", [(3.0, "count", "3", None), (4.0, "count", "4", None)]),
        # after a comma, an item is named only when the list goes on: else a new clause counts
        ("En phase 1, 30 des 45 bornes", [(30.0, "count", "30", None), (45.0, "count", "45", None)]),
        ("Pour le lot 2, 8 de ces entreprises", [(8.0, "count", "8", None)]),
        ("zone 1, 250.", [(250.0, "count", "250", None)]),
    ],
)
def test_a_named_list_ends_at_a_figure(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_a_trade_register_with_a_longer_city_takes_its_whole_number() -> None:
    # the source's own example
    assert rows("RCS Lyon 481 210 243") == []
    assert rows("RCS Saint-Étienne 481 210 243") == []
    assert rows("RCS Lyon 481 210 243 et 12 salariés") == [(12.0, "count", "12", None)]


# --------------------------------------------------------------------------- list and section numbers


@pytest.mark.parametrize(
    "text",
    [
        "- 2. Suivre les travaux",  # a dash bullet before the number
        "(3) suivre les travaux",  # a number in brackets, then any word
        "3) suivre les consommations",
    ],
)
def test_every_list_numbering(text: str) -> None:
    assert rows(text) == []


def test_a_number_and_a_dot_before_a_lowercase_word_is_no_list_number() -> None:
    assert rows("Abonnés :\n12. la hausse continue") == [(12.0, "count", "12", None)]


# a section number opening its heading, whatever stands between it and the title
@pytest.mark.parametrize(
    "text",
    [
        "2.1 - Le climat",
        "2.1 – Le climat",
        "2.1 : Le climat",
        "2.1 « Le climat »",
        '2.1 "Le climat"',
        "2.1. Le climat",
        "• 2.1 Le climat",
    ],
)
def test_every_section_number_layout(text: str) -> None:
    assert rows(text) == []


# --------------------------------------------------------------------------- years: the word after


# every function word (three letters or more) after a year: the year dates, it counts nothing
@pytest.mark.parametrize(
    "text",
    [
        "2019 est l'année de référence",
        "2020 des records de chaleur",
        "2023 sera consacrée au bilan",
        "2024 seront des années clés",
        "2021 une année de transition",
        "2021 les travaux commencent",
        "2019 était l'année de référence",
        "de 2019 aux années suivantes",
        "2022 avec la reprise des activités",
        "2019 dans le rétroviseur",
        "2022 par les chiffres",
        "2023 pour le climat",
        "2022 sur le terrain",
        "de 2019 à 2021 deux fois plus d'adhérents",
        "de 2019 à 2021 trois fois plus d'adhérents",
        "2022 qui s'achève",
        "2022 que nous avons vécue",
        "2022 dont le bilan",
        "2023 et 2024 vont permettre",
        "2022 cette fois encore",
        "2022 aussi a été marquée",
        "2019 déjà, la collectivité",
        "2022 encore, les efforts",
        "2021 puis 2022",
        "2019 alors que",
        "2022 ainsi que 2023",
        "2021 mais aussi 2022",
        "2022 car la crise",
        "2022 donc une année",
        "2021 et 2022 ont été marquées",
    ],
)
def test_every_function_word_after_a_year(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soit plus de 2000 bus", (2000.0, "count", "2000", "at_least")),  # a noun of three letters counts
        ("soit 2000 parcelles cultivées", (2000.0, "count", "2000", None)),  # 'par' starts it, it is no 'par'
    ],
)
def test_a_noun_after_a_year_like_number_makes_it_a_count(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


def test_sont_after_a_year_is_a_verb() -> None:
    assert rows("les chiffres de 2019 sont en hausse") == []
    # 'sont' as a whole word only: 'sondages' is a noun, so the number counts them
    assert rows("2019 sondages") == [(2019.0, "count", "2019", None)]


# --------------------------------------------------------------------------- years: the word before


# every word that dates the year after it; a blank line between word and year (so that a long word
# cannot read as a noun naming the year) leaves the word list alone to decide
@pytest.mark.parametrize(
    "text",
    [
        "en 2022 plusieurs communes ont adhéré",
        "depuis\n\n2015 plusieurs communes adhèrent",
        "Depuis\n\n2015 plusieurs communes adhèrent",
        "dès\n2015 plusieurs communes adhèrent",
        "année\n2015 plusieurs communes adhèrent",
        "d'ici\n2030 plusieurs communes adhèrent",
        "horizon\n\n2030 plusieurs communes adhèrent",
        "jusqu'en\n2030 plusieurs communes adhèrent",
        "fin\n2022 plusieurs communes adhèrent",
        "début\n\n2022 plusieurs communes adhèrent",
        "à mi 2022 plusieurs communes adhèrent",
        "courant\n\n2022 plusieurs communes adhèrent",
        "été\n2022 plusieurs communes adhèrent",
        "hiver\n\n2022 plusieurs communes adhèrent",
    ],
)
def test_every_word_that_dates_the_year_after_it(text: str) -> None:
    assert rows(text) == []


# a preposition or adverb before a year-like number is no name: the noun after makes it a count
@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("pour 2000 familles", None),
        ("avec 2000 participants", None),
        ("dans 2000 foyers", None),
        ("sans 2000 bénévoles", None),
        ("vers 2000 foyers", None),
        ("parmi 2000 candidats", None),
        ("environ 2000 composteurs", "approx"),
        ("soit en plus 2000 composteurs", None),
        ("soit en moins 2000 composteurs", None),
        ("au total 2000 bacs distribués", None),
        ("soit 2000 bacs", None),
        ("dont 2000 bacs", None),
    ],
)
def test_every_word_before_a_year_like_count_that_is_no_name(text: str, qualifier: str | None) -> None:
    assert rows(text) == [(2000.0, "count", "2000", qualifier)]


def test_pres_before_a_year_like_count_is_no_name() -> None:
    assert [(q.value, q.unit) for q in find_quantities("à peu près 2000 visiteurs")] == [(2000.0, "count")]


# a verb before a year-like number (its ending tells it): the number counts
@pytest.mark.parametrize(
    "text",
    [
        "la ville a livré 2000 bacs",
        "une aide accordée 2000 fois",
        "Ont été distribués 2000 composteurs.",
        "Ont été installées 2000 bornes.",
        "Les communes distribuent 2000 composteurs",
        "La ville distribuait 2000 composteurs",
        "Nous distribuons 2000 composteurs",
        "Vous trouverez 2000 ouvrages",
        "La ville fournira 2000 composteurs",
        "La ville distribuera 2000 composteurs",
    ],
)
def test_every_verb_ending_before_a_year_like_count(text: str) -> None:
    assert rows(text) == [(2000.0, "count", "2000", None)]


def test_a_noun_of_four_letters_before_a_year_names_it() -> None:
    assert rows("le plan 2030 prévoit") == []


@pytest.mark.parametrize("caption", ["www.exemple.fr", "https://www.exemple.fr", "http://exemple.fr"])
def test_a_web_address_under_a_year_is_no_caption(caption: str) -> None:
    assert rows(f"2013\n{caption}") == []


# --------------------------------------------------------------------------- names of places and sites


@pytest.mark.parametrize(
    "text",
    [
        "le site Jean-Monnet 1 à Béthune",  # after a word
        "aux écoles Pasteur 1 et Jaurès 2, à Béthune",
        "sites de Béthune,Gosnay 1 et Ourton",  # after a comma with no space
        "le site « Gosnay 1 »",  # inside quotes
        "sites de Gosnay\u00a01, La Comté",  # a no-break space before the number
        "sites de Bruay-la-Buissière 2, Houdain et Divion",  # a name with lowercase parts
        "(Gosnay 1)",
        "(Gosnay 1 et Ourton 2)",
    ],
)
def test_a_number_inside_a_place_name_is_no_figure(text: str) -> None:
    assert rows(text) == []


# --------------------------------------------------------------------------- times of day


@pytest.mark.parametrize(
    "text",
    [
        "ouverture à 15:30",
        "entre 12 h et 14 h",
        "de 8 h - 12 h",
        "de 8 h – 12 h",
        "8 h - 12 h",
        "8 h – 12 h",
        "ouvert dès 8 heures 30",
        "ouvert dès 1 heure 30",
        "fermé à 19 h",
        "ouvert dès 8 h",
        "arrivée vers 18 h",
        "avant 20 h",
        "après 18 h",
        "ouvert jusqu'à 19 h",
        "ouvert jusqu’à 19 h",
        "de 8 h et 19 h",
        "ouvert de 8 h à 12 h et 14 h à 19 h",  # 14 h after 'et'
        "De 8 h à 12 h",
        "Dès 8 h, accueil du public",
    ],
)
def test_every_time_of_day_layout(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize("text", ["jusqu'à 20 h de formation", "jusqu'à 20 h d'accompagnement"])
def test_hours_of_something_are_a_duration(text: str) -> None:
    assert rows(text) == [(20.0, "h", "20 h", "at_most")]


def test_days_out_of_seven_are_no_duration() -> None:
    assert "7 jours" not in [q.raw for q in find_quantities("ouvert 7 jours sur 7")]


def test_round_the_clock_opening_has_no_figure() -> None:
    assert rows("ouvert 7 jours sur 7") == []
    assert rows("ouvert 24 heures sur 24") == []
    assert rows("ouvert 24h/24 et 7 jours sur 7, 12 agents") == [(12.0, "count", "12", None)]


def test_days_out_of_another_number_are_a_duration() -> None:
    # only the same number twice is round the clock: '2 jours sur 5' counts days, then the week
    assert rows("2 jours sur 5 en télétravail") == [
        (2.0, "other", "2 jours", None),
        (5.0, "count", "5", None),
    ]
    assert rows("ouvert 6 jours sur 7") == [(6.0, "other", "6 jours", None), (7.0, "count", "7", None)]


# --------------------------------------------------------------------------- dimensions, identifiers, pages


@pytest.mark.parametrize(
    "text",
    [
        "un panneau de 4 x 3 m",
        "un panneau de 4 × 3 m",
        "la demande 125-48 a été",
        "dossier 125/48",
        "- 8 -",
        "– 8 –",
        "- 8 -\nLa suite",
    ],
)
def test_dimensions_identifiers_and_page_marks(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize("extension", ["indd", "qxp", "qxd", "pdf", "doc", "docx"])
def test_every_print_slug(extension: str) -> None:
    assert rows(f"RDD_2022.{extension} 3 08/12/15") == []


# --------------------------------------------------------------------------- contents pages


def test_a_short_number_after_underscore_leaders_is_a_page_number() -> None:
    assert rows("Les déchets _____ 12") == []


# on a contents page any number after leaders is a page number, four digits too
@pytest.mark.parametrize(
    "text",
    [
        "Table des matières\nLes déchets ........ 1250",
        "Table des matieres\nLes déchets ........ 1250",
        "Au sommaire\nLes déchets ........ 1250",
        "Contents\nLes déchets ........ 1250",
        # three lines of leaders and a page number make a contents page: dots, ellipses, spaced dots, rules
        "Les déchets ........ 12\nL'eau ........ 18\nL'air ........ 24\nLa mobilité ........ 1250",
        "Les déchets …… 12\nL'eau …… 18\nL'air …… 24\nLa mobilité …… 1250",
        "Les déchets . . . 12\nL'eau . . . 18\nL'air . . . 24\nLa mobilité . . . 1250",
        "Les déchets ___ 12\nL'eau ___ 18\nL'air ___ 24\nLa mobilité ___ 1250",
    ],
)
def test_every_sign_of_a_contents_page(text: str) -> None:
    assert rows(text) == []


def test_two_lines_of_leaders_do_not_make_a_contents_page() -> None:
    # a list of key figures with leaders: the short numbers after leaders are dropped as page numbers
    # all the same, but on a page that is no table of contents a four-digit value stays
    text = "Bornes de recharge ....... 12\nVéhicules propres ....... 34\nAbonnés ....... 12 418"
    assert rows(text) == [(12418.0, "count", "12 418", None)]
    assert not is_contents_page(text)
    assert is_contents_page(text + "\nParkings ....... 56")


# four rising page numbers opening their lines: a contents page, whatever opens the title
@pytest.mark.parametrize(
    "text",
    [
        "4 Édito\n8 « Le climat »\n12 L'eau\n18 Les déchets",
        "4 2022 en chiffres\n8 Le climat\n12 L'eau\n18 Les déchets",
        "4 1995-2022 : trente ans\n8 Le climat\n12 L'eau\n18 Les déchets",
        "4 Le climat\n8 L'eau\n102 Les déchets\n118 Annexes",
    ],
)
def test_every_contents_entry_with_its_page_first(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize("separator", [" | ", " • ", " · ", " – ", " - ", "   "])
def test_every_separator_before_a_page_number_on_a_contents_page(separator: str) -> None:
    assert rows(f"Sommaire\nLe climat{separator}12") == []


# --------------------------------------------------------------------------- number syntax


@pytest.mark.parametrize(
    "text",
    [
        "par 50°30 de latitude nord",  # after a degree sign: minutes of arc
        "les particules PM2,5 et PM10",  # after a comma: the decimals of a name
        "voir le fichier PCAET_12 en annexe",  # after an underscore: a file name
        "ouverture à 15:30",  # after a colon: minutes
    ],
)
def test_digits_glued_after_these_signs_start_no_number(text: str) -> None:
    assert rows(text) == []


def test_a_sign_then_a_no_break_space() -> None:
    assert rows("évolution : –\u00a012 %") == [(-12.0, "percent", "–\u00a012 %", None)]


def test_a_decimal_dot_reads_a_dot_before_three_digits_after_up_to_three() -> None:
    # in a document of decimal dots '125.500' is 125.5, not 125 500
    assert parse_number("125.500", decimal_dot=True) == 125.5
    assert parse_number("125.500") == 125500.0


# --------------------------------------------------------------------------- signs and plus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a '+' after a word, a unit, a percentage, an amount or a bracket adds: no lower bound
        ("850 km + 1226 km", [(850.0, "km", "850 km", None), (1226.0, "km", "1226 km", None)]),
        ("30 % + 12 bornes", [(30.0, "percent", "30 %", None), (12.0, "count", "12", None)]),
        ("12 € + 5 €", [(12.0, "EUR", "12 €", None), (5.0, "EUR", "5 €", None)]),
        ("(12 bornes) + 5 bornes", [(12.0, "count", "12", None), (5.0, "count", "5", None)]),
        # a change in points after a no-break space
        ("+0,6\u00a0point", [(0.6, "other", "+0,6\u00a0point", None)]),
        # a dash after a figure, a percentage or an amount joins a range: no minus
        ("de 4 - 8 %", [(4.0, "percent", "4", None), (8.0, "percent", "8 %", None)]),
        ("de 10 %-15 %", [(10.0, "percent", "10 %", None), (15.0, "percent", "15 %", None)]),
        ("de 10 €-15 €", [(10.0, "EUR", "10 €", None), (15.0, "EUR", "15 €", None)]),
        # a dash opening a table cell is a minus: three spaces, three no-break spaces, a tab, leaders
        ("Verre   5 391   – 6 %", [(5391.0, "count", "5 391", None), (-6.0, "percent", "– 6 %", None)]),
        ("Verre\t5 391\t– 6 %", [(5391.0, "count", "5 391", None), (-6.0, "percent", "– 6 %", None)]),
        (
            "Verre\u00a0\u00a0\u00a05 391\u00a0\u00a0\u00a0– 6 %",
            [(5391.0, "count", "5 391", None), (-6.0, "percent", "– 6 %", None)],
        ),
        ("Dotations de l'État …… - 232 K €", [(-232000.0, "EUR", "- 232 K €", None)]),
        # brackets without a figure before the dash: no list of figures, the dash is a minus
        ("(financement :\n- 15 % CEE)", [(-15.0, "percent", "- 15 %", None)]),
    ],
)
def test_when_a_plus_or_a_dash_is_a_sign(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --------------------------------------------------------------------------- ratios and gaps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ratio takes its whole denominator, with a superscript or a digit
        ("consommation de 120 kWh/m²", (120.0, "other", "120 kWh/m²", None)),
        ("consommation de 120 kWh/m2", (120.0, "other", "120 kWh/m2", None)),
        ("densité de 12 kg/m³", (12.0, "other", "12 kg/m³", None)),
        ("densité de 12 kg/m3", (12.0, "other", "12 kg/m3", None)),
        # a tab or a thin space between a number and its unit
        ("Réseau : 12\tkm", (12.0, "km", "12\tkm", None)),
        ("Réseau : 12\u2009km", (12.0, "km", "12\u2009km", None)),
    ],
)
def test_ratios_and_gaps_before_a_unit(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    "text",
    ["de 4 - 8 km", "de 4 – 8 km", "de 4\nà 8 km", "de 4\u00a0à 8 km", "Entre 4 et 8 km"],
)
def test_every_range_joint(text: str) -> None:
    assert rows(text) == [(4.0, "km", "4", None), (8.0, "km", "8 km", None)]


# --------------------------------------------------------------------------- decimal evidence


@pytest.mark.parametrize(
    ("document", "decimal_dot"),
    [
        ("1,234,567 habitants et 2.5 km", True),  # thousands set apart by commas are no decimal comma
        ("prix 0.1234 €/kWh", True),  # four decimals after a dot
        ("12.50 €", True),  # a dot decimal before €
        # two headings of each shape outweigh one decimal dot: the one comma decides
        ("Soit 2,5 %.\n1.1 Le climat\n1.2 La mobilité", False),
        ("Soit 2,5 %.\n1.1 L'eau\n1.2 L'air", False),
        ("Soit 2,5 %.\n1.1 L’eau\n1.2 L’air", False),
        ("Soit 2,5 %.\n\f1.1 Le climat\n\f1.2 La mobilité", False),
    ],
)
def test_what_is_evidence_of_decimal_dots(document: str, decimal_dot: bool) -> None:
    assert writes_decimal_dot(document) is decimal_dot


# --------------------------------------------------------------------------- table captions and heads


@pytest.mark.parametrize(
    "caption",
    [
        "MONTANTS EN MILLIERS D'EUROS",  # in capitals
        "Dépenses (milliers d'euros)",  # in brackets without 'en'
    ],
)
def test_every_caption_layout(caption: str) -> None:
    table = f"{caption}\nVoirie       58 055      65 513\n"
    assert rows(table) == [(58055000.0, "EUR", "58 055", None), (65513000.0, "EUR", "65 513", None)]


def test_a_caption_reaches_down_a_table_of_many_rows() -> None:
    labels = ["Voirie", "Écoles", "Sports", "Culture", "Réseaux", "Espaces verts"]
    table = "Montants en milliers d'euros\n" + "".join(
        f"{label}       1{i} 000\n" for i, label in enumerate(labels)
    )
    # thousands of euros: 10 000 is ten million euros, the sixth row 15 000 fifteen million
    assert [(value, unit) for value, unit, _, _ in rows(table)] == [
        (10000000.0, "EUR"),
        (11000000.0, "EUR"),
        (12000000.0, "EUR"),
        (13000000.0, "EUR"),
        (14000000.0, "EUR"),
        (15000000.0, "EUR"),
    ]


def test_a_column_head_of_a_unit_and_words() -> None:
    assert rows("   Flux          Tonnes collectées\n   Verre          5 391\n") == [
        (5391.0, "t", "5 391", None)
    ]


# every head of a year column: the plan's words, and the words of what was done
@pytest.mark.parametrize(
    ("done", "plan"),
    [
        ("CA", "BP"),
        ("Réalisé", "BS"),
        ("Réalisation", "DM"),
        ("Compte", "Prévu"),
        ("Exercice", "Prévisionnel"),
        ("Année", "Budget"),
        ("Rappel", "Objectif"),
        ("CA", "Cible"),
        ("CA", "Projet"),
        ("CA", "Prévision"),
        ("CA", "Projection"),
    ],
)
def test_every_head_of_a_year_column(done: str, plan: str) -> None:
    text = f"Poste        {done} 2022      {plan} 2023\nDépenses          65 513        70 000\n"
    found = find_quantities(text)
    assert [q.raw for q in found] == ["65 513", "70 000"]
    assert [column_year(text, q.start, q.end) for q in found] == [(2022, False), (2023, True)]


def test_a_prose_line_ends_the_reach_of_a_year_head() -> None:
    # a sentence (capital first, full stop last) between the head and the row: the row is another table
    head = "            2021      2022\n"
    row = "Bacs        12        14"
    for text, year in [(head + row, (2021, False)), (head + "Le total a baissé.\n" + row, None)]:
        twelve = text.index("12")
        assert column_year(text, twelve, twelve + 2) == year


def test_a_year_column_far_ahead() -> None:
    text = "Poste        2022      Objectif 2050\nDépenses     65 513    70 000\n"
    found = find_quantities(text)
    assert [column_year(text, q.start, q.end) for q in found] == [(2022, False), (2050, True)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a minus glued to its number is a sign whatever the unit, at a line's start or after words
        ("-12 t de déchets enfouis.", -12.0),
        ("Bilan : -12 t de déchets.", -12.0),
        ("Bilan\n-12 tonnes enfouies", -12.0),
        # spaced from it, a dash opening a line before tonnes is a bullet, not a sign
        ("- 12 t de déchets", 12.0),
    ],
)
def test_a_minus_glued_to_its_number_is_a_sign(text: str, value: float) -> None:
    assert [(quantity.value, quantity.unit) for quantity in find_quantities(text)] == [(value, "t")]
