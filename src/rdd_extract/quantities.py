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
from dataclasses import dataclass

import regex

UNITS = (
    "EUR",
    "percent",
    "count",
    "km",
    "m",
    "m3",
    "m3_per_year",
    "m3_per_day",
    "ha",
    "t",
    "kg",
    "h",
    "fte",
    "kwh",
    "other",
)
QUALIFIERS = ("approx", "at_least", "at_most")

_SPACE = "[ \u00a0\u202f\u2009]"
# Figures are written with ASCII digits. `\d` would also take other scripts' digits,
# some newer than the Unicode tables `float` knows, so number syntax says [0-9].
_D = "[0-9]"
# A number as printed: grouped thousands (space, no-break, narrow no-break),
# dotted thousands (205.000), or plain with a decimal comma or dot.
_NUMBER = regex.compile(
    rf"""(?<![\p{{L}}\d°/.,])(?:\+{_SPACE}*)?
    (?P<num>
        {_D}{{1,3}}(?:{_SPACE}{_D}{{3}})+(?:,{_D}+)?(?!\d)
      | {_D}{{1,3}}(?:\.{_D}{{3}})+(?![\d,])
      | {_D}+(?:[.,]{_D}+)?(?!\d)
    )""",
    regex.VERBOSE,
)

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    "octobre|novembre|décembre|decembre"
)


@dataclass(frozen=True)
class _Suffix:
    pattern: regex.Pattern[str]
    unit: str
    scale: float = 1.0
    crosses_lines: bool = True  # may the unit follow the number on a later line?


def _suffix(pattern: str, unit: str, scale: float = 1.0, crosses_lines: bool = True) -> _Suffix:
    return _Suffix(regex.compile(pattern, regex.VERBOSE), unit, scale, crosses_lines)


_APOS = "['’]"
# Ordered: the first suffix that matches right after the number wins.
_SUFFIXES = (
    _suffix(r"(?:k|K)\s*€(?:\s*HT\b)?", "EUR", 1e3),
    _suffix(r"Mds?\s*€(?:\s*HT\b)?", "EUR", 1e9),
    _suffix(r"M\s*€(?:\s*HT\b)?", "EUR", 1e6),
    _suffix(rf"(?i:milliards?)\s+(?:d{_APOS}\s*(?:€|euros?\b)|de\s+(?:€|euros?\b))", "EUR", 1e9),
    _suffix(rf"(?i:millions?)\s+(?:d{_APOS}\s*(?:€|euros?\b)|de\s+(?:€|euros?\b))", "EUR", 1e6),
    _suffix(rf"(?:M|(?i:millions?))\s*(?:de\s+|d{_APOS}\s*)?km\b", "km", 1e6),
    _suffix(r"M\s*m[3³]\s*/\s*an\b", "m3_per_year", 1e6),
    _suffix(r"(?i:millions?)\b", "count", 1e6),
    _suffix(r"€(?:\s*HT\b)?|(?i:euros?)(?:\s*HT\b)?\b", "EUR"),
    _suffix("%", "percent"),
    _suffix(r"(?:de\s+)?m[3³]\s*/\s*an\b", "m3_per_year"),
    _suffix(r"m[3³]\s*/\s*j(?:our)?\b", "m3_per_day"),
    _suffix(r"m[3³](?!\w)", "m3"),
    _suffix(r"km/h\b|m[²2](?!\w)", "other"),
    _suffix(r"(?:km|KM|kilomètres?)\b", "km"),
    _suffix(r"mètres?(?:\s+linéaires)?\b", "m"),
    _suffix(r"m\b(?![²³/])", "m", crosses_lines=False),
    _suffix(r"(?:ha|Ha|HA|hectares?)\b", "ha"),
    _suffix(r"tonnes?\b", "t"),
    _suffix(r"(?:T\.|t\b)", "t", crosses_lines=False),
    _suffix(r"kg\b", "kg"),
    _suffix(r"heures?\b", "h"),
    _suffix(r"h\b", "h", crosses_lines=False),
    _suffix(r"ETP\b|équivalents?\s+temps\s+pleins?\b", "fte"),
    _suffix(r"GWh\b", "kwh", 1e6),
    _suffix(r"MWh\b", "kwh", 1e3),
    _suffix(r"kWh\b", "kwh"),
    _suffix(r"(?:dernières\s+)?(?:ans|années|mois|semaines|jours|degrés)\b", "other"),
)

_QUALIFIER_BEFORE = (
    (
        regex.compile(
            r"(?i:\benviron|\bprès\s+de|\bquasi(?:ment)?|\bapproximativement|\bune\s+centaine\s+de)\s*$"
        ),
        "approx",
    ),
    (regex.compile(r"(?i:\bplus\s+de|\+\s*de|\bau\s+moins|\bsupérieur\w*\s+à)\s*$"), "at_least"),
    (regex.compile(r"(?i:\bmoins\s+de|\bjusqu['’]\s*à|\bau\s+plus|\binférieur\w*\s+à)\s*$"), "at_most"),
)

