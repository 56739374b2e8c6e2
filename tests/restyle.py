"""The reference report re-styled as another collectivité's, with known structure.

The bundled rules recognise every sheet of the 2022 reference report, so the
pipeline's reading of it is its true structure. Re-printing the same pages under
other layout conventions (other part words, another contents page, numbered or
unnumbered sheet headings, another footer, another target-block heading, another
collectivité's name) gives reports whose structure and figures are known, to
develop and test how the tool reads a report no rule family describes.

Two styles change every convention of the reference:

- `axe`: the Communauté urbaine de Valmont. Dividers `AXE n` then the part title; a
  contents page with dotted leaders (`1.3 <title> ........ 9`); numbered sheet headings
  (`1.3 <title>`) and no running title; targets under `Objectifs 2023`; the footer
  `Valmont · Rapport annuel 2022 · page N`.
- `finalite`: the Métropole de Sarlieu. Dividers `Finalité n : <title>`; a contents page
  with the page number first (`9   <title>`); unnumbered headings under a running
  header naming the part in capitals (`FINALITÉ 1 · LUTTE ...`); targets under
  `Et demain ?`; the footer `N | Sarlieu Métropole – RDD 2022`.

The body (every sentence and figure) is the reference's, cleaned by the pipeline;
only the collectivité's names change. Printed page numbers are kept: page 1 is a
short cover, pages 2 to 60 re-style the reference's pages 2 to 60.

    python tests/restyle.py axe OUT.txt [--unpaginated] [--pdf OUT.pdf]
"""

from __future__ import annotations

import argparse
import functools
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from rdd_extract.layout import Document, Page
from rdd_extract.pipeline import extract_report

if TYPE_CHECKING:
    from tests.pdfgen import Fonts, Item

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "raw" / "cabbalr-rdd-2022.txt"
STYLES = ("axe", "finalite")

# The reference's own page furniture: its footer (letter spacing collapsed, the page number glued
# after the year) and a stray '#' where the export lost a page number.
_FOOTER = regex.compile(r"RAPPORT\s*DE\s*D[ÉE]VELOPPEMENT\s*DURABLE\s*-\s*20[0-9]{2}[0-9]{0,3}")
_STRAY_MARK = regex.compile(r"\s+#$")
_PILIER_MARK = regex.compile(r"(?i:pilier)\s*[1-9]")
_PERSPECTIVES = "Perspectives"
# A key figure alone on its line ('3 068', '17,16%', '2,6M€'), captioned in lowercase below.
_FIGURE_LINE = regex.compile(r"\+?\s*[0-9][0-9 ,.]*\s*(?:%|€|k€|M€|M ?€|km|m|m3|ha|t|T\.|kg|h|ETP)?")
_YEAR_AT_END = regex.compile(r"(?:^|.*\s)(?P<year>20[0-9]{2})$")
_YEAR_IN_PHRASE = regex.compile(
    r"(?i:\b(?:en|de|d'ici|à|année|pour|depuis|dès|fin|début|mi|janvier|février|mars|avril|mai|juin"
    r"|juillet|août|septembre|octobre|novembre|décembre))\s+20[0-9]{2}$"
)
_LEADER_WIDTH = 96  # characters of a contents line with dotted leaders


# --------------------------------------------------------------------------- what a re-styled report is


@dataclass(frozen=True)
class TrueSheet:
    """A sheet as the re-styled report prints it: what a reader of that report must find."""

    title: str  # the sheet title's words, exactly the reference's (without the axe style's number)
    part: int | None  # the axe or finalité (the reference's pilier); None for the pages before the parts
    first_page: int
    kind: str = "action"  # "action", or "intro" for the contents, the preamble and the PCAET page
    number: str | None = None  # '1.3' in the axe style, printed before the title

    @property
    def heading(self) -> str:
        """The heading line as printed: '1.3 La rénovation énergétique du patrimoine communal'."""
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Restyled:
    style: str
    name: str  # the invented collectivité
    text: str  # the whole report, printed pages separated by form feeds
    sheets: tuple[TrueSheet, ...]  # in page order, intro pages first
    parts: tuple[tuple[int, str, int], ...]  # (part number, part title as printed, divider page)

    @property
    def pages(self) -> tuple[str, ...]:
        return tuple(self.text.split("\f"))

    @property
    def action_sheets(self) -> tuple[TrueSheet, ...]:
        return tuple(sheet for sheet in self.sheets if sheet.kind == "action")


