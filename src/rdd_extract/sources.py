"""Read a report (PDF or text export) into raw page texts.

The only module that opens reports (rule files are read by `rules`, tables by
`tables`). A PDF is read page by page with pypdfium2 (PDFium's text layer: about
90 times faster than pdfplumber's layout analysis on the fixture, see `make bench`,
and good enough here, since the figures are found in the text, not in positions).
A text export is split on form feeds; without them it is one unpaginated block
that `layout.split_pages` cuts into printed pages.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from rdd_extract.errors import UserError

PDF_MAGIC = b"%PDF-"
ProgressCallback = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class Source:
    """An input as read: raw page texts, 1-based page numbers given by position."""

    name: str
    sha256: str
    pages: tuple[str, ...]
    paginated: bool  # False for a text export without form feeds
    outline: tuple[OutlineItem, ...] = ()  # a PDF's bookmarks, in order
    headings: tuple[tuple[str, ...], ...] = ()  # per PDF page, its lines set larger than its text
    pdf: bool = False  # a PDF (figures get their boxes on the page), not a text export


@dataclass(frozen=True)
class OutlineItem:
    """One bookmark of a PDF: its depth (0 at the top), its title and the 1-based page it opens."""

    level: int
    title: str
    page: int


def read_source(path: Path, password: str | None = None, progress: ProgressCallback | None = None) -> Source:
    """Read `path`, choosing PDF or text by content (and by a .pdf name)."""
    data = _read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    if PDF_MAGIC in data[:1024]:  # PDF readers accept a header after some junk, so do we
        pages, outline, headings = _read_pdf(path, data, password, progress)
        return Source(path.name, digest, pages, True, outline, headings, pdf=True)
    if path.suffix.lower() == ".pdf":
        raise UserError(f"{path} is not a PDF (it has no %PDF header)")
    text = _decode_text(path, data)
    if not text.strip():
        raise UserError(f"{path} has no text")
    if "\f" in text:
        return Source(path.name, digest, tuple(text.split("\f")), True)
    return Source(path.name, digest, (text,), False)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise UserError(f"{path} does not exist")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a report file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data:
        raise UserError(f"{path} is empty")
    return data


def _decode_text(path: Path, data: bytes) -> str:
    """UTF-16 with its BOM, UTF-8 (with or without BOM), else Windows-1252 when the bytes look like text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UserError(f"{path} is not valid UTF-16 text") from exc
    if b"\x00" in data[:65536]:
        raise UserError(f"{path} is not a text file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UserError(f"{path} is neither UTF-8 nor Windows-1252 text") from exc
    controls = sum(1 for char in text[:65536] if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > len(text[:65536]) * 0.01:
        raise UserError(f"{path} is not a text file (it holds binary data)")
    return text


def _read_pdf(
    path: Path, data: bytes, password: str | None, progress: ProgressCallback | None
) -> tuple[tuple[str, ...], tuple[OutlineItem, ...], tuple[tuple[str, ...], ...]]:
    import pypdfium2  # heavy-ish: imported only when a PDF is read

    try:
        document = pypdfium2.PdfDocument(data, password=password)
    except pypdfium2.PdfiumError as exc:
        raise UserError(_pdf_open_error(path, str(exc), password, b"/Encrypt" in data)) from exc
    try:
        count = len(document)
        if count == 0:
            raise UserError(f"{path} is a PDF with no pages")
        pages = []
        headings: list[tuple[str, ...]] = []
        damaged = 0
        for index in range(count):
            try:
                text, large = _page_text(document, index)
            except pypdfium2.PdfiumError:
                text, large = "", ()  # one damaged page must not cost the others
                damaged += 1
            pages.append(text)
            headings.append(large)
            if progress:
                progress(index + 1, count)
        outline = _outline(document, count)
    finally:
        document.close()
    if damaged == count:
        raise UserError(f"{path} is a damaged PDF: none of its {count} pages can be read")
    if not any(page.strip() for page in pages):
        raise UserError(
            f"{path} has no text layer: it looks scanned; run OCR first (e.g. ocrmypdf {path.name} out.pdf)"
        )
    return tuple(pages), outline, tuple(headings)


def _outline(document: object, count: int, most: int = 2000) -> tuple[OutlineItem, ...]:
    """The PDF's bookmarks that open a page of it (a broken outline is no outline)."""
    import pypdfium2

    items: list[OutlineItem] = []
    with contextlib.suppress(pypdfium2.PdfiumError, ValueError, OSError, RecursionError, AttributeError):
        for item in document.get_toc(max_depth=4):  # type: ignore[attr-defined]
            title, index = _bookmark(item)
            if index is not None and 0 <= index < count and title:
                items.append(OutlineItem(int(item.level), title, index + 1))
            if len(items) >= most:
                break
    return tuple(items)


def _bookmark(item: Any) -> tuple[str, int | None]:
    """(title, 0-based page index) of a bookmark: pypdfium2 5 gives methods, 4 gave fields."""
    if hasattr(item, "get_title"):
        destination = item.get_dest()
        index = destination.get_index() if destination is not None else None
        return " ".join(str(item.get_title() or "").split()), index
    return " ".join(str(item.title or "").split()), item.page_index


def _page_text(document: object, index: int) -> tuple[str, tuple[str, ...]]:
    """The text of a page, and its lines set larger than its text (headings, for the structure)."""
    import pypdfium2

    page = document[index]  # type: ignore[index]
    large: tuple[str, ...] = ()
    try:
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
            lines = text.split("\r\n")
            if len(text) == textpage.count_chars():  # text offsets are char indices: positions are known
                # a page whose char boxes cannot be read keeps its lines as they are
                with contextlib.suppress(ValueError, OSError, pypdfium2.PdfiumError):
                    large = _large_lines(textpage, lines)
                    lines = _with_paragraph_breaks(textpage, lines, respace=_looks_glued(text))
        finally:
            textpage.close()
    finally:
        page.close()
    # A word hyphenated at a line end comes joined, its hyphen marked U+FFFE: clean decides
    return "\n".join(lines).replace("\r", "\n"), large


def _large_lines(textpage: object, lines: list[str], ratio: float = 1.4) -> tuple[str, ...]:
    """Lines of words set at `ratio` times the page's usual size or more: its headings (not its
    key figures, which are numbers)."""
    import pypdfium2.raw as pdfium_c

    sized: list[tuple[float, str]] = []
    offset = 0
    for line in lines:
        stripped = line.strip()
        if stripped:
            first = offset + len(line) - len(line.lstrip())
            size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, first))  # type: ignore[attr-defined]
            sized.append((size, stripped))
        offset += len(line) + 2
    if len(sized) < 4:
        return ()
    usual = sorted(size for size, _ in sized)[len(sized) // 2]
    return tuple(
        text
        for size, text in sized
        if usual > 0
        and size >= ratio * usual
        and len(regex.findall(r"\p{L}", text)) >= 4
        and len(text) <= 150
    )


def _looks_glued(text: str) -> bool:
    """Words run together: a PDF that draws no space characters and sets words close."""
    words = [word for word in regex.findall(r"\p{L}+", text) if not word.isupper()]  # titles are glued anyway
    long_words = sum(1 for word in words if len(word) > 14)
    return len(words) >= 20 and long_words > 0.035 * len(words)  # French prose: under 3 %


def _with_paragraph_breaks(textpage: object, lines: list[str], respace: bool = False) -> list[str]:
    """Lines as a text export has them, read from where each line starts and its font size.

    PDFium gives lines, not paragraphs: a blank line goes wherever the next line
    starts lower than a line's spacing or in a new column, and a key figure set in a
    large font on its caption's line ('154 dossiers validés') gets a line of its own.
    With `respace`, spaces are put back between characters set apart on the page.
    """
    out: list[str] = []
    previous: tuple[float, float] | None = None  # (bottom, height) of the previous line's first char
    offset = 0
    for line in lines:
        stripped = line.lstrip()
        if stripped:
            first = offset + len(line) - len(stripped)
            _, bottom, _, top = textpage.get_charbox(first, loose=True)  # type: ignore[attr-defined]
            height = top - bottom
            if previous is not None:
                gap = previous[0] - top
                if gap > 0.5 * min(height, previous[1]) or top > previous[0] + previous[1]:
                    out.append("")
            previous = (bottom, height)
            for part, start in _split_large_figure(textpage, line, offset):
                out.append(_respaced(textpage, part, start) if respace else part)
        else:
            out.append(line)
        offset += len(line) + 2
    return out


_LEADING_FIGURE = regex.compile(r"\s*\+?\s*\d[\d \u00a0\u202f,.]*(?:\s*(?:%|€|k€|M€))?")
_TRAILING_FIGURE = regex.compile(r"(?<=\s)\+?\s*\d[\d \u00a0\u202f,.]*(?:\s*(?:%|€|k€|M€))?\s*$")


def _split_large_figure(textpage: object, line: str, start: int) -> list[tuple[str, int]]:
    """A key figure set in a font half as large again as the text beside it gets a line of its own:
    '154 dossiers validés' (the figure, then its caption), or 'par ces enjeux. 3' (PDFium put the
    figure at the end of the line above it). Returns the parts with the char index where each starts.
    """
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw  # type: ignore[attr-defined]

    def size(index: int) -> float:
        return float(pdfium_c.FPDFText_GetFontSize(handle, start + index))

    leading = _LEADING_FIGURE.match(line)
    if leading is not None and leading.end() < len(line.rstrip()):
        rest = leading.end() + (line[leading.end()] == " ")
        if size(len(line) - len(line.lstrip())) > 1.4 * size(rest) > 0:
            return [(line[: leading.end()].rstrip(), start), (line[rest:], start + rest)]
    trailing = _TRAILING_FIGURE.search(line)
    if trailing is not None and line[: trailing.start()].strip():
        figure = trailing.start() + len(trailing.group()) - len(trailing.group().lstrip())
        if size(figure) > 1.4 * size(trailing.start() - 2) > 0:
            return [(line[: trailing.start()].rstrip(), start), (line[figure:], start + figure)]
    return [(line, start)]


def _respaced(textpage: object, line: str, start: int) -> str:
    """A space between two characters set apart on the page (their advance boxes do not touch)."""
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw  # type: ignore[attr-defined]
    chars: list[str] = []
    previous_right: float | None = None
    for index, char in enumerate(line):
        left, _, right, _ = textpage.get_charbox(start + index, loose=True)  # type: ignore[attr-defined]
        if char.isspace():
            previous_right = None
        elif previous_right is not None:
            gap = left - previous_right
            if gap > 0.08 * pdfium_c.FPDFText_GetFontSize(handle, start + index):
                chars.append(" ")
        chars.append(char)
        if not char.isspace():
            previous_right = right
    return "".join(chars)


def _pdf_open_error(path: Path, message: str, password: str | None, encrypted: bool) -> str:
    """PDFium's error in words. PDFium does not reset its last error when it loads nothing: a
    password error is believed only of a file that says it is encrypted (an /Encrypt entry)."""
    if "password" in message.lower() and encrypted:
        if password:
            return f"{path} is encrypted and the password given does not open it"
        return f"{path} is encrypted: give its password with --password"
    if "Success" in message or "password" in message.lower():  # loaded nothing, said no (new) error
        return f"{path} is not a readable PDF (it has no page, or its body is missing)"
    return f"{path} is not a readable PDF ({message})"


Box = tuple[float, float, float, float]  # x0, top, x1, bottom: PDF points from the page's top-left corner


def figure_boxes(
    path: Path, wanted: Sequence[tuple[int, str]], password: str | None = None
) -> list[Box | None]:
    """The box of each (page, raw text) of a PDF's figures, given in page order: None where the
    figure's characters are not found on its page.

    The figure's characters are looked for in the page's own text (spaces left out, as the
    cleaning moves them): from where the figure before it on the page was found, else anywhere on
    the page, and by its digits alone when its unit is printed apart.
    """
    import pypdfium2

    boxes: list[Box | None] = [None] * len(wanted)
    by_page: dict[int, list[int]] = {}
    for index, (page, _) in enumerate(wanted):
        by_page.setdefault(page, []).append(index)
    try:
        document = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError:
        return boxes
    try:
        for page_number, indexes in by_page.items():
            with contextlib.suppress(pypdfium2.PdfiumError, ValueError, OSError, IndexError):
                for index, box in zip(
                    indexes, _page_boxes(document, page_number, [wanted[i][1] for i in indexes]), strict=True
                ):
                    boxes[index] = box
    finally:
        document.close()
    return boxes


def _page_boxes(document: Any, page_number: int, raws: Sequence[str]) -> list[Box | None]:
    page = document[page_number - 1]
    try:
        height = float(page.get_height())
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
            if len(text) != textpage.count_chars():
                return [None] * len(raws)
            kept = [i for i, char in enumerate(text) if not char.isspace() and char != "\ufffe"]
            stream = "".join(text[i] for i in kept)
            found: list[Box | None] = []
            cursor = 0
            for raw in raws:
                span = _find(stream, raw, cursor)
                if span is None:
                    found.append(None)
                    continue
                cursor = span[1]
                found.append(
                    _union([textpage.get_charbox(kept[i], loose=True) for i in range(*span)], height)
                )
            return found
        finally:
            textpage.close()
    finally:
        page.close()


def _find(stream: str, raw: str, cursor: int) -> tuple[int, int] | None:
    """Where `raw` (without its spaces), else its digits, stand in `stream`: after `cursor` first."""
    whole = "".join(raw.split()).replace("\u00a0", "").replace("\u202f", "")
    digits = regex.search(r"[0-9](?:[0-9.,]|\s(?=[0-9]))*", raw)
    for target in (whole, "".join(digits.group().split()) if digits else ""):
        if not target:
            continue
        for start in (cursor, 0):
            at = stream.find(target, start)
            if at >= 0:
                return at, at + len(target)
    return None


def _union(charboxes: Sequence[tuple[float, float, float, float]], height: float) -> Box:
    """The box around PDFium's char boxes (left, bottom, right, top from the bottom-left corner),
    in pdfplumber's convention (from the top-left corner)."""
    x0 = min(box[0] for box in charboxes)
    x1 = max(box[2] for box in charboxes)
    top = height - max(box[3] for box in charboxes)
    bottom = height - min(box[1] for box in charboxes)
    return round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)


