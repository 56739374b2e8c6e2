"""Build the PDF test fixture: the reference report text laid out as an A4 report with reportlab.

PDF page N holds printed page N of the 2022 report: page 1 is a cover, pages 2 to 60
carry the page texts of `data/raw/cabbalr-rdd-2022.txt` as `split_pages` cuts them.
Each page is set like the printed report: a letter-spaced running title across the
top (drawn with character spacing, so the text layer has no spaces between its
letters), the lines flowed into two columns, key figures in a large bold font and a
footer with the page number. The text's own page furniture (its letter-spaced footer
lines and lone page numbers) is left out: the footer drawn on each page replaces it.

The build is deterministic (`invariant=1`): the same bytes on every run on one machine.

What is a letter-spaced line, a key figure or page furniture is decided here with its
own simple tests, on purpose not with the pipeline's functions: a fixture derived from
the code under test would hide that code's mistakes.

    python tests/pdfgen.py OUT.pdf [--copies N]
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from rdd_extract.layout import split_pages
from rdd_extract.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "raw" / "cabbalr-rdd-2022.txt"
PAGES_PER_COPY = 60
YEAR = 2022
TITLE = f"Rapport de développement durable {YEAR}"
COLLECTIVITE = "Communauté d’agglomération de Béthune-Bruay, Artois Lys Romane"
FOOTER = f"RAPPORT DE DÉVELOPPEMENT DURABLE - {YEAR}"

PAGE_WIDTH: float = float(A4[0])
PAGE_HEIGHT: float = float(A4[1])
MARGIN = 32.0
GUTTER = 16.0
COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - GUTTER) / 2
FOOTER_Y = 20.0
BODY_TOP = PAGE_HEIGHT - MARGIN - 6.0  # first baseline of the columns when a page has no running title
BODY_BOTTOM = 44.0  # lowest baseline of the columns: the footer sits below
TITLE_SIZE = 10.0
TITLE_LEADING = 15.0
BODY_SIZE = 7.5  # the body font size of a page that fits; shrunk, never below MIN_SIZE, when it does not
MIN_SIZE = 3.0
FIGURE_SCALE = 2.4  # a key figure is set at 2.4 times the body size (18pt for a 7.5pt body)
_FIGURE_ABOVE = (FIGURE_SCALE - 1) * 0.8  # in body sizes: from a line's baseline down to the figure's
_FIGURE_BELOW = 0.35 * FIGURE_SCALE + 0.9  # in body sizes: from the figure's baseline to the caption's

# Fonts that cover French text, in order of preference; reportlab bundles Vera; Helvetica comes last.
_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)
_FONT_FILES = (
    ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
)
# Close equivalents for the characters a font cannot draw (only used when the font lacks them).
_FALLBACKS = {
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "•": "-",
    "–": "-",
    "…": "...",
    "€": "EUR",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "·": "-",
    "\ufffd": "?",
}

_KEY_FIGURE = re.compile(r"\+?\s*\d[\d \u00a0\u202f,.]*\s*(?:%|€|k€|M€)?")
_FURNITURE = re.compile(r"RAPPORTDED[ÉE]VELOPPEMENTDURABLE-20\d\d\d{0,3}")
_LONE_NUMBER = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    charset: frozenset[str] | None  # characters the fonts can draw; None: WinAnsi (cp1252) standard fonts

    def text(self, line: str) -> str:
        """`line` with every character the fonts cannot draw replaced by a close equivalent."""
        return "".join(char if self._covers(char) else _FALLBACKS.get(char, "?") for char in line)

    def _covers(self, char: str) -> bool:
        if self.charset is not None:
            return char in self.charset
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True


@dataclass(frozen=True)
class Item:
    """One line of a page in the column flow."""

    kind: str  # "text", "heading" (letter-spaced), "figure" (a key figure) or "gap" (blank lines)
    text: str


@dataclass(frozen=True)
class PageLayout:
    number: int
    titles: tuple[str, ...]  # the running title lines, letter spacing removed
    items: tuple[Item, ...]


# --------------------------------------------------------------------------- fonts


@functools.cache
def load_fonts() -> Fonts:
    """DejaVu Sans (Condensed) when installed, else reportlab's bundled Vera, else Helvetica."""
    candidates = [(folder / regular, folder / bold) for folder in _FONT_DIRS for regular, bold in _FONT_FILES]
    vera = Path(pdfmetrics.__file__).resolve().parent.parent / "fonts"
    candidates.append((vera / "Vera.ttf", vera / "VeraBd.ttf"))
    for regular, bold in candidates:
        if regular.is_file() and bold.is_file():
            regular_font = TTFont(f"Fixture-{regular.stem}", str(regular))
            bold_font = TTFont(f"Fixture-{bold.stem}", str(bold))
            pdfmetrics.registerFont(regular_font)
            pdfmetrics.registerFont(bold_font)
            charset = frozenset(chr(code) for code in regular_font.face.charToGlyph) & frozenset(
                chr(code) for code in bold_font.face.charToGlyph
            )
            return Fonts(regular_font.fontName, bold_font.fontName, charset)
    return Fonts("Helvetica", "Helvetica-Bold", None)