# --------------------------------------------------------------------------- the styles


@dataclass(frozen=True)
class Style:
    """One collectivité's conventions. Subclasses print each piece of page furniture their way."""

    name: str  # 'Communauté urbaine de Valmont'
    town: str  # the central town, in place of Béthune: 'Valmont'
    body_name: str  # what the text calls the collectivité: 'Communauté urbaine', 'Métropole'
    demonym: str  # in place of 'béthunois'
    part_plural: str  # '5 axes fondamentaux': the contents page's opening figure stays 5
    target_heading: str  # the heading of the next-year block, the year put in by `target_line`
    numbered: bool  # whether sheet headings carry their part's number and their rank: '1.3'

    def cover(self, year: int) -> list[str]:
        return [self.name, "", f"Rapport annuel {year}", "Développement durable"]

    def target_line(self, next_year: int) -> str:
        return self.target_heading.format(year=next_year)

    def divider(self, part: int, title: str) -> list[str]:
        raise NotImplementedError

    def contents_part(self, part: int, title: str, page: int) -> str:
        raise NotImplementedError

    def contents_sheet(self, sheet: TrueSheet) -> str:
        raise NotImplementedError

    def running_header(self, part: int | None, title: str | None) -> list[str]:
        return []

    def footer(self, page: int, year: int) -> str:
        raise NotImplementedError


def _leadered(label: str, page: int) -> str:
    """'1.3 Title ........ 9': dotted leaders out to a fixed width, at least four dots."""
    dots = max(4, _LEADER_WIDTH - len(label) - len(str(page)) - 2)
    return f"{label} {'.' * dots} {page}"


@dataclass(frozen=True)
class AxeStyle(Style):
    def divider(self, part: int, title: str) -> list[str]:
        return [f"AXE {part}", title]

    def contents_part(self, part: int, title: str, page: int) -> str:
        return _leadered(f"AXE {part} – {title}", page)

    def contents_sheet(self, sheet: TrueSheet) -> str:
        return _leadered(sheet.heading, sheet.first_page)

    def footer(self, page: int, year: int) -> str:
        return f"{self.town} · Rapport annuel {year} · page {page}"


@dataclass(frozen=True)
class FinaliteStyle(Style):
    def cover(self, year: int) -> list[str]:
        return [self.name, "", f"RDD {year}", "Rapport de développement durable"]

    def divider(self, part: int, title: str) -> list[str]:
        return [f"Finalité {part} : {title}"]

    def contents_part(self, part: int, title: str, page: int) -> str:
        return f"{page}   Finalité {part} – {title}"

    def contents_sheet(self, sheet: TrueSheet) -> str:
        return f"{sheet.first_page}   {sheet.heading}"

    def running_header(self, part: int | None, title: str | None) -> list[str]:
        return [f"FINALITÉ {part} · {title.upper()}", ""] if part is not None and title else []

    def footer(self, page: int, year: int) -> str:
        return f"{page} | {self.town} Métropole – RDD {year}"


def style_of(key: str) -> Style:
    if key == "axe":
        return AxeStyle(
            "Communauté urbaine de Valmont", "Valmont", "Communauté urbaine", "valmontois",
            "5 axes fondamentaux", "Objectifs {year}", True,
        )  # fmt: skip
    if key == "finalite":
        return FinaliteStyle(
            "Métropole de Sarlieu", "Sarlieu", "Métropole", "sarlusien",
            "5 finalités fondamentales", "Et demain ?", False,
        )  # fmt: skip
    raise ValueError(f"unknown style {key!r} (one of {', '.join(STYLES)})")


# --------------------------------------------------------------------------- names


