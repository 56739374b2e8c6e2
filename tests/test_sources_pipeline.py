"""Reading reports (`sources`) and running them (`pipeline`), pinned down value by value.

Every PDF here is drawn by the test with reportlab, in tmp_path, with Helvetica at known sizes and
positions; text exports are written byte by byte. Expected values are written by hand (or, for
positions, computed from reportlab's own font widths), never by the functions under test.
"""

from __future__ import annotations

import hashlib
import io
import signal
import struct
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pypdfium2
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

import rdd_extract
from rdd_extract import pipeline, sources
from rdd_extract.errors import UserError
from rdd_extract.pipeline import (
    BatchJob,
    BatchOutcome,
    Placed,
    default_report_id,
    extract_report,
    extraction_tables,
    place_outcomes,
    report_inputs,
    run_batch,
    run_job,
    write_batch,
    write_extraction,
)
from rdd_extract.sources import (
    OutlineItem,
    Source,
    figure_boxes,
    file_sha256,
    is_pdf,
    page_images,
    read_source,
)

PAGE_HEIGHT = float(A4[1])
# PDFium's loose char box for Helvetica at 10 pt (from the font's bounding box, as PDFium reads it):
# 9.45 pt above the baseline, 2.24 pt below it.
LOOSE_ABOVE, LOOSE_BELOW = 9.45, 2.24
# The page size as PDFium keeps it, in 32-bit floats: 595.2755737... x 841.8897705...
A4_FLOAT32 = tuple(struct.unpack("<ff", struct.pack("<ff", *A4)))

Run = tuple[float, float, str, float]  # x, baseline y, text, font size


def draw(path: Path, pages: Sequence[Sequence[Run]], encrypt: str | None = None) -> Path:
    """A PDF page per list of runs, each drawn in Helvetica at its place and size."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    for runs in pages:
        for x, y, text, size in runs:
            canvas.setFont("Helvetica", size)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return path


def column(lines: Sequence[tuple[str, float]], top: float = 780.0, leading: float = 1.5) -> list[Run]:
    """Lines at x=72, one under the other, `leading` times their size apart."""
    runs: list[Run] = []
    y = top
    for text, size in lines:
        runs.append((72.0, y, text, size))
        y -= size * leading
    return runs


def one_line(path: Path, parts: Sequence[tuple[str, float]]) -> str:
    """The text PDFium gives for one line set in runs of different sizes."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    text = canvas.beginText(50, 700)
    for part, size in parts:
        text.setFont("Helvetica", size)
        text.textOut(part)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return read_source(path).pages[0]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def user_error(path: Path, password: str | None = None) -> str:
    with pytest.raises(UserError) as caught:
        read_source(path, password=password)
    return str(caught.value)


# =========================================================================== text exports


def test_a_text_export_with_form_feeds_is_one_page_per_feed(tmp_path: Path) -> None:
    data = b"Page un\n12 arbres\fPage deux\f"
    path = write(tmp_path / "rapport.txt", data)
    assert read_source(path) == Source(
        "rapport.txt",
        hashlib.sha256(data).hexdigest(),
        ("Page un\n12 arbres", "Page deux", ""),  # the text after the last feed is a page too
        True,
    )


