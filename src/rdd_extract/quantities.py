"""French figures: numbers, scales, units and qualifiers -> Quantity.

This is the one module that knows number syntax. Everything else asks it:
`parse_number` for a bare number, `read_quantity` for a short string such as a
rule's match, `find_quantities` for every figure of a text. It also knows which
numerals are *not* figures by their shape and immediate surroundings (years,
dates, phone numbers, postal codes, ordinals, identifiers such as PAPI3 or
B100, list numbering), because those decisions are about syntax too.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Generic, TypeVar

import regex

UNITS = (
    "EUR",
    "percent",
    "count",
    "km",
    "m",
    "m2",
    "km2",
    "ha",
    "m3",
    "m3_per_year",
    "m3_per_day",
    "l",
    "t",
    "kg",
    "t_co2e",
    "kwh",
    "kw",
    "h",
    "fte",
    "eur_per_inhabitant",
    "kg_per_inhabitant",
    "other",
)
# The units figures schema 2 added: a schema-1 table wrote them `other`, `count`, `t` or `kg`.
SCHEMA_2_UNITS = ("m2", "km2", "l", "kw", "t_co2e", "eur_per_inhabitant", "kg_per_inhabitant")
QUALIFIERS = ("approx", "at_least", "at_most")

_SPACE = "[ \u00a0\u202f\u2009]"
# Figures are written with ASCII digits. `\d` would also take other scripts' digits,
# some newer than the Unicode tables `float` knows, so number syntax says [0-9].
_D = "[0-9]"
# A number as printed: grouped thousands (space, no-break, narrow no-break),
# dotted thousands (205.000, 1.234,56), or plain with a decimal comma or dot; an
# optional sign before it (hyphen, en dash, U+2212 minus, plus) is judged by `_sign`.
_NUMBER = regex.compile(
    rf"""(?<![\p{{L}}\d°/.,_:])(?:(?P<sign>[-–−])[ \u00a0]?|\+{_SPACE}*)?
    (?P<num>
        {_D}{{1,3}}(?:{_SPACE}{_D}{{3}})+(?:,{_D}+)?(?!\d)
      | {_D}{{1,3}}(?:\.{_D}{{3}})+(?:,{_D}+)?(?!\d)
      | {_D}+(?:[.,]{_D}+)?(?!\d)
    )""",
    regex.VERBOSE,
)

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    "octobre|novembre|décembre|decembre"
)


@dataclass(frozen=True)
class _Unit:
    pattern: str  # compiled once for all units, in `_ANY_UNIT`
    unit: str
    scale: float = 1.0
    crosses_lines: bool = True  # may the unit follow the number on a later line?


def _unit(pattern: str, unit: str, scale: float = 1.0, crosses_lines: bool = True) -> _Unit:
    return _Unit(pattern, unit, scale, crosses_lines)


_APOS = "['’]"
_EURO = r"(?:€|(?i:euros?)\b|EUR\b)"
_PER_INHABITANT = r"\s*(?:/|par)\s*(?i:hab(?:itants?|\.|s)?)(?!\p{L})"
_PER_YEAR = r"(?:\s*(?:/|par|et\s+par)\s*an\b)?"
_CO2 = (
    r"\s*(?:de\s+|d['’]\s*)?(?:(?i:équivalents?|éq|eq|équiv)\.?\s*)?(?:de\s+)?"
    r"CO\s*[2₂](?:\s*-?\s*(?:e|eq|éq)\b\.?)?"
)
# What comes in millilitres: 'ml' of anything else is a mètre linéaire ('800 ml de haies', "d'archives")
_LIQUIDS = (
    r"savons?|eau|gels?|produits?|lait|huiles?|peintures?|liquides?|solutions?|vins?|boissons?|jus|sirops?|"
    r"lotions?|crèmes?|désinfectants?|shampo(?:o|in)gs?|parfums?|sang"
)
# Units written after a number, longest forms first: the first that matches wins.
_UNITS = (
    _unit(rf"{_EURO}{_PER_INHABITANT}", "eur_per_inhabitant"),
    _unit(rf"{_EURO}\s*/\s*(?:m[²2]|t\b|tonne|[kM]Wh|km\b|kg\b|l\b|m[3³])", "other"),
    _unit(rf"(?:d{_APOS}\s*)?{_EURO}(?:\s*(?:HT|TTC)\b)?", "EUR"),
    _unit(r"\$|(?i:dollars?)\b|USD\b|£|CHF\b", "other"),
    _unit(r"points?\s+de\s+pourcentage\b|pts?\b", "other"),
    _unit("%|(?i:pour\\s*-?\\s*cents?)\\b", "percent"),
    _unit(rf"kg{_PER_INHABITANT}{_PER_YEAR}", "kg_per_inhabitant"),
    _unit(rf"(?:kg|kilogrammes?){_CO2}", "t_co2e", 1e-3),
    _unit(rf"kt{_CO2}", "t_co2e", 1e3),
    _unit(rf"Mt{_CO2}", "t_co2e", 1e6),
    _unit(rf"(?:t|T|tonnes?|Tonnes?){_CO2}", "t_co2e"),
    _unit(r"(?:de\s+)?m[3³]\s*/\s*an\b", "m3_per_year"),
    _unit(r"m[3³]\s*/\s*j(?:our)?\b", "m3_per_day"),
    _unit(r"m[3³](?!\w)|mètres?\s+cubes?\b", "m3"),
    _unit(r"(?i:hab(?:itants?)?)\s*(?:/|par)\s*km[²2]", "other"),
    _unit(r"(?i:km)[²2](?!\w)|kilomètres?\s+carrés?\b", "km2"),
    _unit(r"m[²2](?!\w)|mètres?\s+carrés?\b", "m2"),
    _unit(r"(?i:km)\s*/\s*h\b", "other"),
    _unit(r"(?i:km)\b|kilomètres?\b", "km"),
    _unit(r"mètres?(?:\s+linéaires)?\b", "m"),
    # 'ml' glued to its number ('75ml'), per something or of a liquid is millilitres; else mètres linéaires
    _unit(rf"(?:(?<=[0-9])ml|ml(?=\s*/|\s+(?:de\s+|d{_APOS}\s*)(?:{_LIQUIDS})\b))\b", "l", 1e-3),
    _unit(r"ml\b", "m"),
    _unit(r"m\s*/\s*s\b", "other", crosses_lines=False),  # a speed, like km/h
    _unit(r"m\b(?![²³/])", "m", crosses_lines=False),
    _unit(r"(?:ha|Ha|HA|hectares?)\b", "ha"),
    _unit(r"(?:hl|hL|hectolitres?)\b", "l", 100.0),
    _unit(r"(?:mL|millilitres?)\b", "l", 1e-3),
    _unit(r"(?:cl|cL|centilitres?)\b", "l", 1e-2),
    _unit(r"litres?\b", "l"),
    _unit(r"(?:l|L)\b(?!['’])", "l", crosses_lines=False),
    _unit(r"tonnes?\b", "t"),
    _unit(r"(?:T\.|t\b)", "t", crosses_lines=False),
    _unit(r"kg\b|kilogrammes?\b", "kg"),
    _unit(r"TWh\b", "kwh", 1e9),
    _unit(r"GWh\b", "kwh", 1e6),
    _unit(r"MWh\b", "kwh", 1e3),
    _unit(r"(?i:kwh)\b|(?i:kilowatts?)[- ]?(?i:heures?)\b", "kwh"),
    _unit(r"(?i:mégawatts?)[- ]?(?i:heures?)\b", "kwh", 1e3),
    _unit(r"(?i:gigawatts?)[- ]?(?i:heures?)\b", "kwh", 1e6),
    _unit(r"(?i:mégawatts?)\b", "kw", 1e3),
    _unit(r"(?i:kilowatts?)\b", "kw"),
    _unit(r"GW(?:c|e)?\b", "kw", 1e6),
    _unit(r"MW(?:c|e)?\b", "kw", 1e3),
    _unit(r"(?i:kw)(?:c|e)?\b", "kw"),
    _unit(r"heures?\b", "h"),
    _unit(r"h\b", "h", crosses_lines=False),
    _unit(r"ETP\b|équivalents?\s+temps\s+pleins?\b", "fte"),
    _unit(
        r"(?:(?:dernières|derniers|prochaines|prochains)\s+)?(?:ans?|années?|mois|semaines?|jours?|minutes?|secondes?"
        r"|degrés|nuits?|bars?)\b|EH\b|équivalents?[- ]habitants?\b"
        r"|min\b|°\s*C\b|dB(?:\s*\(?A\)?)?(?!\w)|(?:µ|μ|m)g\s*/\s*(?:m[3³]|l|L)(?!\w)|ppm\b",
        "other",
    ),
)
# A scale between the number and its unit, or alone: "1,1 M€", "3 millions de kWh", "2 Md€".
_SCALE_WORD = regex.compile(r"(?i:(?P<milliard>milliards?)|(?P<million>millions?)|(?P<thousand>milliers))\b")
_SCALE_LETTER = regex.compile(r"(?P<milliard>Mds?|MDS?)|(?P<million>M)(?!\p{L})|(?P<thousand>[kK])(?=\s*€)")
_SCALES = {"milliard": 1e9, "million": 1e6, "thousand": 1e3}
_OF = regex.compile(rf"\s*(?i:de\s+|d{_APOS}\s*)?")
# "17,6 millions d'investissement", "un budget de 12 millions": a bare scale word about money.
_MONEY_AFTER = regex.compile(
    rf"\s*(?:de\s+|d{_APOS}\s*)(?:l{_APOS}\s*)?(?i:investissements?|subventions?|budgets?|dépenses?|recettes?|"
    r"travaux|aides?|financements?|crédits?|dettes?|emprunts?|dotations?|fonds|économies|chiffre\s+d|"
    r"retombées|participations?|contributions?|achats?|commandes?|marchés?|capital|encours|épargne)"
)
# A money word earlier in the sentence, on the same line ('\Z': '$' would also match before a newline).
_MONEY_BEFORE = regex.compile(
    r"(?i:budget|montant|coût|enveloppe|investi\w*|dépens\w*|recettes?|subventions?|dotations?|financ\w*|consacr\w*|"
    r"euros|€|crédits?|emprunt\w*|dette|épargne|chiffre\s+d'affaires)[^.;\n]{0,40}\Z"
)
# '>' and '<' compare, but not in an arrow ('->', '=>') nor as a bullet opening a line
_NO_ARROW_NOR_BULLET = r"(?<![-=<>]|(?:^|\n)[ \t]*)"
_QUALIFIER_BEFORE = (
    (
        regex.compile(
            r"(?:(?i:\benviron|\benv\.|\bprès\s+d(?:e\s|['’])|\b[àa]\s+peu\s+près|\bquasi(?:ment)?|\bapproximativement"
            r"|\bune\s+centaine\s+de|\bquelques?|\bde\s+l['’]ordre\s+de)|[≈~])\s*$"
        ),
        "approx",
    ),
    (
        regex.compile(
            r"(?:(?i:\bplus\s+d(?:e\s|['’])|\+\s*de|\bau\s+moins|\bsupérieur\w*\s+à|\bau\s+minimum"
            r"|\bau[- ]delà\s+d(?:e\s|['’]))"
            rf"|≥|{_NO_ARROW_NOR_BULLET}>)\s*$"
        ),
        "at_least",
    ),
    (
        regex.compile(
            r"(?:(?i:\bmoins\s+d(?:e\s|['’])|\bjusqu['’]\s*à|\bau\s+plus|\binférieur\w*\s+à|\bau\s+maximum)"
            rf"|≤|{_NO_ARROW_NOR_BULLET}<)\s*$"
        ),
        "at_most",
    ),
)

_ORDINAL_AFTER = regex.compile(r"(?:ères?|ers?|èmes?|emes?|e|nde?s?|°)(?!\p{L})")
_WORD_AFTER = regex.compile(r"\p{L}")
_DATE_AFTER = regex.compile(rf"(?:er)?\s*(?:(?:et|au|à|-)\s*\d{{1,2}}(?:er)?\s+)?(?i:{MONTHS})\b")
_PHONE = regex.compile(r"(?<!\d)(?:\+33\s*(?:\(0\)\s*)?[1-9]|0[1-9])(?:[ .\u00a0-]?\d\d){4}(?!\d)")
_POSTAL_AFTER = regex.compile(r"[ \t]+\p{Lu}")
_STREET_AFTER = regex.compile(
    r"\s*(?:bis|ter)?\s*,?\s+(?i:av\.|(?:avenue|rue|boulevard|bd|place|chemin|allée|impasse|route|quai|cours|"
    r"square|esplanade|rond-point|parvis|voie|passage|promenade|faubourg|résidence)\b)"
)
# Numbers that name rather than count: "cycle 3", "phase 2", "n° 3", "CS 40548", "PAGES 5 > 12",
# "p. 12", "décret 2011-687", "Chapitre 4".
_NAMING_BEFORE = regex.compile(
    r"(?:\b(?i:cycle|phase|lot|tranche|niveau|n°|no|numéro|article|acte|actes|version|étape|"
    r"axe|semestre|trimestre|volet|palier|pilier|pages?|pp?\.|décret|loi|arrêté|ordonnance|circulaire|"
    r"directive|délibération|règlement|alinéa|annexe|chapitre|partie|section|titre|fiche|orientation|"
    r"finalité|enjeu|défi|priorité|objectif\s+stratégique|objectif\s+opérationnel|ambition|"
    r"lots|phases|tranches|articles|axes|étapes|volets|chapitres|annexes|fiches|cycles|niveaux|"
    r"zone|secteur|bâtiment|salle|bureau|ligne|route|RD|RN|boîte|facteur|cedex|scopes?|tableau|figure|graphique"
    r"|carte|schéma|illustration|encadré)|\bAction|\bSDG|\bODD"
    r"|\b(?:PM|SDIS|SIVOM|SIVU|ISSN|ISBN|RPQS|CCAS|CIAS|RCS(?:\s+\p{Lu}[\p{L}-]+)?|SIRE[NT])"
    r"|\b(?:CS|BP|ISO|NF|EN|RN|RD|ZA[EL]?)"
    r"|\bZEC(?:\s+de)?\s+\p{Lu}\p{Ll}+|\p{L}-"
    r"|(?i:\bpages?)\s*\d+\s*>)(?:[ \u00a0\u202f]?|[ \t]*\n[ \t]*)$"  # one space: not across a table's cells
)
# "BP 10 304", "RCS Lyon 481 210 243": the name takes the whole grouped number
_WHOLE_NAME_BEFORE = regex.compile(r"\b(?:BP|CS|RCS(?:\s+\p{Lu}[\p{L}-]+)?|SIRE[NT]|(?i:cedex))\s*$")
# "lots 1 et 2", "pages 4 à 8", "axes 1, 2 et 3": the name takes the bare numbers listed after its first
_LIST_COMMA = r"[ \u00a0]*,[ \u00a0]*"
_LIST_AND = r"[ \u00a0]+(?:et|à|ou|-|–)[ \u00a0]+"
_NAMED_LIST_NEXT = regex.compile(
    rf"(?:(?P<comma>{_LIST_COMMA})|{_LIST_AND})[0-9]{{1,3}}"
    r"(?![0-9]|[.,][0-9]|[ \u00a0\u202f][0-9]{3}(?![0-9]))"  # not a decimal nor the head of a grouped number
)
# A named item ends the clause or is followed by the list's next item, 'du', 'de', 'des' or a verb:
# "172 en cycle 2, 61 en cycle 3" is a list of counts, each with its own name.
_NAMED_ITEM_END = regex.compile(
    rf"[ \u00a0]*(?:$|[^\p{{L}}\s]|\n|(?:du|de|des|d['’]|sont|seront|ont|est|sera)\b)|{_LIST_AND}[0-9]"
)
# An item after a comma is named only when the list goes on: "phase 1, 30 des 45 bornes" counts 30
_NAMED_LIST_GOES_ON = regex.compile(rf"(?:{_LIST_COMMA}|{_LIST_AND})[0-9]")
_LIST_NUMBER = regex.compile(
    r"(?m)^[ \t•\-]*(?:\d{1,2}[ \t]*(?:[.)]|[-–])[ \t]+\p{Lu}|\(?\d{1,2}\)[ \t]+\p{L})"
)
# "4.6.1 Les déchets", "2.1 - Le climat": a section number opening its heading.
_SECTION_NUMBER = regex.compile(r"[ \t•]*\d{1,2}(?:\.\d{1,2})+\.?[ \t]*[-–:]?[ \t]+[\p{Lu}«\"]")
_FUNCTION_WORDS = (
    "et|est|sont|de|des|du|d|sera|seront|en|a|ont|un|une|le|la|les|l|était|à|au|aux|avec|dans|par|pour|sur|"
    "deux|trois|qui|que|dont|ou|va|vont|se|ce|cette|aussi|déjà|encore|puis|alors|ainsi|mais|car|donc"
)
_NOUN_AFTER = regex.compile(rf"[ \t]+(?!(?:{_FUNCTION_WORDS})\b)\p{{Ll}}{{3,}}")
_YEAR_BEFORE = regex.compile(
    rf"(?i:\b(?:en|depuis|dès|année|d'ici|horizon|jusqu'en|fin|début|mi|courant|été|hiver|{MONTHS}))\s*-?\s*$"
)
# A year used as an adjective, "le bilan 2022 montre", or in a name, "Plan Climat 2030 fixe";
# a verb before it makes it a count: "a livré 2000 bacs", "accompagné 2024 ménages".
_NAME_OR_NOUN_BEFORE = regex.compile(
    r"(?:\p{Lu}\p{L}*|\b(?!(?:pour|avec|dans|sans|vers|parmi|environ|plus|moins|près|total|soit|dont)\b)"
    r"\p{Ll}{4,}(?<!(?:é|ée|és|ées|ent|ait|aient|ons|ez|ira|era)))[ \t]*$"
)
# The caption under a key figure starts with a lowercase word (not a web address).
_CAPTION = regex.compile(r"\s*\n\s*(?!www\.|https?:)\p{Ll}")
# "Jean-Monnet 1 à Béthune", "ZEC de Gosnay 1, La Comté": a name inside a sentence, then no noun.
_PROPER_NAME_BEFORE = regex.compile(
    r"(?:\p{L}[ ,]+|\(|«[ \u00a0\u202f]*)\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*[ \u00a0]$"
)
_NAME_END_AFTER = regex.compile(r"[ \t\u00a0\u202f]*(?:[,)»]|à\b|et\b)")
# "Saintes (17)", "Charente-Maritime (17)": a département code after a place name.
_DEPARTMENT_BEFORE = regex.compile(r"\p{Lu}\p{Ll}+(?:[- ']\p{L}+)*\s*\(\s*$")
_CLOSING_PAREN = regex.compile(r"\s*\)")
# Times of day: "8h30", "15:12", "de 24 h à 6 h", "ouvert jusqu'à 19 h"; "24h/24", "7j/7".
_CLOCK_GLUED = regex.compile(r"[hH:][0-9]{2}(?![0-9])")
_CLOCK_RANGE = regex.compile(
    r"(?:(?i:\b(?:de|entre)\s+)[0-9]{1,2}\s*h(?:\s*[0-9]{2})?\s*(?:à|et|-|–)"
    r"|\b[0-9]{1,2}\s*h(?:\s*[0-9]{2})?\s*[-–])\s*[0-9]{1,2}\s*h(?:\s*[0-9]{2})?\b"
)
_MINUTES_BEFORE = regex.compile(r"[0-9]\s*h(?:eures?)?\s*$")
_CLOCK_BEFORE = regex.compile(r"(?i:\b(?:à|dès|vers|avant|après|jusqu['’]à|et))\s*$")
_DURATION_AFTER = regex.compile(rf"\s*(?:de\s+|d{_APOS})\s*\p{{L}}")
_ROUND_THE_CLOCK = regex.compile(r"\s*(?:/|sur)\s*(?P<of>[0-9]+)\b")
_TIMES = regex.compile(r"[ \u00a0]?[x×][ \u00a0]?[0-9]")
_TIMES_BEFORE = regex.compile(r"[0-9][ \u00a0]?[x×][ \u00a0]?$")
_GLUED_AFTER = regex.compile(r"[-/][0-9]")
_GLUED_BEFORE = regex.compile(r"[0-9][-/] ?$")
# "3-5 %", "12-14 ans": two short numbers joined by a hyphen are a range when a unit follows the second
_GLUED_RANGE = regex.compile(r"(?<![\p{L}0-9.,/-])(?:0|[1-9][0-9]{0,2})-(?:0|[1-9][0-9]{0,2})(?![0-9.,/-])")
_DASH_BEFORE = regex.compile(r"(?:^|\s)[-–][ \u00a0]?$")
_DASH_AFTER = regex.compile(r"[ \u00a0]?[-–][ \t]*(?:\n|$)")
_PRINT_SLUG = regex.compile(r"\.(?:indd|qxp|qxd|pdf|docx?)\b")
# Tables of contents: leaders before a page number, and the headings that name the page.
_LEADERS = regex.compile(r"(?:\.{3,}|…+|(?:\.[ \t]){3,}|_{3,})[ \t]*$")
_TOC_HEADING = regex.compile(r"(?im)^[ \t]*(?:sommaire|table\s+des\s+mati[èe]res|au\s+sommaire|contents)\b")
_TOC_LEADER_LINE = regex.compile(r"(?m)(?:\.{3,}|…+|(?:\. ){3,}|_{3,})[ \t]*[0-9]{1,3}[ \t]*$")
_TOC_NUMBER_FIRST = regex.compile(r"(?m)^[ \t]*(?P<page>[0-9]{1,3})[ \t]+(?:[\p{Lu}«]|(?:19|20)[0-9]{2}\b)")
_TOC_NUMBER_LAST = regex.compile(r"\S(?:[ \t]{2,}|[ \t]*[|•·–-][ \t]*)$")


_PLUS = regex.compile(rf"^\+?{_SPACE}*")
_SPACE_GROUPED = regex.compile(rf"{_D}{{1,3}}(?:{_SPACE}{_D}{{3}})+(?:,{_D}+)?")
_SPACES = regex.compile(_SPACE)
_DOT_GROUPED = regex.compile(rf"{_D}{{1,3}}(?:\.{_D}{{3}})+(?:,{_D}+)?")
_ONE_DOT_GROUP = regex.compile(rf"{_D}{{1,3}}\.{_D}{{3}}")
_PLAIN = regex.compile(rf"{_D}+(?:[.,]{_D}+)?")
_VERSION = regex.compile(r"\d+\.0")
_WORD_OR_FIGURE_END = regex.compile(r"[\w%€)]\s*$")
_POINT = regex.compile(r"[ \u00a0]*points?\b(?:\s+de\s+pourcentage\b)?")
_PER_INHABITANT_AFTER = regex.compile(_PER_INHABITANT)
_PER_INHABITANT_UNITS = ("eur_per_inhabitant", "kg_per_inhabitant", "count", "other")
_PER_YEAR_ONLY = regex.compile(r"[ \u00a0]?/[ \u00a0]?an")
_PER_MORE = regex.compile(r"(?:[ \u00a0]?/[ \u00a0]?\p{L}[\p{L}²³23]*)+")
_FIGURE_END = regex.compile(r"[0-9%€]\s*$")
# A table's cell (three spaces or a tab before it: two are often a typing slip), or a value after leaders
_CELL_GAP = regex.compile(r"\S(?:[ \u00a0]{3,}|\t)$|(?:\.{3,}|…+)[ \u00a0]*$")
_LIST_IN_PARENTHESES = regex.compile(r"\([^()]*[0-9][^()]*$")
_GAP = regex.compile(r"[ \t\u00a0\u202f\u2009]*(?:\n\s*)?")
_DIGIT = regex.compile(r"\d")
# Evidence of how a document writes its decimals: "17,16" against "1.8 km" or "12.75 %".
_DECIMAL_COMMA = regex.compile(r"(?<![0-9.,])[0-9]+,[0-9]+(?![0-9]*[.,][0-9])")
# A numbered heading ('1.3 La mobilité', "2.1 L'eau" at a line's start) is no decimal: a report with
# a numbered plan would otherwise read as one of decimal dots, and '205.000 €' as 205 €. A unit in
# capitals ('2.5 MWh', '1.5 M€', '3 Md€') is no heading: a title's first word is an article or goes on
# in small letters.
_DECIMAL_DOT = regex.compile(
    r"(?m)(?<![0-9.,])(?!(?<=^[ \t\f]*)[0-9]{1,2}\.[0-9]{1,2}[ \t]+\p{Lu}(?:\p{Ll}{2,}|\p{Ll}?['’ \t]))"
    r"[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})(?![0-9]*[.,][0-9])\s*(?:%|€|[kKM]\s*€|\p{L})"
)


@dataclass(frozen=True)
class Quantity:
    """One figure found in a text: its normalized value and where it stands."""

    value: float
    unit: str
    raw: str
    start: int  # offset of the first character of `raw` in the searched text
    end: int
    qualifier: str | None = None


def writes_decimal_dot(text: str) -> bool:
    """Whether a document writes decimals with a dot ('1.8 km') more often than with a comma.

    It decides the one ambiguous shape, a single dot before three digits: '1.340 M€'
    is 1340 M€ in a document of decimal commas (the French rule: the dot groups
    thousands, as in '205.000 €') and 1.34 M€ in a document of decimal dots.
    """
    return len(_DECIMAL_DOT.findall(text)) > len(_DECIMAL_COMMA.findall(text))


def parse_number(text: str, decimal_dot: bool = False) -> float:
    """Read one French-written number: '1 406 000', '17,16', '1.8', '205.000', '1.234,56', '-3'.

    '205.000' is read as thousands unless `decimal_dot` (see `writes_decimal_dot`).
    A number beyond a float's range (about 1.8e308) is refused rather than read as
    infinity, which JSON and the tables' readers cannot carry.
    """
    stripped = text.strip()
    negative = stripped[:1] in ("-", "–", "−")
    digits = _PLUS.sub("", stripped[1:].lstrip() if negative else stripped)
    if _SPACE_GROUPED.fullmatch(digits):
        value = float(_SPACES.sub("", digits).replace(",", "."))
    elif decimal_dot and _ONE_DOT_GROUP.fullmatch(digits):
        value = float(digits)
    elif _DOT_GROUPED.fullmatch(digits):
        value = float(digits.replace(".", "").replace(",", "."))
    elif _PLAIN.fullmatch(digits):
        value = float(digits.replace(",", "."))
    else:
        raise ValueError(f"not a number: {text!r}")
    if not math.isfinite(value):
        raise ValueError(f"number too large: {text[:20]!r}...")
    return -value if negative else value


def read_quantity(text: str, decimal_dot: bool = False) -> Quantity | None:
    """The first figure of a short text such as '1,1 M€' or 'environ 610km'."""
    found = find_quantities(text, decimal_dot)
    return found[0] if found else None


def find_quantities(text: str, decimal_dot: bool = False) -> list[Quantity]:
    """Every figure of `text`, in order, numerals that are not figures left out."""
    lines_starts = _line_starts(text)
    toc = is_contents_page(text)
    clock_spans = [hit.span() for hit in _CLOCK_RANGE.finditer(text)]
    found: list[Quantity] = []
    position = 0
    while (match := _NUMBER.search(text, position)) is not None:
        start, end = match.span("num")
        position = end
        if _NAMING_BEFORE.search(text, max(0, start - 40), start):
            # "cycle 1 172 en cycle 2": the name takes one number; a figure may follow it
            if not _WHOLE_NAME_BEFORE.search(text, max(0, start - 40), start):
                position = start + len(match.group("num").split()[0])
            position = _named_list_end(text, position)
            continue
        line_start = lines_starts[_line_index(lines_starts, start)]
        if not _is_figure(text, start, end, line_start, toc):
            continue
        try:
            value = parse_number(match.group("num"), decimal_dot)
        except ValueError:  # too large to be a figure
            continue
        suffix_end, unit, scale = _read_suffix(text, end, start)
        position = suffix_end  # a unit's own digits ('CO 2') are no figure
        if unit == "count" and _is_heading_number(text, start, end, line_start, toc):
            continue
        clock_end = (
            _clock_time_end(text, start, end, suffix_end, value, clock_spans)
            if unit in ("h", "other")
            else None
        )
        if clock_end is not None:
            position = clock_end  # '7 jours sur 7': the second 7 belongs to the time too
            continue
        signed = match.group("sign") is not None and _is_sign(text, match.start(), start, unit)
        leading_plus = _is_leading_plus(text, match.start())
        plus = text[match.start()] == "+"
        point = _POINT.match(text, end) if unit == "count" and (signed or plus) else None
        if point is not None:  # "+0,6 point", "-2 points": a change in percentage points
            suffix_end, unit = point.end(), "other"
        raw_start = match.start() if leading_plus or signed else start
        is_change = unit == "percent" or _POINT.match(text, end, suffix_end) is not None
        qualifier = "at_least" if leading_plus and not is_change else None  # "+ 8 %" is a change
        qualifier = _qualifier_before(text, raw_start) or qualifier
        if (
            unit == "count"
            and _is_year(value, match.group("num"))
            and not _counts_something(text, start, end)
        ) or not math.isfinite(scaled(value, scale)):
            continue
        found.append(
            Quantity(
                value=scaled(-value if signed else value, scale),
                unit=unit,
                raw=_raw(text[raw_start:suffix_end]),
                start=raw_start,
                end=suffix_end,
                qualifier=qualifier,
            )
        )
    return _table_units(text, _spread_range_units(text, found, decimal_dot), lines_starts)


def _named_list_end(text: str, position: int) -> int:
    """Where the list of numbers a name took ends: '3 bacs' after 'phase 2 et' is a figure again."""
    while (item := _NAMED_LIST_NEXT.match(text, position)) is not None:
        item_end = _NAMED_LIST_GOES_ON if item["comma"] is not None else _NAMED_ITEM_END
        if _read_suffix(text, item.end())[1] != "count" or not item_end.match(text, item.end()):
            break
        position = item.end()
    return position


def _is_sign(text: str, sign_at: int, number_at: int, unit: str) -> bool:
    """'-3 %', 'évolution : – 12 %', '−0,8': a minus; not '2 - 8', 'Gaz - 975 k€' or a '- 12' bullet."""
    if text[sign_at] == "−":
        return True
    line_start = text.rfind("\n", 0, sign_at) + 1
    if _CELL_GAP.search(text, line_start, sign_at):
        return True  # "252,3      – 12 %": the sign opens a table cell
    if _FIGURE_END.search(text, line_start, sign_at):
        return False  # "de 4 - 8 %", "850 km - 12 km"
    glued = number_at == sign_at + 1
    if not glued and _LIST_IN_PARENTHESES.search(text, max(0, sign_at - 60), sign_at):
        return False  # "(25 % DSIL\n- 15 % CEE)": a dash between the items of a list
    if glued:
        return True  # "recule de -3 %", "−0,8", "-12 t"
    before = text[line_start:sign_at].strip(" \t•")
    if (
        before
    ):  # "affiche – 12 %", "Écart : - 1 200 €"; not "Gaz - 975 k€" nor "sportifs” - 1 220 participants"
        return unit == "percent" or (unit == "EUR" and before.endswith(":"))
    return unit in ("percent", "EUR")  # a line opening "– 12 %"; not a "- 12 bornes" bullet


def _is_leading_plus(text: str, start: int) -> bool:
    """'+ 2 500 enfants' means at least; '850 km + 1226 km' is an addition."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[start] == "+" and not _WORD_OR_FIGURE_END.search(text[line_start:start])


