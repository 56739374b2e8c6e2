"""The review page: every figure once on its page, boxes on the PDF's page images, nothing fetched
from a network; drawn by a real browser when headless Chromium is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import regex

import rdd_extract

from .conftest import REFERENCE_TEXT, rdd
from .pdfgen import PAGE_HEIGHT, PAGE_WIDTH, build_report_pdf

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The review page of the reference text and of its PDF (extracted, then reviewed)."""
    root = tmp_path_factory.mktemp("review")
    pdf = build_report_pdf(root / "rapport-2022.pdf")
    folders = {}
    for form, source in (("text", REFERENCE_TEXT), ("pdf", pdf)):
        rdd_extract.extract(source).write(root / form)
        run = rdd("review", root / form)
        assert run.returncode == 0, run.stderr
        assert run.stdout == f"{root / form / 'review.html'}\n"
        folders[form] = root / form
    return folders


@pytest.mark.parametrize("form", ["text", "pdf"])
def test_every_figure_is_highlighted_once_on_its_page(reviewed: dict[str, Path], form: str) -> None:
    page = (reviewed[form] / "review.html").read_text(encoding="utf-8")
    figures = pq.read_table(reviewed[form] / "figures.parquet").to_pylist()
    marks = regex.findall(r'<mark class="fig[^"]*"[^>]* data-figure="([0-9]+)" data-page="([0-9]+)"', page)
    assert sorted(int(index) for index, _ in marks) == list(range(len(figures)))
    assert all(int(page_number) == figures[int(index)]["page"] for index, page_number in marks)


@pytest.mark.parametrize("form", ["text", "pdf"])
def test_the_page_fetches_nothing(reviewed: dict[str, Path], form: str) -> None:
    page = (reviewed[form] / "review.html").read_text(encoding="utf-8")
    assert not regex.search(r"(?i)(?:src|href)=[\"'](?:https?:|//)|@import|url\((?!data:)|https?://", page)


def test_a_pdf_review_draws_a_box_for_every_figure(reviewed: dict[str, Path]) -> None:
    page = (reviewed["pdf"] / "review.html").read_text(encoding="utf-8")
    figures = pq.read_table(reviewed["pdf"] / "figures.parquet").num_rows
    boxes = set(regex.findall(r'data-box="([0-9]+)"', page))
    assert len(boxes) == figures
    assert page.count('"data:image/png;base64,') == 0  # images are drawn by the script, lazily
    assert len(regex.findall(r'data-image="[0-9]+"', page)) == 60  # one image slot a page


def test_a_box_sits_where_the_figure_is_on_its_a4_page(reviewed: dict[str, Path]) -> None:
    """Box edges in percent of the page: x of its width, y of its height (A4 is portrait)."""
    page = (reviewed["pdf"] / "review.html").read_text(encoding="utf-8")
    figures = pq.read_table(reviewed["pdf"] / "figures.parquet").to_pylist()
    styles = dict(regex.findall(r'data-box="([0-9]+)" style="([^"]+)"', page))
    for index, figure in enumerate(figures):
        x0, top, x1, bottom = figure["x0"], figure["top"], figure["x1"], figure["bottom"]
        assert styles[str(index)] == (
            f"left:{100 * x0 / PAGE_WIDTH:.2f}%;top:{100 * top / PAGE_HEIGHT:.2f}%;"
            f"width:{100 * (x1 - x0) / PAGE_WIDTH:.2f}%;height:{100 * (bottom - top) / PAGE_HEIGHT:.2f}%"
        )


def test_a_text_review_says_it_has_no_page_images(reviewed: dict[str, Path]) -> None:
    page = (reviewed["text"] / "review.html").read_text(encoding="utf-8")
    assert "The report is a text export: no page images" in page
    assert "data-box=" not in page.replace('[data-box="', "")


def test_a_review_without_its_report_shows_the_text_and_says_why(
    reviewed: dict[str, Path], tmp_path: Path
) -> None:
    moved = tmp_path / "copy"
    shutil.copytree(reviewed["pdf"], moved)
    (moved / "review.html").unlink()
    rdd_extract.review(moved, pdf=tmp_path / "elsewhere.pdf")
    page = (moved / "review.html").read_text(encoding="utf-8")
    assert f"The report {tmp_path / 'elsewhere.pdf'} was not found" in page
    assert "data-image=" not in page


def test_review_of_a_folder_that_is_no_output_is_one_error_line(tmp_path: Path) -> None:
    run = rdd("review", tmp_path)
    assert run.returncode == 2
    assert run.stderr == f"rdd: error: {tmp_path / 'figures.parquet'} does not exist\n"


