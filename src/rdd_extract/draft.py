"""`rdd rules init`: draft a rule family from one report, so that a collectivité gets named
indicators that keep their keys from year to year without writing fifty files by hand.

The generic detector reads the report; each sheet it finds becomes a rule file, each figure a
rule whose pattern is made of the words around the figure, never of its number nor of a year
(next year's edition prints other numbers), in the style of the bundled rules. A pattern that
also matches elsewhere on its sheet grows by a word on each side, and if it still matches twice
takes the occurrence it is: those are listed for a person to review.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from rdd_extract.figures import AUTO_RULE, Extracted, Figure, page_quantities
from rdd_extract.layout import Document, Page, Sheet, slugify
from rdd_extract.profile import GENERIC, GENERIC_PART_WORDS
from rdd_extract.quantities import Quantity
from rdd_extract.rules import FAMILY_FILE, compile_rule_pattern

# "Communauté urbaine de Valmont", "Métropole de Sarlieu", "Département de l'Isère"
_COLLECTIVITE = regex.compile(
    r"(?P<kind>Communauté\s+(?:d['’]\s*agglomération|urbaine|de\s+communes)|Métropole|Ville|Commune"
    r"|Département|Région|Syndicat(?:\s+mixte|\s+intercommunal|\s+départemental)?|Parc\s+naturel\s+régional)"
    r"\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)?"
    r"(?P<place>\p{Lu}[\p{L}'’-]*(?:[ -](?:\p{Lu}[\p{L}'’-]*|sur|en|lès|les)){0,3})"
)
_TOKEN = regex.compile(r"[0-9]+|\p{L}+(?:['’]\p{L}+)*|\s+|.", regex.DOTALL)
_STOP = regex.compile(r"[.!?;:•]|\n\s*\n")  # a sentence or a paragraph ends: the words stop there
_DIGITS = r"[0-9]+(?:[  .,][0-9]+)*"  # any number written in its place: it changes every year
_ANY_SIGN = "(?:[-+−–] ?)?"  # a figure's sign, or none: a rise this year is a fall next year
_MOST_WORDS = 8


@dataclass(frozen=True)
class DraftRule:
    sheet_id: str
    id: str
    label: str
    pattern: str
    unit: str
    kind: str
    block: str
    occurrence: int  # 1 unless the words around the figure are found more than once on its sheet


@dataclass(frozen=True)
class DraftSheet:
    sheet: Sheet
    match: str
    rules: tuple[DraftRule, ...]


@dataclass(frozen=True)
class Draft:
    family: str
    name: str
    match: str
    part_words: str
    target_headings: tuple[str, ...]
    sheets: tuple[DraftSheet, ...]

    def files(self) -> dict[str, str]:
        """{file name: TOML text} of the family folder."""
        files = {FAMILY_FILE: self._family_file()}
        for drafted in self.sheets:
            files[f"{drafted.sheet.sheet_id}.toml"] = _sheet_file(drafted)
        return files

    def _family_file(self) -> str:
        headings = ", ".join(_toml(heading) for heading in self.target_headings)
        return (
            f"# Drafted by `rdd rules init` from one report: review it, then keep it with the rules.\n"
            f"[family]\nid = {_toml(self.family)}\nname = {_toml(self.name)}\nmatch = {_toml(self.match)}\n\n"
            f'# The layout found in the report (see the README, "A family\'s layout").\n'
            f"[layout]\npart_words = {_toml(self.part_words)}\ntarget_headings = [{headings}]\n"
        )


def draft_family(result: Extracted, family: str | None = None) -> Draft:
    """The rule family that names every figure the generic detector finds in `result`."""
    document = result.document
    name, place = collectivite_name(document)
    family_id = family or slugify(place or name or "famille", max_words=4) or "famille"
    sheets = tuple(
        _draft_sheet(
            document, sheet, [figure for figure in result.figures if figure.sheet_id == sheet.sheet_id]
        )
        for sheet in document.sheets
        if sheet.kind != "pilier" and sheet.title != "Sommaire"
    )
    return Draft(
        family=family_id,
        name=name or family_id,
        match=_words_pattern(place or name or family_id),
        part_words=_part_word(document),
        target_headings=_target_headings(document),
        sheets=tuple(drafted for drafted in sheets if drafted.rules),
    )


def collectivite_name(document: Document) -> tuple[str | None, str | None]:
    """The name the report gives its collectivité most often ('Communauté urbaine de Valmont'), and
    its place ('Valmont'); (None, None) when it names none.

    A place may run on into the next line's words ('Valmont Rapport annuel'): each hit counts
    for every run of its first words, and the run named most often wins, the longer on a tie.
    """
    places: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for index, page in enumerate(document.pages):
        weight = 5 if index < 3 else 1  # the cover and the first pages name the report's own
        for hit in _COLLECTIVITE.finditer(" ".join(page.text.split())):
            words = hit["place"].split(" ")
            for size in range(1, len(words) + 1):
                place = " ".join(words[:size])
                places[place] += weight
                prefix = hit.group()[: hit.start("place") - hit.start()]
                names.setdefault(place, Counter())[f"{prefix}{place}"] += weight
    if not places:
        return None, None
    place = max(places, key=lambda candidate: (places[candidate], len(candidate)))
    return names[place].most_common(1)[0][0], place


def _part_word(document: Document) -> str:
    """The word of the report's part dividers ('axe'), or the generic words when it has none."""
    words: Counter[str] = Counter()
    for sheet in document.sheets:
        if sheet.kind == "pilier":
            page = next(page for page in document.pages if page.number == sheet.first_page)
            mark = regex.search(rf"(?i)\b({GENERIC_PART_WORDS})\s*[1-9]", page.text)
            if mark:
                words[_ascii_lower(mark[1])] += 1
    if not words:
        return GENERIC_PART_WORDS
    word = words.most_common(1)[0][0]
    return word.replace("é", "[ée]").replace("è", "[èe]")  # 'Finalite' printed without its accent too