@dataclass(frozen=True)
class PageImage:
    """A PDF page drawn in grey, as PNG bytes, with its size in pixels and in PDF points."""

    page: int
    png: bytes
    width: int
    height: int
    width_pt: float
    height_pt: float


def page_images(
    path: Path, pages: Sequence[int], password: str | None = None, scale: float = 0.6
) -> list[PageImage]:
    """The given pages of a PDF drawn for the review page ([] for a file that cannot be opened)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError:
        return []
    images = []
    try:
        for number in pages:
            with contextlib.suppress(pypdfium2.PdfiumError, IndexError):
                page = document[number - 1]
                try:
                    bitmap = page.render(scale=scale, grayscale=True)
                    png = _png_grey(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
                    images.append(
                        PageImage(
                            number, png, bitmap.width, bitmap.height, page.get_width(), page.get_height()
                        )
                    )
                finally:
                    page.close()
    finally:
        document.close()
    return images


def _png_grey(pixels: bytes, width: int, height: int, stride: int) -> bytes:
    """An 8-bit grey PNG, written with zlib alone (no imaging library needed)."""
    import struct
    import zlib

    rows = b"".join(b"\x00" + pixels[row * stride : row * stride + width] for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def file_sha256(path: Path) -> str:
    """The sha256 of a file, to tell whether it is the report a table was made from."""
    return hashlib.sha256(_read_bytes(path)).hexdigest()


def is_pdf(path: Path) -> bool:
    """Whether a file is a PDF (its header, where PDF readers look for it)."""
    with path.open("rb") as handle:
        return PDF_MAGIC in handle.read(1024)
