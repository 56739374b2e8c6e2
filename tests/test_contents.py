"""A report's plan from its contents page: the line forms reports print, numbered and part titles,
and which entries are kept (found on the page they name, never pointing back)."""

from __future__ import annotations

import pytest

from rdd_extract.contents import PlanEntry, contents_entries, plan_entry, report_plan
from rdd_extract.profile import GENERIC
from rdd_extract.sources import OutlineItem


@pytest.mark.parametrize(
    "line",
    [
        "Le jardin partagé ........ 14",
        "Le jardin partagé …… 14",
        "Le jardin partagé …14",
        "Le jardin partagé . . . . 14",
        "Le jardin partagé ____ 14",
        "Le jardin partagé      14",
        "Le jardin partagé, p. 14",
        "Le jardin partagé – page 14",
        "14   Le jardin partagé",
        "p. 14 Le jardin partagé",
        "14 | Le jardin partagé",
    ],
)
def test_each_form_of_contents_line_gives_its_title_and_page(line: str) -> None:
    page = f"Sommaire\n{line}\n"
    assert contents_entries([page], GENERIC) == [PlanEntry(14, "Le jardin partagé", None, False)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("AXE 2 – Le climat", PlanEntry(9, "Le climat", 2, True)),
        ("Axe 3: Les solidarités", PlanEntry(9, "Les solidarités", 3, True)),
        ("2.3 Le plan vélo", PlanEntry(9, "Le plan vélo", 2, False)),
        ("4. Les déchets", PlanEntry(9, "Les déchets", 4, False)),
        ("1.2 – La mobilité", PlanEntry(9, "La mobilité", 1, False)),
        ("Le plan vélo", PlanEntry(9, "Le plan vélo", 7, False)),  # the part of the entries above
        ("2030 objectifs", PlanEntry(9, "2030 objectifs", 7, False)),  # no capital after: no numbering
    ],
)
def test_a_plan_entry_keeps_the_title_without_its_number_and_knows_its_part(
    title: str, expected: PlanEntry
) -> None:
    assert plan_entry(title, 9, GENERIC, part=7) == expected


def _report(contents: list[tuple[str, int]], sheets: dict[int, list[str]]) -> list[tuple[int, str]]:
    """A contents page (page 2) and the pages holding the sheet titles, a short text under each."""
    toc = "Sommaire\n" + "\n".join(f"{title} ........ {page}" for title, page in contents)
    pages = [(2, toc)]
    for number in range(3, max(sheets) + 1):
        titles = sheets.get(number, [])
        pages.append((number, "\n".join(f"{title}\nEn 2022, 12 dossiers." for title in titles) or "Photo"))
    return pages


def test_two_sheets_on_one_page_are_both_in_the_plan() -> None:
    contents = [("Le jardin partagé", 3), ("Les bornes de recharge", 4), ("La maison du vélo", 4),
                ("Le compostage", 5)]  # fmt: skip
    pages = _report(contents, {3: ["Le jardin partagé"], 4: ["Les bornes de recharge", "La maison du vélo"],
                               5: ["Le compostage"]})  # fmt: skip
    assert [(entry.title, entry.page) for entry in report_plan(pages, (), GENERIC)] == contents


def test_an_entry_pointing_back_or_not_on_its_page_is_left_out() -> None:
    contents = [("Le jardin partagé", 3), ("Les bornes de recharge", 5), ("La maison du vélo", 4),
                ("Le compostage", 6), ("Les ruches", 8)]  # fmt: skip
    pages = _report(
        contents,
        {3: ["Le jardin partagé"], 4: ["La maison du vélo"], 5: ["Les bornes de recharge"],
         6: ["Le compostage"], 7: ["Les abeilles"]},
    )  # fmt: skip
    # 'La maison du vélo' is on page 4 but comes after page 5 in the plan; 'Les ruches' is nowhere
    assert [(entry.title, entry.page) for entry in report_plan(pages, (), GENERIC)] == [
        ("Le jardin partagé", 3), ("Les bornes de recharge", 5), ("Le compostage", 6),
    ]  # fmt: skip


def test_a_contents_page_counting_from_after_the_cover_is_read_with_its_offset() -> None:
    """The printed numbers are one less than the file's pages (the cover is not counted)."""
    contents = [("Le jardin partagé", 2), ("Les bornes de recharge", 3), ("La maison du vélo", 4)]
    pages = _report([], {3: ["Le jardin partagé"], 4: ["Les bornes de recharge"], 5: ["La maison du vélo"]})
    pages[0] = (2, "Sommaire\n" + "\n".join(f"{title} ........ {page}" for title, page in contents))
    assert [(entry.page, entry.title) for entry in report_plan(pages, (), GENERIC)] == [
        (3, "Le jardin partagé"), (4, "Les bornes de recharge"), (5, "La maison du vélo"),
    ]  # fmt: skip