def _renames(style: Style) -> tuple[tuple[regex.Pattern[str], str], ...]:
    """(pattern, replacement) in order: the full name first, then its short forms, then the town.

    'l'Agglomération' takes an article of its own ('la Communauté urbaine'), so the article
    is part of the match; a sentence's capital is kept by `_renamed`.
    """
    body, lower = style.body_name, style.body_name[0].lower() + style.body_name[1:]
    upper = style.body_name.upper()
    return tuple(
        (regex.compile(pattern), replacement)
        for pattern, replacement in (
            (r"Communauté\s+d['’]agglomération\s+de\s+Béthune-Bruay,\s+Artois\s+Lys\s+Romane", style.name),
            (r"Béthune-Bruay,\s+Artois\s+Lys\s+Romane|Béthune[- ]Bruay|Artois\s+Lys\s+Romane", style.town),
            (r"bethunebruay", style.town.lower()),
            (r"Communauté\s+d['’][Aa]gglomération", body),
            (r"COMMUNAUTÉ\s*D['’]AGGLOMÉRATION", upper),
            (r"\b[Ll]['’]Agglo(?:mération)?\b", f"la {body}"),
            (r"\b[Ll]['’]agglomération\b", f"la {lower}"),
            (r"\b[Dd]['’]Agglomération\b", f"de {body}"),  # quartiers dits « d'Agglomération »
            (r"\bAgglomération\b", body),
            (r"\bAgglo\b", style.town),
            (r"B[ée]thune", style.town),
            (r"BÉTHUNE", style.town.upper()),
            (r"béthunois", style.demonym),
        )
    )


def rename(text: str, style: Style) -> str:
    """`text` with every name of the reference's collectivité and its town replaced by `style`'s."""
    for pattern, replacement in _renames(style):
        text = pattern.sub(functools.partial(_renamed, new=replacement), text)
    return text


def _renamed(match: regex.Match[str], new: str) -> str:
    """`new` in place of the match, keeping a sentence's capital and a line break that fell inside it."""
    old = match.group()
    if old[:1].isupper() and new[:1].islower():
        new = new[:1].upper() + new[1:]  # 'L'Agglomération a...' -> 'La Communauté urbaine a...'
    if "\n" in old:
        new = new[::-1].replace(" ", "\n", 1)[::-1] if " " in new else "\n" + new
    return new


# --------------------------------------------------------------------------- the reference


@functools.cache
def reference() -> Document:
    """The reference report as the pipeline reads it: cleaned page texts and true sheets."""
    return extract_report(REFERENCE).document


def sentence_case(title: str) -> str:
    """'LUTTE CONTRE LE RÉCHAUFFEMENT' -> 'Lutte contre le réchauffement' (pilier titles name no one)."""
    lowered = title.lower()
    return lowered[:1].upper() + lowered[1:]


def squeeze(text: str) -> str:
    """Letters only, accents and case dropped: how a kerned or letter-spaced title is compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if char.isalpha() and char.isascii()).upper()


def is_capitals(line: str) -> bool:
    """A line in capitals (six letters at least): a running title, a section heading."""
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 6 and not any(char.islower() for char in letters)


def is_key_figure(lines: Sequence[str], index: int) -> bool:
    """A figure alone on its line with a lowercase caption below: it closes a target block."""
    if not _FIGURE_LINE.fullmatch(lines[index].strip()):
        return False
    caption = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return bool(caption) and caption[0].islower()


# --------------------------------------------------------------------------- one page, line by line


@dataclass(frozen=True)
class PageParts:
    """A reference page taken apart: the lines of each role, in their order on the page."""

    chapeau: list[str]  # what followed the sheet title, to the end of its paragraph
    body: list[str]
    block: list[str]  # the next-year targets, without their `2023` and `Perspectives` marks


def furniture(line: str, page: int, lines: Sequence[str], index: int) -> bool:
    """The reference's footer and lone page numbers (a key figure with a caption is kept)."""
    stripped = line.strip()
    if _FOOTER.fullmatch(stripped):
        return True
    return stripped == str(page) and not is_key_figure(lines, index)


def running_title_lines(lines: Sequence[str], title: str) -> set[int]:
    """Lines in capitals spelling the sheet title or its start: the letter-spaced running title."""
    key = squeeze(title)
    found: set[int] = set()
    for index, line in enumerate(lines):
        letters = squeeze(line)
        if is_capitals(line) and len(letters) >= min(len(key), 8) and key.startswith(letters):
            found.add(index)
    return found


def title_lines(lines: Sequence[str], title: str, skip: set[int], reach: int = 6) -> range:
    """The consecutive lines spelling `title` in sentence case (kerning splits such as 'pot able' too)."""
    key = squeeze(title)
    for start, line in enumerate(lines):
        if start in skip or not line.strip() or is_capitals(line):
            continue
        spelled = ""
        for end in range(start, min(start + reach, len(lines))):
            spelled += squeeze(lines[end])
            if spelled == key:
                return range(start, end + 1)
            if not key.startswith(spelled) or not lines[end].strip():
                break
    raise ValueError(f"title {title!r} not found on its page")


