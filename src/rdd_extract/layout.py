"""Pages -> piliers -> sheets -> blocks.

A RDD of this family is printed one action sheet per page: a pilier divider page,
then one page per *fiche action*, each with a running title, a title, key
figures, prose and a `2023 ... Perspectives` block. This module recovers that
structure from cleaned page texts, and for a text export without form feeds it
first recovers the printed pages themselves (`split_pages`).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from rdd_extract.clean import collapse_letter_spacing, normalized
from rdd_extract.contents import PlanEntry, contents_entries, is_entry_line, report_plan
from rdd_extract.profile import GENERIC, LayoutProfile
from rdd_extract.quantities import MONTHS, is_contents_page, writes_decimal_dot
from rdd_extract.sources import OutlineItem, Source

_YEAR_LINE = regex.compile(r"(?:^|.*\s)(?P<year>20[0-9][0-9])\s*$")
_FIGURE_LINE = regex.compile(r"\+?\s*[0-9][0-9 ,.]*\s*(?:%|€|k€|M€|M ?€|km|m|m3|ha|t|T\.|kg|h|ETP)?")
_LONE_NUMBER = regex.compile(r"^\s*(?P<number>[0-9]{1,3})\s*$")
_STOPWORDS = frozenset(
    (
        "le", "la", "les", "l", "de", "des", "du", "d", "et", "a", "au", "aux", "en", "pour", "sur",
        "un", "une", "dans", "par", "avec", "ou", "vers", "ses", "son", "sa", "leur", "leurs",
    )
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, as printed by a PDF viewer
    text: str
    inferred: bool  # page cut inferred from the structure of an unpaginated text
    headings: tuple[str, ...] = ()  # lines a PDF sets larger than the page's text, as read


@dataclass(frozen=True)
class Sheet:
    sheet_id: str
    title: str
    pilier: int | None
    first_page: int
    last_page: int
    kind: str  # "intro", "pilier" (a divider page) or "action"
    titled: bool = True  # False when the title was only found inside the page, not at its head


@dataclass(frozen=True)
class Document:
    source: str
    year: int
    pages: tuple[Page, ...]
    sheets: tuple[Sheet, ...]
    page_sheet: tuple[str, ...]  # sheet_id of each page, parallel to `pages`
    frame: frozenset[str] = frozenset()  # running headers and footers, digits as '#' (see page_frame)
    decimal_dot: bool = False  # whether '1.340' reads 1.34 here (see quantities.writes_decimal_dot)
    profile: LayoutProfile = GENERIC  # the layout conventions the pages were read with

    def sheet(self, sheet_id: str) -> Sheet:
        return next(sheet for sheet in self.sheets if sheet.sheet_id == sheet_id)


# --------------------------------------------------------------------------- pages


def split_pages(
    source: Source, titles: Sequence[str] = (), profile: LayoutProfile = GENERIC
) -> tuple[Page, ...]:
    """Raw page texts of `source`; an unpaginated text is cut where its printed pages start.

    Cutting needs only a light view of each line (accents composed, spaces normalized, letter
    spacing collapsed), so the cut is made on the raw text and every page is
    cleaned afterwards, on its own. `titles` are the sheet titles the report is
    expected to hold (its rulepack's): see `infer_page_starts`.
    """
    if source.paginated:
        headings = source.headings or tuple(() for _ in source.pages)
        return tuple(
            Page(i + 1, text, False, large)
            for i, (text, large) in enumerate(zip(source.pages, headings, strict=True))
        )
    lines = source.pages[0].split("\n")
    light = [collapse_letter_spacing(normalized(line)) for line in lines]
    starts = (
        footer_page_starts(light, profile)
        or contents_page_starts(light, profile)
        or infer_page_starts(light, titles, profile)
    )
    ends = [begin for _, begin in starts[1:]] + [len(lines)]
    return tuple(
        Page(number, "\n".join(lines[begin:end]), True)
        for (number, begin), end in zip(starts, ends, strict=True)
    )


def footer_page_starts(lines: list[str], profile: LayoutProfile = GENERIC) -> list[tuple[int, int]]:
    """(page number, first line) of each page of an unpaginated text whose pages carry a footer
    with their number ('Valmont · Rapport annuel 2022 · page 6'); [] when too few do.

    A footer ends its page in most exports and starts it in others (the reference's): the
    report's contents page decides, where its entries' titles stand after which footers.
    """
    footers: list[tuple[int, int]] = []  # (line, printed page), the page numbers rising
    for index, line in enumerate(lines):
        footer = profile.footer.search(line.strip())
        number = footer and (footer["page"] or footer["before"])
        if number and (not footers or footers[-1][1] < int(number) <= footers[-1][1] + 3):
            footers.append((index, int(number)))
    if len(footers) < 5 or len(footers) < 0.6 * (footers[-1][1] - footers[0][1] + 1):
        return []
    first_line, first_page = footers[0]
    if _footers_start_pages(lines, footers, profile):
        starts = [(first_page - 1, 0)] if first_line > 0 and first_page > 1 else []
        starts += [(page, line) for line, page in footers]
    else:
        starts = [(first_page, 0)]
        last_text = max((index for index, text in enumerate(lines) if text.strip()), default=-1)
        starts += [(page + 1, line + 1) for line, page in footers if line < last_text]  # blank tail: no page
    return [start for n, start in enumerate(starts) if n == 0 or start[1] > starts[n - 1][1]]


def contents_page_starts(lines: list[str], profile: LayoutProfile = GENERIC) -> list[tuple[int, int]]:
    """(page number, first line) of the pages an unpaginated text's contents page names: where each
    entry's title is spelt out after the contents, or the divider mark or running header just above
    it; [] when the contents page names fewer than three. The pages between stay with the one before.
    """
    if read_toc("\n".join(lines[:400]), profile):
        return []  # 'PAGES 5 > 12': infer_page_starts reads that form
    head = [(index, line) for index, line in enumerate(lines[:_CONTENTS_LINES])]
    entries = contents_entries(["\n".join(line for _, line in head)], profile)
    if len(entries) < 3:
        return []
    last_entry_line = max(i for i, line in head if is_entry_line(line))  # an entry was read: one is there
    contents_start = next((i for i, line in head if line.strip()), 0)
    starts = [(max(entries[0].page - 1, 1), contents_start)]
    if contents_start > 0 and starts[0][0] > 1:
        starts.insert(0, (starts[0][0] - 1, 0))
    squeezed = [squeeze(line) for line in lines]
    position = last_entry_line + 1
    for entry in entries:
        key = squeeze(entry.title)[:16]
        found = next((i for i in range(position, len(lines)) if key and squeezed[i].startswith(key)), None)
        if found is None or entry.page <= starts[-1][0]:
            continue
        starts.append((entry.page, _page_head(lines, found, profile)))
        position = found + 1
    return starts if len(starts) >= 4 else []


_CONTENTS_LINES = 250  # lines at the front of a text where its contents page may stand


def _page_head(lines: list[str], title_line: int, profile: LayoutProfile) -> int:
    """The first line of the page a title heads: its divider mark or the running header just above."""
    for above in range(title_line - 1, max(title_line - 4, -1), -1):
        stripped = lines[above].strip()
        if not stripped:
            continue
        if profile.part_mark.match(stripped) or is_heading(stripped):
            return above
        break
    return title_line


def _footers_start_pages(lines: list[str], footers: list[tuple[int, int]], profile: LayoutProfile) -> bool:
    """Whether footers head their pages: the contents entries' titles stand right after the footer
    carrying their own page number rather than the page before's."""
    head = "\n".join(lines[: footers[min(2, len(footers) - 1)][0] + 1])
    votes = 0
    for entry in contents_entries([head], profile):
        key = squeeze(entry.title)[:16]
        heading = next(
            (i for i in range(footers[0][0] + 1, len(lines)) if key and squeeze(lines[i]).startswith(key)),
            None,
        )
        before = [page for line, page in footers if heading is not None and line < heading]
        if before:
            votes += 1 if before[-1] == entry.page else -1 if before[-1] == entry.page - 1 else 0
    return votes > 0


def infer_page_starts(
    lines: list[str], titles: Sequence[str] = (), profile: LayoutProfile = GENERIC
) -> list[tuple[int, int]]:
    """(page number, first line) of each printed page of an unpaginated text.

    Each pilier divider and each action sheet starts a page. Candidate starts are
    scored by how a page of this layout begins (a running title in capitals, a
    footer carrying the page number, a short title line); the table of contents
    (`PILIER 2 ... PAGES 13 > 22`) says how many pages each pilier has, so the
    best candidates of each pilier are kept, and fixes the page numbers. When the
    pages are not marked by a leading space, the first place each of `titles` is
    spelt out on whole lines is a candidate too.
    """
    toc = read_toc("\n".join(lines[:400]), profile)
    anchors = _pilier_anchors(lines, profile)
    scores = _start_scores(lines, anchors, titles, profile)
    bounds = [0, *[anchors[p] for p in sorted(anchors)], len(lines)]
    pilier_of_segment = [None, *sorted(anchors)]
    segments: list[list[int]] = []
    for index, pilier in enumerate(pilier_of_segment):
        begin, end = bounds[index], bounds[index + 1]
        if begin == end:  # no text before the first pilier
            segments.append([])
            continue
        inner = [i for i in range(begin + 1, end) if scores.get(i, 0) > 0]
        if pilier is not None and pilier in toc:
            first, last = toc[pilier]
            wanted = last - first
            kept = sorted(sorted(inner, key=lambda i: (-scores[i], i))[:wanted])
        else:
            kept = [i for i in inner if scores[i] >= 3]
        segments.append([begin, *kept])
    numbered: list[tuple[int, int]] = []
    first_pilier = pilier_of_segment[1] if len(pilier_of_segment) > 1 else None
    intro_first = toc[first_pilier][0] - len(segments[0]) if first_pilier in toc else 1
    page = max(intro_first, 1)
    for pilier, segment in zip(pilier_of_segment, segments, strict=True):
        if pilier is not None and pilier in toc:
            page = toc[pilier][0]
        for line_index in segment:
            numbered.append((page, line_index))
            page += 1
    return numbered


def read_toc(text: str, profile: LayoutProfile = GENERIC) -> dict[int, tuple[int, int]]:
    """{pilier: (first page, last page)} from the summary's `PILIER n ... PAGES a > b`."""
    toc: dict[int, tuple[int, int]] = {}
    for match in profile.contents_entry.finditer(text):
        first, last = int(match["first"]), int(match["last"])
        if first <= last:
            toc.setdefault(int(match["part"]), (first, last))
    return toc


def toc_titles(text: str, profile: LayoutProfile = GENERIC) -> dict[int, str]:
    """{pilier: its name as the summary prints it}."""
    return {
        int(match["part"]): _tidy(match["title"])
        for match in profile.contents_entry.finditer(text)
        if _tidy(match["title"])
    }


def _pilier_anchors(lines: list[str], profile: LayoutProfile) -> dict[int, int]:
    """Line of each pilier divider: a line that is only `PILIER n`, outside the summary."""
    anchors: dict[int, int] = {}
    for i, line in enumerate(lines):
        mark = profile.part_mark.fullmatch(line.strip())
        if not mark:
            continue
        pilier = int(mark["part"])
        if pilier in anchors or read_toc("\n".join(lines[i : i + 6]), profile):  # the summary's entry
            continue
        anchors[pilier] = i
    return anchors


def _start_scores(
    lines: list[str], anchors: dict[int, int], titles: Sequence[str], profile: LayoutProfile
) -> dict[int, int]:
    """How strongly each line looks like the first line of a printed page (0: not at all)."""
    scores: dict[int, int] = {}
    previous = -1  # index of the previous non-blank line
    # Most exports start each page with a space; without that mark, running titles are told from
    # mid-page headings by the sheet title that follows them, spelling the same letters, and a
    # sheet title known in advance marks where its page starts.
    marked = sum(1 for line in lines if line.startswith(" ") and line.strip()) >= 10
    known_starts = set() if marked else _title_lines(lines, titles)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        score = _start_score(line, stripped, profile)
        if (
            not marked
            and (
                i in known_starts
                or (
                    score == 1
                    and not stripped.endswith(":")  # 'HABITANTS :' introduces a list, it titles no page
                    and _twin_of(stripped, [next_.strip() for next_ in lines[i + 1 : i + 40]])
                )
            )
        ):
            score = 4  # a sheet's title, or a running title that its sheet title follows
        prev_line = lines[previous].strip() if previous >= 0 else ""
        if previous >= 0 and (scores.get(previous, 0) >= 2 or previous in anchors.values()):
            score = 0  # the second line of a page that already started
        if _YEAR_LINE.fullmatch(prev_line) and len(prev_line) <= 4:
            score = 0  # the first sentence of a `2023 ... Perspectives` block
        if score:
            scores[i] = score
        previous = i
    for title_line in sorted(known_starts & scores.keys()):
        if is_heading(lines[title_line].strip()):
            continue  # the running title itself
        head = _glued_heading_before(lines, title_line, scores, set(anchors.values()), profile)
        if head is not None:
            scores[head] = scores.pop(title_line)
    return scores


def _glued_heading_before(
    lines: list[str], title_line: int, scores: dict[int, int], anchors: set[int], profile: LayoutProfile
) -> int | None:
    """The running title of the page whose sheet title is spelt lower, in sentence case, at `title_line`.

    Within a page a heading has a blank line above it; the first line of the next page
    follows the last line of the previous one directly. So the last heading glued to
    the text above it, before the title and after the previous page start, heads its page.
    """
    for i in range(title_line - 1, 0, -1):
        if scores.get(i, 0) >= 2 or i in anchors:
            return None
        above = lines[i - 1].strip()
        # glued to the text above it, not to a part's name
        glued = above and not is_heading(above) and not profile.part_mark.fullmatch(above)
        if scores.get(i) == 1 and is_heading(lines[i].strip()) and glued:
            return i
    return None


def _title_lines(lines: list[str], titles: Sequence[str], reach: int = 6) -> set[int]:
    """First line of the first place each title is spelt out on whole lines, from a capital."""
    keys = {key for key in map(squeeze, titles) if len(key) >= 6}
    prefixes = _prefixes(keys)
    squeezed = [squeeze(line) for line in lines]
    found: dict[str, int] = {}
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped and stripped[0].isupper():
            end = _spelt_to(squeezed, i, keys, prefixes, reach)
            if end is not None:
                found.setdefault("".join(squeezed[i : end + 1]), i)
    return set(found.values())


def _prefixes(keys: Iterable[str]) -> set[str]:
    return {key[:end] for key in keys for end in range(1, len(key) + 1)}


def _spelt_to(
    squeezed: Sequence[str], start: int, keys: set[str], prefixes: set[str], reach: int
) -> int | None:
    """The line where the lines from `start` on have spelt one of `keys` (letters only, see squeeze)."""
    spelled = ""
    for end in range(start, min(start + reach, len(squeezed))):
        spelled += squeezed[end]
        if spelled in keys:
            return end
        if spelled not in prefixes:
            return None
    return None


def _start_score(line: str, stripped: str, profile: LayoutProfile) -> int:
    footer = profile.footer.search(stripped)
    if footer and (footer["page"] or footer["before"]):
        return 5  # the footer of a page, extracted before its text
    leading = line.startswith(" ")
    if is_heading(stripped):
        return 4 if leading else 1
    if not leading or not stripped[0].isupper():
        return 0
    if is_title_line(stripped, profile.title_max):
        return 3
    return 2


def is_heading(line: str) -> bool:
    """A line in capitals, such as a running title once its letter spacing is collapsed."""
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 6 and not any(char.islower() for char in letters)


def is_title_line(line: str, title_max: int = GENERIC.title_max) -> bool:
    """A short line that can open a sheet title: 'La poursuite de la', 'Labanque'."""
    return (
        len(line) <= title_max
        and line[0].isupper()
        and not regex.search(r"[0-9]", line)
        and not line.endswith((".", ":", ",", ";"))
        and not is_heading(line)
    )


# --------------------------------------------------------------------------- structure


def structure(
    pages: tuple[Page, ...],
    source_name: str,
    profile: LayoutProfile = GENERIC,
    outline: Sequence[OutlineItem] = (),
) -> Document:
    """Piliers and sheets of `pages`: every page belongs to exactly one sheet.

    The report's own plan (its PDF outline, else its contents page) places the parts and
    sheets it names; other pages are read one by one: a divider (`PILIER 2`, `AXE 2`,
    `Finalité 2 : ...`), a numbered heading (`1.3 Title`), a running title and its twin,
    or a title block start a sheet, anything else continues the sheet before it.
    """
    full_text = "\n".join(page.text for page in pages[:6])
    pilier_names = toc_titles(full_text, profile)
    year = detect_year(pages, profile)
    plan = {entry.page: entry for entry in report_plan([(p.number, p.text) for p in pages], outline, profile)}
    pilier_names.update(
        {entry.part: entry.title for entry in plan.values() if entry.opens_part and entry.part}
    )
    sheets: list[Sheet] = []
    page_sheet: list[str] = []
    pilier: int | None = None
    used_ids: Counter[str] = Counter()
    vocabulary = _vocabulary(pages)
    for page in pages:
        entry = plan.get(page.number)
        divider = (
            entry.part
            if entry is not None and entry.opens_part
            else _divider_pilier(page.text, profile, pilier)
        )
        current = sheets[-1] if sheets else None
        if divider is not None:
            pilier = divider
            title = pilier_names.get(divider, f"Pilier {divider}")
            sheet = Sheet(f"pilier-{divider}", title, divider, page.number, page.number, "pilier")
        else:
            found, at_head, part = _sheet_title(page, entry, bool(plan), profile)
            pilier = part if part is not None and pilier is not None else pilier
            found = found and mend_split_words(found, vocabulary)
            if found is None and current is not None:
                sheets[-1] = replace(current, last_page=page.number)
                page_sheet.append(current.sheet_id)
                continue
            title = found or f"Page {page.number}"
            kind = "action" if pilier is not None else "intro"
            if current is not None and current.title == title and current.kind == kind:
                sheets[-1] = replace(current, last_page=page.number)  # a sheet printed on two pages
                page_sheet.append(current.sheet_id)
                continue
            slug = _unique(slugify(title), used_ids)
            sheet = Sheet(slug, title, pilier, page.number, page.number, kind, titled=bool(found) and at_head)
        sheets.append(sheet)
        page_sheet.append(sheet.sheet_id)
    decimal_dot = writes_decimal_dot("\n".join(page.text for page in pages))
    return Document(
        source_name, year, pages, tuple(sheets), tuple(page_sheet), page_frame(pages), decimal_dot, profile
    )


def _sheet_title(
    page: Page, entry: PlanEntry | None, planned: bool, profile: LayoutProfile
) -> tuple[str | None, bool, int | None]:
    """(title, whether it heads the page, the part its number tells) of the sheet a page starts.

    With a plan, only the pages it names start sheets: its title, or the page's own spelling of it.
    """
    if read_toc(page.text, profile) or (page.number <= 8 and is_contents_page(page.text) and not entry):
        return "Sommaire", True, None
    numbered = _numbered_heading(page.text)
    if entry is not None:
        own = numbered[0] if numbered and squeeze(numbered[0]) == squeeze(entry.title) else entry.title
        return own, True, entry.part
    if planned:
        return None, False, None
    if numbered is not None:
        return numbered[0], True, numbered[1]
    large = _large_heading(page)
    if large is not None:
        return large, True, None
    found, at_head = find_title(page.text, profile)
    return found, at_head, None


def _large_heading(page: Page, reach: int = 6) -> str | None:
    """The heading a PDF sets larger than the text among a page's first lines (its lines joined),
    unless it is in capitals: a running title, whose twin the title reader finds."""
    if not page.headings:
        return None
    keys = {squeeze(heading) for heading in page.headings}
    lines = [line.strip() for line in page.text.split("\n") if line.strip()][:reach]
    run: list[str] = []
    for line in lines:
        if squeeze(line) in keys and not is_heading(line):
            run.append(line)
        elif run:
            break
    return _tidy(" ".join(run)) if run else None


# "1.3 Le Fonds de transition énergétique": a numbered sheet heading, and its part (1)
_NUMBERED_HEADING = regex.compile(
    r"(?P<part>[1-9])\.(?P<sheet>[0-9]{1,2})\.?\s+(?P<title>\p{Lu}[^\n]{3,120})"
)


def _numbered_heading(text: str, reach: int = 4) -> tuple[str, int] | None:
    """The numbered heading among the first lines of a page ('1.3 Le Fonds...'), title and part."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:reach]
    for line in lines:
        heading = _NUMBERED_HEADING.fullmatch(line)
        if heading is not None and not line.endswith((".", ";", ":")):
            return _tidy(heading["title"]), int(heading["part"])
    return None


@dataclass(frozen=True)
class _Vocabulary:
    words: Counter[str]
    pairs: Counter[tuple[str, str]]  # adjacent words


def _vocabulary(pages: tuple[Page, ...]) -> _Vocabulary:
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for page in pages:
        prose = "\n".join(line for line in page.text.split("\n") if not is_heading(line))  # no glued capitals
        tokens = [word.casefold() for word in regex.findall(r"\p{L}+", prose)]
        words.update(tokens)
        pairs.update(itertools.pairwise(tokens))
    return _Vocabulary(words, pairs)


def mend_split_words(title: str, vocabulary: _Vocabulary) -> str:
    """'L'eau pot able' -> 'L'eau potable': a title font's kerning split a word in two.

    Two fragments are joined where the report writes the whole word elsewhere and
    one fragment never stands alone in the report (outside this very split).
    """
    parts = title.split(" ")
    mended = parts[:1]
    for part in parts[1:]:
        left = regex.search(r"\p{L}+$", mended[-1])
        right = regex.match(r"\p{L}+", part)
        if left and right and part[:1].islower():
            pair = (left.group().casefold(), right.group().casefold())
            alone = [vocabulary.words[fragment] - vocabulary.pairs[pair] for fragment in pair]
            if vocabulary.words[pair[0] + pair[1]] and min(alone) == 0:
                mended[-1] += part
                continue
        mended.append(part)
    return " ".join(mended)


def _unique(slug: str, used: Counter[str]) -> str:
    used[slug] += 1
    return slug if used[slug] == 1 else f"{slug}-{used[slug]}"


def _divider_pilier(
    text: str, profile: LayoutProfile, current: int | None = None, short: int = 6
) -> int | None:
    """The pilier a divider page opens: a `PILIER n` line near its top (not the summary), or on a
    near-empty page a line that opens with the mark and names another part than the one open
    ('Finalité 2 : Vers une ...'): the same line atop the part's own pages is their running header."""
    if read_toc(text, profile):
        return None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines[:4]:
        mark = profile.part_mark.fullmatch(line)
        if mark:
            return int(mark["part"])
        named = profile.part_mark.match(line)  # the mark may take the separator: look after the number
        if (
            named is not None
            and len(lines) <= short
            and int(named["part"]) != current
            and _PART_TITLE_AFTER.match(line, named.end("part"))
        ):
            return int(named["part"])
    return None


_PART_TITLE_AFTER = regex.compile(r"\s*[:–-]\s*\p{Lu}")


def detect_year(pages: tuple[Page, ...], profile: LayoutProfile = GENERIC) -> int:
    """The reporting year: the footers' year and the year most written as `en 2022`, together.

    A footer counts as much as five mentions: enough to decide between close counts,
    not enough to keep a year that a re-edited report left in a stale footer.
    """
    footers: Counter[int] = Counter()
    mentions: Counter[int] = Counter()
    for page in pages:
        lines = [line.strip() for line in page.text.split("\n") if line.strip()]
        footed: set[str] = set()
        for line in lines:
            footer = profile.footer.search(line)
            if footer and (footer["page"] or footer["before"]):
                footers[int(footer["year"])] += 1
                footed.add(line)
        for line in dict.fromkeys(lines[:2] + lines[-2:]):  # "Rapport d'activités 2022 | 14"
            if line in footed:
                continue  # a footer counts once
            edge_years = set(_TITLE_YEAR.findall(line)) if _REPORT_WORD.search(line) else set()
            footers.update(int(year) for year in edge_years if len(edge_years) == 1)
        mentions.update(int(year) for year in regex.findall(r"(?i)\ben\s+(20[0-9][0-9])\b", page.text))
        mentions.update(int(year) for year in _REPORT_YEAR.findall(page.text) for _ in range(2))
    votes = Counter({year: 5 * count for year, count in footers.items()})
    votes.update(mentions)
    return votes.most_common(1)[0][0] if votes else 0


_TITLE_YEAR = regex.compile(r"(?<![0-9/.-])(20[0-9][0-9])(?![0-9/.-])")
_REPORT_WORD = regex.compile(
    r"(?i:rapport|bilan|exercice|compte\s+administratif|budget|RPQS|RAPQS|activit|édition|développement\s+durable)"
)
# "Rapport annuel 2021", "exercice 2016", "au 31/12/2022", "compte administratif 2022": the year reported on
_REPORT_YEAR = regex.compile(
    r"(?i:\b(?:rapport|bilan|exercice|compte\s+administratif|RPQS|RAPQS|ROB|DOB)\b[^.\n]{0,40}?\b|au\s+31\s*/\s*12\s*/\s*"
    r"|au\s+31\s+décembre\s+)(20[0-9][0-9])\b"
)


def find_title(text: str, profile: LayoutProfile = GENERIC) -> tuple[str | None, bool]:
    """The sheet title of a page (the normal-case twin of its running title, else its title block),
    and whether it heads the page (a running title's twin, or a block at the top)."""
    lines = [line.strip() for line in text.split("\n")]
    running = _running_title(lines, profile)
    if running:
        twin = _twin_of(running, lines)
        if twin:
            return twin, True
    block = _title_block(lines, profile)
    if block is None:
        return None, False
    return block[0], block[1] <= _head_end(lines)


def _running_title(lines: list[str], profile: LayoutProfile, reach: int = 3) -> str | None:
    """The running title in capitals among the first lines of a page (headers and numbers skipped)."""
    seen = 0
    for line in lines:
        if not line or profile.footer.search(line) or _LONE_NUMBER.fullmatch(line):
            continue
        if is_heading(line):
            return line
        seen += 1
        if seen == reach:
            break
    return None


def _twin_of(running: str, lines: list[str]) -> str | None:
    """Consecutive lines spelling the same letters as the running title."""
    keys = {squeeze(running)}
    prefixes = _prefixes(keys)
    squeezed = [squeeze(line) for line in lines]
    for i, line in enumerate(lines):
        if line and not is_heading(line):
            end = _spelt_to(squeezed, i, keys, prefixes, reach=5)
            if end is not None:
                return _tidy(" ".join(lines[i : end + 1]))
    return None


def _head_end(lines: list[str], size: int = 2) -> int:
    """Index of the last line of a page's head: its first `size` non-blank lines."""
    seen = 0
    for index, line in enumerate(lines):
        seen += bool(line)
        if seen == size:
            return index
    return len(lines)


def _title_block(lines: list[str], profile: LayoutProfile) -> tuple[str, int] | None:
    """First short capitalised line (after a break) with its lowercase continuation lines, and its line."""
    top = next(
        (
            i
            for i, line in enumerate(lines)
            if line and not is_heading(line) and not profile.footer.search(line)
        ),
        -1,
    )
    for i, line in enumerate(lines):
        if not line or not is_title_line(line, profile.title_max) or profile.target_heading.match(line):
            continue
        if i > 0 and lines[i - 1] and not is_heading(lines[i - 1]) and not lines[i - 1].endswith((".", ":")):
            continue  # inside a paragraph
        block = [line]
        for following in lines[i + 1 : i + 4]:
            if not following or len(following) > profile.title_max or not following[0].islower():
                break
            block.append(following)
        follower = lines[i + len(block)] if i + len(block) < len(lines) else ""
        if i != top and len(block) == 1 and (not follower or len(follower) <= profile.title_max):
            continue  # a lone short line below the top, then a blank or a short line: a label
        return _tidy(" ".join(block)), i
    return None


@lru_cache(maxsize=8192)
def squeeze(text: str) -> str:
    """Letters only, upper case, accents removed: 'L'Es pace' -> 'LESPACE'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if char.isalpha() and char.isascii()).upper()


def ascii_words(text: str) -> list[str]:
    """The words of a text for an id: lower case, accents gone, 'œ' spelt 'oe' ('Œuvre' -> 'oeuvre')."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [word for word in regex.split(r"[^a-z0-9]+", ascii_text) if word]


def slugify(text: str, max_words: int = 6) -> str:
    """A stable id from a title: 'Le Fonds de transition énergétique' -> 'fonds-transition-energetique'."""
    words = [word for word in ascii_words(text) if word not in _STOPWORDS]
    return "-".join(words[:max_words]) or "sans-titre"


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" -–·")


# --------------------------------------------------------------------------- blocks


@lru_cache(maxsize=256)
def perspective_spans(text: str, year: int, profile: LayoutProfile = GENERIC) -> tuple[tuple[int, int], ...]:
    """Offsets of the target blocks of a page: `2023 ... Perspectives`, `Objectifs 2023`, `Et demain ?`.

    A block opens on a line that is (or ends with) the next year alone, or on a target
    heading of the profile (`Perspectives 2023`, `Objectifs 2030`, or a bare `Et demain ?`).
    It closes where its section closes: at a bare target heading (the text export of the
    reference prints `Perspectives` after its block), at a heading that starts another box
    (in capitals, numbered `2.3 ...`, a part divider), or at a key figure. A headed block runs
    to the end of the page if nothing closes it; a block opened by a year alone must be closed.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    opened: int | None = None
    headed = by_heading = False
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        heading = profile.target_heading.fullmatch(stripped)
        if heading is not None and heading["dated"] is not None and heading["year"] is None:
            heading = None  # 'Objectifs' alone heads an action's goals, not next year's targets
        year_line = _YEAR_LINE.fullmatch(stripped)
        next_year = year_line is not None and int(year_line["year"]) == year + 1 and _is_block_mark(stripped)
        if opened is not None and (
            (heading is not None and heading["year"] is None)
            or (is_heading(stripped) and len(stripped) > 12)
            or _SECTION_HEADING.match(stripped)
            or profile.part_mark.fullmatch(stripped)
            or (is_key_figure(lines, index) and stripped != str(year + 1))  # "2023\nsera la première année"
        ):
            spans.append((opened, offset))
            opened = None
        elif opened is not None and by_heading and next_year and not text[opened:offset].strip():
            opened = offset + len(line)  # 'Perspectives' then '2023': the block starts below the year
        elif opened is None and (
            next_year or (heading is not None and (heading["year"] is None or int(heading["year"]) > year))
        ):
            opened = offset + len(line)
            by_heading = heading is not None
            headed = by_heading or _is_bare_target_heading(lines, index, profile)
        offset += len(line) + 1
    if opened is not None and headed:
        spans.append((opened, len(text)))
    return tuple((start, end) for start, end in spans if text[start:end].strip())


# "2.3 Le plan vélo", "4. Les déchets": a numbered heading closes the section before it
_SECTION_HEADING = regex.compile(r"[0-9]{1,2}(?:\.[0-9]{1,2})*\.?\s+\p{Lu}\p{Ll}")


def _is_bare_target_heading(lines: list[str], index: int, profile: LayoutProfile) -> bool:
    """Whether the last non-blank line above `index` is a bare target heading ('Perspectives', '2023')."""
    above = next((line.strip() for line in reversed(lines[:index]) if line.strip()), "")
    heading = profile.target_heading.fullmatch(above)
    return heading is not None and heading["year"] is None and heading["dated"] is None


_YEAR_IN_PHRASE = regex.compile(
    r"(?i:\b(?:en|de|d'ici|à|année|pour|depuis|dès|fin|début|mi|" + MONTHS + r"))\s+20[0-9][0-9]$"
)


def _is_block_mark(line: str) -> bool:
    """'2023' alone, or glued at the end of a short line ('régie 2023'), not 'pour l'année 2023'."""
    return len(line) == 4 or (len(line) <= 30 and not _YEAR_IN_PHRASE.search(line))


def is_key_figure(lines: list[str], index: int) -> bool:
    """A highlighted figure: a number alone on its line ('3 068', '17,16%'), a lowercase caption below."""
    return bool(_FIGURE_LINE.fullmatch(lines[index].strip())) and has_caption_below(lines, index)


def has_caption_below(lines: list[str], index: int) -> bool:
    """The next non-blank line starts in lowercase: it continues or captions the line at `index`."""
    following = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return bool(following) and following[0].islower()


def is_furniture(
    line: str, page_number: int, frame: frozenset[str] = frozenset(), profile: LayoutProfile = GENERIC
) -> bool:
    """Footers, running headers and printed page numbers: the page frame, never figures."""
    stripped = line.strip()
    if profile.footer.search(stripped) or _template(stripped) in frame:
        return True
    lone = _LONE_NUMBER.fullmatch(stripped)
    return lone is not None and int(lone["number"]) == page_number


def page_frame(pages: tuple[Page, ...], edge: int = 2) -> frozenset[str]:
    """Lines that head or foot many pages carrying the page number: '7/60', 'RDD 2022 - p. 7'.

    Read as templates (digits become '#'). A template belongs to the frame when it
    stands among the first or last lines of at least a quarter of the pages and one
    of its numbers follows the page number (give or take a constant offset). A bare
    number is left out: lone page numbers are told by their value instead.
    """
    occurrences: dict[str, list[tuple[int, list[int]]]] = {}
    for page in pages:
        lines = [line.strip() for line in page.text.split("\n") if line.strip()]
        for line in dict.fromkeys(lines[:edge] + lines[-edge:]):
            numbers = [int(number) for number in regex.findall(r"[0-9]+", line)]
            if numbers and regex.search(r"[^0-9\s]", line):
                occurrences.setdefault(_template(line), []).append((page.number, numbers))
    enough = max(3, len(pages) // 4)
    return frozenset(
        template
        for template, seen in occurrences.items()
        if len(seen) >= enough and _follows_page_numbers(seen)
    )


def _follows_page_numbers(seen: list[tuple[int, list[int]]]) -> bool:
    """Whether, on most pages, one of the line's numbers is the page number plus the same offset."""
    for offset in range(-3, 4):
        hits = sum(1 for page, numbers in seen if page + offset in numbers)
        if hits >= 0.8 * len(seen):
            return True
    return False


def _template(line: str) -> str:
    return regex.sub(r"[0-9]+", "#", line)
