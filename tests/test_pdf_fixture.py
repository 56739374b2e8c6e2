"""The pipeline on a real PDF: the reference report laid out by `pdfgen` (two columns, letter-spaced
running titles, large key figures, a footer with the page number), read back through pypdfium2."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pypdfium2
import pytest

from rdd_extract.pipeline import Extraction, extract_report

from .conftest import rdd
from .pdfgen import FOOTER, PAGES_PER_COPY, build_report_pdf


@pytest.fixture(scope="session")
def fixture_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_report_pdf(tmp_path_factory.mktemp("pdf") / "cabbalr-rdd-2022.pdf")


@pytest.fixture(scope="session")
def pdf_extraction(fixture_pdf: Path) -> Extraction:
    return extract_report(fixture_pdf)


def _pdf_page_texts(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(path)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


# --------------------------------------------------------------------------- the fixture itself


def test_fixture_has_60_a4_pages_with_the_footer_and_page_number(fixture_pdf: Path) -> None:
    texts = _pdf_page_texts(fixture_pdf)
    assert len(texts) == PAGES_PER_COPY
    assert "Rapport de développement durable 2022" in texts[0]
    assert FOOTER not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert text.rstrip().endswith(f"{FOOTER} {number}"), number
    document = pypdfium2.PdfDocument(fixture_pdf)
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    assert (round(width), round(height)) == (595, 842)


def test_fixture_pages_hold_their_printed_pages(fixture_pdf: Path) -> None:
    texts = _pdf_page_texts(fixture_pdf)
    page7 = texts[6].split("\n")
    assert page7[0] == "LEFONDSDETRANSITIONÉNERGÉTIQUE"  # letter-spaced with character spacing: no spaces
    assert page7[page7.index("154") + 1] == "dossiers de particuliers validés"  # a key figure on its own line
    assert "17,16%" in texts[10].split("\n")
    assert "1,8M de km" in texts[51].split("\n")


def test_fixture_is_deterministic(fixture_pdf: Path, tmp_path: Path) -> None:
    again = build_report_pdf(tmp_path / "again.pdf")
    assert again.read_bytes() == fixture_pdf.read_bytes()


# --------------------------------------------------------------------------- structure


def test_pdf_is_read_page_by_page(pdf_extraction: Extraction) -> None:
    assert pdf_extraction.source.paginated
    assert [page.number for page in pdf_extraction.document.pages] == list(range(1, PAGES_PER_COPY + 1))
    assert pdf_extraction.document.year == 2022


def test_same_piliers_as_text(pdf_extraction: Extraction, reference_extraction: Extraction) -> None:
    def piliers(extraction: Extraction) -> list[tuple[str, str, int, int]]:
        return [
            (sheet.sheet_id, sheet.title, sheet.first_page, sheet.last_page)
            for sheet in extraction.document.sheets
            if sheet.kind == "pilier"
        ]

    assert len(piliers(pdf_extraction)) == 5
    assert piliers(pdf_extraction) == piliers(reference_extraction)


def test_same_sheet_pages_as_text(pdf_extraction: Extraction, reference_extraction: Extraction) -> None:
    def spans(extraction: Extraction) -> list[tuple[int, int, str, int | None]]:
        return [
            (sheet.first_page, sheet.last_page, sheet.kind, sheet.pilier)
            for sheet in extraction.document.sheets
            if sheet.first_page >= 2  # the PDF has a cover page that the text export lacks
        ]

    assert spans(pdf_extraction) == spans(reference_extraction)


def test_same_sheet_ids_as_text(pdf_extraction: Extraction, reference_extraction: Extraction) -> None:
    def sheets(extraction: Extraction) -> list[tuple[str, int]]:
        return [
            (sheet.sheet_id, sheet.first_page)
            for sheet in extraction.document.sheets
            if sheet.first_page >= 2
        ]

    assert sheets(pdf_extraction) == sheets(reference_extraction)


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("page", "value", "unit", "raw"),
    [
        (7, 154, "count", "154"),
        (7, 332914, "EUR", "332 914 €"),
        (10, 1100000, "EUR", "1,1 M€"),
        (11, 17.16, "percent", "17,16%"),
        (15, 14000000, "m3_per_year", "14 M m3/an"),
        (16, 610, "km", "610 km"),
        (52, 1800000, "km", "1,8M de km"),
        (60, 125, "count", "125"),
    ],
)
def test_key_figures_on_their_pdf_pages(
    pdf_extraction: Extraction, page: int, value: float, unit: str, raw: str
) -> None:
    found = [
        (figure.unit, figure.raw)
        for figure in pdf_extraction.figures
        if figure.page == page and figure.value == pytest.approx(value)
    ]
    assert (unit, raw) in found


def test_same_figures_as_text(pdf_extraction: Extraction, reference_extraction: Extraction) -> None:
    def rows(extraction: Extraction) -> list[tuple[int, float, str, str]]:
        return sorted((fig.page, fig.value, fig.unit, fig.raw) for fig in extraction.figures)

    assert rows(pdf_extraction) == rows(reference_extraction)


def test_same_rules_fire_as_text(pdf_extraction: Extraction, reference_extraction: Extraction) -> None:
    def rules(extraction: Extraction) -> list[tuple[int, float, str]]:
        return sorted((fig.page, fig.value, fig.rule) for fig in extraction.figures)

    assert rules(pdf_extraction) == rules(reference_extraction)


def test_footer_and_page_numbers_are_never_figures(
    pdf_extraction: Extraction, reference_extraction: Extraction
) -> None:
    figures = pdf_extraction.figures
    assert not [figure for figure in figures if figure.page == 1]  # the cover has no figures
    assert not [figure for figure in figures if figure.value == 2022]

    def page_number_figures(extraction: Extraction) -> list[tuple[int, float, str]]:
        return sorted(
            (fig.page, fig.value, fig.unit) for fig in extraction.figures if fig.raw == str(fig.page)
        )

    # the text export carries no drawn footer: a figure reading like the page number there is a real one
    assert page_number_figures(pdf_extraction) == page_number_figures(reference_extraction)


def test_footer_never_in_labels_or_contexts(pdf_extraction: Extraction) -> None:
    leaks = [(fig.page, fig.raw) for fig in pdf_extraction.figures if FOOTER in fig.label + fig.context]
    assert not leaks


def test_no_pdfium_hyphen_marks_in_labels_or_contexts(pdf_extraction: Extraction) -> None:
    marks = [(fig.page, fig.raw) for fig in pdf_extraction.figures if "\ufffe" in fig.label + fig.context]
    assert not marks


# --------------------------------------------------------------------------- command line


def test_cli_extracts_the_pdf(fixture_pdf: Path, pdf_extraction: Extraction, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = rdd("extract", fixture_pdf, "-o", out)
    assert result.returncode == 0, result.stderr
    figures = pd.read_parquet(out / "figures.parquet")
    assert len(figures) == len(pdf_extraction.figures)
    assert set(figures["page"]) <= set(range(2, PAGES_PER_COPY + 1))