def scaled(value: float, scale: float) -> float:
    """`value` times `scale`, rounded so that 1,1 x 1e6 stays 1100000.0."""
    return round(value * scale, 6) if scale != 1.0 else value


def _raw(text: str) -> str:
    return " ".join(text.split()) if "\n" in text else text.strip()


def _read_suffix(text: str, end: int, start: int | None = None) -> tuple[int, str, float]:
    """Unit and scale written after the number ending at `end` (that started at `start`).

    A unit ('12 MWh'), a scale and a unit ('3 millions de kWh', '1,1 M€'), or a scale
    word alone: '17,6 millions d'investissement' is money, '2 millions de visiteurs' a count.
    """
    gap = _GAP.match(text, pos=end)
    assert gap is not None  # the pattern matches the empty string
    crossed = "\n" in gap.group()
    found = _unit_at(text, gap.end(), crossed)
    if found is not None:
        return found
    word = _SCALE_WORD.match(text, gap.end())
    letter = None if word else _SCALE_LETTER.match(text, gap.end())
    scale_hit = word or letter
    if scale_hit is None or (letter is not None and crossed):
        return end, "count", 1.0
    scale = _SCALES[next(name for name, group in scale_hit.groupdict().items() if group)]
    of = _OF.match(text, scale_hit.end())
    assert of is not None  # the pattern matches the empty string
    unit = _unit_at(text, of.end(), False)
    if unit is not None and (word is not None or unit[1] != "count") and _letter_fits(letter, unit[1]):
        return unit[0], unit[1], scale * unit[2]
    if word is None and not _million_of_things(letter, text, of):
        return end, "count", 1.0
    about_money = _MONEY_AFTER.match(text, scale_hit.end()) or (
        start is not None and _MONEY_BEFORE.search(text, max(0, start - 60), start)
    )
    return scale_hit.end(), "EUR" if about_money else "count", scale