def test_the_contents_pages_own_footer_is_no_entry() -> None:
    """'2 | Sarlieu Métropole – RDD 2022' reads like 'page title' but is the page's own number."""
    page = "2 | Sarlieu Métropole – RDD 2022\nSommaire\nLe climat ........ 3\nLes haies ........ 4\n"
    assert [(entry.page, entry.title) for entry in contents_entries([page], GENERIC)] == [
        (3, "Le climat"), (4, "Les haies"),
    ]  # fmt: skip


@pytest.mark.parametrize("separator", [" | ", " – ", " - ", " : ", ": ", " · ", " "])
def test_a_part_entry_drops_the_separator_after_its_mark(separator: str) -> None:
    """'AXE 1 | Le climat': the part is named 'Le climat', whichever mark stands between."""
    assert plan_entry(f"AXE 1{separator}Le climat", 6, GENERIC) == PlanEntry(6, "Le climat", 1, True)


def test_a_part_entry_with_a_bar_on_the_contents_page_names_its_part() -> None:
    page = "Sommaire\nAXE 1 | Le climat ........ 6\n1.1 Le plan vélo ........ 7\nLes haies ........ 8\n"
    assert contents_entries([page], GENERIC) == [
        PlanEntry(6, "Le climat", 1, True),
        PlanEntry(7, "Le plan vélo", 1, False),
        PlanEntry(8, "Les haies", 1, False),  # no number: the part of the entries above
    ]


def test_a_part_mark_alone_keeps_its_mark_as_title() -> None:
    assert plan_entry("AXE 3", 6, GENERIC) == PlanEntry(6, "AXE 3", 3, True)


_FILLER = "Édito\nUn mot du président sur l'année écoulée."
_CONTENTS = "Sommaire\nLe climat ........ 6\nLes haies ........ 8\n"


@pytest.mark.parametrize(
    ("position", "read"),
    [
        (0, True),
        (2, True),  # after a cover and an édito
        (4, True),  # page 5: cover, édito, présentation, méthodologie first
        (7, True),  # page 8: the last page where a contents page is looked for
        (8, False),  # page 9: a list of pages deep in the report is no plan
    ],
)
def test_a_contents_page_is_read_among_the_first_eight_pages(position: int, read: bool) -> None:
    pages = [_FILLER] * position + [_CONTENTS] + [_FILLER] * 3
    expected = [PlanEntry(6, "Le climat", None, False), PlanEntry(8, "Les haies", None, False)]
    assert contents_entries(pages, GENERIC) == (expected if read else [])


@pytest.mark.parametrize(
    ("line", "page"),
    [
        ("Les jardins partagés ........ 112", 112),  # a long report: three digits
        ("Les jardins partagés ........ 9", 9),
        ("Les jardins partagés      112", 112),
        ("Les jardins partagés, p. 112", 112),
        ("112   Les jardins partagés", 112),
        ("p. 112 Les jardins partagés", 112),
    ],
)
def test_a_contents_entry_points_at_pages_up_to_three_digits(line: str, page: int) -> None:
    assert contents_entries([f"Sommaire\n{line}\n"], GENERIC) == [
        PlanEntry(page, "Les jardins partagés", None, False)
    ]


@pytest.mark.parametrize(
    "line",
    ["Les jardins partagés ........ 1120", "Le bilan de l'année      2022", "2022   Le bilan de l'année"],
)
def test_four_digits_are_no_page_number(line: str) -> None:
    """A year or a four-digit figure ends or opens the line: no report is a thousand pages long."""
    assert contents_entries([f"Sommaire\n{line}\n"], GENERIC) == []


def test_a_numbered_entry_moves_the_part_when_no_part_line_opens_it() -> None:
    """No 'Axe 2' line: '2.1' says part 2, and the unnumbered entry after it stays in part 2."""
    page = (
        "Sommaire\nAxe 1 – Le climat .... 2\n1.1 Le plan vélo .... 3\n1.2 Les haies .... 4\n"
        "2.1 L'eau potable .... 6\n2.2 Les rivières .... 7\nLes zones humides .... 8\n"
    )
    assert contents_entries([page], GENERIC) == [
        PlanEntry(2, "Le climat", 1, True),
        PlanEntry(3, "Le plan vélo", 1, False),
        PlanEntry(4, "Les haies", 1, False),
        PlanEntry(6, "L'eau potable", 2, False),
        PlanEntry(7, "Les rivières", 2, False),
        PlanEntry(8, "Les zones humides", 2, False),
    ]