def block_lines(lines: Sequence[str], next_year: int) -> tuple[dict[int, str], set[int]]:
    """The next-year block: {mark line: what is left of it}, and the block's lines.

    As the reference prints it (and as its rules read it): the block opens on a line that is
    the next year alone, or a short line ending with it ('régie 2023', not 'pour l'année 2023'),
    and closes at the `Perspectives` line, at a heading in capitals or at a key figure.
    """
    marks: dict[int, str] = {}
    inside: set[int] = set()
    opened = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not opened:
            year = _YEAR_AT_END.fullmatch(stripped)
            if year and int(year["year"]) == next_year and _opens_block(stripped):
                marks[index] = stripped[:-4].rstrip()
                opened = True
        elif (
            stripped == _PERSPECTIVES
            or (is_capitals(stripped) and len(stripped) > 12)
            or (is_key_figure(lines, index) and stripped != str(next_year))
        ):
            opened = False
        else:
            inside.add(index)
    return marks, inside


def _opens_block(line: str) -> bool:
    return len(line) == 4 or (len(line) <= 30 and not _YEAR_IN_PHRASE.search(line))


def take_apart(page: Page, title: str | None, next_year: int) -> PageParts:
    """Sort a reference page's lines by role; the roles the new style prints its way are left out."""
    lines = [_STRAY_MARK.sub("", line.strip()) for line in page.text.split("\n")]
    dropped = {i for i, line in enumerate(lines) if furniture(line, page.number, lines, i)}
    dropped |= {i for i, line in enumerate(lines) if line == _PERSPECTIVES}
    marks, inside = block_lines(lines, next_year)
    chapeau: list[str] = []
    if title is not None:
        dropped |= running_title_lines(lines, title)
        spelled = title_lines(lines, title, dropped)
        dropped |= set(spelled)
        taken = chapeau_lines(lines, spelled.stop, dropped | inside | marks.keys())
        chapeau = [lines[index] for index in taken]
        dropped |= set(taken)
    body = [marks.get(i, line) for i, line in enumerate(lines) if i not in dropped and i not in inside]
    block = [line for i, line in enumerate(lines) if i in inside and i not in dropped]
    return PageParts(chapeau, tidy(body), tidy(block))


def chapeau_lines(lines: Sequence[str], start: int, taken: set[int]) -> range:
    """The lines after a sheet title up to the end of its paragraph, which moves up with the title.

    The export leaves blank lines inside paragraphs ('Ce sont les 1ers', blank,
    'interlocuteurs pour...'): a blank line ends the paragraph only after a sentence's end
    or before a line that starts one, so that no sentence is cut in two.
    """
    end = start
    while end < len(lines) and end not in taken:
        if not lines[end]:
            following = next((i for i in range(end, len(lines)) if lines[i]), None)
            last = lines[end - 1] if end > start else ""
            if following is None or following in taken or not last or last.endswith((".", ":", "!", "?")):
                break
            if not lines[following][0].islower():
                break
            end = following
        end += 1
    return range(start, end)