def test_a_text_export_without_form_feeds_is_one_unpaginated_block(tmp_path: Path) -> None:
    data = b"Bilan\r\n12 arbres\tplant\xc3\xa9s\n"
    source = read_source(write(tmp_path / "bilan.txt", data))
    assert (source.pages, source.paginated, source.pdf, source.outline, source.headings) == (
        ("Bilan\r\n12 arbres\tplantés\n",),
        False,
        False,
        (),
        (),
    )


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfBilan \xc3\xa9t\xc3\xa9", "Bilan été"),  # the UTF-8 BOM is not text
        (b"\xff\xfe" + "Bilan été\x01".encode("utf-16-le"), "Bilan été\x01"),  # no control check in UTF-16
        (b"\xfe\xff" + "Bilan été".encode("utf-16-be"), "Bilan été"),
        ("Bilan été – 5 €".encode("cp1252"), "Bilan été – 5 €"),  # not UTF-8: Windows-1252
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_text_encodings(tmp_path: Path, data: bytes, text: str) -> None:
    assert read_source(write(tmp_path / "r.txt", data)).pages == (text,)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("vide.txt", b"", "is empty"),
        ("blanc.txt", b" \n\t\r\n ", "has no text"),
        ("utf16.txt", b"\xff\xfe" + "abc".encode("utf-16-le")[:-1], "is not valid UTF-16 text"),
        ("nul.txt", b"Rapport\x00 2022", "is not a text file (it holds binary data)"),
        ("cp.txt", b"12 arbres \x81\x8d", "is neither UTF-8 nor Windows-1252 text"),
        ("notes.PDF", b"Bonjour 12", "is not a PDF (it has no %PDF header)"),  # the suffix, in any case
        ("notes.pdf", b"Bonjour 12", "is not a PDF (it has no %PDF header)"),
    ],
)
def test_unreadable_text_files_are_refused_with_their_message(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = write(tmp_path / name, data)
    assert user_error(path) == f"{path} {problem}"


def test_missing_files_and_folders_are_refused(tmp_path: Path) -> None:
    assert user_error(tmp_path / "absent.txt") == f"{tmp_path / 'absent.txt'} does not exist"
    (tmp_path / "dossier.pdf").mkdir()
    assert (
        user_error(tmp_path / "dossier.pdf") == f"{tmp_path / 'dossier.pdf'} is a folder, not a report file"
    )


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (PermissionError(13, "Permission denied"), "Permission denied"),
        (OSError("disque perdu"), "disque perdu"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, shown: str
) -> None:
    """The system's reason (strerror) when there is one, else the error itself."""
    path = write(tmp_path / "r.txt", b"12 arbres")

    def refuse(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert user_error(path) == f"cannot read {path}: {shown}"


def test_a_nul_byte_is_binary_only_in_the_first_64_kib(tmp_path: Path) -> None:
    """The NUL check looks at bytes 0 to 65535: a NUL at byte 65535 is binary, one at 65536 is not."""
    inside = write(tmp_path / "in.txt", b"a" * 65535 + b"\x00")
    assert user_error(inside) == f"{inside} is not a text file (it holds binary data)"
    after = write(tmp_path / "after.txt", b"a" * 65536 + b"\x00")
    assert read_source(after).pages == ("a" * 65536 + "\x00",)


def test_control_characters_make_binary_above_one_in_a_hundred(tmp_path: Path) -> None:
    """100 characters: 1 control character (1 %) is text, 2 are binary. Tabs, CR, LF, FF never count."""
    one = write(tmp_path / "one.txt", b"\x01" + b"a" * 99)
    assert read_source(one).pages == ("\x01" + "a" * 99,)
    two = write(tmp_path / "two.txt", b"\x01\x02" + b"a" * 98)
    assert user_error(two) == f"{two} is not a text file (it holds binary data)"
    cp1252 = write(tmp_path / "cp.txt", b"\x01\x02\xe9" + b"a" * 97)  # the check applies after cp1252 too
    assert user_error(cp1252) == f"{cp1252} is not a text file (it holds binary data)"
    spaces = write(tmp_path / "spaces.txt", b"a\t\r\n\f" * 20)
    assert read_source(spaces).pages == ("a\t\r\n",) * 20 + ("",)


def test_control_characters_are_only_counted_in_the_first_65536_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", b"a" * 65536 + b"\x01" * 2000)
    assert read_source(path).pages == ("a" * 65536 + "\x01" * 2000,)


def test_a_pdf_header_counts_in_the_first_1024_bytes_only(tmp_path: Path) -> None:
    """'%PDF-' starting at byte 1019 ends at byte 1023: a PDF (here an unreadable one); at 1020, text."""
    inside = write(tmp_path / "inside.txt", b"x" * 1019 + b"%PDF-1.4 rien")
    assert is_pdf(inside) is True
    assert user_error(inside) == (
        f"{inside} is not a readable PDF (Failed to load document (PDFium: Data format error).)"
    )
    after = write(tmp_path / "after.txt", b"x" * 1020 + b"%PDF-1.4 rien")
    assert is_pdf(after) is False
    assert read_source(after).pages == ("x" * 1020 + "%PDF-1.4 rien",)


def test_file_sha256_is_the_hash_of_the_bytes_and_refuses_an_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "r.txt", b"abc")
    assert (
        file_sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )  # FIPS 180-2
    empty = write(tmp_path / "e.txt", b"")
    with pytest.raises(UserError, match="^" + str(empty).replace(".", r"\.") + " is empty$"):
        file_sha256(empty)


# =========================================================================== PDFs


def test_a_pdf_is_read_page_by_page_with_progress(tmp_path: Path) -> None:
    path = draw(
        tmp_path / "r.pdf",
        [
            [(72, 700, "Bonjour le monde", 10), (72, 688, "En 2022, 12 arbres", 10)],
            [(72, 700, "Page deux", 10)],
        ],
    )
    calls: list[tuple[int, int]] = []
    source = read_source(path, progress=lambda done, total: calls.append((done, total)))
    assert source == Source(
        "r.pdf",
        hashlib.sha256(path.read_bytes()).hexdigest(),
        ("Bonjour le monde\nEn 2022, 12 arbres", "Page deux"),
        True,
        (),
        ((), ()),
        pdf=True,
    )
    assert calls == [(1, 2), (2, 2)]


def test_an_encrypted_pdf_needs_its_password(tmp_path: Path) -> None:
    path = draw(tmp_path / "secret.pdf", [[(72, 700, "Secret 12 arbres", 10)]], encrypt="sesame")
    asks = f"{path} is encrypted: give its password with --password"
    assert user_error(path) == asks
    assert user_error(path, password="") == asks  # an empty password is no password
    assert user_error(path, password="faux") == f"{path} is encrypted and the password given does not open it"
    assert read_source(path, password="sesame").pages == ("Secret 12 arbres",)


def test_a_pdf_without_text_says_to_run_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.rect(72, 72, 300, 400, fill=1)
    canvas.showPage()
    canvas.save()
    assert user_error(path) == (
        f"{path} has no text layer: it looks scanned; run OCR first (e.g. ocrmypdf scan.pdf out.pdf)"
    )


def test_a_damaged_page_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = draw(tmp_path / "r.pdf", [[(72, 700, "Page un", 10)], [(72, 700, "Page deux", 10)]])
    real = sources._page_text

    def first_page_broken(document: object, index: int) -> tuple[str, tuple[str, ...]]:
        if index == 0:
            raise pypdfium2.PdfiumError("broken")
        return real(document, index)

    monkeypatch.setattr(sources, "_page_text", first_page_broken)
    assert read_source(path).pages == ("", "Page deux")

    def all_broken(document: object, index: int) -> tuple[str, tuple[str, ...]]:
        raise pypdfium2.PdfiumError("broken")

    monkeypatch.setattr(sources, "_page_text", all_broken)
    assert user_error(path) == f"{path} is a damaged PDF: none of its 2 pages can be read"


ASKS = "is encrypted: give its password with --password"
WRONG = "is encrypted and the password given does not open it"
BAD_PASSWORD = "Failed to load document (PDFium: Incorrect password error)."
NOTHING = "it has no page, or its body is missing"
FORMAT = "Failed to load document (PDFium: Data format error)."


@pytest.mark.parametrize(
    ("message", "password", "encrypted", "shown"),
    [
        (BAD_PASSWORD, None, True, ASKS),
        (BAD_PASSWORD, "x", True, WRONG),
        ("PASSWORD needed", "", True, ASKS),  # the word in any case; an empty password is none
        # a stale password error of PDFium, for a file with no /Encrypt entry: it loaded nothing
        (BAD_PASSWORD, None, False, f"is not a readable PDF ({NOTHING})"),
        ("Failed to load document (PDFium: Success).", None, False, f"is not a readable PDF ({NOTHING})"),
        (FORMAT, "x", False, f"is not a readable PDF ({FORMAT})"),
    ],
)
def test_pdf_open_errors(message: str, password: str | None, encrypted: bool, shown: str) -> None:
    assert sources._pdf_open_error(Path("in/r.pdf"), message, password, encrypted) == f"in/r.pdf {shown}"


def test_a_pdf_with_no_page_is_not_called_encrypted_after_an_encrypted_one(tmp_path: Path) -> None:
    secret = draw(tmp_path / "secret.pdf", [[(72, 700, "Secret", 10)]], encrypt="sesame")
    empty = pypdfium2.PdfDocument.new()
    empty.save(str(tmp_path / "nopage.pdf"))
    empty.close()
    assert user_error(secret) == f"{secret} is encrypted: give its password with --password"
    assert user_error(tmp_path / "nopage.pdf") == (
        f"{tmp_path / 'nopage.pdf'} is not a readable PDF (it has no page, or its body is missing)"
    )


# --------------------------------------------------------------------------- outline


def test_the_outline_keeps_four_levels_and_titled_bookmarks(tmp_path: Path) -> None:
    """Levels 0 to 3 are read (level 4 is beyond max_depth=4); a blank title is no bookmark (its child
    is kept); titles have their spaces collapsed."""
    path = tmp_path / "o.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    titles = ["  Axe  1 :\tle climat ", "Niveau 1", "   ", "Niveau 3", "Niveau 4"]
    for level, title in enumerate(titles):
        canvas.drawString(72, 700, f"Page {level + 1}")
        canvas.bookmarkPage(f"p{level}")
        canvas.addOutlineEntry(title, f"p{level}", level=level)
        canvas.showPage()
    canvas.save()
    assert read_source(path).outline == (
        OutlineItem(0, "Axe 1 : le climat", 1),
        OutlineItem(1, "Niveau 1", 2),
        OutlineItem(3, "Niveau 3", 4),
    )


def test_the_outline_stops_at_2000_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "many.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(72, 700, "Une page")
    for number in range(2001):
        canvas.bookmarkPage(f"p{number}")
        canvas.addOutlineEntry(f"Titre {number}", f"p{number}", level=0)
    canvas.showPage()
    canvas.save()
    outline = read_source(path).outline
    assert (len(outline), outline[0], outline[-1]) == (
        2000,
        OutlineItem(0, "Titre 0", 1),
        OutlineItem(0, "Titre 1999", 1),
    )


def _bookmark5(title: str | None, index: int | None, level: int = 0) -> SimpleNamespace:
    """A bookmark as pypdfium2 5 gives it: methods, and a destination that may be missing."""
    destination = None if index is None else SimpleNamespace(get_index=lambda: index)
    return SimpleNamespace(level=level, get_title=lambda: title, get_dest=lambda: destination)


def test_bookmarks_of_both_pypdfium2_versions() -> None:
    assert sources._bookmark(_bookmark5(" Le\n climat ", 2)) == ("Le climat", 2)
    assert sources._bookmark(_bookmark5(None, None)) == ("", None)
    assert sources._bookmark(SimpleNamespace(title=" L'eau  potable", page_index=4)) == ("L'eau potable", 4)
    assert sources._bookmark(SimpleNamespace(title=None, page_index=None)) == ("", None)


def test_bookmarks_that_open_no_page_of_the_pdf_are_left_out() -> None:
    class Document:
        def get_toc(self, max_depth: int) -> list[SimpleNamespace]:
            return [
                _bookmark5("Avant", -1),
                _bookmark5("Premier", 0, level=1),
                _bookmark5("Sans page", None),
                _bookmark5("Dernier", 2),
                _bookmark5("Après", 3),  # index 3 of a 3-page PDF: no such page
                _bookmark5("", 1),
            ]

    assert sources._outline(Document(), 3) == (OutlineItem(1, "Premier", 1), OutlineItem(0, "Dernier", 3))


def test_a_broken_outline_is_no_outline() -> None:
    class Document:
        def get_toc(self, max_depth: int) -> list[SimpleNamespace]:
            raise RecursionError("a cycle")

    assert sources._outline(Document(), 3) == ()


# --------------------------------------------------------------------------- headings


BODY = [
    ("corps un", 10.0),
    ("corps deux", 10.0),
    ("corps trois", 10.0),
    ("corps quatre", 10.0),
    ("corps cinq", 10.0),
    ("corps six", 10.0),
    ("petite note", 8.0),
]


def test_headings_are_lines_set_at_1_4_times_the_usual_size(tmp_path: Path) -> None:
    """The usual size is the median (10 pt: six lines of 10, one of 8, four larger): 14 pt is a
    heading, 13.9 pt is not; a heading has 4 letters or more."""
    lines = [("Titre exact", 14.0), ("Titre moins", 13.9), ("Abcd", 20.0), ("Abc 1", 20.0), *BODY]
    source = read_source(draw(tmp_path / "h.pdf", [column(lines), column(BODY)]))
    assert source.headings == (("Titre exact", "Abcd"), ())


def test_headings_are_150_characters_at_most(tmp_path: Path) -> None:
    lines = [("A" * 150, 14.0), ("B" * 151, 14.0), *BODY]
    assert read_source(draw(tmp_path / "h.pdf", [column(lines)])).headings == (("A" * 150,),)


def test_a_page_of_fewer_than_four_lines_has_no_headings(tmp_path: Path) -> None:
    three = [("Grand titre", 20.0), ("corps un", 10.0), ("corps deux", 10.0)]
    four = [*three, ("corps trois", 10.0)]
    source = read_source(draw(tmp_path / "h.pdf", [column(three), column(four)]))
    assert source.headings == ((), ("Grand titre",))


# --------------------------------------------------------------------------- paragraphs and figures


@pytest.mark.parametrize(("leading", "text"), [(17.0, "un\ndeux"), (18.0, "un\n\ndeux")])
def test_a_blank_line_where_the_next_line_starts_lower_than_half_a_line(
    tmp_path: Path, leading: float, text: str
) -> None:
    """Loose boxes are 11.69 pt high at 10 pt: the gap between two lines `leading` apart is
    leading - 11.69, a new paragraph above half a box (5.845): 17 pt gives 5.31, 18 pt gives 6.31."""
    path = draw(tmp_path / "p.pdf", [[(72, 700, "un", 10), (72, 700 - leading, "deux", 10)]])
    assert read_source(path).pages == (text,)


@pytest.mark.parametrize(("leading", "text"), [(19.0, "Grand titre\ncorps"), (22.0, "Grand titre\n\ncorps")])
def test_a_blank_line_is_measured_on_the_smaller_of_two_lines(
    tmp_path: Path, leading: float, text: str
) -> None:
    """A 20 pt line (loose box 18.9 pt above its baseline, 4.48 below) over a 10 pt one: the gap is
    leading - 13.93, a new paragraph above half the 10 pt box (5.845), not half the 20 pt one (11.69)."""
    path = draw(tmp_path / "p.pdf", [[(72, 700, "Grand titre", 20), (72, 700 - leading, "corps", 10)]])
    assert read_source(path).pages == (text,)


def test_a_blank_line_where_a_new_column_starts_higher(tmp_path: Path) -> None:
    runs: list[Run] = [
        (72, 700, "un", 10),
        (72, 688, "deux", 10),
        (300, 701, "trois", 10),
        (300, 689, "quatre", 10),
    ]
    assert read_source(draw(tmp_path / "c.pdf", [runs])).pages == ("un\ndeux\n\ntrois\nquatre",)


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ([("154 ", 14.0), ("dossiers", 10.0)], "154 dossiers"),  # 1.4 times: not larger enough
        ([("154 ", 14.1), ("dossiers", 10.0)], "154\ndossiers"),
        ([("25 %", 20.0), (" des foyers", 10.0)], "25 %\ndes foyers"),
        ([("3 €", 20.0), (" par habitant", 10.0)], "3 €\npar habitant"),
        ([("5 k€", 20.0), (" investis", 10.0)], "5 k€\ninvestis"),
        ([("2 M€", 20.0), (" investis", 10.0)], "2 M€\ninvestis"),
        ([("+8 %", 20.0), (" de vélos", 10.0)], "+8 %\nde vélos"),
        ([("1 234,5", 20.0), (" tonnes", 10.0)], "1 234,5\ntonnes"),
        ([("154", 20.0)], "154"),  # a figure alone stays as it is
    ],
)
def test_a_large_figure_before_its_caption_gets_a_line(
    tmp_path: Path, parts: list[tuple[str, float]], text: str
) -> None:
    assert one_line(tmp_path / "l.pdf", parts) == text


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ([("une hausse de ", 10.0), ("12", 14.0)], "une hausse de 12"),
        ([("une hausse de ", 10.0), ("12", 14.1)], "une hausse de\n12"),
        ([("une hausse de ", 10.0), ("12 %", 20.0)], "une hausse de\n12 %"),
        ([("un budget de ", 10.0), ("4 €", 20.0)], "un budget de\n4 €"),
        ([("un budget de ", 10.0), ("4 k€", 20.0)], "un budget de\n4 k€"),
        ([("un budget de ", 10.0), ("4 M€", 20.0)], "un budget de\n4 M€"),
        ([("une hausse de ", 10.0), ("+ 8", 20.0)], "une hausse de\n+ 8"),
    ],
)
def test_a_large_figure_after_its_line_gets_a_line(
    tmp_path: Path, parts: list[tuple[str, float]], text: str
) -> None:
    assert one_line(tmp_path / "t.pdf", parts) == text


