"""PDFs laid out otherwise than the fixture: page frames, large figures on their caption's line,
hyphenation, dividers with a page number. Each PDF is drawn by the test with reportlab."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from rdd_extract.clean import mend_line_end_hyphens
from rdd_extract.pipeline import extract_report

Line = tuple[str, float]  # text, font size
_, HEIGHT = A4


def draw(path: Path, pages: Sequence[Sequence[Line]], frame: Callable[[int], str] | None = None) -> Path:
    """One PDF page per list of lines, top to bottom; `frame(n)` is printed at the foot of page n."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number, lines in enumerate(pages, start=1):
        y = HEIGHT - 60
        for text, size in lines:
            if text:
                canvas.setFont("Helvetica-Bold" if size > 12 else "Helvetica", size)
                canvas.drawString(50, y, text)
            y -= size * 1.3
        if frame is not None:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(280, 30, frame(number))
        canvas.showPage()
    canvas.save()
    return path


def one_line(path: Path, runs: Sequence[Line], below: str = "") -> Path:
    """A one-page PDF with text runs of different sizes on one line, and a line below it."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    text = canvas.beginText(50, HEIGHT - 100)
    for run, size in runs:
        text.setFont("Helvetica-Bold" if size > 12 else "Helvetica", size)
        text.textOut(run)
    canvas.drawText(text)
    if below:
        canvas.setFont("Helvetica", 9)
        canvas.drawString(50, HEIGHT - 114, below)
    canvas.showPage()
    canvas.save()
    return path


def lines_of(pdf: Path) -> list[str]:
    return [line for line in extract_report(pdf).document.pages[0].text.split("\n") if line.strip()]


def body(page: int) -> list[Line]:
    return [
        (f"Bilan de la page {'ABCDEF'[page % 6]}", 14),
        ("La commune a planté des arbres cette année dans le parc.", 9),
        ("", 9),
        (f"{page + 20} arbres plantés par les écogardes", 9),
    ]


def test_a_page_frame_with_numbers_is_no_figure(tmp_path: Path) -> None:
    """'7/60', 'RDD 2022 - p. 7': a footer the tool does not know by name, on every page."""
    for name, frame in (("slash", lambda n: f"{n}/6"), ("rdd", lambda n: f"RDD 2022 - p. {n}")):
        pdf = draw(tmp_path / f"{name}.pdf", [body(page) for page in range(1, 7)], frame)
        figures = extract_report(pdf).figures
        assert sorted((f.page, f.value) for f in figures) == [(page, page + 20.0) for page in range(1, 7)], (
            name
        )


def test_a_large_figure_on_its_captions_line_is_a_key_figure(tmp_path: Path) -> None:
    inline = one_line(tmp_path / "inline.pdf", [("154 ", 20), ("dossiers de particuliers validés", 9)])
    assert lines_of(inline) == ["154", "dossiers de particuliers validés"]
    same_size = one_line(tmp_path / "same.pdf", [("154 ", 9), ("dossiers validés", 9)])
    assert lines_of(same_size) == ["154 dossiers validés"]  # no split when the figure is not set larger


def test_hyphenated_words_are_mended_unless_a_half_is_a_word() -> None:
    texts = [
        "contre les inon\ufffedations (de 4 à 8M€)",  # the report writes "inondations" elsewhere
        "la lutte contre les inondations; 2 marchés de réin\ufffesertion",  # neither half is a word
        "3 068 rendez\ufffevous juridiques, chaque rendez-vous compte",  # "vous" is a word: a compound
    ]
    assert mend_line_end_hyphens(texts) == [
        "contre les inondations (de 4 à 8M€)",
        "la lutte contre les inondations; 2 marchés de réinsertion",
        "3 068 rendez-\nvous juridiques, chaque rendez-vous compte",
    ]


def test_a_divider_with_its_page_number_opens_its_pilier(tmp_path: Path) -> None:
    pages = [
        [("PILIER 1 1", 20), ("LUTTE CONTRE LE RÉCHAUFFEMENT", 14)],
        [("Le Fonds de", 14), ("transition énergétique", 14), ("", 9), ("154", 20), ("dossiers validés", 9)],
        [("Pilier 2 3", 20), ("VERS UNE PRÉSERVATION", 14)],
        [("L'eau potable", 14), ("", 9), ("35", 20), ("forages", 9)],
    ]
    document = extract_report(draw(tmp_path / "piliers.pdf", pages)).document
    assert [(s.kind, s.pilier, s.first_page) for s in document.sheets] == [
        ("pilier", 1, 1),
        ("action", 1, 2),
        ("pilier", 2, 3),
        ("action", 2, 4),
    ]


def test_a_large_figure_at_the_end_of_a_line_gets_a_line_of_its_own(tmp_path: Path) -> None:
    """PDFium may put a key figure at the end of the line it sits beside: 'par ces enjeux. 3'."""
    pdf = one_line(
        tmp_path / "trailing.pdf",
        [("motivées par ces enjeux. ", 9), ("3", 20)],
        below="conseillers numériques déployés",
    )
    assert lines_of(pdf) == ["motivées par ces enjeux.", "3", "conseillers numériques déployés"]