def tidy(lines: Sequence[str]) -> list[str]:
    """No blank lines at either end, and never two in a row."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def divider_prose(page: Page, pilier_title: str) -> list[str]:
    """A divider page's text without its marks, its pilier title and its footer: the part's intro."""
    lines = [line.strip() for line in page.text.split("\n")]
    title = [
        index
        for paragraph in paragraphs(lines)
        if _title_tail(paragraph, lines, pilier_title)
        for index in paragraph
    ]
    kept = [
        line
        for index, line in enumerate(lines)
        if index not in title
        and not (
            _PILIER_MARK.fullmatch(line) or is_capitals(line) or furniture(line, page.number, lines, index)
        )
    ]
    return tidy(kept)


def paragraphs(lines: Sequence[str]) -> list[list[int]]:
    """Runs of non-blank lines, as line indices."""
    runs: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if line:
            runs[-1].append(index)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _title_tail(paragraph: Sequence[int], lines: Sequence[str], pilier_title: str) -> bool:
    """A paragraph of the pilier's title set in lowercase ('et pour la protection de l'atmosphère').

    The divider prints the title's first words in capitals and its end in lowercase, at
    times far from them in the export's order: a paragraph whose lowercase lines use only
    the title's words and end no sentence is the title's end.
    """
    words = set(regex.findall(r"\p{L}+", pilier_title.casefold()))
    lowercase = [
        lines[i] for i in paragraph if not (_PILIER_MARK.fullmatch(lines[i]) or is_capitals(lines[i]))
    ]
    return bool(lowercase) and all(
        line[0].islower() and "." not in line and set(regex.findall(r"\p{L}+", line.casefold())) <= words
        for line in lowercase
    )


# --------------------------------------------------------------------------- the re-styled report


@dataclass(frozen=True)
class Plan:
    """What each printed page holds in the re-styled report, worked out before any page is printed."""

    parts: tuple[tuple[int, str, int], ...]
    sheets: tuple[TrueSheet, ...]
    part_of_page: dict[int, int | None]


def plan(document: Document, style: Style) -> Plan:
    """Parts and sheets with their printed titles, numbers and pages, from the reference's sheets."""
    parts: list[tuple[int, str, int]] = []
    sheets: list[TrueSheet] = []
    part_of_page: dict[int, int | None] = {}
    order: dict[int, int] = {}
    for sheet in document.sheets:
        for page in range(sheet.first_page, sheet.last_page + 1):
            part_of_page[page] = sheet.pilier
        if sheet.kind == "pilier" and sheet.pilier is not None:
            parts.append((sheet.pilier, sentence_case(sheet.title), sheet.first_page))
        elif sheet.kind == "action" and sheet.pilier is not None:
            order[sheet.pilier] = order.get(sheet.pilier, 0) + 1
            number = f"{sheet.pilier}.{order[sheet.pilier]}" if style.numbered else None
            sheets.append(TrueSheet(sheet.title, sheet.pilier, sheet.first_page, "action", number))
        else:
            sheets.append(TrueSheet(sheet.title, None, sheet.first_page, "intro"))
    return Plan(tuple(parts), tuple(sheets), part_of_page)


def contents_page(style: Style, layout: Plan) -> list[str]:
    """The contents page: the intro pages, then each part and its sheets, the style's way."""
    lines = [style.part_plural, "constituent le socle de la politique de développement durable"]
    lines += [f"de la {style.name}", ""]
    for sheet in layout.sheets:
        if sheet.kind == "intro" and sheet.first_page > 2:
            lines.append(style.contents_sheet(sheet))
    for part, title, page in layout.parts:
        lines.append(style.contents_part(part, title, page))
        lines += [style.contents_sheet(sheet) for sheet in layout.sheets if sheet.part == part]
    return lines


@dataclass(frozen=True)
class PrintedPage:
    """One printed page: its head (running header, heading or divider title), body and footer."""

    number: int
    top: list[str]
    body: list[str]
    footer: str  # empty on the cover

    def text(self) -> str:
        lines = [*self.top, *self.body, *(["", self.footer] if self.footer else [])]
        return "\n".join(line.rstrip() for line in lines) + "\n"


def sheet_page(
    page: Page, sheet: TrueSheet | None, style: Style, layout: Plan, next_year: int
) -> PrintedPage:
    """A page of a sheet: running header, heading and chapeau, body, then the target block last.

    The block goes to the end of the page so that it ends where the page does: in the
    reference some key figures follow the `Perspectives` mark that closed it, and without
    that mark they would read as targets.
    """
    part = layout.part_of_page.get(page.number)
    part_title = next((title for number, title, _ in layout.parts if number == part), None)
    pieces = take_apart(page, sheet.title if sheet else None, next_year)
    top = style.running_header(part, part_title) + ([sheet.heading] if sheet else [])
    body = [*pieces.chapeau, "", *pieces.body] if sheet else pieces.body
    if pieces.block:
        body += ["", style.target_line(next_year), *pieces.block]
    return PrintedPage(page.number, top, rename("\n".join(body), style).split("\n"), "")


def printed_pages(style: Style) -> tuple[tuple[PrintedPage, ...], Plan]:
    """Every printed page of the re-styled report (page 1, the cover, first), and the plan they follow."""
    document = reference()
    layout = plan(document, style)
    heads = {sheet.first_page: sheet for sheet in layout.sheets}
    dividers = {page: (part, title) for part, title, page in layout.parts}
    pilier_titles = {sheet.pilier: sheet.title for sheet in document.sheets if sheet.kind == "pilier"}
    pages = [PrintedPage(1, style.cover(document.year), [], "")]
    for page in document.pages:
        if page.number == 2:
            printed = PrintedPage(2, ["Sommaire"], ["", *contents_page(style, layout)], "")
        elif page.number in dividers:
            part, title = dividers[page.number]
            prose = rename("\n".join(divider_prose(page, pilier_titles[part])), style)
            printed = PrintedPage(page.number, style.divider(part, title), ["", *prose.split("\n")], "")
        else:
            printed = sheet_page(page, heads.get(page.number), style, layout, document.year + 1)
        pages.append(replace(printed, footer=style.footer(page.number, document.year)))
    return tuple(pages), layout