def _million_of_things(letter: regex.Match[str] | None, text: str, of: regex.Match[str]) -> bool:
    """'3,5 M de passagers', "2 M d'investissement": set apart, before 'de' and a word in small letters,
    the letter M stands for the word 'millions' (not in '3M et Renault')."""
    return (
        letter is not None
        and letter["million"] is not None
        and text[letter.start() - 1].isspace()
        and bool(of.group().strip())
        and text[of.end() : of.end() + 1].islower()
    )


def _letter_fits(letter: regex.Match[str] | None, unit: str) -> bool:
    """'k' and 'Md' scale only euros ('k€', 'Md€'); 'M' scales any unit ('M€', 'M m3/an', 'M de km')."""
    return letter is None or letter["million"] is not None or unit == "EUR"


# One pattern trying the units in order, each a named group: one match where 40 were. A unit that
# may not follow on a later line ('m', 't', 'h', 'l') never shadows one that may: those come first.
_ANY_UNIT = regex.compile(
    "|".join(f"(?P<u{index}>{unit.pattern})" for index, unit in enumerate(_UNITS)), regex.VERBOSE
)


def _unit_at(text: str, position: int, crossed: bool) -> tuple[int, str, float] | None:
    """The unit written at `position` (the first of `_UNITS` that matches there), with its scale."""
    hit = _ANY_UNIT.match(text, pos=position)
    if hit is None or hit.lastgroup is None:
        return None
    unit = _UNITS[int(hit.lastgroup[1:])]
    if crossed and not unit.crosses_lines:
        return None
    per_inhabitant = _PER_INHABITANT_AFTER.match(text, hit.end())
    if per_inhabitant is not None and unit.unit not in _PER_INHABITANT_UNITS:
        return per_inhabitant.end(), "other", 1.0  # "4,4 teqCO2 par habitant": a ratio outside the list
    per = _PER_MORE.match(text, hit.end())
    if per is not None and _PER_YEAR_ONLY.fullmatch(per.group()):
        return per.end(), unit.unit, unit.scale  # "1 200 kWh/an", "846 t/an": a year's quantity
    if per is not None:  # "10,6 kg/foyer/mois", "3,9 m3/km/j": a ratio outside the list
        return per.end(), "other", 1.0
    return hit.end(), unit.unit, unit.scale