def test_entries_before_any_part_or_number_belong_to_no_part() -> None:
    page = "Sommaire\nÉdito .... 2\nLe climat .... 3\n1.1 Le plan vélo .... 4\nLes haies .... 5\n"
    assert [entry.part for entry in contents_entries([page], GENERIC)] == [None, None, 1, 1]


def test_the_outline_moves_the_part_on_a_numbered_bookmark_too() -> None:
    """The bookmarks follow the same rule as the contents page: '2.1' opens part 2 without an 'Axe 2'."""
    outline = (
        OutlineItem(0, "Édito", 2),
        OutlineItem(0, "Axe 1 – Le climat", 3),
        OutlineItem(1, "1.1 Le plan vélo", 4),
        OutlineItem(1, "2.1 L'eau potable", 5),
        OutlineItem(1, "Les rivières", 6),
    )
    titles = ["Édito", "Le climat", "Le plan vélo", "L'eau potable", "Les rivières"]
    pages = [(number, f"{title}\nEn 2022, 12 dossiers.") for number, title in enumerate(titles, start=2)]
    assert [(entry.page, entry.part, entry.opens_part) for entry in report_plan(pages, outline, GENERIC)] == [
        (2, None, False), (3, 1, True), (4, 1, False), (5, 2, False), (6, 2, False),
    ]  # fmt: skip


def _drifted(jump: int) -> list[tuple[int, str]]:
    """Five entries on pages 3 to 7; the first three are printed one page later (a cover uncounted),
    the last two `jump` pages further on (pages inserted since the contents page was written)."""
    titles = ["Le jardin partagé", "Les bornes de recharge", "La maison du vélo", "L'eau potable",
              "Les rivières"]  # fmt: skip
    contents = list(zip(titles, range(3, 8), strict=True))
    shifts = [1, 1, 1, 1 + jump, 1 + jump]
    return _report(
        contents, {page + shift: [title] for (title, page), shift in zip(contents, shifts, strict=True)}
    )


def test_an_entry_drifting_three_pages_from_the_one_before_is_still_found() -> None:
    """Best offset +1 (three entries); 'L'eau potable .... 6' printed on page 10 drifts 3 from it."""
    assert [(entry.page, entry.title) for entry in report_plan(_drifted(3), (), GENERIC)] == [
        (4, "Le jardin partagé"), (5, "Les bornes de recharge"), (6, "La maison du vélo"),
        (10, "L'eau potable"), (11, "Les rivières"),
    ]  # fmt: skip


@pytest.mark.parametrize(("jump", "pages"), [(1, [8, 9]), (2, [9, 10])])
def test_an_entry_drifting_one_or_two_pages_is_found(jump: int, pages: list[int]) -> None:
    assert [entry.page for entry in report_plan(_drifted(jump), (), GENERIC)] == [4, 5, 6, *pages]


def test_an_entry_drifting_four_pages_is_left_out() -> None:
    """Four pages off the offset before it: too far to be the same entry, the plan stops at page 6."""
    assert [entry.page for entry in report_plan(_drifted(4), (), GENERIC)] == [4, 5, 6]


@pytest.mark.parametrize(
    "line",
    [
        "Le jardin partagé ........ Page 14",  # a capital 'Page', as most contents pages print it
        "Le jardin partagé ........ PAGE 14",
        "Le jardin partagé ........ page 14",
        "Le jardin partagé, P. 14",
        "Le jardin partagé – Page 14",
        "Le jardin partagé      Page 14",
        "Page 14 Le jardin partagé",  # the page first: the word in any case too
        "PAGE 14 Le jardin partagé",
        "P. 14 Le jardin partagé",
    ],
)
def test_the_page_word_of_a_contents_line_is_read_in_any_case(line: str) -> None:
    assert contents_entries([f"Sommaire\n{line}\n"], GENERIC) == [
        PlanEntry(14, "Le jardin partagé", None, False)
    ]