def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


# --------------------------------------------------------------------------- page texts -> layouts


@functools.cache
def reference_pages() -> tuple[tuple[int, str], ...]:
    """(printed page number, raw text) of the reference report: pages 2 to 60."""
    return tuple((page.number, page.text) for page in split_pages(read_source(REFERENCE)))


def is_letter_spaced(line: str) -> bool:
    """' L E  F O N D S', 'P I L I E R  1': a line of single letters (words parted by double spaces)."""
    tokens = line.split()
    if len(tokens) < 4:
        return False
    short = sum(1 for token in tokens if len(token) <= 2)
    letters = sum(1 for token in tokens if len(token) == 1 and token.isalpha())
    return short / len(tokens) >= 0.7 and letters / len(tokens) >= 0.4


def unspace(line: str) -> str:
    """'L E  F O N D S ' -> 'LE FONDS': the letters of a letter-spaced line, in capitals."""
    words = re.split(r" {2,}", line.replace("\u00a0", " ").strip())
    return " ".join(word.replace(" ", "") for word in words if word).upper()


def is_furniture(line: str, page_number: int) -> bool:
    """The text's own footer ('R A P P O R T  D E ... -  2 0 2 2 6') or a lone page number."""
    squeezed = "".join(line.split()).upper()
    return bool(_FURNITURE.fullmatch(squeezed)) or (
        bool(_LONE_NUMBER.fullmatch(squeezed)) and int(squeezed) == page_number
    )


def is_key_figure(lines: Sequence[str], index: int) -> bool:
    """'154', '1 186', '17,16%', '2,6M€' alone on a line, with a caption in lowercase below."""
    if not _KEY_FIGURE.fullmatch(lines[index]):
        return False
    caption = next((line for line in lines[index + 1 :] if line), "")
    return bool(caption) and caption[0].islower()