def glued_pdf(
    path: Path, pairs: int, left: str = "abcdefgh", right: str = "ijklmnop", gap: float = 2.0
) -> Path:
    """`pairs` lines of two words drawn apart without a space character between them, 10 pt."""
    runs: list[Run] = []
    for line in range(pairs):
        y = 800.0 - 12 * line
        runs += [(72, y, left, 10), (72 + stringWidth(left, "Helvetica", 10) + gap, y, right, 10)]
    return draw(path, [runs])


def test_words_drawn_apart_are_respaced_from_20_glued_words(tmp_path: Path) -> None:
    """PDFium gives 'abcdefghijklmnop' (16 letters, over 14): 19 such words are too few to tell."""
    assert read_source(glued_pdf(tmp_path / "a.pdf", 19)).pages == ("\n".join(["abcdefghijklmnop"] * 19),)
    assert read_source(glued_pdf(tmp_path / "b.pdf", 20)).pages == ("\n".join(["abcdefgh ijklmnop"] * 20),)


def test_glued_words_are_those_over_14_letters_and_not_in_capitals(tmp_path: Path) -> None:
    fifteen = read_source(glued_pdf(tmp_path / "a.pdf", 20, "abcdefg", "hijklmno")).pages
    assert fifteen == ("\n".join(["abcdefg hijklmno"] * 20),)
    fourteen = read_source(glued_pdf(tmp_path / "b.pdf", 20, "abcdefg", "hijklmn")).pages
    assert fourteen == ("\n".join(["abcdefghijklmn"] * 20),)
    # 1.2 pt apart (PDFium itself puts a space between capitals 1.5 pt apart)
    capitals = read_source(glued_pdf(tmp_path / "c.pdf", 20, "ABCDEFGH", "IJKLMNOP", gap=1.2)).pages
    assert capitals == ("\n".join(["ABCDEFGHIJKLMNOP"] * 20),)


