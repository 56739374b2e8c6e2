"""Repairs of the PDF text layer, each alone, then `clean_text` on lines of the reference report."""

from __future__ import annotations

import pytest

from rdd_extract.clean import (
    clean_text,
    collapse_letter_spacing,
    mend_line_end_hyphens,
    normalize_spaces,
    rejoin_cut_numbers,
    repair_broken_ligatures,
    repair_lost_ligatures,
    separate_glued_numbers,
)

# --------------------------------------------------------------------------- normalize_spaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("332\u00a0914 €", "332 914 €"),
        ("1\u202f406\u202f000€", "1 406 000€"),
        ("a\u2009b", "a b"),
        ("1\u2007000", "1 000"),
        ("a\tb", "a b"),
        ("l’eau", "l'eau"),
        ("‘Habiter mieux’", "'Habiter mieux'"),
        ("lʼAgglo", "l'Agglo"),
        ("ré\u00adgion", "région"),
        ("fin de ligne   \nsuite ", "fin de ligne\nsuite"),
        ("texte\u00a0\u00a0\nsuite", "texte\nsuite"),
        (" P R É A M B U L E", " P R É A M B U L E"),  # a leading space is kept: it marks a page start
        ("a\n\n\nb", "a\n\n\nb"),  # line structure is kept
        ("", ""),
    ],
)
def test_normalize_spaces(text: str, expected: str) -> None:
    assert normalize_spaces(text) == expected


# --------------------------------------------------------------------------- lost ligatures (U+FFFD)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("réchau\ufffd ement", "réchauffement"),
        ("di\ufffd  cultés", "difficultés"),
        ("des di\ufffd  cultés de recrutement", "des difficultés de recrutement"),
        ("chau\ufffd age urbain", "chauffage urbain"),
        ("l'o\ufffd re", "l'offre"),
        ("ses a\ufffd luents", "ses affluents"),
        ("di\ufffd érentes", "différentes"),
        ("di\ufffd useur", "diffuseur"),
        ("sans ligature", "sans ligature"),
    ],
)
def test_repair_lost_ligatures(text: str, expected: str) -> None:
    assert repair_lost_ligatures(text) == expected


# --------------------------------------------------------------------------- broken ligatures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fi nancement", "financement"),
        ("principaux postes de fi nancement.", "principaux postes de financement."),
        ("modifi cations", "modifications"),
        ("fl ore", "flore"),
        ("une fl ore et une faune très spécifi ques.", "une flore et une faune très spécifiques."),
        ("(aides fi nancières, fi scalité,", "(aides financières, fiscalité,"),
        ("la fi n d'année", "la fin d'année"),
        ("Le coût des fl uides", "Le coût des fluides"),
        ("fl ux", "flux"),
        ("pour défi nir le projet", "pour définir le projet"),
        ("Eco-défi s :", "Eco-défis :"),
        ("chef fi xe", "chef fixe"),
        # real words ending in "fi" before a long word stay apart
        ("défi famille", "défi famille"),
        (
            "Tirer les conclusions du « défi famille alimentation",
            "Tirer les conclusions du « défi famille alimentation",
        ),
        ("un défi commun", "un défi commun"),
        # nothing to repair
        ("profil actif", "profil actif"),
        ("fi", "fi"),
        ("FI NANCEMENT", "FI NANCEMENT"),
    ],
)
def test_repair_broken_ligatures(text: str, expected: str) -> None:
    assert repair_broken_ligatures(text) == expected


@pytest.mark.parametrize(
    "text",
    ["le défi de demain", "un défi pour le territoire", "Le défi est collectif", "un accès wifi gratuit"],
)
def test_real_words_ending_in_fi_stay_apart(text: str) -> None:
    assert repair_broken_ligatures(text) == text


def test_defi_before_a_broken_ligature() -> None:
    assert repair_broken_ligatures("un défi fi nancier") == "un défi financier"