def _qualifier_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 30) : start]
    for pattern, qualifier in _QUALIFIER_BEFORE:
        if pattern.search(before):
            return qualifier
    return None


def _is_year(value: float, raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2099


def _counts_something(text: str, start: int, end: int) -> bool:
    """A year-like number that counts: '2000 composteurs', or a key figure '2013\npersonnes'."""
    if _YEAR_BEFORE.search(text, max(0, start - 25), start):
        return False
    if _is_key_figure(text, start, end):
        return True
    return bool(_NOUN_AFTER.match(text, end)) and not _NAME_OR_NOUN_BEFORE.search(
        text, max(0, start - 25), start
    )


def _is_key_figure(text: str, start: int, end: int) -> bool:
    """A number alone on its line with a lowercase caption on the next line: '2013\npersonnes'."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    return bool(_CAPTION.match(text, line_end))


def _is_figure(text: str, start: int, end: int, line_start: int, toc: bool) -> bool:
    """False for numerals that name, date or number things instead of measuring them."""
    after = text[end : end + 40]
    before = text[max(0, start - 40) : start]
    raw = text[start:end]
    if _ORDINAL_AFTER.match(after) or _is_glued_identifier(text, end):
        return False
    if _DATE_AFTER.match(after) or _CLOCK_GLUED.match(after) or _MINUTES_BEFORE.search(before):
        return False
    glued = _GLUED_AFTER.match(after) or _GLUED_BEFORE.search(text, max(0, start - 3), start)
    if glued and not _in_glued_range(text, start, end):
        return False  # "2023-0379", "26/02/2019", "1314-2023-DEM": dates and identifiers
    if raw[0] == "0" and len(raw) > 1 and raw.isdigit():
        return False  # "0379", "001": leading zeros number a file, they never count
    if _TIMES.match(after) or _TIMES_BEFORE.search(before):
        return False  # « 3 x 20 »: a slogan or a dimension, not a figure
    if after[:1] in ".," and after[1:2].isdigit():
        return False  # "4.6.1", "1.2.3.4": a section or version number
    if _PROPER_NAME_BEFORE.search(before) and _NAME_END_AFTER.match(after):
        return False  # "Jean-Monnet 1 à Béthune", "ZEC de Gosnay 1, La Comté"
    if _DEPARTMENT_BEFORE.search(before) and len(raw) <= 3 and _CLOSING_PAREN.match(after):
        return False  # "Saintes (17)"
    if _covering(_PHONE, text, start, end, 24):  # a phone number is at most 21 characters
        return False
    if raw.isdigit() and len(raw) == 5 and _POSTAL_AFTER.match(after):
        return False
    if _STREET_AFTER.match(after):  # "100 avenue de Londres", "au 1069, boulevard"
        return False
    if _VERSION.fullmatch(raw) and _read_suffix(text, end)[1] == "count":  # "Industrie 4.0", not "2.0M€"
        return False
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if _DASH_BEFORE.search(before) and _DASH_AFTER.match(after):
        return False  # "- 8 -": a page number between dashes
    if _PRINT_SLUG.search(line):
        return False  # "RA_2014_P1.indd 1 08/12/15 15:12"
    if (
        _LEADERS.search(text, line_start, start)
        and _ends_line(text, end)
        and (toc or (raw.isdigit() and len(raw) <= 3))
    ):
        return False  # "La mobilité ........ 12": a page number after leaders (not "Abonnés ..... 12 418")
    is_list_number = _LIST_NUMBER.match(text, pos=line_start) and not _DIGIT.search(text, line_start, start)
    return not is_list_number


def _in_glued_range(text: str, start: int, end: int) -> bool:
    """'3-5 %', '12-14 ans': a range, not an identifier ('RN 12-14' names, '12-14 rue Foch' is an address)."""
    hit = _covering(_GLUED_RANGE, text, start, end, 4)
    return hit is not None and _read_suffix(text, hit.end())[1] not in ("count", "h")  # '9-12 h': hours


def _is_heading_number(text: str, start: int, end: int, line_start: int, toc: bool) -> bool:
    """A number that numbers a heading or a contents entry: '2.1 Le climat', '18 La planification'."""
    if text[line_start:start].strip(" \t•"):
        return toc and _TOC_NUMBER_LAST.search(text, line_start, start) is not None and _ends_line(text, end)
    if _SECTION_NUMBER.match(text, line_start):
        return True
    return toc and _TOC_NUMBER_FIRST.match(text, line_start) is not None and len(text[start:end]) <= 3


def _ends_line(text: str, end: int) -> bool:
    line_end = text.find("\n", end)
    return not text[end : len(text) if line_end < 0 else line_end].strip()


def is_contents_page(text: str) -> bool:
    """A table of contents: so headed, or several entries with leaders or page numbers in order."""
    if _TOC_HEADING.search(text) or len(_TOC_LEADER_LINE.findall(text)) >= 3:
        return True
    pages = [int(hit["page"]) for hit in _TOC_NUMBER_FIRST.finditer(text)]
    rising = sum(1 for low, high in pairwise(pages) if low < high)
    return len(pages) >= 4 and rising >= len(pages) - 1


def _clock_time_end(
    text: str, start: int, end: int, suffix_end: int, value: float, clock_spans: list[tuple[int, int]]
) -> int | None:
    """Where a time of day ends ('de 24 h à 6 h', 'fermé à 19 h', '24h/24', '7 jours sur 7'); None for a
    duration."""
    round_the_clock = _ROUND_THE_CLOCK.match(text, suffix_end)
    if round_the_clock and float(round_the_clock["of"]) == value:
        return round_the_clock.end()
    if text[end:suffix_end].strip()[:1] not in ("h", "H") or value > 24 or value != int(value):
        return None
    if any(low <= start < high for low, high in clock_spans):
        return suffix_end
    if _CLOCK_BEFORE.search(text, max(0, start - 12), start) and not _DURATION_AFTER.match(text, suffix_end):
        return suffix_end
    return None


def _is_glued_identifier(text: str, end: int) -> bool:
    """Letters glued after the number that are no unit or scale: '4x4', '3D', '4G'."""
    if not _WORD_AFTER.match(text, end):
        return False
    suffix_end, unit, _ = _read_suffix(text, end)
    return suffix_end == end and unit == "count"


def _covering(
    pattern: regex.Pattern[str], text: str, start: int, end: int, reach: int
) -> regex.Match[str] | None:
    """The hit of `pattern`, searched `reach` characters around start:end, that covers start:end."""
    for hit in pattern.finditer(text, pos=max(0, start - reach), endpos=min(len(text), end + reach)):
        if hit.start() <= start and end <= hit.end():
            return hit
    return None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def _line_index(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


# One space at most on each side (or a line break): wider gaps separate the cells of a table.
_RANGE_JOIN = regex.compile(r"(?:[ \u00a0]?|\s*\n\s*)(?:à|-|–)(?:[ \u00a0]?|\s*\n\s*)")
_BETWEEN_JOIN = regex.compile(r"\s+et\s+")
_BETWEEN = regex.compile(r"(?i:\bentre)\s+$")


def _spread_range_units(text: str, found: list[Quantity], decimal_dot: bool) -> list[Quantity]:
    """'de 4 à 8M€', 'entre 4 et 8 M€': a bare first bound takes the unit and scale of the second."""
    result = list(found)
    for i in range(len(result) - 1):
        low, high = result[i], result[i + 1]
        if low.unit != "count" or high.unit == "count":
            continue
        gap = text[low.end : high.start]
        between = _BETWEEN_JOIN.fullmatch(gap) and _BETWEEN.search(text, 0, low.start)
        if not (_RANGE_JOIN.fullmatch(gap) or between):
            continue
        high_number = _NUMBER.match(high.raw)
        number = parse_number(high_number.group(), decimal_dot) if high_number else 0.0
        scale = high.value / number if number else 1.0
        result[i] = Quantity(scaled(low.value, scale), high.unit, low.raw, low.start, low.end, low.qualifier)
    return result


# --------------------------------------------------------------------------- tables

# A table says its unit once: in a caption ("montants en milliers d'euros", "(en M€)",
# "Montant (€)") or at the head of a column ("Tonnes   kg/hab/an   Évolution"). Its cells are
# bare numbers, set apart by runs of spaces.
_CAPTION_UNIT = regex.compile(r"(?i:\ben\s+)|\((?:(?i:en)\s+)?(?=[^()]{1,30}\))")
_CELLS = regex.compile(r"\S+(?:[ \u00a0]\S+)*")
_CELL_BEFORE = regex.compile(r"(?:^|\S(?:[ \u00a0]{2,}|\t))[ \t\u00a0]*$")
_PROSE = regex.compile(r"\p{Ll}{3,}[^\n]*[.;:]$|^(?=.{60})(?!.*\S(?:[ \u00a0]{2,}|\t)\S)")
_TABLE_REACH = 25  # lines a caption or a column head reaches down
_CELL_GAPS = regex.compile(r"(?:[ \u00a0]{2,}|\t)+")
_Head = TypeVar("_Head")
# A column headed by a year: "2021", "CA 2022", "BP 2023", "Réalisé 2022"
_YEAR_HEAD = regex.compile(
    r"(?:(?P<plan>(?i:BP|BS|DM|prévu|prévisionnel|budget|objectif|cible|projet|prévision|projection))\s+"
    r"|(?i:CA|réalisé|réalisation|compte|exercice|année|rappel)\s+)?(?P<year>20[0-9]{2})"
)


@dataclass(frozen=True)
class _Column(Generic[_Head]):
    start: int  # columns of the head cell on its line
    end: int
    head: _Head  # what the head cell says: a unit and its scale, a year


def _table_units(text: str, found: list[Quantity], line_starts: list[int]) -> list[Quantity]:
    """Bare numbers in the cells of a table take the unit its caption or column head gives."""
    if not found or "  " not in text:
        return found
    lines = text.split("\n")
    unit_of: dict[int, tuple[str, float]] = {}  # line index -> the caption's unit
    for index, caption in _reach_down(lines, _caption_unit):
        unit_of.setdefault(index, caption)
    columns_of = dict(_reach_down(lines, lambda line: _column_heads(line, _head_unit)))
    if not unit_of and not columns_of:
        return found
    result = []
    for quantity in found:
        index = _line_index(line_starts, quantity.start)
        unit = None
        if (
            quantity.unit == "count"
            and quantity.qualifier is None
            and _CELL_BEFORE.search(text, line_starts[index], quantity.start)
        ):
            start = quantity.start - line_starts[index]
            column = _column_above(columns_of.get(index, []), start, start + len(quantity.raw))
            unit = column.head if column is not None else unit_of.get(index)
        if unit is None:
            result.append(quantity)
        else:
            result.append(
                Quantity(
                    scaled(quantity.value, unit[1]),
                    unit[0],
                    quantity.raw,
                    quantity.start,
                    quantity.end,
                    quantity.qualifier,
                )
            )
    return result


def _caption_unit(line: str) -> tuple[str, float] | None:
    """'(en millions d'euros)', 'montants exprimés en milliers d'euros', 'Montant (€)': the unit said."""
    for hit in _CAPTION_UNIT.finditer(line):
        unit = _unit_phrase(line, hit.end())
        if unit is not None:
            return unit
    return None


def _unit_phrase(text: str, position: int) -> tuple[str, float] | None:
    """A unit with its scale, standing alone: 'millions d'euros', 'k€', 'MWh', 'tonnes'."""
    word = _SCALE_WORD.match(text, position) or _SCALE_LETTER.match(text, position)
    scale = 1.0
    if word is not None:
        scale = _SCALES[next(name for name, group in word.groupdict().items() if group)]
        of = _OF.match(text, word.end())
        assert of is not None  # the pattern matches the empty string
        position = of.end()
    unit = _unit_at(text, position, False) or _unit_at(
        text[:position] + text[position:].lower(), position, False
    )
    if unit is None or unit[1] == "count" or text[unit[0] : unit[0] + 1].isalnum():
        return None
    return unit[1], scale * unit[2]