@pytest.mark.parametrize(("glued", "respaced"), [(7, False), (8, True)])
def test_a_page_is_glued_above_3_5_percent_of_long_words(tmp_path: Path, glued: int, respaced: bool) -> None:
    """200 words in all: 3.5 % is 7; 7 long words are French prose, 8 are glued text."""
    short = ["le chat de la mer est un mot si court"] * ((200 - glued) // 10)  # 10 words a line
    assert (200 - glued) % 10 != 0
    short.append(" ".join(["mot"] * ((200 - glued) % 10)))
    runs = [(72.0, 800.0 - 12 * line, text, 10.0) for line, text in enumerate(short)]
    path = tmp_path / "g.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    for x, y, text, _ in runs:
        canvas.drawString(x, y, text)
    for line in range(glued):
        y = 800.0 - 12 * (len(short) + line)
        canvas.drawString(72, y, "abcdefgh")
        canvas.drawString(72 + stringWidth("abcdefgh", "Helvetica", 10) + 2, y, "ijklmnop")
    canvas.showPage()
    canvas.save()
    long_line = "abcdefgh ijklmnop" if respaced else "abcdefghijklmnop"
    assert read_source(path).pages == ("\n".join([*short, *[long_line] * glued]),)


@pytest.mark.parametrize(("gap", "text"), [(0.7, "abcdefghijklmnop"), (0.9, "abcdefgh ijklmnop")])
def test_a_space_goes_between_characters_set_over_0_08_em_apart(
    tmp_path: Path, gap: float, text: str
) -> None:
    """0.08 of 10 pt is 0.8 pt."""
    assert read_source(glued_pdf(tmp_path / "g.pdf", 20, gap=gap)).pages == ("\n".join([text] * 20),)


# --------------------------------------------------------------------------- boxes and images


def _x(before: str) -> float:
    return 72 + float(stringWidth(before, "Helvetica", 10))


def _box(before: str, figure: str, baseline: float) -> Any:
    """A run's box as figure_boxes gives it, from the page's top-left corner, give or take 0.05 pt:
    PDFium's char boxes may move by a rounding between its versions."""
    return pytest.approx(
        (
            _x(before),
            PAGE_HEIGHT - baseline - LOOSE_ABOVE,
            _x(before + figure),
            PAGE_HEIGHT - baseline + LOOSE_BELOW,
        ),
        abs=0.05,
    )


def test_figure_boxes_follow_the_text_of_each_page(tmp_path: Path) -> None:
    path = draw(
        tmp_path / "r.pdf",
        [
            [(72, 700, "12 arbres et 12 haies", 10), (72, 688, "En 2022, 5 kg soit 40 pour cent", 10)],
            [(72, 700, "Page deux : 1 234 tonnes", 10)],
        ],
    )
    boxes = figure_boxes(
        path,
        [
            (2, "1 234 kg"),  # not as printed: found by its digits
            (1, "12"),
            (1, "12"),  # the second 12: looked for after the first
            (1, "5 kg"),
            (1, "12"),  # after "5 kg" there is no 12: the first on the page
            (1, "40 %"),
            (1, "999"),
            (3, "12"),  # no page 3
        ],
    )
    assert boxes == [
        _box("Page deux : ", "1 234", 700),
        _box("", "12", 700),
        _box("12 arbres et ", "12", 700),
        _box("En 2022, ", "5 kg", 688),
        _box("", "12", 700),
        _box("En 2022, 5 kg soit ", "40", 688),
        None,
        None,
    ]


def test_figure_boxes_of_an_encrypted_pdf_need_its_password(tmp_path: Path) -> None:
    path = draw(tmp_path / "s.pdf", [[(72, 700, "12 arbres", 10)]], encrypt="sesame")
    assert figure_boxes(path, [(1, "12")]) == [None]
    assert figure_boxes(path, [(1, "12")], password="sesame") == [_box("", "12", 700)]


@pytest.mark.parametrize(
    ("stream", "raw", "cursor", "span"),
    [
        ("abc12def12", "12", 0, (3, 5)),
        ("abc12def12", "12", 5, (8, 10)),
        ("abc12def12", "12", 9, (3, 5)),  # nothing after the cursor: from the start
        ("x12y12%", "12 %", 0, (4, 7)),  # the whole figure before its digits
        ("x1234,5tonnes", "1 234,5 kg", 0, (1, 7)),  # by its digits, spaces left out
        ("x1234€", "1\u00a0234\u202f€", 0, (1, 6)),
        ("abc", "12", 0, None),
        ("abc", "", 0, None),
    ],
)
def test_find(stream: str, raw: str, cursor: int, span: tuple[int, int] | None) -> None:
    assert sources._find(stream, raw, cursor) == span


def test_union_turns_char_boxes_into_one_box_from_the_top_left() -> None:
    boxes = [(10.004, 100.0, 15.0, 112.126), (15.0, 99.5, 20.996, 111.0)]
    assert sources._union(boxes, 200.0) == (10.0, 87.87, 21.0, 100.5)


def test_png_grey_writes_the_pixels_without_row_padding() -> None:
    png = sources._png_grey(b"\x00\x80\xff\x11" + b"\x10\x20\x30\x22", 3, 2, 4)
    assert png[:16] == b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    image = Image.open(io.BytesIO(png))
    assert (image.mode, image.size) == ("L", (3, 2))
    assert image.tobytes() == b"\x00\x80\xff\x10\x20\x30"


def test_page_images_draw_the_asked_pages_in_grey_at_0_6(tmp_path: Path) -> None:
    """A4 at 0.6 is 357.2 x 505.1 pixels, drawn as 358 x 506; a black square on the right half of
    page 2 is black in its image, white elsewhere."""
    path = tmp_path / "r.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(72, 700, "Page un")
    canvas.showPage()
    canvas.rect(400, 400, 100, 100, fill=1)  # points 400 to 500 from the left and from the bottom
    canvas.showPage()
    canvas.save()
    images = page_images(path, [2, 5, 1])
    assert [(i.page, i.width, i.height, i.width_pt, i.height_pt) for i in images] == [
        (2, 358, 506, *A4_FLOAT32),
        (1, 358, 506, *A4_FLOAT32),
    ]
    picture = Image.open(io.BytesIO(images[0].png))
    assert (picture.mode, picture.size) == ("L", (358, 506))
    inside = (round(450 * 0.6), round((PAGE_HEIGHT - 450) * 0.6))
    assert (picture.getpixel(inside), picture.getpixel((10, 10)), picture.getpixel((200, 450))) == (
        0,
        255,
        255,
    )
    assert [(i.width, i.height) for i in page_images(path, [1], scale=1.0)] == [(596, 842)]


def test_page_images_of_a_pdf_that_does_not_open_are_none(tmp_path: Path) -> None:
    path = draw(tmp_path / "s.pdf", [[(72, 700, "Secret", 10)]], encrypt="sesame")
    assert page_images(path, [1]) == []
    assert [image.page for image in page_images(path, [1], password="sesame")] == [1]


# =========================================================================== pipeline: ids


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("cabbalr-rdd-2022.pdf", 2022, "cabbalr-2022"),
        ("RDD_Lens_1999.txt", 2021, "lens-2021"),  # the file's year goes, the report's comes
        ("rapport dd lens.pdf", 2022, "lens-2022"),
        ("lens-report-2022.pdf", 2022, "lens-2022"),
        ("lens-2100-1899.pdf", 2022, "lens-2100-1899-2022"),  # years are 19xx and 20xx only
        ("lens2022.pdf", 2022, "lens2022-2022"),  # a year glued to a word is part of it
        ("rdd-2022.pdf", 2022, "rapport-2022"),  # nothing left: 'rapport'
        ("Ville de Lens.txt", 0, "ville-de-lens"),  # no year: no year in the id
        ("rapport.txt", 0, "rapport"),
        ("__Lens__.pdf", 2022, "lens-2022"),  # no empty word from the separators at the ends
    ],
)
def test_default_report_id(name: str, year: int, expected: str) -> None:
    assert default_report_id(Path("in") / name, year) == expected