def test_a_contents_page_printing_page_with_a_capital_gives_its_plan() -> None:
    page = (
        "SOMMAIRE\nLe climat ........ Page 4\nLa biodiversité ........ Page 7\nLes mobilités ........ Page 9"
    )
    assert contents_entries([page], GENERIC) == [
        PlanEntry(4, "Le climat", None, False),
        PlanEntry(7, "La biodiversité", None, False),
        PlanEntry(9, "Les mobilités", None, False),
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2 : Le climat", PlanEntry(5, "Le climat", 2, False)),  # a colon between number and title
        ("2: Le climat", PlanEntry(5, "Le climat", 2, False)),
        ("2.1 : Le climat", PlanEntry(5, "Le climat", 2, False)),
        ("2.1. : Le climat", PlanEntry(5, "Le climat", 2, False)),
        ("2 – Le climat", PlanEntry(5, "Le climat", 2, False)),  # an en dash
        ("2 - Le climat", PlanEntry(5, "Le climat", 2, False)),  # a hyphen
        ("2. Le climat", PlanEntry(5, "Le climat", 2, False)),
        ("2.1.3 Le climat", PlanEntry(5, "Le climat", 2, False)),  # a third level still tells part 2
        ("2 Le climat", PlanEntry(5, "Le climat", 2, False)),  # no separator at all
        ("12 : Le climat", PlanEntry(5, "Le climat", 12, False)),  # two digits still number a part
        ("2 : le climat", PlanEntry(5, "2 : le climat", None, False)),  # no capital after: no numbering
        ("2 · Le climat", PlanEntry(5, "2 · Le climat", None, False)),  # '·' separates part marks only
        ("2 :: Le climat", PlanEntry(5, "2 :: Le climat", None, False)),  # one separator at most
        ("2Le climat", PlanEntry(5, "2Le climat", None, False)),  # no space before the title
        ("123 Le climat", PlanEntry(5, "123 Le climat", None, False)),  # three digits: no part number
    ],
)
def test_a_numbered_entry_takes_a_colon_dash_or_nothing_between_number_and_title(
    title: str, expected: PlanEntry
) -> None:
    assert plan_entry(title, 5, GENERIC) == expected


def test_a_contents_page_numbered_with_colons_gives_the_parts() -> None:
    page = "Sommaire\n1 : Le climat ........ 4\n1.1 : Le plan vélo ........ 5\n2 : L'eau ........ 8\n"
    assert contents_entries([page], GENERIC) == [
        PlanEntry(4, "Le climat", 1, False),
        PlanEntry(5, "Le plan vélo", 1, False),
        PlanEntry(8, "L'eau", 2, False),
    ]


# --------------------------------------------------------------------------- every entry of the line forms


@pytest.mark.parametrize(
    "line",
    [
        "Le jardin partagé - 14",  # a hyphen before the page number
        "Le jardin partagé, 14",  # a comma, without 'p.'
        "Le jardin partagé ... 14",  # three dots: the shortest leader
        "Le jardin partagé ___ 14",
        "Le jardin partagé   14",  # three spaces
        "Le jardin partagé . . . 14",  # three spaced dots
        "14 – Le jardin partagé",  # the page first, an en dash
        "14 - Le jardin partagé",  # a hyphen
        "14\tLe jardin partagé",  # a tab
        "Le jardin partagé .. ........ 14",  # a stray '..' before the leader is not part of the title
        "Le jardin partagé … ........ 14",  # a stray '…' likewise
    ],
)
def test_each_separator_of_a_contents_line_gives_its_title_and_page(line: str) -> None:
    assert contents_entries([f"Sommaire\n{line}\n"], GENERIC) == [
        PlanEntry(14, "Le jardin partagé", None, False)
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Le jardin partagé .. 14",  # two dots: a title's ellipsis, no leader
        "Le jardin partagé __ 14",
        "Le jardin partagé  14",  # two spaces: a gap between words
        "Le jardin partagé . . 14",
    ],
)
def test_a_leader_shorter_than_three_marks_is_no_contents_line(line: str) -> None:
    assert contents_entries([f"Sommaire\n{line}\n"], GENERIC) == []


def test_spaced_dots_left_before_a_wide_gap_are_no_part_of_the_title() -> None:
    assert contents_entries(["Sommaire\nLe jardin partagé . .      14\n"], GENERIC) == [
        PlanEntry(14, "Le jardin partagé", None, False)
    ]


@pytest.mark.parametrize("title", ["Le  climat", "Le\u00a0 climat", "Le \t climat"])
def test_a_contents_title_has_its_spaces_collapsed(title: str) -> None:
    # PDF text often doubles a space inside a title: the sheet is titled as printed to a reader
    assert contents_entries([f"Sommaire\n{title} ........ 4\n"], GENERIC) == [
        PlanEntry(4, "Le climat", None, False)
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2.12 Le climat", PlanEntry(5, "Le climat", 2, False)),  # two digits for a sub-level
        ("2.123 Le climat", PlanEntry(5, "2.123 Le climat", None, False)),  # three: a figure, no numbering
    ],
)
def test_a_numbering_level_takes_one_or_two_digits(title: str, expected: PlanEntry) -> None:
    assert plan_entry(title, 5, GENERIC) == expected


def test_two_entries_found_on_their_pages_make_no_plan() -> None:
    """Three sheets at least: two titles found on their pages may be a coincidence."""
    contents = [("Le jardin partagé", 3), ("Les bornes de recharge", 4)]
    pages = _report(contents, {3: ["Le jardin partagé"], 4: ["Les bornes de recharge"]})
    assert report_plan(pages, (), GENERIC) == ()