def _reach_down(lines: list[str], read: Callable[[str], _Head | None]) -> list[tuple[int, _Head]]:
    """(line index, what a caption or head row above it says) for the rows of each table."""
    reached: list[tuple[int, _Head]] = []
    for index, line in enumerate(lines):
        said = read(line)
        if not said:
            continue
        for below in range(index + 1, min(len(lines), index + 1 + _TABLE_REACH)):
            row = lines[below]
            if _PROSE.search(row.strip()) or _caption_unit(row) or _column_heads(row, _head_unit):
                break
            reached.append((below, said))
    return reached


def _head_unit(cell: str) -> tuple[str, float] | None:
    """The unit a head cell names: 'Tonnes', 'kg/hab/an', 'Montant (k€)'; not '12 t'."""
    unit = _unit_phrase(cell, 0) if len(cell) <= 24 and not cell[:1].isdigit() else None
    return unit or _caption_unit(cell)


def _head_year(cell: str) -> tuple[int, bool] | None:
    year = _YEAR_HEAD.fullmatch(cell)
    return (int(year["year"]), year["plan"] is not None) if year else None


def _column_heads(line: str, read: Callable[[str], _Head | None]) -> list[_Column[_Head]]:
    """The cells of a table's head row (set apart by runs of spaces) that `read` understands."""
    cells = list(_CELLS.finditer(line))
    if len(cells) < 2 or "  " not in line:
        return []
    heads = []
    for cell in cells:
        head = read(cell.group())
        if head is not None:
            heads.append(_Column(cell.start(), cell.end(), head))
    return heads