def test_an_accented_file_name_keeps_its_word() -> None:
    """An accented letter once split the name: 'Rapport-Béthune-2022.pdf' gave 'b-thune-2022'."""
    assert default_report_id(Path("Rapport-Béthune-2022.pdf"), 2022) == "bethune-2022"
    assert default_report_id(Path("Métropole Œuvre.txt"), 0) == "metropole-oeuvre"


FAMILY = '[family]\nid = "autre"\nname = "Autre"\nmatch = \'Lille\'\n'
SHEET = (
    '[sheet]\nid = "arbres"\ntitle = "Les arbres"\npilier = 1\nmatch = \'les arbres\'\n\n'
    '[[figure]]\nid = "arbres"\nlabel = "Arbres"\npattern = \'{int:value} arbres\'\n'
    'unit = "count"\nkind = "actual"\n\n'
    '[[figure]]\nid = "haies"\nlabel = "Haies"\npattern = \'{int:value} haies\'\n'
    'unit = "count"\nkind = "actual"\n'
)
ABSENT = '[sheet]\nid = "absente"\ntitle = "Une fiche absente"\npilier = 1\nmatch = \'fiche absente\'\n'
LILLE = "Ville de Lille\fLes arbres\nEn 2022, 12 arbres plantés et 3 mares creusées.\n"
BETHUNE = "Communauté d'agglomération de Béthune-Bruay\nBilan 2022 : 7 ruches installées.\n"