# --------------------------------------------------------------------------- letter spacing


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("L E  F O N D S", "LE FONDS"),
        (" L E  F O N D S  D E  T R A N S I T I O N", " LE FONDS DE TRANSITION"),
        ("  P R É A M B U L E", "  PRÉAMBULE"),
        (" P I L I E R  1", " PILIER 1"),
        (
            "R A P P O R T  D E  D É V E L O P P E M E N T  D U R A B L E  -  2 0 2 2 6",
            "RAPPORT DE DÉVELOPPEMENT DURABLE - 20226",
        ),
        (" L E P L A N C L I M AT A I R É N E R G I E", " LEPLANCLIMATAIRÉNERGIE"),
        ("L'A M É L I O R AT I O N D E L' H A B I TAT", "L'AMÉLIORATIONDEL'HABITAT"),
    ],
)
def test_collapse_letter_spacing(line: str, expected: str) -> None:
    assert collapse_letter_spacing(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "03 21 61 50 00",  # a phone number is no spaced-out word
        "CS 40548",
        "Le Fonds de transition énergétique",
        " Le PCAET 2020-2026 de la Communauté",
        "A B C D",  # fewer than five tokens
        "1 2 3 4 5",
        "4 775 1 190",
        "220 adhérents 12 centres 11 disciplines",
        "",
        "   ",
    ],
)
def test_collapse_letter_spacing_leaves_ordinary_lines(line: str) -> None:
    assert collapse_letter_spacing(line) == line


# --------------------------------------------------------------------------- glued numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("75communes", "75 communes"),
        (" 75communes (208 070 habitants)", " 75 communes (208 070 habitants)"),
        ("66équivalents temps plein", "66 équivalents temps plein"),
        ("au total190", "au total 190"),
        ("total190", "total 190"),
        ("soit1500 repas", "soit 1500 repas"),  # a four-letter word glued to its number
        ("dont12 communes", "dont 12 communes"),
        ("investis au total190 110 T.", "investis au total 190 110 T."),
        # ordinals stay glued
        ("3ème", "3ème"),
        ("2eme zone", "2eme zone"),
        ("1ère phase", "1ère phase"),
        ("les 1ers", "les 1ers"),
        ("6èmes", "6èmes"),
        # units and identifiers stay glued
        ("158kg", "158kg"),
        ("17Ha", "17Ha"),
        ("610km", "610km"),
        ("PAPI3", "PAPI3"),
        ("B100", "B100"),
        ("EN2022LESECO", "EN2022LESECO"),
        ("de CO2", "de CO2"),
    ],
)
def test_separate_glued_numbers(text: str, expected: str) -> None:
    assert separate_glued_numbers(text) == expected


# --------------------------------------------------------------------------- cut numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("depuis 125 \n\n000 ans", "depuis 125 000 ans"),
        ("de 1 \n726 000€", "de 1 726 000€"),
        ("total de 1 \n726 000€. Les travaux", "total de 1 726 000€. Les travaux"),
        ("de 3 \n000 km", "de 3 000 km"),
        ("soit 12 \n500 %", "soit 12 500 %"),
        ("budget de 2 \n\n450 000 euros", "budget de 2 450 000 euros"),
        ("autosurveillance : 62\n188 €", "autosurveillance : 62 188 €"),  # the second part has the unit
        ("régie (485\n000€)", "régie (485 000€)"),
        ("soit 2 \n000 habitants", "soit 2 000 habitants"),  # no number starts with 0: "000" continues one
        ("environ 1 600\n000\n\nde m3/an", "environ 1 600 000\n\nde m3/an"),
    ],
)
def test_rejoin_cut_numbers(text: str, expected: str) -> None:
    assert rejoin_cut_numbers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "cycle 1\n\n172 en cycle 2",  # two figures, not one cut in two
        "élèves dont 427 en cycle 1\n\n172 en cycle 2, 61 en cycle 3",
        "soit 2 \n250 habitants",  # no unit after the second part, which may be a number of its own
        "de 1234 \n000 €",  # the first part has more than three digits
        "de 1 \n7260 €",
    ],
)
def test_rejoin_cut_numbers_leaves_separate_numbers(text: str) -> None:
    assert rejoin_cut_numbers(text) == text


