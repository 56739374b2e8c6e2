"""Figure positions: each figure of a PDF has the box of its characters on its page."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
import regex

from rdd_extract.pipeline import Extraction, extract_report

from .pdfgen import build_report_pdf


@pytest.fixture(scope="module")
def pdf_extraction(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Extraction]:
    path = build_report_pdf(tmp_path_factory.mktemp("pdf") / "rapport.pdf")
    return path, extract_report(path)


def test_every_figure_of_the_pdf_has_a_box_holding_its_digits(
    pdf_extraction: tuple[Path, Extraction],
) -> None:
    path, extraction = pdf_extraction
    figures = extraction.figures
    assert all(figure.x0 is not None for figure in figures)
    wrong = []
    with pdfplumber.open(path) as pdf:
        for figure in figures:
            assert figure.x0 is not None and figure.top is not None
            assert figure.x1 is not None and figure.bottom is not None
            page = pdf.pages[figure.page - 1]
            bbox = (figure.x0 - 0.5, figure.top - 0.5, figure.x1 + 0.5, figure.bottom + 0.5)
            inside = regex.sub(r"[^0-9]", "", page.within_bbox(bbox).extract_text() or "")
            if "".join(regex.findall(r"[0-9]", figure.raw)) not in inside:
                wrong.append((figure.page, figure.raw))
    assert wrong == []


def test_a_text_input_has_no_boxes(reference_extraction: Extraction) -> None:
    assert {(f.x0, f.top, f.x1, f.bottom) for f in reference_extraction.figures} == {(None, None, None, None)}