def _target_headings(document: Document) -> tuple[str, ...]:
    """The target-block headings the report uses ('Perspectives', 'Et demain'), else the generic ones."""
    used = [
        heading
        for heading in GENERIC.target_headings
        if any(
            GENERIC.target_heading.fullmatch(line.strip())
            and line.strip().lower().startswith(heading.lower())
            for page in document.pages
            for line in page.text.split("\n")
        )
    ]
    return tuple(used) or GENERIC.target_headings


def _draft_sheet(document: Document, sheet: Sheet, figures: list[Figure]) -> DraftSheet:
    pages = [page for page in document.pages if sheet.first_page <= page.number <= sheet.last_page]
    used: Counter[str] = Counter()
    rules = []
    unclaimed = {page.number: list(_page_quantities(page, document)) for page in pages}
    for figure in figures:
        page = next(page for page in pages if page.number == figure.page)
        quantity = _take(unclaimed[page.number], figure)
        if quantity is None:
            continue
        base = slugify(figure.indicator or figure.label or figure.unit, max_words=6) or figure.unit
        used[base] += 1
        rule_id = base if used[base] == 1 else f"{base}-{used[base]}"
        pattern, occurrence = _pattern(pages, page, quantity)
        rules.append(
            DraftRule(sheet.sheet_id, rule_id, figure.label or figure.raw, pattern, figure.unit, figure.kind,
                      "any", occurrence)
        )  # fmt: skip
    return DraftSheet(sheet, _words_pattern(sheet.title), tuple(rules))


def _page_quantities(page: Page, document: Document) -> tuple[Quantity, ...]:
    return page_quantities(page, document.frame, document.decimal_dot, document.profile)


def _take(quantities: list[Quantity], figure: Figure) -> Quantity | None:
    """The detector's quantity behind a figure row (rows come in page order): the next one with its
    raw text and value, taken off the list so that a figure printed twice gets both places."""
    for index, quantity in enumerate(quantities):
        if quantity.raw == figure.raw and quantity.value == figure.value:
            return quantities.pop(index)
    return None


def _pattern(pages: Sequence[Page], page: Page, quantity: Quantity) -> tuple[str, int]:
    """The words around a figure as a rule pattern, grown until it finds this figure alone on its
    sheet; else the occurrence it is."""
    text = page.text
    before_tokens = _tokens_before(text, quantity.start)
    after_tokens = _tokens_after(text, quantity.end)
    value = _value_pattern(quantity)
    pattern = value
    for before, after in [(0, 3), (2, 3), (3, 5), (5, 6), (_MOST_WORDS, _MOST_WORDS)]:
        pattern = _join(before_tokens, before, value, after_tokens, after)
        hits = _value_starts(pattern, pages)
        if hits == [(page.number, _value_start(quantity))]:
            return pattern, 1
    hits = _value_starts(pattern, pages)
    here = (page.number, _value_start(quantity))
    return pattern, hits.index(here) + 1 if here in hits else 1


def _value_start(quantity: Quantity) -> int:
    """Where the number itself starts in the text (after a sign or a '+')."""
    digit = regex.search(r"[0-9]", quantity.raw)
    return quantity.start + (digit.start() if digit else 0)