# --------------------------------------------------------------------------- clean_text end to end

REPORT_LINES = [
    (
        "• Les 10 dernières années ont été les plus chaudes depuis 125 \n\n000 ans",
        "• Les 10 dernières années ont été les plus chaudes depuis 125 000 ans",
    ),
    (
        " P I L I E R  1\n\nPour lutter contre le réchau\ufffd ement climatique \n"
        "et protéger l’atmosphère, l’Agglo met en ",
        " PILIER 1\n\nPour lutter contre le réchauffement climatique\n"
        "et protéger l'atmosphère, l'Agglo met en",
    ),
    (
        "R A P P O R T  D E  D É V E L O P P E M E N T  D U R A B L E  -  2 0 2 2 6",
        "RAPPORT DE DÉVELOPPEMENT DURABLE - 20226",
    ),
    ("L’A M É L I O R AT I O N D E L’ H A B I TAT ", "L'AMÉLIORATIONDEL'HABITAT"),
    (" 75communes (208 070 habitants) adhèrent ", " 75 communes (208 070 habitants) adhèrent"),
    (
        "(aides fi nancières, fi scalité, conseils techniques, ",
        "(aides financières, fiscalité, conseils techniques,",
    ),
    (
        "aux entreprises, pour un montant total de 1 \n"
        "726\u00a0000€. Les travaux se sont poursuivis en 2022. ",
        "aux entreprises, pour un montant total de 1 726 000€. Les travaux se sont poursuivis en 2022.",
    ),
    ("66équivalents temps plein", "66 équivalents temps plein"),
    ("investis au total190 110 T.", "investis au total 190 110 T."),
    (
        "Durant l'année 2022 le service a connu des di\ufffd  cultés ",
        "Durant l'année 2022 le service a connu des difficultés",
    ),
    (
        "élèves dont 427 en cycle 1\n\n172 en cycle 2, 61 en cycle 3, 241 en parcours ",
        "élèves dont 427 en cycle 1\n\n172 en cycle 2, 61 en cycle 3, 241 en parcours",
    ),
    (
        "occupant ou bailleur. Ce sont les 1ers\n\ninterlocuteurs pour toutes les questions ",
        "occupant ou bailleur. Ce sont les 1ers\n\ninterlocuteurs pour toutes les questions",
    ),
    ("fl ore aquatique… mettant à contribution et ", "flore aquatique… mettant à contribution et"),
]