@pytest.fixture
def family(tmp_path: Path) -> Path:
    """A rules root holding one family, 'autre' (for reports naming Lille): one sheet found, one not."""
    folder = tmp_path / "rules" / "autre"
    folder.mkdir(parents=True)
    (folder / "_family.toml").write_text(FAMILY, encoding="utf-8")
    (folder / "arbres.toml").write_text(SHEET, encoding="utf-8")
    (folder / "absente.toml").write_text(ABSENT, encoding="utf-8")
    return folder


def test_the_report_id_is_the_familys_with_the_reports_year(tmp_path: Path) -> None:
    path = tmp_path / "Rapport_DD_Lens-2021.txt"
    path.write_text(BETHUNE, encoding="utf-8")
    extraction = extract_report(path)
    assert (extraction.report, extraction.rules is not None and extraction.rules.family) == (
        "cabbalr-2022",
        "cabbalr",
    )
    assert extract_report(path, report="").report == "cabbalr-2022"  # an empty id is no id
    assert extract_report(path, report="mon-id").report == "mon-id"
    generic = extract_report(path, generic_only=True)
    assert (generic.report, generic.rules) == ("lens-2022", None)
    assert [(f.raw, f.value, f.report) for f in generic.figures] == [("7", 7.0, "lens-2022")]