@functools.cache
def restyle(style: str) -> Restyled:
    """The reference report printed in `style` ('axe' or 'finalite'), with its true structure."""
    conventions = style_of(style)
    pages, layout = printed_pages(conventions)
    text = "\f".join(page.text() for page in pages)
    return Restyled(style, conventions.name, text, layout.sheets, layout.parts)


def restyle_unpaginated(style: str) -> Restyled:
    """The same report as one text without form feeds (pages joined by a newline): pages to infer."""
    paginated = restyle(style)
    text = "\n".join(page.rstrip("\n") for page in paginated.pages) + "\n"
    return Restyled(paginated.style, paginated.name, text, paginated.sheets, paginated.parts)


# --------------------------------------------------------------------------- PDF


def write_pdf(style: str, path: Path) -> Path:
    """The re-styled report as an A4 PDF, drawn with the fixture's fonts and two-column flow.

    Heads are set bold across the page, bodies flow into pdfgen's two columns (key figures
    large, lines in capitals letter-spaced like the reference's headings), the footer at the
    bottom. A reading of the PDF gives back each page's lines, in column order.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from tests import pdfgen

    fonts = pdfgen.load_fonts()
    pages, _ = printed_pages(style_of(style))
    canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(" ".join(line for line in pages[0].top if line))
    for page in pages:
        _draw_page(canvas, fonts, page)
        canvas.showPage()
    canvas.save()
    return path


def _draw_page(canvas: Any, fonts: Fonts, page: PrintedPage) -> None:
    from tests import pdfgen

    baseline = pdfgen.PAGE_HEIGHT - pdfgen.MARGIN - 12.0
    for line in (line for line in page.top if line):
        size = 12.0
        while (
            size > pdfgen.MIN_SIZE
            and pdfgen._width(line, fonts.bold, size) > pdfgen.PAGE_WIDTH - 2 * pdfgen.MARGIN
        ):
            size -= 0.5
        canvas.setFont(fonts.bold, size)
        canvas.drawString(pdfgen.MARGIN, baseline, fonts.text(line))
        baseline -= 1.5 * size
    items = _column_items(page.body)
    if items:
        drawn = [pdfgen.Item(item.kind, fonts.text(item.text)) for item in items]
        pdfgen._draw_columns(canvas, fonts, drawn, baseline - 6.0)
    if page.footer:
        canvas.setFont(fonts.regular, 7)
        canvas.drawString(pdfgen.MARGIN, pdfgen.FOOTER_Y, fonts.text(page.footer))


def _column_items(lines: Sequence[str]) -> list[Item]:
    """pdfgen's column items for a page body: gaps, key figures, headings in capitals, text."""
    from tests.pdfgen import Item

    items: list[Item] = []
    for index, line in enumerate(lines):
        if not line:
            if items and items[-1].kind != "gap":
                items.append(Item("gap", ""))
        elif is_key_figure(lines, index):
            items.append(Item("figure", line))
        elif is_capitals(line) and " " not in line:
            items.append(Item("heading", line))
        else:
            items.append(Item("text", line))
    while items and items[0].kind == "gap":
        items.pop(0)
    return items


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the reference report re-styled as another report.")
    parser.add_argument("style", choices=STYLES)
    parser.add_argument("output", type=Path, help="the text file to write")
    parser.add_argument("--unpaginated", action="store_true", help="no form feeds between pages")
    parser.add_argument("--pdf", type=Path, help="also draw the report as a PDF here")
    args = parser.parse_args(argv)
    made = restyle_unpaginated(args.style) if args.unpaginated else restyle(args.style)
    args.output.write_text(made.text, encoding="utf-8")
    print(f"{args.output}: {made.name}, {len(made.parts)} parts, {len(made.action_sheets)} action sheets")
    if args.pdf is not None:
        print(f"{write_pdf(args.style, args.pdf)}: {len(made.pages)} pages")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # run as a script: `tests.pdfgen` is imported from the repository root
    sys.exit(main())