@pytest.mark.parametrize(
    ("raw", "expected"), REPORT_LINES, ids=[expected[:30] for _, expected in REPORT_LINES]
)
def test_clean_text_on_lines_of_the_report(reference_text: str, raw: str, expected: str) -> None:
    assert raw in reference_text  # the input really is a piece of the report
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("cafe\u0301", "café"),  # NFC
        ("", ""),
        (
            "R A P P O R T  D E  D É V E L O P P E M E N T  D U R A B L E  -  2 0 2 2 6\r\n",
            "RAPPORT DE DÉVELOPPEMENT DURABLE - 20226\n",
        ),
    ],
)
def test_clean_text_line_endings_and_normal_form(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_clean_text_keeps_lines_except_rejoined_numbers(reference_text: str) -> None:
    cleaned = clean_text(reference_text)
    rejoined = len(reference_text.split("\n")) - len(cleaned.split("\n"))
    assert rejoined > 0
    assert "depuis 125 000 ans" in cleaned
    assert "montant total de 1 726 000€" in cleaned
    assert "\ufffd" not in cleaned
    assert "\u00a0" not in cleaned and "\u202f" not in cleaned
    assert " fi nancement" not in cleaned and "fi nanc" not in cleaned


def test_clean_text_is_idempotent_on_the_report(reference_text: str) -> None:
    once = clean_text(reference_text)
    assert clean_text(once) == once


# --------------------------------------------------------------------------- thresholds and unit list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("75ans", "75 ans"),  # three lowercase letters are enough to be a word
        ("depuis 12mois", "depuis 12 mois"),
        ("5ha", "5ha"),  # two letters: a unit, left glued
        ("12km", "12km"),
        ("2nd", "2nd"),
        ("1er", "1er"),  # ordinals of three letters stay glued
        ("2ème", "2ème"),
        ("dès2022", "dès2022"),  # a three-letter word before digits stays glued (four are needed)
        ("les2022", "les2022"),
        ("dans2022", "dans 2022"),
    ],
)
def test_separate_glued_numbers_word_length_thresholds(text: str, expected: str) -> None:
    assert separate_glued_numbers(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("V É L O S", "VÉLOS"),  # exactly five tokens is enough
        ("  V É L O S", "  VÉLOS"),  # leading spaces kept
        ("V É L O SUPER", "VÉLOSUPER"),  # 4 short tokens of 5: ratio 0.8 is not below 0.8
        ("A B CD EF GH", "ABCDEFGH"),  # 2 single letters of 5: ratio 0.4 is not below 0.4
    ],
)
def test_collapse_letter_spacing_at_the_thresholds(line: str, expected: str) -> None:
    assert collapse_letter_spacing(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "V É L O",  # four tokens only
        "V É L SUPER GRAND",  # 3 short tokens of 5: 0.6 < 0.8
        "A BC DE FG HI",  # 1 single letter of 5: 0.2 < 0.4
    ],
)
def test_collapse_letter_spacing_below_the_thresholds(line: str) -> None:
    assert collapse_letter_spacing(line) == line


@pytest.mark.parametrize(
    "unit",
    ["€", "k€", "M€", "%", "euro", "euros", "ans", "années", "km", "m3", "ha", "tonnes", "kg", "heures"],
)
def test_rejoin_cut_numbers_before_each_unit(unit: str) -> None:
    """Every unit of the list marks the second part as the end of one figure."""
    assert rejoin_cut_numbers(f"soit 12\n500 {unit}") == f"soit 12 500 {unit}"


@pytest.mark.parametrize(
    "text",
    [
        "soit 12\n500 anses",  # "ans" must end the word
        "soit 12\n500 hameaux",
        "soit 12\n500 kilos",
        "soit 12\n500 habitants",
    ],
)
def test_rejoin_cut_numbers_needs_a_whole_unit(text: str) -> None:
    assert rejoin_cut_numbers(text) == text


# --------------------------------------------------------------------------- every entry of the word tables


@pytest.mark.parametrize(
    "text",
    [
        # _SHORT_WORDS: after a real word ending in "fi", each short word stays a word of its own
        "Le défi a mobilisé 40 familles.",
        "Un défi à relever.",
        "Le défi au quotidien.",
        "Un défi aux multiples facettes.",
        "Le défi ce mois-ci.",
        "Le défi des familles.",
        "Le défi du climat.",
        "Le défi en chiffres.",
        "Le défi et ses enjeux.",
        "Ce défi il faut le relever.",
        "Relever le défi la tête haute.",
        "Relever le défi le plus tôt possible.",
        "Le défi les mobilise tous.",
        "Le défi ma rue propre.",
        "Le défi ne faiblit pas.",
        "Ce défi on le relève.",
        "Un défi ou une chance ?",
        "Le défi où chacun participe.",
        "Le défi par équipe.",
        "Un défi qui mobilise.",
        "Le défi que nous relevons.",
        "Chacun relève le défi sa gourde à la main.",
        "Le défi se poursuit.",
        "Un défi si ambitieux.",
        "Le défi son et lumière.",
        "Le défi sur deux roues.",
        "Le défi un jour sans voiture.",
        "Le défi une semaine sans voiture.",
        "Le défi y contribue.",
        # _REAL_WORDS_ENDING_FI: each word, in any case
        "une chaîne hi-fi moderne",
        "un film de sci-fi culte",
        "Défi famille",
        # a capital after the space is no rest of a word
        "le défi Nature",
    ],
)
def test_each_short_word_and_real_word_ending_in_fi_stays_apart(text: str) -> None:
    assert repair_broken_ligatures(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("un défi nal", "un définal"),  # "nal" is neither a short word nor four letters long
        ("un défi xe", "un défixe"),
    ],
)
def test_a_fragment_that_is_no_word_joins_a_real_word_ending_in_fi(text: str, expected: str) -> None:
    assert repair_broken_ligatures(text) == expected