def test_a_family_folder_is_used_as_it_is_and_a_root_is_searched(tmp_path: Path, family: Path) -> None:
    path = tmp_path / "bethune-2022.txt"
    path.write_text(BETHUNE, encoding="utf-8")  # names Béthune, not Lille
    forced = extract_report(path, rules=family)
    assert (forced.report, forced.rules is not None and forced.rules.family) == ("autre-2022", "autre")
    searched = extract_report(path, rules=family.parent)
    assert (searched.report, searched.rules) == ("bethune-2022", None)


def test_the_tables_carry_the_reports_metadata(tmp_path: Path, family: Path) -> None:
    path = tmp_path / "lille.txt"
    path.write_bytes(LILLE.encode())
    extraction = extract_report(path, rules=family.parent)
    assert extraction.rules is not None
    base = {
        b"rdd_extract.schema_version": b"2",
        b"rdd_extract.tool_version": rdd_extract.__version__.encode(),
        b"rdd_extract.input_sha256": hashlib.sha256(LILLE.encode()).hexdigest().encode(),
        b"rdd_extract.report": b"autre-2022",
        b"rdd_extract.rules_family": b"autre",
        b"rdd_extract.rules_digest": extraction.rules.digest.encode(),
    }
    tables = extraction_tables(extraction)
    assert list(tables) == ["figures.parquet", "pages.parquet", "sheets.parquet"]
    assert all(table.schema.metadata == base for table in tables.values())
    stamped = extraction_tables(extraction, created_at="2024-05-01T00:00:00+00:00")
    stamp = {b"rdd_extract.created_at": b"2024-05-01T00:00:00+00:00"}
    assert all(table.schema.metadata == base | stamp for table in stamped.values())
    written = write_extraction(extraction, tmp_path / "out", created_at="2024-05-01T00:00:00+00:00")
    assert written == [
        tmp_path / "out" / name for name in ("figures.parquet", "pages.parquet", "sheets.parquet")
    ]
    assert pq.read_schema(written[1]).metadata == base | stamp


def test_without_a_family_the_rules_metadata_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Sans date : 7 ruches installées.\n", encoding="utf-8")
    extraction = extract_report(path)
    metadata = extraction_tables(extraction)["sheets.parquet"].schema.metadata
    assert (
        extraction.report,
        metadata[b"rdd_extract.rules_family"],
        metadata[b"rdd_extract.rules_digest"],
    ) == (
        "notes",
        b"",
        b"",
    )


def test_a_pdfs_figures_get_their_boxes_with_its_password(tmp_path: Path) -> None:
    path = draw(
        tmp_path / "rapport-2022.pdf", [[(72, 700, "En 2022, 12 arbres plantés", 10)]], encrypt="sesame"
    )
    calls: list[tuple[int, int]] = []
    extraction = extract_report(
        path, password="sesame", progress=lambda done, total: calls.append((done, total))
    )
    (figure,) = extraction.figures
    assert figure.raw == "12"
    assert (figure.x0, figure.top, figure.x1, figure.bottom) == _box("En 2022, ", "12", 700)
    assert calls == [(1, 1)]


# =========================================================================== pipeline: batches


def test_report_inputs_open_folders_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.txt", "A.PDF", "c.Txt", ".cache.txt", "notes.md", "z.doc"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "sous-dossier.pdf").mkdir()
    alone = tmp_path / "seul.md"  # a file named is taken as it is
    assert report_inputs([alone, folder]) == (
        [alone, folder / "A.PDF", folder / "b.txt", folder / "c.Txt"],
        [folder / "notes.md", folder / "z.doc"],
    )


def test_a_folder_without_reports_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / ".cache.pdf").write_text("x", encoding="utf-8")  # hidden: not a report
    (folder / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        report_inputs([folder])
    assert str(caught.value) == f"{folder} holds no report (no .pdf or .txt file)"


def test_run_job_gives_the_counts_and_tables(tmp_path: Path, family: Path) -> None:
    """LILLE has 2 pages; '12 arbres' and '3 mares' on the sheet; 'haies' matches nothing; the
    'absente' sheet is nowhere."""
    path = tmp_path / "lille.txt"
    path.write_text(LILLE, encoding="utf-8")
    outcome = run_job(BatchJob(path, None, family.parent, "2024-05-01T00:00:00+00:00"))
    assert outcome.tables is not None
    assert (
        outcome.path,
        outcome.report,
        outcome.year,
        outcome.pages,
        outcome.figures,
        outcome.rules_matched,
        outcome.rules_missed,
        outcome.sheets_unbound,
        outcome.error,
    ) == (path, "autre-2022", 2022, 2, 2, 1, 1, 1, None)
    figures = outcome.tables["figures.parquet"]
    assert figures.column("raw").to_pylist() == ["12", "3"]
    assert figures.schema.metadata[b"rdd_extract.created_at"] == b"2024-05-01T00:00:00+00:00"


def test_run_job_passes_the_password(tmp_path: Path) -> None:
    path = draw(tmp_path / "s.pdf", [[(72, 700, "En 2022, 12 arbres", 10)]], encrypt="sesame")
    assert run_job(BatchJob(path, "sesame", None)).figures == 1
    refused = run_job(BatchJob(path, None, None))
    assert (refused.error, refused.tables, refused.report) == (
        f"{path} is encrypted: give its password with --password",
        None,
        "",
    )


def test_run_job_turns_any_error_into_an_outcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, **_: Any) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "extract_report", broken)
    outcome = run_job(BatchJob(tmp_path / "r.txt", None, None))
    assert (outcome.error, outcome.tables, outcome.figures) == ("internal error: ValueError: boom", None, 0)