def _column_above(columns: list[_Column[_Head]], start: int, end: int) -> _Column[_Head] | None:
    """The column head above the cell start:end on its line: the one that overlaps it most."""
    best: tuple[int, _Column[_Head]] | None = None
    for column in columns:
        overlap = min(end, column.end) - max(start, column.start)
        if overlap > -2 and (best is None or overlap > best[0]):
            best = (overlap, column)
    return best[1] if best else None


def column_year(text: str, start: int, end: int) -> tuple[int, bool] | None:
    """The year heading the table column of the figure at text[start:end] ('2021', 'CA 2022',
    'BP 2023'), and whether the head says it is a plan; None outside such a table.

    A table of two years puts last year's figures beside this year's: the column says which.
    """
    line_start = text.rfind("\n", 0, start) + 1
    gaps = list(_CELL_GAPS.finditer(text, line_start, start))
    cell_start = gaps[-1].end() if gaps else line_start  # "dont 59 rapides" is one cell
    if not gaps and text[line_start:start].strip() and "  " not in text[end : _line_end_at(text, end)]:
        return None
    for above in _lines_above(text, line_start, _TABLE_REACH):
        heads = _column_heads(above, _head_year)
        if len(heads) >= 2:
            column = _column_above(heads, cell_start - line_start, end - line_start)
            return column.head if column is not None else None
        if _PROSE.search(above.strip()):
            return None
    return None


def _lines_above(text: str, line_start: int, count: int) -> Iterator[str]:
    """The `count` lines above the line starting at `line_start`, nearest first (the page is not split)."""
    end = line_start - 1
    for _ in range(count):
        if end < 0:
            return
        start = text.rfind("\n", 0, end) + 1
        yield text[start:end]
        end = start - 1


def _line_end_at(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end