@pytest.mark.parametrize(
    "token",
    # _LETTER_TOKEN: capitals, digits and each punctuation mark of a spaced-out title
    ["&", ".", ":", ",", "(", ")", "«", "»", '"', "'", "-", "1", "É"],
)
def test_each_short_token_of_a_spaced_out_line(token: str) -> None:
    """Four short tokens of five is the threshold: the token in the middle decides."""
    assert collapse_letter_spacing(f"E A U {token} ASSAINISSEMENT") == f"EAU{token}ASSAINISSEMENT"


@pytest.mark.parametrize("token", ["é", "x", "!", "/"])
def test_lowercase_and_other_marks_are_no_short_tokens(token: str) -> None:
    line = f"E A U {token} ASSAINISSEMENT"
    assert collapse_letter_spacing(line) == line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("V É L O SUP ERB", "VÉLOSUPERB"),  # tokens of three characters are short
        ("V É L ABCD EFGH", "V É L ABCD EFGH"),  # tokens of four are not
    ],
)
def test_a_short_token_has_at_most_three_characters(line: str, expected: str) -> None:
    assert collapse_letter_spacing(line) == expected


@pytest.mark.parametrize(
    "text",
    ["les 1ères", "les 2emes"],  # _DIGITS_THEN_WORD: the plural ordinals, accented or not
)
def test_plural_ordinals_stay_glued(text: str) -> None:
    assert separate_glued_numbers(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "soit 12\n500 européens",  # "euro" must end the word
        # a group "0dd" followed by more digits, a comma or a point is no continuing group
        "de 1 600\n0005",
        "de 1 600\n000,5",
        "de 1 600\n000.5",
    ],
)
def test_rejoin_cut_numbers_boundaries(text: str) -> None:
    assert rejoin_cut_numbers(text) == text


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # _SOFT_HYPHEN_BREAK: spaces and line breaks after the mark are part of the break
        (["les inon\ufffe\n  dations"], ["les inondations"]),
        (["les inon\ufffedations"], ["les inondations"]),
        # nothing after the mark: the hyphen and the line break are kept
        (["les inon\ufffe"], ["les inon-\n"]),
    ],
)
def test_mend_line_end_hyphens_reads_the_break(texts: list[str], expected: list[str]) -> None:
    assert mend_line_end_hyphens(texts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head of a cut number has one to three digits: each width rejoins its group
        ("autosurveillance : 162\n188 € en 2022", "autosurveillance : 162 188 € en 2022"),
        ("soit 62\n188 €", "soit 62 188 €"),
        ("soit 2\n188 €", "soit 2 188 €"),
        # a head already grouped ("1 162") takes one more group
        ("total : 1 162\n188 €", "total : 1 162 188 €"),
    ],
)
def test_a_cut_number_with_a_head_of_one_to_three_digits_is_rejoined(text: str, expected: str) -> None:
    assert rejoin_cut_numbers(text) == expected
