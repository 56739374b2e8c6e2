"""Sheets -> Figure rows: what each figure counts, where it stands, and its kind.

Rules (see `rules.py`) run first: each rule sheet is bound to the document sheet
whose title it matches (the sheet then takes the rule's id), and each figure rule
names the figures it matches. The generic detector (`rule = "auto"`) then reports
every other quantity of a page that is not page furniture, skipping the spans the
rules claimed, so a figure is reported once.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from rdd_extract.layout import (
    Document,
    Page,
    Sheet,
    has_caption_below,
    is_furniture,
    is_heading,
    is_key_figure,
    perspective_spans,
    slugify,
    squeeze,
)
from rdd_extract.profile import GENERIC, LayoutProfile
from rdd_extract.quantities import Quantity, column_year, find_quantities, parse_number, read_quantity, scaled
from rdd_extract.rules import REGEX_TIMEOUT, FigureRule, RulePack, SheetRules, search

AUTO_RULE = "auto"

# A sentence ends at . ! ?, at a bullet, or at a blank line before a new paragraph: many
# exports double-space their lines, so a blank line followed by lowercase text continues.
_SENTENCE_END = regex.compile(r"[.!?](?=\s)|•|\n\s*\n(?=\s*(?:[\p{Lu}0-9•\-–«+]|$))|\n(?=\s*[-–]\s)")
_CLAUSE_END = regex.compile(r", |;")
_LIST_ITEM = regex.compile(r"[ \t]*[•\-–]")
_LABEL_STOP = regex.compile(
    r"\b(?:ont|a|ai|est|sont|été|était|sera|seront|va|vont|dont|soit|qui|que|pour|par|sur|avec|grâce)\b"
    r"|[,.;:()«»\"•]| - "
)
_PAST_YEAR = regex.compile(
    r"(?i:\ben\s+|\bau\s+cours\s+de\s+l'année\s+|\bcontre\s+|\bpar\s+rapport\s+à\s+|\bdepuis\s+)"
    r"(?P<year>(?:19|20)[0-9][0-9])\b"
)
# Objectives and plans, wherever they stand: "objectif de 30 %", "d'ici 2030", "à l'horizon 2026",
# "prévu", "programmé", "budget prévisionnel", and the future tense ("sera", "atteindront").
_FUTURE_CUE = regex.compile(
    r"(?i:(?<!\b(?:dans|avec)\s+l')\bobjectifs?\b|\bd'ici\b|\bhorizon\b|\benvisag\w*|\bprévu\w*"
    r"|\bprévisionnel\w*|\bprogrammée?s?\b|\bplanifi[ée]\w*|\bà\s+venir\b|\bà\s+atteindre\b|\bcibles?\b"
    r"|\bambition\w*|\bvis(?:e|ent|ant|era)\b|\bfutur\w*|\bprojet[ée]\w*|\bbudget\s+primitif\b|\bBP\b"
    r"|\bvot[ée]\w*\s+(?:\w+\s+){0,3}budget|\bbudget\s+(?:\w+\s+){0,2}(?:voté|adopté)|\bestim[ée]\w*"
    r"|\battendue?s?\b|\bhypothèses?\b|\bà\s+(?:remplacer|réaliser|construire|créer|installer|rénover|engager)\b"
    r"|\bbudget\s+supplémentaire\b|\bBS\b|\bdécision\s+modificative\b|\binscrit\w*\s+au\s+(?:budget|BP|BS)\b)"
    r"|(?i:\b(?:en|pour\s+l'année|à\s+partir\s+de|dès)\s+)(?P<year>20[0-9][0-9])\b"
)
# The future tense says a plan too, unless the clause dates it to the report's year or before.
_FUTURE_TENSE = regex.compile(
    r"(?i:\bdevr(?:a|ont|ait|aient)\b|\b(?:sera|seront|aura|auront|fera|feront|pourra|pourront|ira|iront)\b"
    r"|\b\p{L}{3,}(?:era|eront|ira|iront|dra|dront)\b)"
)
_YEAR_IN_CLAUSE = regex.compile(r"\b(?P<year>20[0-9][0-9])\b")
# The territory and its stock, benchmarks and thresholds: general facts, not the year's results.
_CONTEXT_CUE = regex.compile(
    r"(?i:\bbudg[eé]t\w*|\breste\s+à\s+charge\b|\bpopulation\b|\bsuperficie\b|\bs'étend\w*"
    r"|\bcompt(?:e|ent|ait|ant)\s+(?!pour)|\bdensité\b|\bpeupl\w*"
    r"|\bmoyenne\s+(?:nationale|régionale|départementale)|\bnational\w*|\ben\s+France\b|\beuropéen\w*"
    r"|\bseuils?\b|\bréglementaire\w*|\blégal\w*|\bla\s+loi\b|\bl'an\s+dernier|\bl'année\s+(?:dernière|précédente)"
    # the territory: "le syndicat fédère 99 communes", "la métropole réunit 49 communes"
    r"|\bfédère\w*|\bréuni(?:t|ssent)\b|\bdessert\b)"
)
_TABLE_ROW = regex.compile(r"\S(?:[ \u00a0]{3,}|\t)\S")
# A figure recalled from before: "pour mémoire", "l'an dernier", "(28 auparavant)".
_LOOKING_BACK = regex.compile(
    r"(?i:\bpour\s+mémoire\b|\brappel\b|\bauparavant\b|\bl'an\s+dernier|\bl'année\s+(?:dernière|précédente))"
)
# What the territory counts and the equipment it has, named right after the figure: "44 communes",
# "235 000 habitants", "26 stations de pompage", "279 véhicules"; not when the year's work follows
# ("12 logements rénovés", "3 stations ont été mises en service").
_STOCK_AFTER = regex.compile(
    r"[ \t\u00a0\u202f]*(?:\n\s*)?(?i:(?:communes?|habitants?|élus|délégués|intercommunalités|EPCI)\b|hab\.)"
    r"(?P<of_it>[ \t\u00a0]+(?i:membres|adhérentes|du\s+territoire))?"
)
_TERRITORY_VERB = regex.compile(
    r"(?i:\bcompt(?:e|ent|ait|ant)\b|\bregroup\w*|\brassembl\w*|\bréuni(?:t|ssent)\b|\bfédère\w*"
    r"|\bcomposée?\s+de|\bconstituée?\s+de|\bs'étend\w*|\bpeupl\w*|\bpopulation\b|\bterritoire\b)"
)
_KEY_FIGURE_LIST = regex.compile(r"·|•[^\n]*[0-9]")
# A page headed by a budget that is voted ahead of the year it plans.
_PLAN_PAGE = regex.compile(
    r"(?i:budget\s+primitif|budget\s+supplémentaire|budget\s+prévisionnel|\bBP\s+20[0-9]{2})"
)
_HEAD_SIZE = 300  # characters: the running header and the title of a page
_STOCK_UNITS = ("count", "km", "km2", "ha", "m2", "m")
# A page of key figures about the territory ("chiffres clés", "en bref", "carte d'identité"):
# its figures describe what the collectivité is, unless a sentence dates them to the year.
_STOCK_PAGE = regex.compile(
    r"(?m)^[ \t]*(?=[^\n]{0,40}$)[^\n.]*?(?i:chiffres[- ]clés|\ben\s+bref\b|\ben\s+chiffres\b"
    r"|carte\s+d'identité|fiche\s+d'identité|^[ \t]*le\s+territoire\b|\bportrait\b|\brepères\b)[^\n.]*$"
)
# "de 2002 à 2010", "entre 2008 et 2010", "2016-2019": a span of years that ended before the report's.
_PAST_SPAN = regex.compile(
    r"(?i:\bde\s+|\bentre\s+)?(?:19|20)[0-9]{2}\s*(?:à|et|-|–)\s*(?P<last>(?:19|20)[0-9]{2})\b"
)
_PERSPECTIVES_OR_YEAR = regex.compile(r"Perspectives|(?:19|20)[0-9][0-9]|Chiffres")
# "En 2021, ...", "De 2002 à 2010, ...", "Pour mémoire, ...": an opening that dates every clause after it
_SENTENCE_OPENING = regex.compile(
    r"\s*(?:(?i:en|d'ici|à partir de|dès|depuis)\s+(?:19|20)[0-9][0-9]"
    r"|(?i:de|entre)\s+(?:19|20)[0-9][0-9]\s+(?:à|et)\s+(?:19|20)[0-9][0-9]|(?i:pour\s+(?:mémoire|rappel)))\s*,"
)
_NOUN_AFTER_IN_CAPITALS = regex.compile(r"[ \t\u00a0]+\p{Lu}{3,}")
# What stands beside a printed page number: a separator, the report's title or its year.
_FURNITURE_BESIDE = regex.compile(
    r"^[|•·–—/-]|[|•·–—/-]$|\s[|•·–—]\s|\b20[0-9][0-9]\b|\b[0-9]{5}\b|www\.|@"
    r"|(?i:rapport|bilan|activités|annuel|développement\s+durable|édition|RPQS|sommaire|page)"
)
_YEAR_SPAN_AFTER = regex.compile(r"\s*\(\s*(?:de\s+)?20[0-9][0-9]\s*(?:-|–|à)\s*20[0-9][0-9]\s*\)")


@dataclass(frozen=True)
class Figure:
    """One row of figures.parquet (see DESIGN.md for the contract)."""

    report: str
    year: int
    pilier: int | None
    sheet_id: str
    sheet_title: str
    indicator: str
    label: str
    value: float
    unit: str
    kind: str
    qualifier: str | None
    page: int
    raw: str
    context: str
    rule: str
    source: str
    # the figure's box on its PDF page (PDF points, top-left origin); None for text input
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None


@dataclass(frozen=True)
class RuleMatch:
    page: int
    start: int  # span of the figure on the page
    end: int
    text: str  # the whole text the pattern matched


@dataclass(frozen=True)
class RuleOutcome:
    """How one figure rule ran: its matches (none: a miss), or why it could not run."""

    sheet_id: str
    rule: FigureRule
    matches: tuple[RuleMatch, ...]
    error: str | None = None


@dataclass(frozen=True)
class Extracted:
    document: Document  # sheets renamed after the rules that recognised them
    figures: tuple[Figure, ...]
    outcomes: tuple[RuleOutcome, ...]
    unbound: tuple[SheetRules, ...]  # rule sheets found nowhere in this report

    def coverage(self) -> dict[str, tuple[int, int]]:
        """{sheet_id: (rules matched, rules missed)}."""
        result: dict[str, tuple[int, int]] = {}
        for outcome in self.outcomes:
            matched, missed = result.get(outcome.sheet_id, (0, 0))
            hit = bool(outcome.matches)
            result[outcome.sheet_id] = (matched + hit, missed + (not hit))
        return result

    def totals(self) -> tuple[int, int]:
        """(rules matched, rules missed) over the whole report."""
        coverage = self.coverage().values()
        return sum(matched for matched, _ in coverage), sum(missed for _, missed in coverage)


def extract_figures(document: Document, report: str, pack: RulePack | None = None) -> Extracted:
    """Rules first, then the generic detector on what they left."""
    anchors = bind_sheets(document, pack) if pack else {}
    document = segmented(document, anchors)
    rule_rows: list[tuple[int, int, Figure]] = []
    outcomes: list[RuleOutcome] = []
    claims: list[Claim] = []
    for sheet_rules in anchors.values():
        for rule in sheet_rules.figures:
            rows, outcome = _run_rule(document, report, document.sheet(sheet_rules.id), rule)
            rule_rows.extend(rows)
            outcomes.append(outcome)
            claims.extend(Claim(match.page, match.start, match.end) for match in outcome.matches)
    auto_rows = [(figure.page, start, figure) for start, figure in _detect(document, report, claims)]
    figures = tuple(figure for _, _, figure in sorted(rule_rows + auto_rows, key=lambda row: row[:2]))
    bound_ids = {rules.id for rules in anchors.values()}
    unbound = tuple(sheet for sheet in pack.sheets if sheet.id not in bound_ids) if pack else ()
    return Extracted(document, figures, tuple(outcomes), unbound)


def bind_sheets(document: Document, pack: RulePack) -> dict[int, SheetRules]:
    """{page where a rule sheet starts: the rule sheet}, one page per rule sheet.

    From the surest evidence to the loosest: a sheet title spelling the rule's title
    letter for letter; a sheet title found by the rule's `match`; then, for rule
    sheets still unbound (a page whose title the layout missed), the rule's title
    spelt by consecutive lines anywhere on a page, and last the rule's `match` in
    the first lines of a page.
    """
    anchors: dict[int, SheetRules] = {}
    bound: set[str] = set()

    def bind(page: int, rules: SheetRules) -> None:
        anchors[page] = rules
        bound.add(rules.id)

    sheets = [sheet for sheet in document.sheets if sheet.kind != "pilier"]
    for sheet in sheets:
        same = [rules for rules in pack.sheets if squeeze(rules.title) == squeeze(sheet.title)]
        if same and same[0].id not in bound:
            bind(sheet.first_page, same[0])
    for sheet in sheets:
        if sheet.first_page in anchors:
            continue
        found = next((r for r in pack.sheets if r.id not in bound and search(r.match, sheet.title)), None)
        if found is not None:
            bind(sheet.first_page, found)
    dividers = {sheet.first_page for sheet in document.sheets if sheet.kind == "pilier"}
    free = [page for page in document.pages if page.number not in dividers]
    for looks_for in (_spells_title, _head_matches):
        for rules in pack.sheets:
            page = next(
                (
                    p
                    for p in free
                    if rules.id not in bound and p.number not in anchors and looks_for(p, rules)
                ),
                None,
            )
            if page is not None:
                bind(page.number, rules)
    return anchors


def _spells_title(page: Page, rules: SheetRules) -> bool:
    """Whether consecutive lines of the page start by spelling the rule's title, letter for letter."""
    key = squeeze(rules.title)
    if len(key) < 8:
        return False
    lines = [squeeze(line) for line in page.text.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        if not line or not key.startswith(line[: len(key)]):
            continue
        spelled = "".join(lines[index : index + 8])  # a narrow column may take a word a line
        if spelled.startswith(key):
            return True
    return False


def _head_matches(page: Page, rules: SheetRules, size: int = 6) -> bool:
    """Whether the rule's `match` finds the first lines of the page (where its running title is)."""
    head = " ".join([line.strip() for line in page.text.split("\n") if line.strip()][:size])
    return search(rules.match, head) is not None


def segmented(document: Document, anchors: dict[int, SheetRules]) -> Document:
    """The document's sheets, cut again where rule sheets start.

    A rule sheet runs from its page to the next sheet; a page the layout took for a
    new sheet only because of a title found inside it (not at its head) is read as
    the rule sheet's continuation when no rule claims it.
    """
    if not anchors:
        return document
    starts = {sheet.first_page: sheet for sheet in document.sheets}
    rule_ids = {rules.id for rules in anchors.values()}
    sheets: list[Sheet] = []
    page_sheet: list[str] = []
    for page, detected_id in zip(document.pages, document.page_sheet, strict=True):
        detected = document.sheet(detected_id)
        rules = anchors.get(page.number)
        current = sheets[-1] if sheets else None
        continuing = (
            current is not None
            and current.sheet_id in rule_ids
            and not starts.get(page.number, detected).titled
        )
        if rules is not None:
            sheet = Sheet(rules.id, rules.title, detected.pilier, page.number, page.number, detected.kind)
        elif page.number in starts and not (continuing and detected.kind != "pilier"):
            sheet_id = (
                f"{detected.sheet_id}-page-{page.number}"
                if detected.sheet_id in rule_ids
                else detected.sheet_id
            )
            sheet = replace(detected, sheet_id=sheet_id, first_page=page.number, last_page=page.number)
        elif current is not None:
            sheets[-1] = replace(current, last_page=page.number)
            page_sheet.append(current.sheet_id)
            continue
        else:
            sheet = replace(detected, first_page=page.number, last_page=page.number)
        sheets.append(sheet)
        page_sheet.append(sheet.sheet_id)
    return replace(document, sheets=tuple(sheets), page_sheet=tuple(page_sheet))


def _run_rule(
    document: Document, report: str, sheet: Sheet, rule: FigureRule
) -> tuple[list[tuple[int, int, Figure]], RuleOutcome]:
    rows: list[tuple[int, int, Figure]] = []
    matches: list[RuleMatch] = []
    seen = 0
    for page in document.pages:
        if not sheet.first_page <= page.number <= sheet.last_page:
            continue
        quantities = page_quantities(page, document.frame, document.decimal_dot, document.profile)
        try:
            hits = list(rule.pattern.finditer(page.text, timeout=REGEX_TIMEOUT))
        except TimeoutError:
            return [], RuleOutcome(
                sheet.sheet_id, rule, (), f"pattern timed out after {REGEX_TIMEOUT} s on page {page.number}"
            )
        for hit in hits:
            start, end = hit.span("value")
            if start < 0 or not _in_block(page, rule.block, start, document):
                continue
            seen += 1
            if not rule.repeat and seen != rule.occurrence:
                continue
            quantity = _quantity_at(quantities, page.text, start, end, document.decimal_dot)
            if quantity is None or not math.isfinite(scaled(quantity.value, rule.scale)):
                continue
            figure = _rule_figure(document, report, sheet, rule, page, quantity)
            rows.append((page.number, quantity.start, figure))
            matches.append(RuleMatch(page.number, quantity.start, quantity.end, hit.group()))
            if not rule.repeat:
                return rows, RuleOutcome(sheet.sheet_id, rule, tuple(matches))
    return rows, RuleOutcome(sheet.sheet_id, rule, tuple(matches))


def _in_block(page: Page, block: str, offset: int, document: Document) -> bool:
    if block == "any":
        return True
    spans = perspective_spans(page.text, document.year, document.profile)
    in_perspectives = any(start <= offset < end for start, end in spans)
    if block == "perspectives":
        return in_perspectives
    lines = page.text.split("\n")
    is_key = is_key_figure(lines, page.text.count("\n", 0, offset))
    return is_key if block == "key" else not (is_key or in_perspectives)


def _quantity_at(
    quantities: tuple[Quantity, ...], text: str, start: int, end: int, decimal_dot: bool
) -> Quantity | None:
    """The detector's reading of the figure the rule points at, else the value group read alone."""
    for quantity in quantities:
        if quantity.start <= start < quantity.end:
            return quantity
    value_text = text[start:end]
    found = read_quantity(value_text, decimal_dot)
    if found is not None:
        return replace(found, start=start + found.start, end=start + found.end)
    try:
        return Quantity(parse_number(value_text, decimal_dot), "count", value_text.strip(), start, end)
    except ValueError:
        return None


def _rule_figure(
    document: Document, report: str, sheet: Sheet, rule: FigureRule, page: Page, quantity: Quantity
) -> Figure:
    return Figure(
        report=report,
        year=document.year,
        pilier=sheet.pilier,
        sheet_id=sheet.sheet_id,
        sheet_title=sheet.title,
        indicator=rule.id,
        label=rule.label,
        value=scaled(quantity.value, rule.scale),
        unit=rule.unit,
        kind=rule.kind,
        qualifier=rule.qualifier or quantity.qualifier,
        page=page.number,
        raw=quantity.raw,
        context=sentence_around(page.text, quantity.start, quantity.end),
        rule=rule.id,
        source=document.source,
    )


@dataclass(frozen=True)
class Claim:
    """A span of a page that a rule turned into a figure; the detector leaves it alone."""

    page: int
    start: int
    end: int


def _detect(document: Document, report: str, claims: Iterable[Claim]) -> list[tuple[int, Figure]]:
    """(offset, figure) of every figure of the document that no rule claimed, with `rule = "auto"`."""
    claimed: dict[int, list[tuple[int, int]]] = {}
    for claim in claims:
        claimed.setdefault(claim.page, []).append((claim.start, claim.end))
    rows: list[tuple[int, Figure]] = []
    for page, sheet_id in zip(document.pages, document.page_sheet, strict=True):
        sheet = document.sheet(sheet_id)
        spans = claimed.get(page.number, [])
        for quantity in page_quantities(page, document.frame, document.decimal_dot, document.profile):
            if any(start < quantity.end and quantity.start < end for start, end in spans):
                continue
            label = figure_label(page.text, quantity)
            figure = Figure(
                report=report,
                year=document.year,
                pilier=sheet.pilier,
                sheet_id=sheet.sheet_id,
                sheet_title=sheet.title,
                indicator=auto_indicator(label, quantity.unit),
                label=label,
                value=quantity.value,
                unit=quantity.unit,
                kind=figure_kind(page.text, quantity, document.year, document.profile),
                qualifier=quantity.qualifier,
                page=page.number,
                raw=quantity.raw,
                context=sentence_around(page.text, quantity.start, quantity.end),
                rule=AUTO_RULE,
                source=document.source,
            )
            rows.append((quantity.start, figure))
    return rows


def auto_indicator(label: str, unit: str) -> str:
    """A stable key for a figure no rule named: its label's slug, numbers left out (they change yearly).
    A label with no word left ('12 %', the figure above) names nothing: the unit keys it, as with no label."""
    words = regex.sub(r"[0-9]+", " ", label)
    return slugify(words) if regex.search(r"\p{L}", words) else f"{unit}-sans-libelle"


@lru_cache(maxsize=256)
def page_quantities(
    page: Page,
    frame: frozenset[str] = frozenset(),
    decimal_dot: bool = False,
    profile: LayoutProfile = GENERIC,
) -> tuple[Quantity, ...]:
    """Quantities of a page, without those of its frame (footer, header, page number) or headings."""
    lines = page.text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    edges = set(filled[:1] + filled[-1:])
    kept: list[Quantity] = []
    index = counted = 0  # line of the current quantity, counted on from the previous one
    for quantity in find_quantities(page.text, decimal_dot):
        index += page.text.count("\n", counted, quantity.start)
        counted = quantity.start
        line = lines[index]
        if (
            is_heading(line.strip())
            and quantity.unit == "count"
            and not _NOUN_AFTER_IN_CAPITALS.match(page.text, quantity.end)
        ):
            continue  # "PILIER 2", a running title's number; not "LES 44 COMMUNES", "3,1 MD€"
        if is_furniture(line, page.number, frame, profile) and (
            index in edges or not has_caption_below(lines, index)
        ):
            continue
        if index in edges and _is_edge_page_number(lines, index, quantity, page.number):
            continue
        kept.append(quantity)
    return tuple(kept)


def _is_edge_page_number(lines: list[str], index: int, quantity: Quantity, page_number: int) -> bool:
    """'Le fonds de transition énergétique 7', 'Rapport d'activités 2022 | 14': the page number
    printed at the end (or start) of a page's first or last line, next to a running title.

    The printed number need not be the page's own (a page taken alone, a report whose
    numbering starts late): a small whole number beside a separator, a year or a word
    of page furniture, or alone with no caption under it, is taken for one.
    """
    if quantity.unit != "count" or quantity.qualifier or not quantity.raw.isdigit() or len(quantity.raw) > 3:
        return False
    stripped = lines[index].strip()
    if stripped.endswith(quantity.raw):
        rest = stripped.removesuffix(quantity.raw).strip()
    elif stripped.startswith(quantity.raw):
        rest = stripped.removeprefix(quantity.raw).strip()
    else:
        return False
    if quantity.value == page_number:
        return True
    if not rest:
        return not has_caption_below(lines, index)
    return bool(_FURNITURE_BESIDE.search(rest))


# --------------------------------------------------------------------------- label


def figure_label(text: str, quantity: Quantity) -> str:
    """What the figure counts: the caption of a key figure, else the words around it."""
    line_start = text.rfind("\n", 0, quantity.start) + 1
    line_end = _line_end(text, quantity.end)
    line = text[line_start:line_end]
    if not regex.sub(r"[0-9\s,.+€%]", "", _without_quantities(line)):
        return _key_figure_caption(text, line_start, line_end)
    after = _phrase_after(text[quantity.end : quantity.end + 90].split("\n\n")[0])
    if after and not (quantity.unit in ("EUR", "percent") and len(after.split()) < 2):
        return after
    before = _phrase_before(text[line_start : quantity.start])
    return before or after


@lru_cache(maxsize=256)
def _without_quantities(line: str) -> str:
    for quantity in find_quantities(line):
        line = line.replace(quantity.raw, " ")
    return line


def _key_figure_caption(text: str, line_start: int, line_end: int) -> str:
    """Lines below a lone number (up to a blank line), or the lines above when below is no caption."""
    below = text[line_end:].lstrip("\n").split("\n\n")[0].split("\n")
    caption = [line.strip() for line in below[:3] if line.strip()]
    if caption and caption[0][0].islower():
        return _tidy_label(" ".join(caption))
    unit_words = regex.sub(r"^[0-9\s,.+]+", "", text[line_start:line_end].strip())
    if regex.search(r"\p{L}{3,}", unit_words):
        return _tidy_label(unit_words)  # "66 équivalents temps plein"
    above = text[:line_start].rstrip("\n").split("\n\n")[-1].split("\n")
    caption = [line.strip() for line in above[-2:] if line.strip() and not _is_box_heading(line.strip())]
    return _tidy_label(" ".join(caption))


def _is_box_heading(line: str) -> bool:
    return bool(_PERSPECTIVES_OR_YEAR.fullmatch(line)) or is_heading(line)


def _phrase_after(text: str) -> str:
    words = _LABEL_STOP.split(text, maxsplit=1)[0].split()
    return _tidy_label(" ".join(words[:7]))


def _phrase_before(text: str) -> str:
    chunk = regex.split(r"[,.;()«»\"•]", text)[-1]
    chunk = regex.sub(r"\s*(?::|-|–)\s*$", "", chunk)  # "Gaz - 975,9 k€", "ZAE à Burbure : 18 200 €"
    words = regex.split(r":| - | – ", chunk)[-1].split()
    return _tidy_label(" ".join(words[-7:]))


def _tidy_label(text: str) -> str:
    text = regex.sub(r"^(?:d'|(?:des|du|de)\s+)", "", " ".join(text.split()))
    return text.strip(" -–:,.;*'\"")[:160]


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


@lru_cache(maxsize=64)
def _sentence_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the sentence boundaries of a page, found once: pages can be long."""
    marks = [match.span() for match in _SENTENCE_END.finditer(text)]
    return tuple(start for start, _ in marks), tuple(end for _, end in marks)


def _sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding `offset` starts (after the last boundary ending before it)."""
    ends = _sentence_marks(text)[1]
    index = bisect_right(ends, offset) - 1
    return ends[index] if index >= 0 else 0


def _sentence_stop(text: str, offset: int) -> tuple[int, int] | None:
    """The span of the first sentence boundary at or after `offset`."""
    starts, ends = _sentence_marks(text)
    index = bisect_left(starts, offset)
    return (starts[index], ends[index]) if index < len(starts) else None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or list item) holding text[start:end], on one line."""
    begin = _sentence_start(text, start)
    stop = _sentence_stop(text, end)
    finish = stop[0] + (1 if text[stop[0] : stop[1]] in (".", "!", "?") else 0) if stop else len(text)
    return " ".join(text[begin:finish].split())[:400]


# --------------------------------------------------------------------------- kind


def figure_kind(text: str, quantity: Quantity, year: int, profile: LayoutProfile = GENERIC) -> str:
    """`target` in a Perspectives block or a stated goal, `context` for other years, else `actual`."""
    if quantity.unit == "other" or _inside_quotes(text, quantity.start):
        return "context"  # durations, ages, degrees: general facts; « Agglo 100% Durable »: a name
    if any(start <= quantity.start < end for start, end in perspective_spans(text, year, profile)):
        return "target"
    if _captioned_as_objective(text, quantity, profile):
        return "target"  # key figures over an "Objectif annuel" caption
    if _YEAR_SPAN_AFTER.match(text, quantity.end):
        return "context"  # "9,9M€ (2021-2024)": a multi-year budget
    column = column_year(text, quantity.start, quantity.end)
    if column is not None:  # the 2021 column beside the 2022 one, the "BP 2023" column
        column_year_, planned = column
        if column_year_ != year:
            return "context" if column_year_ < year else "target"
        return "target" if planned else "actual"
    if quantity.unit == "km2" or _is_territory(text, quantity):
        return "context"  # the territory: "305 km2", "la métropole compte 44 communes", "235 000 habitants"
    clause = " ".join(
        (_clause(text, quantity), _lead_in(text, quantity.start), _opening(text, quantity.start))
    )
    if (
        any(int(m["year"]) < year for m in _PAST_YEAR.finditer(clause))
        or any(int(m["last"]) < year for m in _PAST_SPAN.finditer(clause))
        or _LOOKING_BACK.search(clause)
    ):
        return "context"
    for cue in _FUTURE_CUE.finditer(clause):
        if cue["year"] is None or int(cue["year"]) > year:
            return "target"
    if _FUTURE_TENSE.search(clause) and not any(
        int(named["year"]) <= year for named in _YEAR_IN_CLAUSE.finditer(clause)
    ):
        return "target"
    if quantity.unit in ("EUR", "percent") and _PLAN_PAGE.search(text[:_HEAD_SIZE]):
        return "target"  # a page of the budget primitif: what was voted is a plan
    if _CONTEXT_CUE.search(clause) or quantity.qualifier == "at_most":
        return "context"  # budgets, and thresholds such as "moins de 10 salariés"
    if quantity.unit in _STOCK_UNITS and _is_stock_page(text) and str(year) not in clause:
        return "context"
    return "actual"


def _captioned_as_objective(text: str, quantity: Quantity, profile: LayoutProfile, reach: int = 8) -> bool:
    """A key figure of a group of key figures captioned below as objectives ('Objectif annuel')."""
    line_start = text.rfind("\n", 0, quantity.start) + 1
    line_end = _line_end(text, quantity.end)
    if text[line_start : quantity.start].strip() or text[quantity.end : line_end].strip():
        return False  # not a number alone on its line
    below = [line.strip() for line in text[line_end:].split("\n") if line.strip()][:reach]
    for line in below:
        if profile.target_heading.fullmatch(line):
            return False  # the heading of the next block ('Objectifs 2023'), not a caption
        if _OBJECTIVE_CAPTION.match(line):
            return True
        if len(line) > 60 or line.endswith((".", ";", ":")):
            return False  # prose: the group of key figures has ended
    return False


_OBJECTIVE_CAPTION = regex.compile(r"(?i:objectifs?\b(?!\s+(?:de\s+l|du\s+|des\s+)))")


@lru_cache(maxsize=64)
def _is_stock_page(text: str) -> bool:
    return _STOCK_PAGE.search(text) is not None


def _is_territory(text: str, quantity: Quantity) -> bool:
    """Communes and inhabitants of the territory, not those an action reached ('sur 12 communes')."""
    noun = _STOCK_AFTER.match(text, quantity.end)
    if noun is None:
        return False
    line_start = text.rfind("\n", 0, quantity.start) + 1
    return bool(
        noun["of_it"]
        or quantity.qualifier == "at_least"  # "les collectivités de plus de 50 000 habitants"
        or _TERRITORY_VERB.search(_clause(text, quantity))
        or _KEY_FIGURE_LIST.search(text, line_start, _line_end(text, quantity.end))
    )


def _inside_quotes(text: str, offset: int, reach: int = 160) -> bool:
    """Within « » (or straight double quotes) around `offset`: part of a name or a title."""
    before = text[max(0, offset - reach) : offset]
    after = text[offset : offset + reach]
    if before.rfind("«") > before.rfind("»") and "»" in after:
        return True
    return before.count('"') % 2 == 1 and '"' in after


def _clause(text: str, quantity: Quantity) -> str:
    """The comma-clause of the figure: its own parenthesis if it stands in one, else without parentheses.

    In a table (cells set apart by runs of spaces) the sentence is the figure's row.
    """
    sentence_start = _sentence_start(text, quantity.start)
    stop = _sentence_stop(text, quantity.end)
    sentence_end = stop[0] if stop else len(text)
    line_start = text.rfind("\n", 0, quantity.start) + 1
    line_end = _line_end(text, quantity.end)
    if _TABLE_ROW.search(text[line_start:line_end]):
        sentence_start, sentence_end = max(sentence_start, line_start), min(sentence_end, line_end)
    open_paren = text.rfind("(", sentence_start, quantity.start)
    close_paren = text.find(")", quantity.end, sentence_end)
    if open_paren >= 0 and text.find(")", open_paren, quantity.start) < 0 and close_paren >= 0:
        inner = text[open_paren + 1 : close_paren]
        outer = text[sentence_start:open_paren] + " " + text[close_paren + 1 : sentence_end]
        return inner + " " + regex.sub(r"\([^()]*\)", " ", outer)
    sentence = text[sentence_start : quantity.start] + "\0" + text[quantity.start : sentence_end]
    sentence = regex.sub(r"\([^()]*\)", " ", sentence)
    return next(part for part in _CLAUSE_END.split(sentence) if "\0" in part).replace("\0", "")


def _opening(text: str, offset: int) -> str:
    """'En 2021, ...' or 'D'ici 2025, ...' opening the figure's sentence: it dates every clause."""
    opening = _SENTENCE_OPENING.match(text, _sentence_start(text, offset))
    return opening.group() if opening else ""


def _lead_in(text: str, offset: int) -> str:
    """For a list item, the line introducing the list ('... en 2021 :'), else ''."""
    line_start = text.rfind("\n", 0, offset) + 1
    if not _LIST_ITEM.match(text, line_start):
        return ""
    for line in reversed(text[:line_start].split("\n")):
        stripped = line.strip()
        if is_heading(stripped):
            return ""
        if stripped.endswith(":"):
            return stripped
    return ""


# --------------------------------------------------------------------------- explain


def closest_text(document: Document, sheet_id: str, rule: FigureRule) -> tuple[int, str] | None:
    """For a rule that missed: the sentence of its sheet sharing most words with its pattern."""
    words = _pattern_words(rule.source)
    if not words:
        return None
    sheet = document.sheet(sheet_id)
    best: tuple[int, int, str] | None = None
    for page in document.pages:
        if not sheet.first_page <= page.number <= sheet.last_page:
            continue
        for sentence in _SENTENCE_END.split(page.text):
            text = " ".join(sentence.split())
            score = len(words & _words(text))
            if text and (best is None or score > best[0]):
                best = (score, page.number, text)
    if best is None or best[0] == 0:
        return None
    return best[1], best[2][:300]


def _pattern_words(pattern: str) -> set[str]:
    """Literal words of a pattern: macros and escapes dropped, '[ée]' read as its first letter."""
    literal = regex.sub(r"\[\^?(.)[^\]]*\]", r"\1", pattern)
    literal = regex.sub(r"\{[^{}]*\}|\\[A-Za-z]|\(\?[^)]*\)|[?*+]", " ", literal)
    return _words(literal)


def _words(text: str) -> set[str]:
    return {squeeze(word) for word in regex.findall(r"\p{L}{3,}", text)}