def _fake_run_job(job: BatchJob) -> BatchOutcome:
    return BatchOutcome(job.path, 0.0, report=f"fait-{job.path.name}")


def test_one_worker_or_one_job_runs_in_this_process_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spawned worker would run the real run_job: the fake's outcomes show the batch stayed here."""
    monkeypatch.setattr(pipeline, "run_job", _fake_run_job)
    jobs = [BatchJob(Path(name), None, None) for name in ("a.txt", "b.txt", "c.txt")]
    assert [(i, o.report) for i, o in run_batch(jobs, 1)] == [
        (0, "fait-a.txt"),
        (1, "fait-b.txt"),
        (2, "fait-c.txt"),
    ]
    assert [(i, o.report) for i, o in run_batch(jobs[1:2], 4)] == [(0, "fait-b.txt")]
    assert list(run_batch([], 2)) == []
    assert pipeline._run_indexed((7, jobs[2])) == (7, BatchOutcome(Path("c.txt"), 0.0, report="fait-c.txt"))


def test_workers_ignore_ctrl_c() -> None:
    saved = signal.getsignal(signal.SIGINT)
    try:
        pipeline._ignore_interrupts()
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, saved)


def _outcome(path: str, report: str, year: int, digest: str) -> BatchOutcome:
    figures = pa.table({"report": [report], "year": pa.array([year], pa.int16()), "value": [1.0]})
    figures = figures.replace_schema_metadata({b"rdd_extract.input_sha256": digest.encode()})
    pages = pa.table({"page": pa.array([1], pa.int16())})
    return BatchOutcome(
        Path(path), 0.0, report=report, year=year, tables={"figures.parquet": figures, "pages.parquet": pages}
    )


def _failed(path: str) -> BatchOutcome:
    return BatchOutcome(Path(path), 0.0, error="is not a PDF")


def test_place_outcomes_names_folders_in_input_order(tmp_path: Path) -> None:
    outcomes = [
        _outcome("a/lens-rdd-2022.txt", "lens-2022", 2022, "1"),
        _failed("a/scan.pdf"),
        _outcome("b/lens-rdd-2022.pdf", "lens-2022", 2022, "2"),  # the same id: its file's name is added
        _outcome("c/lens-rdd-2022.txt", "lens-2022", 2022, "3"),  # and that taken too: -2
        _outcome("d/lens-rdd-2022.txt", "lens-2022", 2022, "4"),
        _outcome("figures.txt", "figures", 0, "5"),  # the dataset's folder name is taken
        _outcome("notes.txt", "notes-2021", 2021, "6"),
    ]
    assert place_outcomes(outcomes, tmp_path) == [
        Placed("lens-2022", "figures/year=2022/lens-2022.parquet"),
        None,
        Placed("lens-2022-lens-rdd-2022", "figures/year=2022/lens-2022-lens-rdd-2022.parquet"),
        Placed("lens-2022-lens-rdd-2022-2", "figures/year=2022/lens-2022-lens-rdd-2022-2.parquet"),
        Placed("lens-2022-lens-rdd-2022-2-2", "figures/year=2022/lens-2022-lens-rdd-2022-2-2.parquet"),
        Placed("figures-figures", None, "year unknown: left out of the dataset"),
        Placed("notes-2021", "figures/year=2021/notes-2021.parquet"),
    ]


def test_the_same_report_twice_names_both_files(tmp_path: Path) -> None:
    outcomes = [
        _outcome("a.txt", "a-2022", 2022, "1"),
        _outcome("b.txt", "b-2022", 2022, "2"),
        _failed("c.txt"),
        _failed("d.txt"),  # failures have no content to compare
        _outcome("copie.txt", "copie-2022", 2022, "1"),
    ]
    with pytest.raises(UserError) as caught:
        place_outcomes(outcomes, tmp_path)
    assert str(caught.value) == "a.txt and copie.txt are the same report: give it once"


def test_write_batch_writes_folders_and_the_dataset_without_its_year(tmp_path: Path) -> None:
    outcomes = [
        _outcome("lens.txt", "lens-2022", 2022, "1"),
        _failed("scan.pdf"),
        _outcome("notes.txt", "notes", 0, "2"),
    ]
    root = tmp_path / "out"
    write_batch(outcomes, place_outcomes(outcomes, root), root)
    assert sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) == [
        "figures/year=2022/lens-2022.parquet",
        "lens-2022/figures.parquet",
        "lens-2022/pages.parquet",
        "notes/figures.parquet",
        "notes/pages.parquet",
    ]
    dataset = pq.read_table(root / "figures" / "year=2022" / "lens-2022.parquet")
    assert (dataset.column_names, dataset.column("report").to_pylist()) == (
        ["report", "value"],
        ["lens-2022"],
    )
    assert pq.read_table(root / "lens-2022" / "figures.parquet").column_names == ["report", "year", "value"]