def layout_page(number: int, text: str) -> PageLayout:
    """The running title and the column items of one printed page."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if not (line and is_furniture(line, number))]
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    titles: list[str] = []
    while start < len(lines) and len(titles) < 2 and is_letter_spaced(lines[start]):
        titles.append(unspace(lines[start]))
        start += 1
        while start < len(lines) and not lines[start]:
            start += 1
    body = lines[start:]
    items: list[Item] = []
    for index, line in enumerate(body):
        if not line:
            if items and items[-1].kind != "gap":
                items.append(Item("gap", ""))
        elif is_letter_spaced(line):
            items.append(Item("heading", unspace(line)))
        elif is_key_figure(body, index):
            items.append(Item("figure", line))
        else:
            items.append(Item("text", line))
    while items and items[-1].kind == "gap":
        items.pop()
    return PageLayout(number, tuple(titles), tuple(items))


# --------------------------------------------------------------------------- drawing


def _item_height(item: Item, size: float) -> float:
    if item.kind == "gap":
        return 0.6 * size
    if item.kind == "figure":
        return _FIGURE_ABOVE * size + _FIGURE_BELOW * size
    if item.kind == "heading":
        return 1.5 * size
    return 1.25 * size


def _heading_spacing(text: str, fonts: Fonts, size: float) -> float | None:
    """Character spacing of a heading set in a column at `size`; None when it cannot fit."""
    room = COLUMN_WIDTH - _width(text, fonts.bold, size)
    if room < 0.4 * len(text):
        return None
    return min(0.3 * size, room / len(text))


def _fits_width(item: Item, fonts: Fonts, size: float) -> bool:
    if item.kind == "text":
        return _width(item.text, fonts.regular, size) <= COLUMN_WIDTH
    if item.kind == "figure":
        return _width(item.text, fonts.bold, FIGURE_SCALE * size) <= COLUMN_WIDTH
    if item.kind == "heading":
        return _heading_spacing(item.text, fonts, size) is not None
    return True


def _split(items: Sequence[Item], size: float, height: float) -> int | None:
    """Index where column 2 starts, balancing the columns; None if the items need more than two columns."""
    heights = [_item_height(item, size) for item in items]
    total = sum(heights)
    best: tuple[float, int] | None = None
    done = 0.0
    for index in range(len(items) + 1):
        second = total - done - (heights[index] if index < len(items) and items[index].kind == "gap" else 0.0)
        tallest = max(done, second)
        keeps_together = index > 0 and items[index - 1].kind in ("figure", "heading")  # with what follows
        fits = done <= height and second <= height and not keeps_together
        if fits and (best is None or tallest < best[0]):
            best = (tallest, index)
        if index < len(items):
            done += heights[index]
        if done > height:
            break
    return None if best is None else best[1]


def fit(items: Sequence[Item], fonts: Fonts, height: float) -> tuple[float, int]:
    """The largest body size (and column split) at which every item fits: text is never dropped."""
    size = BODY_SIZE
    while True:
        split = _split(items, size, height) if all(_fits_width(item, fonts, size) for item in items) else None
        if split is not None or size <= MIN_SIZE:
            return size, split if split is not None else len(items)
        size = round(size - 0.25, 2)


def _draw_title(canvas: Canvas, fonts: Fonts, title: str, baseline: float) -> None:
    width = PAGE_WIDTH - 2 * MARGIN
    size = TITLE_SIZE
    while size > MIN_SIZE and _width(title, fonts.bold, size) + 0.5 * len(title) > width:
        size -= 0.5
    spacing = max(0.0, min(0.4 * size, (width - _width(title, fonts.bold, size)) / max(len(title), 1)))
    text = canvas.beginText(MARGIN, baseline)
    text.setFont(fonts.bold, size)
    text.setCharSpace(spacing)
    text.textOut(title)
    canvas.drawText(text)


def _draw_columns(canvas: Canvas, fonts: Fonts, items: Sequence[Item], top: float) -> None:
    size, split = fit(items, fonts, top - BODY_BOTTOM)
    for column, chunk in enumerate((items[:split], items[split:])):
        x = MARGIN + column * (COLUMN_WIDTH + GUTTER)
        y = top
        text = canvas.beginText(x, y)
        started = False
        for item in chunk:
            if item.kind == "gap":
                if started:
                    y -= _item_height(item, size)
                continue
            started = True
            if item.kind == "figure":
                y -= _FIGURE_ABOVE * size  # room for the tall digits above their baseline
                text.setTextOrigin(x, y)
                text.setFont(fonts.bold, FIGURE_SCALE * size)
                text.setCharSpace(0)
                text.textOut(item.text)
                y -= _FIGURE_BELOW * size  # the caption's baseline: clear of the figure
            elif item.kind == "heading":
                y -= 0.25 * size
                text.setTextOrigin(x, y)
                text.setFont(fonts.bold, size)
                text.setCharSpace(_heading_spacing(item.text, fonts, size) or 0.0)
                text.textOut(item.text)
                y -= 1.25 * size
            else:
                text.setTextOrigin(x, y)
                text.setFont(fonts.regular, size)
                text.setCharSpace(0)
                text.textOut(item.text)
                y -= 1.25 * size
        canvas.drawText(text)


def _draw_footer(canvas: Canvas, fonts: Fonts, page_number: int) -> None:
    canvas.setFont(fonts.regular, 7)
    canvas.drawString(MARGIN, FOOTER_Y, fonts.text(FOOTER))
    canvas.setFont(fonts.bold, 8)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_Y, str(page_number))
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, FOOTER_Y + 10, PAGE_WIDTH - MARGIN, FOOTER_Y + 10)


def _draw_cover(canvas: Canvas, fonts: Fonts) -> None:
    width = PAGE_WIDTH - 2 * MARGIN
    size = 26.0
    while _width(TITLE, fonts.bold, size) > width:
        size -= 1
    canvas.setFont(fonts.bold, size)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT * 0.6, fonts.text(TITLE))
    name = fonts.text(COLLECTIVITE)
    size = 14.0
    while _width(name, fonts.regular, size) > width:
        size -= 1
    canvas.setFont(fonts.regular, size)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT * 0.6 - 40, name)


def draw_page(canvas: Canvas, fonts: Fonts, layout: PageLayout, page_number: int) -> None:
    """One printed page: running title, two columns, footer carrying `page_number`."""
    baseline = PAGE_HEIGHT - MARGIN - TITLE_SIZE
    for title in layout.titles:
        _draw_title(canvas, fonts, fonts.text(title), baseline)
        baseline -= TITLE_LEADING
    top = baseline - 6.0 if layout.titles else BODY_TOP
    items = [Item(item.kind, fonts.text(item.text)) for item in layout.items]
    _draw_columns(canvas, fonts, items, top)
    _draw_footer(canvas, fonts, page_number)


@functools.cache
def page_layouts() -> tuple[PageLayout, ...]:
    return tuple(layout_page(number, text) for number, text in reference_pages())


def build_report_pdf(path: Path, copies: int = 1) -> Path:
    """Write the fixture to `path`: `copies` times the 60 pages of the 2022 report (cover included)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    layouts = page_layouts()
    numbers = [layout.number for layout in layouts]
    if numbers != list(range(2, PAGES_PER_COPY + 1)):
        raise RuntimeError(f"the reference text does not cut into printed pages 2..60: {numbers}")
    fonts = load_fonts()
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(TITLE)
    canvas.setAuthor(COLLECTIVITE)
    for copy in range(copies):
        _draw_cover(canvas, fonts)
        canvas.showPage()
        for layout in layouts:
            draw_page(canvas, fonts, layout, copy * PAGES_PER_COPY + layout.number)
            canvas.showPage()
    canvas.save()
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the PDF fixture of the 2022 report.")
    parser.add_argument("output", type=Path, help="the PDF to write")
    parser.add_argument("--copies", type=int, default=1, help="repeat the 60 pages N times (default 1)")
    args = parser.parse_args(argv)
    path = build_report_pdf(args.output, args.copies)
    print(f"{path}: {args.copies * PAGES_PER_COPY} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