_ORDINAL_AFTER = regex.compile(r"(?:ères?|ers?|èmes?|emes?|e|nde?s?|°)(?!\p{L})")
_WORD_AFTER = regex.compile(r"\p{L}")
_DATE_AFTER = regex.compile(rf"(?:er)?\s*(?:(?:et|au|à|-)\s*\d{{1,2}}(?:er)?\s+)?(?i:{MONTHS})\b")
_PHONE = regex.compile(r"(?<!\d)0\d(?:[ .\u00a0]\d\d){4}(?!\d)")
_POSTAL_AFTER = regex.compile(r"[ \t]+\p{Lu}")
_STREET_AFTER = regex.compile(r"\s+(?i:avenue|rue|boulevard|bd|place|chemin|allée|impasse|route)\b")
# Numbers that name rather than count: "cycle 3", "phase 2", "n° 3", "CS 40548", "PAGES 5 > 12".
_NAMING_BEFORE = regex.compile(
    r"(?:\b(?i:cycle|phase|lot|tranche|niveau|n°|no|numéro|article|acte|actes|version|étape|"
    r"axe|semestre|trimestre|volet|palier|pilier|pages?)|\b(?:CS|BP|ISO|NF|EN|RN|RD|ZA[EL]?)"
    r"|\bZEC(?:\s+de)?\s+\p{Lu}\p{Ll}+|\p{L}-"
    r"|(?i:\bpages?)\s*\d+\s*>)\s*$"
)
_LIST_NUMBER = regex.compile(r"(?m)^[ \t•\-]*\d{1,2}[ \t]*(?:[.)]|[-–])[ \t]+\p{Lu}")
_FUNCTION_WORDS = (
    "et|est|de|des|du|d|sera|seront|en|a|ont|un|une|le|la|les|l|était|à|au|aux|avec|dans|par|pour|sur|"
    "deux|trois|qui|que|dont|ou|va|vont|se|ce|cette"
)
_NOUN_AFTER = regex.compile(rf"[ \t]+(?!(?:{_FUNCTION_WORDS})\b)\p{{Ll}}{{3,}}")
_YEAR_BEFORE = regex.compile(
    rf"(?i:\b(?:en|depuis|dès|année|d'ici|horizon|jusqu'en|{MONTHS}))\s*$"
    r"|\b(?!(?:pour|avec|dans|sans|vers|parmi|environ|plus|moins|près|total|soit|dont)\b)\p{Ll}{4,}[ \t]*$"
)  # the second line: a year used as an adjective, "le bilan 2022 montre"
# The caption under a key figure starts with a lowercase word (not a web address).
_CAPTION = regex.compile(r"\s*\n\s*(?!www\.|https?:)\p{Ll}")
# "Jean-Monnet 1 à Béthune", "ZEC de Gosnay 1, La Comté": a name inside a sentence, then no noun.
_PROPER_NAME_BEFORE = regex.compile(r"(?:\p{L}[ ,]+|\()\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*[ \u00a0]$")
_NAME_END_AFTER = regex.compile(r"[ \t]*(?:[,)]|à\b|et\b)")


_PLUS = regex.compile(rf"^\+?{_SPACE}*")
_SPACE_GROUPED = regex.compile(rf"{_D}{{1,3}}(?:{_SPACE}{_D}{{3}})+(?:,{_D}+)?")
_SPACES = regex.compile(_SPACE)
_DOT_GROUPED = regex.compile(rf"{_D}{{1,3}}(?:\.{_D}{{3}})+")
_PLAIN = regex.compile(rf"{_D}+(?:[.,]{_D}+)?")
_VERSION = regex.compile(r"\d+\.0")
_WORD_OR_FIGURE_END = regex.compile(r"[\w%€]\s*$")
_GAP = regex.compile(r"[ \t\u00a0\u202f\u2009]*(?:\n\s*)?")
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class Quantity:
    """One figure found in a text: its normalized value and where it stands."""

    value: float
    unit: str
    raw: str
    start: int  # offset of the first character of `raw` in the searched text
    end: int
    qualifier: str | None = None


def parse_number(text: str) -> float:
    """Read one French-written number: '1 406 000', '17,16', '1.8', '205.000'.

    A number beyond a float's range (about 1.8e308) is refused rather than read as
    infinity, which JSON and the tables' readers cannot carry.
    """
    digits = _PLUS.sub("", text.strip())
    if _SPACE_GROUPED.fullmatch(digits):
        value = float(_SPACES.sub("", digits).replace(",", "."))
    elif _DOT_GROUPED.fullmatch(digits):
        value = float(digits.replace(".", ""))
    elif _PLAIN.fullmatch(digits):
        value = float(digits.replace(",", "."))
    else:
        raise ValueError(f"not a number: {text!r}")
    if not math.isfinite(value):
        raise ValueError(f"number too large: {text[:20]!r}...")
    return value


def read_quantity(text: str) -> Quantity | None:
    """The first figure of a short text such as '1,1 M€' or 'environ 610km'."""
    found = find_quantities(text)
    return found[0] if found else None


