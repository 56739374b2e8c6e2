"""The review page and the diff page: one self-contained HTML file each (styles, script and page
images inline, nothing fetched), for a person to check figures on their page before signing.

Every figure of figures.parquet is one `<mark data-figure="N" data-page="P">` in the text of its
page (N its row in the table); on a PDF's page image a `<div data-box="N">` draws its box. Page
images are drawn when they scroll into view, so a 600-page report stays quick to open.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from rdd_extract.outcomes import RuleReport
from rdd_extract.sources import PageImage

KIND_COLOURS = {"actual": "#2e7d32", "target": "#1565c0", "context": "#8d6e63"}


@dataclass(frozen=True)
class ReviewInput:
    report: str
    figures: Sequence[Mapping[str, object]]  # rows of figures.parquet, in order
    pages: Sequence[Mapping[str, object]]  # rows of pages.parquet
    sheets: Sequence[Mapping[str, object]]  # rows of sheets.parquet
    reports: Sequence[RuleReport]  # how the rules ran, when the report could be read again
    images: Mapping[int, PageImage]  # page -> its image, for a PDF found
    note: str  # what the page could not show, said to the reader


def review_html(data: ReviewInput) -> str:
    """The review page of one report."""
    per_page: dict[int, list[int]] = {}
    for index, figure in enumerate(data.figures):
        per_page.setdefault(int(str(figure["page"])), []).append(index)
    sections = [_page_section(data, page, per_page.get(int(str(page["page"])), [])) for page in data.pages]
    images = {str(number): base64.b64encode(image.png).decode() for number, image in data.images.items()}
    units = sorted({str(figure["unit"]) for figure in data.figures})
    sheet_options = "".join(
        f'<option value="{_e(sheet["sheet_id"])}">{_e(sheet["title"])}</option>' for sheet in data.sheets
    )
    figures_json = [
        {
            key: figure[key]
            for key in ("value", "unit", "kind", "qualifier", "indicator", "rule", "raw", "sheet_id")
        }
        for figure in data.figures
    ]
    return _asset("review.html").format(
        title=_e(f"Relecture · {data.report}"),
        report=_e(data.report),
        count=len(data.figures),
        pages=len(data.pages),
        note=f'<p class="note">{_e(data.note)}</p>' if data.note else "",
        sheet_options=sheet_options,
        unit_options="".join(f'<option value="{_e(unit)}">{_e(unit)}</option>' for unit in units),
        sidebar=_sidebar(data),
        sections="\n".join(sections),
        style=_asset("review.css"),
        script=_asset("review.js")
        .replace("__IMAGES__", json.dumps(images))
        .replace("__FIGURES__", json.dumps(figures_json, ensure_ascii=False, default=str)),
    )


def _page_section(data: ReviewInput, page: Mapping[str, object], indexes: list[int]) -> str:
    number = int(str(page["page"]))
    text = str(page["text"] or "")
    placed, unplaced = _placements(text, [str(data.figures[index]["raw"]) for index in indexes])
    pieces: list[str] = []
    cursor = 0
    for (start, end), index in sorted(zip(placed, indexes, strict=True), key=lambda pair: pair[0][0]):
        if start < 0:
            continue
        pieces.append(_e(text[cursor:start]))
        pieces.append(_mark(data.figures[index], index, text[start:end]))
        cursor = end
    pieces.append(_e(text[cursor:]))
    lost_indexes = [indexes[position] for position in unplaced]  # positions on the page -> rows of the table
    lost = "".join(
        _mark(data.figures[index], index, str(data.figures[index]["raw"])) for index in lost_indexes
    )
    lost_html = f'<p class="lost">Not found in the page text: {lost}</p>' if lost else ""
    image = data.images.get(number)
    boxes = _boxes(data, indexes, image) if image else ""
    picture = (
        f'<div class="image" data-image="{number}" style="aspect-ratio:{image.width}/{image.height}">'
        f"{boxes}</div>"
        if image
        else ""
    )
    return (
        f'<section class="page" id="page-{number}" data-page="{number}" data-sheet="{_e(page["sheet_id"])}">'
        f'<h2>Page {number} <span>{_e(page["sheet_id"])}</span></h2><div class="sides">{picture}'
        f'<pre class="text">{"".join(pieces)}</pre></div>{lost_html}</section>'
    )


def _placements(text: str, raws: list[str]) -> tuple[list[tuple[int, int]], list[int]]:
    """Where each raw text stands on its page, in order (whitespace may differ): one place each."""
    places: list[tuple[int, int]] = []
    unplaced: list[int] = []
    cursor = 0
    taken: list[tuple[int, int]] = []
    for position, raw in enumerate(raws):
        pattern = regex.compile(r"\s+".join(regex.escape(part) for part in raw.split()) or regex.escape(raw))
        hit = _free_hit(pattern, text, cursor, taken) or _free_hit(pattern, text, 0, taken)
        if hit is None:
            places.append((-1, -1))
            unplaced.append(position)
            continue
        places.append(hit)
        taken.append(hit)
        cursor = hit[1]
    return places, unplaced


def _free_hit(
    pattern: regex.Pattern[str], text: str, start: int, taken: list[tuple[int, int]]
) -> tuple[int, int] | None:
    for hit in pattern.finditer(text, start):
        if not any(hit.start() < end and begin < hit.end() for begin, end in taken):
            return hit.span()
    return None


def _mark(figure: Mapping[str, object], index: int, shown: str) -> str:
    kind, rule = str(figure["kind"]), str(figure["rule"])
    origin = "auto" if rule == "auto" else "rule"
    tip = (
        f"{figure['value']} {figure['unit']} · {kind}"
        + (f" · {figure['qualifier']}" if figure.get("qualifier") else "")
        + f" · {figure['indicator']} · rule {rule}"
    )
    return (
        f'<mark class="fig {kind} {origin}" tabindex="0" data-figure="{index}" data-page="{figure["page"]}" '
        f'data-kind="{_e(kind)}" data-unit="{_e(figure["unit"])}" data-origin="{origin}" '
        f'data-sheet="{_e(figure["sheet_id"])}" title="{_e(tip)}">{_e(shown)}</mark>'
    )


def _boxes(data: ReviewInput, indexes: list[int], image: PageImage) -> str:
    out = []
    for index in indexes:
        figure = data.figures[index]
        if figure.get("x0") is None:
            continue
        x0, top, x1, bottom = (float(str(figure[key])) for key in ("x0", "top", "x1", "bottom"))
        left, up = 100 * x0 / image.width_pt, 100 * top / image.height_pt
        width, height = 100 * (x1 - x0) / image.width_pt, 100 * (bottom - top) / image.height_pt
        out.append(
            f'<div class="box {figure["kind"]}" data-box="{index}" style="left:{left:.2f}%;top:{up:.2f}%;'
            f'width:{width:.2f}%;height:{height:.2f}%"></div>'
        )
    return "".join(out)


def _sidebar(data: ReviewInput) -> str:
    missed: dict[str, list[RuleReport]] = {}
    for report in data.reports:
        if not report.matches:
            missed.setdefault(report.sheet_id, []).append(report)
    items = []
    for sheet in data.sheets:
        sheet_id = str(sheet["sheet_id"])
        misses = "".join(
            f'<li class="miss"><a href="#page-{(rule.closest or (sheet["first_page"], ""))[0]}">'
            f"{_e(rule.rule)}</a> missed"
            + (f": <q>{_e(rule.closest[1][:160])}</q> (p. {rule.closest[0]})" if rule.closest else "")
            + (f" <em>{_e(rule.error)}</em>" if rule.error else "")
            + "</li>"
            for rule in missed.get(sheet_id, [])
        )
        done, misses_count, figures = sheet["rules_matched"], sheet["rules_missed"], sheet["n_figures"]
        counts = f"{done} matched · {misses_count} missed · {figures} figures"
        flagged = " missed" if int(str(sheet["rules_missed"] or 0)) else ""
        items.append(
            f'<li class="sheet{flagged}" data-sheet="{_e(sheet_id)}"><a href="#page-{sheet["first_page"]}">'
            f"{_e(sheet['title'])}</a> <small>p. {sheet['first_page']} · {counts}</small>"
            f"{'<ul>' + misses + '</ul>' if misses else ''}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def diff_html(rows: Sequence[Mapping[str, object]], old: str, new: str, old_link: str, new_link: str) -> str:
    """The diff page: per sheet, each indicator's old and new value, a bar for the change, the
    removed and added ones marked, each value linked to its page in the year it comes from."""
    by_sheet: dict[str, list[Mapping[str, object]]] = {}
    for row in rows:
        by_sheet.setdefault(str(row["sheet_id"]), []).append(row)
    most = max(
        (abs(float(str(row["change_pct"]))) for row in rows if row.get("change_pct") is not None), default=1.0
    )
    blocks = []
    for sheet_id, sheet_rows in by_sheet.items():
        lines = []
        for row in sheet_rows:
            status = str(row["status"])
            pct = row.get("change_pct")
            bar = ""
            if pct is not None:
                share = min(100.0, 100 * abs(float(str(pct))) / (most or 1.0))
                side = "up" if float(str(pct)) >= 0 else "down"
                bar = f'<span class="bar {side}" style="width:{share:.1f}%"></span> {float(str(pct)):+.1f} %'
            lines.append(
                f'<tr class="{status}"><td>{_e(row["indicator"])}<br><small>{_e(row["label"])}</small></td>'
                f"<td>{_value_link(row, 'old', old_link)}</td><td>{_value_link(row, 'new', new_link)}</td>"
                f'<td>{_e(row["unit"])}</td><td class="change">{bar}</td><td>{status}</td></tr>'
            )
        blocks.append(
            f"<section><h2>{_e(sheet_id)}</h2><table><tr><th>indicator</th><th>{_e(old)}</th><th>{_e(new)}</th>"
            f"<th>unit</th><th>change</th><th>status</th></tr>{''.join(lines)}</table></section>"
        )
    return _asset("diff.html").format(
        old=_e(old), new=_e(new), count=len(rows), blocks="\n".join(blocks), style=_asset("review.css")
    )


def _value_link(row: Mapping[str, object], year: str, link: str) -> str:
    value, page = row.get(f"{year}_value"), row.get(f"{year}_page")
    if value is None:
        return "—"
    shown = f"{float(str(value)):,.2f}".replace(",", " ").removesuffix(".00")
    return f'<a href="{_e(link)}#page-{page}">{shown}</a>' if link and page is not None else shown


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    """A file of the page (its style, script, template), shipped in the package's assets folder."""
    return resources.files("rdd_extract").joinpath("assets", name).read_text(encoding="utf-8")