def test_the_diff_page_links_each_value_to_its_page(reviewed: dict[str, Path], tmp_path: Path) -> None:
    output = tmp_path / "diff.html"
    run = rdd("diff", reviewed["text"], reviewed["pdf"], "--format", "html", "-o", output)
    assert run.returncode == 0, run.stderr
    page = output.read_text(encoding="utf-8")
    assert page.count("<section>") == len(
        {row["sheet_id"] for row in pq.read_table(reviewed["text"] / "figures.parquet").to_pylist()}
    )
    assert regex.search(r'href="[^"]*text/review\.html#page-7"', page)
    assert regex.search(r'href="[^"]*pdf/review\.html#page-7"', page)


@needs_chromium
@pytest.mark.parametrize("form", ["text", "pdf"])
def test_chromium_draws_the_review_page(reviewed: dict[str, Path], form: str, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    url = (reviewed[form] / "review.html").as_uri()
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=4000"]
    dom = subprocess.run(
        [*common, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=False
    )
    figures = pq.read_metadata(reviewed[form] / "figures.parquet").num_rows
    assert len(regex.findall(r'<mark class="fig[^"]*"[^>]* data-figure=', dom.stdout)) == figures
    if form == "pdf":  # the images of the first pages are drawn, the others wait to be scrolled to
        drawn = len(regex.findall(r'data-drawn="1"', dom.stdout))
        assert 1 <= drawn < 60
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*common, "--window-size=1200,800", f"--screenshot={shot}", url],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.stat().st_size > 40_000  # a blank 1200x800 page is a few kB


def test_a_rule_that_missed_is_listed_in_red_with_the_closest_text(tmp_path: Path) -> None:
    family = tmp_path / "rules" / "cabbalr"
    shutil.copytree(Path(rdd_extract.__file__).parent.parent.parent / "rules" / "cabbalr", family)
    sheet = family / "fonds-transition-energetique.toml"
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("dossiers? de particuliers?", "dossiers? de voisins?"), encoding="utf-8")
    rdd_extract.extract(REFERENCE_TEXT, rules=family).write(tmp_path / "out")
    shutil.copyfile(REFERENCE_TEXT, tmp_path / REFERENCE_TEXT.name)
    rdd_extract.review(tmp_path / "out", rules=family)
    page = (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
    (miss,) = regex.findall(r'<li class="miss">.*?</li>', page)
    assert 'href="#page-7"' in miss and ">dossiers_valides</a> missed" in miss
    assert "154 dossiers de particuliers validés" in miss


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    """Output folders 2022/ and 2023/ of two tiny reports: 'ruches' on page 1 changes, 'arbres' on
    page 2 does not; 'mares' only in 2022 (removed)."""
    texts = {
        "2022": "Bilan 2022 : 7 ruches installées.\n\fSuite : 40 arbres plantés, 3 mares creusées.\n",
        "2023": "Bilan 2023 : 9 ruches installées.\n\fSuite : 40 arbres plantés.\n",
    }
    for year, text in texts.items():
        source = tmp_path / f"bilan-{year}.txt"
        source.write_text(text, encoding="utf-8")
        rdd_extract.extract(source).write(tmp_path / year)
    return tmp_path


@pytest.mark.parametrize(
    ("output", "up"),
    [("d.html", ""), ("sub/d.html", "../"), ("sub/deeper/d.html", "../../")],
)
def test_the_diff_page_links_are_relative_to_its_folder(two_years: Path, output: str, up: str) -> None:
    """`rdd diff 2022 2023/figures.parquet -o OUTPUT` run in the folder holding both years: each value
    links to the review page beside its tables, from the folder the page is written in."""
    run = rdd("diff", "2022", "2023/figures.parquet", "--format", "html", "-o", output, cwd=two_years)
    assert run.returncode == 0, run.stderr
    page = (two_years / output).read_text(encoding="utf-8")
    cells = regex.findall(
        r'<tr class="(\w+)"><td>([^<]+)<br>.*?</small></td><td>(.*?)</td><td>(.*?)</td>', page
    )
    assert sorted(cells) == [
        ("changed", "ruches-installees", f'<a href="{up}2022/review.html#page-1">7</a>',
         f'<a href="{up}2023/review.html#page-1">9</a>'),
        ("removed", "mares-creusees", f'<a href="{up}2022/review.html#page-2">3</a>', "—"),
        ("unchanged", "arbres-plantes", f'<a href="{up}2022/review.html#page-2">40</a>',
         f'<a href="{up}2023/review.html#page-2">40</a>'),
    ]  # fmt: skip


def test_the_diff_page_links_from_an_absolute_output(two_years: Path, tmp_path: Path) -> None:
    """Absolute paths, OLD a figures.parquet file, the page in a sibling folder: one '../' up."""
    output = tmp_path / "elsewhere" / "d.html"
    run = rdd(
        "diff", two_years / "2022" / "figures.parquet", two_years / "2023", "--format", "html", "-o", output
    )
    assert run.returncode == 0, run.stderr
    links = regex.findall(r'href="([^"]*)"', output.read_text(encoding="utf-8"))
    assert sorted(set(links)) == [
        "../2022/review.html#page-1",
        "../2022/review.html#page-2",
        "../2023/review.html#page-1",
        "../2023/review.html#page-2",
    ]


# --- which report a review reads: the one given, else one beside the tables; only with their sha256 ---------


def _note(folder: Path, pdf: Path | None = None) -> tuple[str, bool]:
    """The note of the review page (a bare apostrophe is written &#x27;) and whether it has page images."""
    page = rdd_extract.review(folder, pdf=pdf).read_text(encoding="utf-8")
    (note,) = regex.findall(r'<p class="note">(.*?)</p>', page)
    return note.replace("&#x27;", "'"), "data-image=" in page


@pytest.fixture
def bilan(tmp_path: Path) -> Path:
    """tmp_path/out, the tables of tmp_path/bilan-2022.txt (a one-line text report, so no page image);
    beside it, autre/bilan-2023.txt (another year) and autre/copie.txt (the same bytes, another name)."""
    source = tmp_path / "bilan-2022.txt"
    source.write_text("Bilan 2022 : 7 ruches installées.\n", encoding="utf-8")
    rdd_extract.extract(source).write(tmp_path / "out")
    (tmp_path / "autre").mkdir()
    (tmp_path / "autre" / "bilan-2023.txt").write_text(
        "Bilan 2023 : 9 ruches installées.\n", encoding="utf-8"
    )
    shutil.copyfile(source, tmp_path / "autre" / "copie.txt")
    return tmp_path


TEXT_EXPORT = ("The report is a text export: no page images, figures are shown in the text.", False)


def test_a_report_given_is_checked_against_the_tables_sha256(bilan: Path) -> None:
    """--pdf naming another year's report: not read, though the right one lies beside the tables."""
    other = bilan / "autre" / "bilan-2023.txt"
    assert _note(bilan / "out", other) == (
        f"{other} is not the report these tables were made from: the page shows their text only.",
        False,
    )
    run = rdd("review", bilan / "out", "--pdf", other)
    assert (run.returncode, run.stdout, run.stderr) == (0, f"{bilan / 'out' / 'review.html'}\n", "")
    page = (bilan / "out" / "review.html").read_text(encoding="utf-8")
    assert f"{other} is not the report these tables were made from" in page


def test_a_report_given_with_the_same_bytes_is_read_whatever_its_name(bilan: Path) -> None:
    assert _note(bilan / "out", bilan / "autre" / "copie.txt") == TEXT_EXPORT
    assert _note(bilan / "out", bilan / "bilan-2022.txt") == TEXT_EXPORT


def test_a_report_given_that_does_not_exist_is_said_not_found(bilan: Path) -> None:
    missing = bilan / "nowhere.txt"
    assert _note(bilan / "out", missing) == (
        f"The report {missing} was not found: the page shows the tables' text only (give --pdf FILE).",
        False,
    )


def test_without_a_report_given_the_one_beside_the_tables_is_read_if_its_sha256_fits(bilan: Path) -> None:
    """The tables' source, 'bilan-2022.txt', is looked for in their folder and the one above it: found
    and unchanged, read; changed since, refused; gone, not found."""
    assert _note(bilan / "out") == TEXT_EXPORT
    (bilan / "bilan-2022.txt").write_text("Bilan 2022 : 8 ruches installées.\n", encoding="utf-8")
    assert _note(bilan / "out") == (
        f"{bilan / 'bilan-2022.txt'} is not the report these tables were made from: the page shows their "
        "text only.",
        False,
    )
    (bilan / "bilan-2022.txt").unlink()
    assert _note(bilan / "out") == (
        "The report bilan-2022.txt was not found: the page shows the tables' text only (give --pdf FILE).",
        False,
    )


def test_the_file_with_the_tables_sha256_is_read_before_a_changed_one_looked_at_first(bilan: Path) -> None:
    """A changed 'bilan-2022.txt' in the tables' folder (looked at first) and the original one above it:
    the original, whose sha256 fits, is read."""
    (bilan / "out" / "bilan-2022.txt").write_text("Bilan 2022 : 8 ruches installées.\n", encoding="utf-8")
    assert _note(bilan / "out") == TEXT_EXPORT


def test_a_pdf_given_for_the_tables_of_its_text_export_draws_no_page_image(
    reviewed: dict[str, Path], tmp_path: Path
) -> None:
    """The PDF of the reference report is not the text the tables were made from: no image is drawn
    under their figures; nor is the text export read for the tables of the PDF."""
    pdf = reviewed["pdf"].parent / "rapport-2022.pdf"
    for form, given in (("text", pdf), ("pdf", REFERENCE_TEXT)):
        moved = tmp_path / form
        shutil.copytree(reviewed[form], moved)
        assert _note(moved, given) == (
            f"{given} is not the report these tables were made from: the page shows their text only.",
            False,
        )
