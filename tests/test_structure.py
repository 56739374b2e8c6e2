"""Structure with no rule family: the reference report re-styled as other collectivités' reports
(tests/restyle.py), and the reference itself with no rules, must give their parts, their sheets on
the right pages and their figures. The expected structure is the re-styling's own record of what
it printed where; the expected figures are the reference's, page for page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rdd_extract.figures import Figure
from rdd_extract.layout import squeeze
from rdd_extract.pipeline import Extraction, extract_report

from .conftest import REFERENCE_TEXT
from .restyle import STYLES, Restyled, restyle, restyle_unpaginated, write_pdf


@dataclass(frozen=True)
class Run:
    restyled: Restyled
    extraction: Extraction


@pytest.fixture(
    scope="module",
    params=[(style, form) for style in STYLES for form in ("text", "unpaginated", "pdf")],
    ids=lambda param: f"{param[0]}-{param[1]}",
)
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    style, form = request.param
    folder = tmp_path_factory.mktemp(f"{style}-{form}")
    restyled = restyle(style)
    if form == "pdf":
        path = write_pdf(style, folder / "rapport.pdf")
    else:  # with form feeds, or pages run together as in the reference's text export
        path = folder / "rapport.txt"
        path.write_text((restyled if form == "text" else restyle_unpaginated(style)).text, encoding="utf-8")
    no_rules = folder / "rules"
    no_rules.mkdir()
    return Run(restyled, extract_report(path, rules=no_rules))


def test_no_family_applies(run: Run) -> None:
    assert run.extraction.rules is None


def test_every_part_is_found_on_its_divider(run: Run) -> None:
    dividers = [(s.pilier, s.first_page) for s in run.extraction.document.sheets if s.kind == "pilier"]
    assert dividers == [(part, page) for part, _, page in run.restyled.parts]


def test_every_sheet_is_found_on_its_first_page_with_its_title_and_part(run: Run) -> None:
    found = {sheet.first_page: sheet for sheet in run.extraction.document.sheets}
    wrong = [
        (truth.first_page, truth.title)
        for truth in run.restyled.action_sheets
        if truth.first_page not in found
        or squeeze(found[truth.first_page].title) != squeeze(truth.title)
        or found[truth.first_page].pilier != truth.part
    ]
    assert wrong == []


def _pairs(expected: tuple[Figure, ...], got: tuple[Figure, ...]) -> Iterator[tuple[Figure, Figure]]:
    """Figures of the same page and value, one to one, the same kind first."""
    pool: dict[tuple[int, float], list[Figure]] = {}
    for figure in expected:
        pool.setdefault((figure.page, round(figure.value, 6)), []).append(figure)
    for figure in got:
        candidates = pool.get((figure.page, round(figure.value, 6)))
        if candidates:
            twin = next((c for c in candidates if c.kind == figure.kind), candidates[0])
            candidates.remove(twin)
            yield twin, figure


def test_figures_come_out_as_the_reference_reports(run: Run, reference_extraction: Extraction) -> None:
    expected, got = reference_extraction.figures, run.extraction.figures
    pairs = list(_pairs(expected, got))
    assert len(pairs) == len(expected) == len(got)  # every figure, same page, same value
    # The kinds are the generic cues' (no rules here): they agree with the rule family's on 483 of
    # 505 figures, as on the unstyled report with no rules; a re-styling must not lose one.
    assert sum(a.kind == b.kind for a, b in pairs) >= 483


def test_the_reference_report_with_no_rules(reference_extraction: Extraction, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    bare = extract_report(REFERENCE_TEXT, rules=tmp_path / "rules")
    truth = [sheet for sheet in reference_extraction.document.sheets if sheet.kind == "action"]
    found = {sheet.first_page: sheet for sheet in bare.document.sheets}
    right = [
        t
        for t in truth
        if t.first_page in found and squeeze(found[t.first_page].title)[:20] == squeeze(t.title)[:20]
    ]
    assert sum(1 for sheet in bare.document.sheets if sheet.kind == "pilier") == 5
    assert right == truth
    assert [found[t.first_page].pilier for t in truth] == [t.pilier for t in truth]
    paired = {id(figure) for figure, _ in _pairs(reference_extraction.figures, bare.figures)}
    lost = [(f.page, f.raw) for f in reference_extraction.figures if id(f) not in paired]
    # Page 28's last line is a lone '64' (its teachers), where a page number would be printed: only
    # the rule family can tell. No other figure is lost, none is added.
    assert lost == [(28, "64")]
    assert len(bare.figures) == len(reference_extraction.figures) - 1
    assert sum(a.kind == b.kind for a, b in _pairs(reference_extraction.figures, bare.figures)) >= 483


def test_an_unpaginated_text_without_footers_is_cut_at_its_contents_titles(
    reference_extraction: Extraction, tmp_path: Path
) -> None:
    restyled = restyle_unpaginated("axe")
    text = "\n".join(line for line in restyled.text.split("\n") if "Rapport annuel 2022 · page" not in line)
    (tmp_path / "rapport.txt").write_text(text, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    document = extract_report(tmp_path / "rapport.txt", rules=tmp_path / "rules").document
    found = {sheet.first_page: sheet for sheet in document.sheets}
    right = [
        truth
        for truth in restyled.action_sheets
        if truth.first_page in found and squeeze(found[truth.first_page].title) == squeeze(truth.title)
    ]
    assert len(right) == len(restyled.action_sheets)


def test_a_pdf_outline_places_the_sheets(tmp_path: Path) -> None:
    """No contents page and unnumbered titles in body text size: only the bookmarks tell the plan."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    titles = [
        "Axe 1 – Le climat",
        "La rénovation des écoles",
        "Les pistes cyclables",
        "Axe 2 – L'eau",
        "Le réseau d'eau potable",
    ]
    canvas = Canvas(str(tmp_path / "rapport.pdf"), pagesize=A4, invariant=1)
    for number, title in enumerate(titles, start=1):
        canvas.drawString(72, 760, title)
        canvas.drawString(72, 740, f"En 2022, {10 * number} bornes ont été installées sur le territoire.")
        canvas.bookmarkPage(f"p{number}")
        canvas.addOutlineEntry(title, f"p{number}", level=0 if title.startswith("Axe") else 1)
        canvas.showPage()
    canvas.save()
    (tmp_path / "rules").mkdir()
    document = extract_report(tmp_path / "rapport.pdf", rules=tmp_path / "rules").document
    assert [(s.kind, s.title, s.pilier, s.first_page) for s in document.sheets] == [
        ("pilier", "Le climat", 1, 1),
        ("action", "La rénovation des écoles", 1, 2),
        ("action", "Les pistes cyclables", 1, 3),
        ("pilier", "L'eau", 2, 4),
        ("action", "Le réseau d'eau potable", 2, 5),
    ]


def test_headings_set_larger_start_the_sheets_of_a_pdf(tmp_path: Path) -> None:
    """No outline, no contents page, no numbers, no running title: only the type size tells a title."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    pages = [
        ("La rénovation des écoles", "En 2022, 12 écoles ont été rénovées par la ville."),
        (None, "Les travaux se poursuivent avec 3 gymnases et 2 crèches."),
        ("Les pistes cyclables", "La ville a aménagé 14 km de pistes cyclables en 2022."),
    ]
    canvas = Canvas(str(tmp_path / "rapport.pdf"), pagesize=A4, invariant=1)
    for title, body in pages:
        if title:
            canvas.setFont("Helvetica-Bold", 18)
            canvas.drawString(72, 760, title)
        canvas.setFont("Helvetica", 9)
        for line in range(5):
            canvas.drawString(72, 700 - 14 * line, body)
        canvas.showPage()
    canvas.save()
    (tmp_path / "rules").mkdir()
    document = extract_report(tmp_path / "rapport.pdf", rules=tmp_path / "rules").document
    assert [(s.title, s.first_page, s.last_page) for s in document.sheets] == [
        ("La rénovation des écoles", 1, 2),
        ("Les pistes cyclables", 3, 3),
    ]