def _value_starts(pattern: str, pages: Sequence[Page]) -> list[tuple[int, int]]:
    compiled = compile_rule_pattern(pattern)
    return [
        (page.number, hit.start("value"))
        for page in pages
        for hit in compiled.finditer(page.text, timeout=0.5)
    ]


def _value_pattern(quantity: Quantity) -> str:
    """The figure itself: its number as the value group, after any sign ('+ 8%' this year may be
    '- 3%' or '3%' next year: the detector reads the sign), then its unit and scale as printed."""
    digit = regex.search(r"[0-9]", quantity.raw)
    number = regex.match(r"[0-9]+(?:[  .,][0-9]+)*", quantity.raw[digit.start() :]) if digit else None
    before = quantity.raw[: digit.start()].strip() if digit else ""
    sign = _ANY_SIGN if before in ("+", "-", "−", "–") else _literal(before)
    rest = quantity.raw[digit.start() + len(number.group()) :] if digit and number else ""
    return sign + "{num:value}" + _literal(rest)


def _words(tokens: list[str], count: int) -> list[str]:
    """The first `count` words of `tokens` with the spaces and signs between them."""
    out: list[str] = []
    seen = 0
    for token in tokens:
        if regex.fullmatch(r"\p{L}.*|[0-9]+", token):
            if seen == count:
                break
            seen += 1
        out.append(token)
    while out and out[-1].isspace():
        out.pop()
    return out


def _tokens_before(text: str, start: int) -> list[str]:
    """Tokens before `start` back to the start of its sentence, nearest first."""
    stops = [hit.end() for hit in _STOP.finditer(text, 0, start)]
    begin = max(stops[-1] if stops else 0, start - 200)
    return list(reversed(_TOKEN.findall(text[begin:start])))


def _tokens_after(text: str, end: int) -> list[str]:
    stop = _STOP.search(text, end, min(len(text), end + 200))
    return _TOKEN.findall(text[end : stop.start() if stop else min(len(text), end + 200)])


def _join(before_tokens: list[str], before: int, value: str, after_tokens: list[str], after: int) -> str:
    left = "".join(_literal(token) for token in reversed(_words(before_tokens, before))).lstrip()
    right = "".join(_literal(token) for token in _words(after_tokens, after)).rstrip()
    return f"{left}{value}{right}".strip()


def _literal(text: str) -> str:
    """Text as a pattern: numbers and years written as any number, spaces as any whitespace."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if token.isspace():
            out.append(" ")
        elif token.isdigit():
            out.append(_DIGITS)
        elif token in "{}":
            out.append(f"[{token}]")  # a brace would read as a macro
        else:
            out.append(regex.escape(token, special_only=True, literal_spaces=True))
    return "".join(out)


def _words_pattern(title: str, most: int = 6) -> str:
    """A title as a match pattern: its first words, spaces optional (titles kern and wrap)."""
    words = regex.findall(r"\p{L}+", title)[:most]
    return " ?".join(regex.escape(word) for word in words) or regex.escape(title)


def _ascii_lower(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


def _toml(value: str) -> str:
    """A TOML string: a literal string when it can be one (patterns read as written), else basic."""
    if "\n" not in value and "'" not in value:
        return f"'{value}'"
    if "\n" not in value and TRIPLE not in value and not value.endswith("'"):
        return TRIPLE + value + TRIPLE  # a multi-line literal string holds quotes as they are
    return json.dumps(value, ensure_ascii=False)


TRIPLE = "'" * 3


def _sheet_file(drafted: DraftSheet) -> str:
    sheet = drafted.sheet
    lines = [
        f"# {sheet.title}: drafted from page {sheet.first_page}.",
        "[sheet]",
        f"id = {_toml(sheet.sheet_id)}",
        f"title = {json.dumps(sheet.title, ensure_ascii=False)}",
    ]
    if sheet.pilier is not None:
        lines.append(f"pilier = {sheet.pilier}")
    lines.append(f"match = {_toml(drafted.match)}")
    for rule in drafted.rules:
        lines += [
            "",
            "[[figure]]",
            f"id = {_toml(rule.id)}",
            f"label = {json.dumps(rule.label, ensure_ascii=False)}",
            f"pattern = {_toml(rule.pattern)}",
            f"unit = {_toml(rule.unit)}",
            f"kind = {_toml(rule.kind)}",
        ]
        if rule.occurrence != 1:
            lines.append(f"occurrence = {rule.occurrence}")
    return "\n".join(lines) + "\n"


def named_count(result: Extracted) -> int:
    """How many figures of `result` a rule names (not the generic detector): a count, since a share
    rounds 504 of 505 up to 100 %."""
    return sum(figure.rule != AUTO_RULE for figure in result.figures)