def find_quantities(text: str) -> list[Quantity]:
    """Every figure of `text`, in order, numerals that are not figures left out."""
    lines_starts = _line_starts(text)
    found: list[Quantity] = []
    position = 0
    while (match := _NUMBER.search(text, position)) is not None:
        start, end = match.span("num")
        position = end
        if _NAMING_BEFORE.search(text, max(0, start - 40), start):
            # "cycle 1 172 en cycle 2": the name takes one number; a figure may follow it
            position = start + len(match.group("num").split()[0])
            continue
        if not _is_figure(text, start, end, lines_starts):
            continue
        try:
            value = parse_number(match.group("num"))
        except ValueError:  # too large to be a figure
            continue
        suffix_end, unit, scale = _read_suffix(text, end)
        leading_plus = _is_leading_plus(text, match.start())
        raw_start = match.start() if leading_plus else start
        qualifier = "at_least" if leading_plus and unit != "percent" else None
        qualifier = _qualifier_before(text, raw_start) or qualifier
        if (
            unit == "count"
            and _is_year(value, match.group("num"))
            and not _counts_something(text, start, end)
        ) or not math.isfinite(scaled(value, scale)):
            continue
        found.append(
            Quantity(
                value=scaled(value, scale),
                unit=unit,
                raw=_raw(text[raw_start:suffix_end]),
                start=raw_start,
                end=suffix_end,
                qualifier=qualifier,
            )
        )
    return _spread_range_units(text, found)


def _is_leading_plus(text: str, start: int) -> bool:
    """'+ 2 500 enfants' means at least; '850 km + 1226 km' is an addition."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[start] == "+" and not _WORD_OR_FIGURE_END.search(text[line_start:start])


def scaled(value: float, scale: float) -> float:
    """`value` times `scale`, rounded so that 1,1 x 1e6 stays 1100000.0."""
    return round(value * scale, 6) if scale != 1.0 else value


def _raw(text: str) -> str:
    return " ".join(text.split()) if "\n" in text else text.strip()


def _read_suffix(text: str, end: int) -> tuple[int, str, float]:
    """Unit and scale written after the number ending at `end`."""
    gap = _GAP.match(text, pos=end)
    assert gap is not None  # the pattern matches the empty string
    crossed = "\n" in gap.group()
    for suffix in _SUFFIXES:
        if crossed and not suffix.crosses_lines:
            continue
        hit = suffix.pattern.match(text, pos=gap.end())
        if hit:
            return hit.end(), suffix.unit, suffix.scale
    return end, "count", 1.0


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
    noun = _NOUN_AFTER.match(text, end)
    return bool(noun) or _is_key_figure(text, start, end)


def _is_key_figure(text: str, start: int, end: int) -> bool:
    """A number alone on its line with a lowercase caption on the next line: '2013\npersonnes'."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    return bool(_CAPTION.match(text, line_end))


def _is_figure(text: str, start: int, end: int, line_starts: list[int]) -> bool:
    """False for numerals that name, date or number things instead of measuring them."""
    after = text[end : end + 40]
    before = text[max(0, start - 40) : start]
    raw = text[start:end]
    if _ORDINAL_AFTER.match(after) or _is_glued_identifier(after):
        return False
    if _DATE_AFTER.match(after):
        return False
    if _PROPER_NAME_BEFORE.search(before) and _NAME_END_AFTER.match(after):
        return False  # "Jean-Monnet 1 à Béthune", "ZEC de Gosnay 1, La Comté"
    if _inside(_PHONE, text, start, end):
        return False
    if raw.isdigit() and len(raw) == 5 and _POSTAL_AFTER.match(after):
        return False
    if _STREET_AFTER.match(after):  # "100 avenue de Londres"
        return False
    if _VERSION.fullmatch(raw) and _read_suffix(text, end)[1] == "count":  # "Industrie 4.0", not "2.0M€"
        return False
    line_start = line_starts[_line_index(line_starts, start)]
    is_list_number = _LIST_NUMBER.match(text, pos=line_start) and not _DIGIT.search(text, line_start, start)
    return not is_list_number


def _is_glued_identifier(after: str) -> bool:
    """Letters glued after the number that are no unit: '4x4', '3D'."""
    if not _WORD_AFTER.match(after):
        return False
    return not any(suffix.pattern.match(after) for suffix in _SUFFIXES)


def _inside(pattern: regex.Pattern[str], text: str, start: int, end: int) -> bool:
    for hit in pattern.finditer(text, pos=max(0, start - 14), endpos=min(len(text), end + 14)):
        if hit.start() <= start and end <= hit.end():
            return True
    return False


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def _line_index(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset) - 1


_RANGE_JOIN = regex.compile(r"\s*(?:à|-|–)\s*")
_BETWEEN_JOIN = regex.compile(r"\s+et\s+")
_BETWEEN = regex.compile(r"(?i:\bentre)\s+$")


def _spread_range_units(text: str, found: list[Quantity]) -> list[Quantity]:
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
        number = parse_number(high_number.group("num")) if high_number else 0.0
        scale = high.value / number if number else 1.0
        result[i] = Quantity(scaled(low.value, scale), high.unit, low.raw, low.start, low.end, low.qualifier)
    return result
