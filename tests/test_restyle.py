"""The re-styled reports of `restyle`: deterministic, every convention changed, the truth they carry right."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rdd_extract.pipeline import Extraction
from rdd_extract.sources import read_source

from .restyle import ROOT, STYLES, reference, restyle, restyle_unpaginated, write_pdf

# What the reference's own conventions print and no re-styled report may keep.
REFERENCE_MARKS = (
    "PILIER",
    "Perspectives",
    "RAPPORT DE DÉVELOPPEMENT DURABLE",
    "Béthune",
    "Bethune",
    "BÉTHUNE",
)
PART_MARKS = {"axe": "AXE {part}", "finalite": "Finalité {part} :"}
FOOTERS = {
    "axe": "Valmont · Rapport annuel 2022 · page {page}",
    "finalite": "{page} | Sarlieu Métropole – RDD 2022",
}
TARGET_HEADINGS = {"axe": "Objectifs 2023", "finalite": "Et demain ?"}


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("style", STYLES)
def test_the_same_report_every_time(style: str) -> None:
    assert restyle.__wrapped__(style) == restyle.__wrapped__(style) == restyle(style)


def test_the_command_writes_the_same_text_in_another_process(tmp_path: Path) -> None:
    output = tmp_path / "axe.txt"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}  # sets and dicts in another order
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "restyle.py"), "axe", str(output)],
        check=True,
        env=env,
        timeout=120,
    )
    assert output.read_text(encoding="utf-8") == restyle("axe").text


@pytest.mark.parametrize("style", STYLES)
def test_five_parts_and_every_action_sheet(style: str) -> None:
    made = restyle(style)
    truth = reference()
    assert [part for part, _, _ in made.parts] == [1, 2, 3, 4, 5]
    assert len(made.action_sheets) == sum(sheet.kind == "action" for sheet in truth.sheets) == 51
    assert [sheet.first_page for sheet in made.sheets] == [
        sheet.first_page for sheet in truth.sheets if sheet.kind != "pilier"
    ]


@pytest.mark.parametrize("style", STYLES)
def test_no_convention_of_the_reference_is_left(style: str) -> None:
    text = restyle(style).text
    assert [mark for mark in REFERENCE_MARKS if mark in text] == []
    assert "Béthune-Bruay" not in text.replace("\n", " ")


@pytest.mark.parametrize("style", STYLES)
def test_printed_page_numbers_are_kept(style: str) -> None:
    pages = restyle(style).pages
    assert len(pages) == 60
    for number, page in enumerate(pages[1:], start=2):
        assert page.rstrip("\n").split("\n")[-1] == FOOTERS[style].format(page=number)


@pytest.mark.parametrize("style", STYLES)
def test_every_sheet_title_is_on_its_first_page(style: str) -> None:
    made = restyle(style)
    for sheet in made.sheets:
        assert sheet.heading in made.pages[sheet.first_page - 1].split("\n"), sheet
        assert sheet.title in made.pages[sheet.first_page - 1], sheet


def test_axe_headings_are_numbered_within_their_axe() -> None:
    sheets = restyle("axe").action_sheets
    assert [sheet.number for sheet in sheets[:3]] == ["1.1", "1.2", "1.3"]
    assert [sheet.heading for sheet in sheets if sheet.part == 4][9] == "4.10 Le Contrat de ville"
    assert all(sheet.number is None for sheet in restyle("finalite").sheets)


@pytest.mark.parametrize("style", STYLES)
def test_each_part_opens_on_its_divider(style: str) -> None:
    made = restyle(style)
    for part, title, page in made.parts:
        lines = made.pages[page - 1].split("\n")
        assert lines[0].startswith(PART_MARKS[style].format(part=part))
        assert title in made.pages[page - 1]
        assert title in made.pages[1]  # the contents page


def test_finalite_pages_run_their_part_in_capitals() -> None:
    made = restyle("finalite")
    titles = {part: title for part, title, _ in made.parts}
    for sheet in made.action_sheets:
        assert sheet.part is not None
        header = made.pages[sheet.first_page - 1].split("\n")[0]
        assert header == f"FINALITÉ {sheet.part} · {titles[sheet.part].upper()}"


@pytest.mark.parametrize("style", STYLES)
def test_target_blocks_end_their_page(style: str) -> None:
    """The block follows its heading, then only the footer: no key figure after it reads as a target."""
    pages = restyle(style).pages
    with_block = []
    for number, page in enumerate(pages, start=1):
        lines = page.rstrip("\n").split("\n")
        if TARGET_HEADINGS[style] in lines:
            with_block.append(number)
            block = lines[lines.index(TARGET_HEADINGS[style]) + 1 : -1]
            assert block[0] and not block[-1] and TARGET_HEADINGS[style] not in block, page
    with_perspectives = [
        page.number
        for page in reference().pages
        if "Perspectives" in (line.strip() for line in page.text.split("\n"))
    ]
    # Page 15 prints its targets above an empty `2023 / Perspectives` pair: it has no block to move.
    assert with_block == [number for number in with_perspectives if number != 15]


@pytest.mark.parametrize("style", STYLES)
def test_every_figure_of_the_reference_is_on_its_page(style: str, reference_extraction: Extraction) -> None:
    pages = [squeezed(page) for page in restyle(style).pages]
    missing = [
        (figure.page, figure.raw)
        for figure in reference_extraction.figures
        if squeezed(figure.raw) not in pages[figure.page - 1]
    ]
    assert missing == []


@pytest.mark.parametrize("style", STYLES)
def test_unpaginated_is_the_same_text_without_form_feeds(style: str) -> None:
    paginated, unpaginated = restyle(style), restyle_unpaginated(style)
    assert "\f" not in unpaginated.text
    assert unpaginated.text == "\n".join(page.rstrip("\n") for page in paginated.pages) + "\n"
    assert (unpaginated.sheets, unpaginated.parts, unpaginated.name) == (
        paginated.sheets,
        paginated.parts,
        paginated.name,
    )


def test_the_pdf_prints_each_heading_on_its_page(tmp_path: Path) -> None:
    made = restyle("finalite")
    pages = read_source(write_pdf("finalite", tmp_path / "finalite.pdf")).pages
    assert len(pages) == 60
    for sheet in made.sheets:
        assert sheet.heading in pages[sheet.first_page - 1], sheet
