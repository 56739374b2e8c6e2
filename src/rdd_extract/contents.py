"""A report's plan, where it says one: the page each part and each sheet starts on.

For a report no rule family knows, this is the surest evidence of its structure, in order of
trust: the PDF's outline (bookmarks), then its contents page in the common forms (dotted
leaders, the page number first or last, `p. 12`). An entry is kept when its title is found on
the page it names, give or take a constant offset (a contents page counts printed pages, a PDF
counts from its cover).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from rdd_extract.profile import LayoutProfile
from rdd_extract.quantities import is_contents_page
from rdd_extract.sources import OutlineItem

# "Le climat ........ 12", "Le climat …… 12", "Le climat      12", "Le climat, p. 12"
_PAGE_LAST = regex.compile(
    r"^(?P<title>\S.*?)\s*(?:\.{3,}|…+|(?:\.\s){3,}|_{3,}|\s{3,}|[,–-]\s*)\s*(?:(?i:p\.|page)\s*)?"
    r"(?P<page>[0-9]{1,3})\s*$"
)
# "12   Le climat", "p. 12 Le climat"
_PAGE_FIRST = regex.compile(
    r"^(?:(?i:p\.|page)\s*)?(?P<page>[0-9]{1,3})[ \t]+(?:[|–-][ \t]*)?(?P<title>\p{Lu}.*)$"
)
# "1.3 ", "2. ", "1.3 – ": the number of a heading, and the part it tells
_NUMBERING = regex.compile(r"^(?P<part>[0-9]{1,2})(?:\.[0-9]{1,2})*\.?\s*[-–:]?\s+(?=\p{Lu})")
_SEPARATOR = regex.compile(r"^\s*[-–:·|]\s*")
_CONTENTS_REACH = 8  # pages at the front of a report where its contents page may stand
_MIN_ENTRIES = 3  # fewer entries found on their pages: no plan


@dataclass(frozen=True)
class PlanEntry:
    page: int  # the number of the page where it starts
    title: str
    part: int | None  # the part (pilier, axe, finalité...) it opens or belongs to
    opens_part: bool


def report_plan(
    pages: Sequence[tuple[int, str]], outline: Sequence[OutlineItem], profile: LayoutProfile
) -> tuple[PlanEntry, ...]:
    """The plan of the report, from its (page number, text) pairs and its outline, else its contents
    page; () when neither says one."""
    texts = [text for _, text in pages]
    for entries in (_outline_entries(outline, profile), contents_entries(texts, profile)):
        found = _found_on_their_pages(entries, pages)
        if sum(not entry.opens_part for entry in found) >= _MIN_ENTRIES:
            return found
    return ()


def plan_entry(title: str, page: int, profile: LayoutProfile, part: int | None = None) -> PlanEntry:
    """An entry from a title as a plan prints it: 'AXE 2 – Le climat' opens part 2, '2.3 Le plan vélo'
    is a sheet of part 2 (numbers and separators are not part of the title)."""
    mark = profile.part_mark.match(title)
    if mark is not None and mark.start() == 0:
        rest = _SEPARATOR.sub("", title[mark.end() :]).strip()
        return PlanEntry(page, rest or title.strip(), int(mark["part"]), True)
    numbering = _NUMBERING.match(title)
    if numbering is not None:
        return PlanEntry(page, title[numbering.end() :].strip(), int(numbering["part"]), False)
    return PlanEntry(page, title.strip(), part, False)


def _outline_entries(outline: Sequence[OutlineItem], profile: LayoutProfile) -> list[PlanEntry]:
    entries: list[PlanEntry] = []
    part: int | None = None
    for item in outline:
        entry = plan_entry(item.title, item.page, profile, part)
        part = entry.part if entry.opens_part or entry.part is not None else part
        entries.append(PlanEntry(entry.page, entry.title, part, entry.opens_part))
    return entries


def contents_entries(pages: Sequence[str], profile: LayoutProfile) -> list[PlanEntry]:
    """Entries of the contents pages at the front of the report, in the order printed (unchecked)."""
    entries: list[PlanEntry] = []
    for text in pages[:_CONTENTS_REACH]:
        if not is_contents_page(text):
            continue
        part: int | None = None
        for line in text.split("\n"):
            stripped = line.strip()
            if profile.footer.search(stripped):
                continue  # '2 | Sarlieu Métropole – RDD 2022' is the page's own number
            hit = _PAGE_LAST.match(stripped) or _PAGE_FIRST.match(stripped)
            if hit is None or not regex.search(r"\p{L}{3}", hit["title"]):
                continue
            entry = plan_entry(_tidy_title(hit["title"]), int(hit["page"]), profile, part)
            part = entry.part if entry.opens_part or entry.part is not None else part
            entries.append(PlanEntry(entry.page, entry.title, part, entry.opens_part))
    return entries


def is_entry_line(line: str) -> bool:
    """Whether a line reads as a contents entry, in any of the forms `contents_entries` reads."""
    stripped = line.strip()
    return bool(_PAGE_LAST.match(stripped) or _PAGE_FIRST.match(stripped))


def _tidy_title(title: str) -> str:
    return regex.sub(r"\s*(?:\.{2,}|…+|(?:\.\s)+\.)\s*$", "", " ".join(title.split()))


def _found_on_their_pages(
    entries: list[PlanEntry], pages: Sequence[tuple[int, str]], drift: int = 3
) -> tuple[PlanEntry, ...]:
    """The entries whose title is found on their page, give or take an offset: the one that finds the
    most entries to begin with, then whatever the entries before needed (a page added or dropped
    since the contents page was written shifts the ones after it)."""
    if not entries:
        return ()
    keys = [_key(entry.title) for entry in entries]
    squeezed = {number: _letters(text) for number, text in pages}

    def on_page(index: int, offset: int) -> bool:
        return bool(keys[index]) and keys[index] in squeezed.get(entries[index].page + offset, "")

    offset = max(range(-6, 7), key=lambda o: (sum(on_page(i, o) for i in range(len(entries))), -abs(o)))
    found: list[PlanEntry] = []
    for index, entry in enumerate(entries):
        tried = sorted(range(offset - drift, offset + drift + 1), key=lambda o: abs(o - offset))
        hit = next((o for o in tried if on_page(index, o)), None)
        page = entry.page + hit if hit is not None else 0
        if hit is None or (found and page < found[-1].page):
            continue  # not on its page, or pointing back: no entry of the plan
        offset = hit
        found.append(PlanEntry(page, entry.title, entry.part, entry.opens_part))
    return tuple(found)


def _key(title: str) -> str:
    """Letters of a title's first words, upper case, accents and spacing gone: titles wrap and kern."""
    return _letters(title)[:24]


def _letters(text: str) -> str:
    from rdd_extract.layout import squeeze  # layout reads the plan: imported here, not at the top

    return squeeze(text)
