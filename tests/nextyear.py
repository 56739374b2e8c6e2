"""A next-year edition of the reference report, made from the 2022 text for the tests.

What changes from one edition to the next, as far as the rules are concerned:
every figure gets a new value (same format), prose lines are wrapped differently,
a sheet is dropped, another is added, and the export now has form feeds between
pages. The pages are cleaned first, so that the raw text of each changed figure is
the one the pipeline reports (the 2022 text tests the cleaning itself).
`next_year_edition` returns the new text and how each figure changed, so a test
can say exactly which value each rule must find.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from rdd_extract.clean import clean_text, collapse_letter_spacing
from rdd_extract.layout import is_furniture, is_heading, split_pages
from rdd_extract.quantities import find_quantities, parse_number
from rdd_extract.sources import read_source

_NUMBER_PART = regex.compile(r"\d[\d \u00a0\u202f.,]*\d|\d")
ADDED_SHEET = """ L E  J A R D I N  P A R T A G É

Le jardin partagé
Un jardin ouvert à tous les habitants
du quartier, animé par l'Agglomération.

37
parcelles cultivées

2024

• 12 nouvelles parcelles.

Perspectives
"""


def format_french(value: float, decimals: int = 0) -> str:
    """Write a number the French way (narrow no-break thousands, decimal comma)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


@dataclass
class Edition:
    text: str
    changed: dict[tuple[int, str], float] = field(default_factory=dict)  # (page, old raw) -> value ratio
    dropped_page: int = 0


def spaced(raw: str) -> str:
    """A raw figure with its spaces made plain, to compare raw text before and after cleaning."""
    return " ".join(raw.replace("\u00a0", " ").replace("\u202f", " ").split())


def shifted(number: str) -> str:
    """The next year's number in the same format: '1 186' -> '1 193', '17,16' -> '18,16', '1.8' -> '2.8'."""
    value = parse_number(number)
    decimals = len(regex.split(r"[.,]", number)[-1]) if regex.search(r"[.,]\d{1,2}$", number) else 0
    new = value + 7 if value >= 20 else value + 1
    if decimals:
        sep = "," if "," in number else "."
        whole, _, frac = f"{new:.{decimals}f}".partition(".")
        return _grouped(int(whole), number) + sep + frac
    return _grouped(int(new), number)


def _grouped(value: int, like: str) -> str:
    if regex.search(r"\d[ \u00a0\u202f]\d{3}", like):
        return format_french(value).replace("\u202f", " ")
    return str(value)


def next_year_edition(reference: Path, drop_sheet_page: int = 21) -> Edition:
    """The 2023 edition: figures shifted, prose re-wrapped, page `drop_sheet_page` dropped, one page added."""
    pages = split_pages(read_source(reference))
    edition = Edition(text="", dropped_page=drop_sheet_page)
    texts = [""]  # printed page 1, the cover, has no text
    for page in pages:
        if page.number == drop_sheet_page:
            continue
        cleaned = clean_text(page.text)  # so that each figure's raw text is the one the pipeline reports
        next_text = cleaned.replace("2023", "2024").replace("2022", "2023")
        texts.append(_rewrap(_shift_figures(next_text, page.number, edition)))
    texts.insert(drop_sheet_page - 1, ADDED_SHEET)
    edition.text = "\f".join(texts)
    return edition


def _shift_figures(text: str, page: int, edition: Edition) -> str:
    pieces: list[str] = []
    cursor = 0
    for quantity in find_quantities(text):
        line_start = text.rfind("\n", 0, quantity.start) + 1
        line = text[line_start : text.find("\n", quantity.start) % (len(text) + 1)]
        if is_heading(collapse_letter_spacing(line).strip()) or is_furniture(line, page):
            continue  # running titles, "P I L I E R  2", footers, page numbers: printed as they are
        number = _NUMBER_PART.search(text, quantity.start, quantity.end)
        if number is None or regex.fullmatch(r"(?:19|20)\d\d|0+", number.group()):
            continue
        new_number = shifted(number.group())
        pieces.append(text[cursor : number.start()] + new_number)
        cursor = number.end()
        edition.changed[(page, spaced(quantity.raw))] = parse_number(new_number) / parse_number(
            number.group()
        )
    return "".join(pieces) + text[cursor:]


def _rewrap(text: str) -> str:
    """Join every other pair of long prose lines: the same words, other line breaks."""
    lines = text.split("\n")
    out: list[str] = []
    join_next = False
    for line in lines:
        stripped = line.strip()
        prose = (
            len(stripped) > 35
            and not line.startswith(" ")
            and stripped[-1] not in ".:"
            and not is_heading(collapse_letter_spacing(stripped))
        )
        if join_next and prose and out:
            out[-1] = out[-1].rstrip() + " " + line.strip()
            join_next = False
            continue
        out.append(line)
        join_next = prose and not join_next
    return "\n".join(out)
