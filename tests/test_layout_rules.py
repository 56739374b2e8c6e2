"""The layout's small rules, each on both sides of its edge: what a heading, a title line, a divider,
a numbered heading and a page's title are; how a report's year is voted; how sheets are cut and
named. Small hand-made pages, the expected values written from the rules' own descriptions."""

from __future__ import annotations

from collections import Counter

import pytest

from rdd_extract.layout import (
    Page,
    contents_page_starts,
    find_title,
    is_furniture,
    is_heading,
    is_title_line,
    mend_split_words,
    page_frame,
    perspective_spans,
    read_toc,
    structure,
)
from rdd_extract.layout import _vocabulary as vocabulary_of
from rdd_extract.profile import GENERIC


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("LECLIMAT", True),
        ("L'EAU POTABLE", True),
        ("ABCDEF", True),  # six letters: enough
        ("ABCDE", False),  # five: a code, an acronym
        ("AXE 2 - ÉNERGIE", True),
        ("LE CLIMAt", False),  # one small letter: prose
        ("2022 - 2023", False),
        ("LEFONDSDETRANSITION", True),
        ("PILIER 1", True),
        ("L'ESPACECONSEIL FRANCERENOV'", True),
        ("FTE", False),
        ("Le Fonds", False),
        ("", False),
    ],
)
def test_a_heading_is_six_letters_or_more_all_capitals(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("La poursuite de la", True),
        ("L" + "a" * 33, True),  # 34 characters, the limit
        ("L" + "a" * 34, False),  # 35
        ("la poursuite", False),  # no capital to open it
        ("Les 12 bornes", False),  # a digit: a figure line
        ("Le climat.", False),
        ("Le climat:", False),
        ("Le climat,", False),
        ("Le climat;", False),
        ("LE CLIMAT ET NOUS", False),  # a running title, not a title line
        ("Labanque", True),
        ("Le Fonds de", True),
        ("PILIER 1", False),
        ("Une phrase qui se termine.", False),
        ("En 2022, un travail", False),
        ("Une ligne de titre beaucoup trop longue pour la colonne", False),
    ],
)
def test_a_title_line_is_short_capitalised_without_digits_or_closing_punctuation(
    line: str, title: bool
) -> None:
    assert is_title_line(line) is title
    assert is_title_line(line, title_max=len(line) - 1) is False


def test_a_title_line_takes_the_familys_width() -> None:
    line = "La gestion des milieux aquatiques et la prévention"  # 50 characters
    assert (is_title_line(line), is_title_line(line, title_max=50), is_title_line(line, title_max=49)) == (
        False,
        True,
        False,
    )


def _pages(*texts: str) -> tuple[Page, ...]:
    return tuple(Page(number, text, False) for number, text in enumerate(texts, start=1))


def _sheets(*texts: str) -> list[tuple[str, int | None, int, int, str]]:
    document = structure(_pages(*texts), "rapport.txt")
    return [(s.sheet_id, s.pilier, s.first_page, s.last_page, s.kind) for s in document.sheets]


BODY = "Un texte de la fiche qui dit ce qui a été fait en 2022.\n"


def test_a_divider_mark_in_a_pages_first_four_lines_opens_its_part() -> None:
    divider = "Photo\nCrédit\nLégende\nAXE 2\n" + BODY
    assert _sheets(divider, "\nLe jardin partagé\n\n" + BODY)[0] == ("pilier-2", 2, 1, 1, "pilier")
    late = "Photo\nCrédit\nLégende\nAutre\nAXE 2\n" + BODY  # fifth line: a mention, not a divider
    assert [kind for *_, kind in _sheets(late)] == ["intro"]


def test_a_named_divider_counts_on_a_near_empty_page_only() -> None:
    named = "Finalité 3 : La cohésion sociale\n" + BODY  # two lines
    assert _sheets(named)[0][:2] == ("pilier-3", 3)
    six = named + "Une ligne.\n" * 4
    assert _sheets(six)[0][:2] == ("pilier-3", 3)
    seven = named + "Une ligne.\n" * 5  # a sheet that names its part at its head
    assert _sheets(seven)[0][1:] == (None, 1, 1, "intro")


def test_the_parts_name_atop_its_own_pages_is_a_running_header_not_a_divider() -> None:
    header = "Axe 2 : Se déplacer autrement\n"
    sheets = _sheets(
        "AXE 2\n",
        header + "\nLes bornes de recharge\n" + BODY,
        header + "\nLe covoiturage\n" + BODY,
    )
    assert sheets == [
        ("pilier-2", 2, 1, 1, "pilier"),
        ("bornes-recharge", 2, 2, 2, "action"),
        ("covoiturage", 2, 3, 3, "action"),
    ]


def test_numbered_headings_open_sheets_of_their_part() -> None:
    """'2.3 Title' among a page's first four lines opens a sheet of part 2; ending with '.', it is
    a sentence; on the fifth line, it is not the page's heading."""
    sheets = _sheets(
        "AXE 2\n",
        "2.3 Le plan vélo\n" + BODY,
        "Suite du plan.\n" + BODY,
        "Photo\nCrédit\nLégende\n2.4 Les bornes de recharge\n" + BODY,
        "2.5 Le tri se fait en trois bacs.\n" + BODY,
    )
    assert sheets == [
        ("pilier-2", 2, 1, 1, "pilier"),
        ("plan-velo", 2, 2, 3, "action"),
        ("bornes-recharge", 2, 4, 5, "action"),
    ]


def test_a_title_printed_on_two_pages_in_a_row_is_one_sheet_and_a_title_again_later_is_another() -> None:
    page = "\nLe jardin partagé\n\n" + BODY
    other = "\nLa maison du vélo\n\n" + BODY
    assert _sheets("AXE 1\n", page, page, other, page) == [
        ("pilier-1", 1, 1, 1, "pilier"),
        ("jardin-partage", 1, 2, 3, "action"),
        ("maison-velo", 1, 4, 4, "action"),
        ("jardin-partage-2", 1, 5, 5, "action"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a running title in capitals and its twin below it, in normal case, heading the page
        ("LEJARDINPARTAGÉ\n\nLe jardin\npartagé\n\n" + BODY, ("Le jardin partagé", True)),
        # a title block: a short capitalised line and its lowercase continuation
        ("Le jardin partagé\ndes habitants\n\n" + BODY, ("Le jardin partagé des habitants", True)),
        # the same block lower on the page (after a paragraph that ended)
        (
            BODY + BODY + "\nLe jardin partagé\ndes habitants\n\n" + BODY,
            ("Le jardin partagé des habitants", False),
        ),
        # a short capitalised line inside a paragraph (the line before goes on): no title
        (
            "Un texte qui continue sans point final et qui va plus loin\nLe jardin partagé\n" + BODY,
            (None, False),
        ),
    ],
)
def test_a_pages_title(text: str, expected: tuple[str | None, bool]) -> None:
    assert find_title(text, GENERIC) == expected


def test_a_title_split_by_kerning_is_mended_where_the_report_writes_the_word_whole() -> None:
    vocabulary = vocabulary_of(_pages("L'eau potable est distribuée.\nL'eau potable est contrôlée.\n"))
    assert mend_split_words("L'eau pot able", vocabulary) == "L'eau potable"
    # both fragments stand alone elsewhere in the report: the two words may be two words
    vocabulary = vocabulary_of(_pages("L'eau potable. Un pot de terre. Un bilan able et sûr.\n"))
    assert mend_split_words("L'eau pot able", vocabulary) == "L'eau pot able"
    # a capital opens a new word
    assert mend_split_words("L'eau Pot able", vocabulary) == "L'eau Pot able"


def test_slugs_of_one_report_stay_unique_in_page_order() -> None:
    page = "\nLe jardin partagé\n\n" + BODY
    ids = [sheet_id for sheet_id, *_ in _sheets("AXE 1\n", page, "AXE 2\n", page, "AXE 3\n", page)]
    assert ids == [
        "pilier-1",
        "jardin-partage",
        "pilier-2",
        "jardin-partage-2",
        "pilier-3",
        "jardin-partage-3",
    ]
    assert Counter(ids).most_common(1)[0][1] == 1


# --------------------------------------------------------------------------- the page frame


def _framed(*footers: str) -> tuple[Page, ...]:
    """One page per footer, the footer as its last line under a title and a sentence."""
    return _pages(*(f"Le jardin partagé\nUn texte sans chiffre.\n{footer}" for footer in footers))


def test_a_lone_page_number_stays_out_of_the_frame_its_value_tells_it() -> None:
    """Four pages ending with their bare number: '#' would make every lone number furniture."""
    pages = _framed("1", "2", "3", "4")
    assert page_frame(pages) == frozenset()
    # so a lone figure mid-page stays a figure; the page's own number is still furniture
    assert is_furniture("3", 2, page_frame(pages)) is False
    assert is_furniture("2", 2, page_frame(pages)) is True
    assert is_furniture("2", 2, frozenset({"#"})) is True


def test_a_footer_with_words_and_the_page_number_joins_the_frame() -> None:
    assert page_frame(_framed("p. 1", "p. 2", "p. 3", "p. 4")) == frozenset({"p. #"})
    assert page_frame(_framed("1/4", "2/4", "3/4", "4/4")) == frozenset({"#/#"})
    # the same number with words on every page: not the page number, a figure
    assert page_frame(_framed("En 2022", "En 2022", "En 2022", "En 2022")) == frozenset()


@pytest.mark.parametrize(
    ("footers", "framed"),
    [
        (("p. 1", "p. 2", "p. 3", "-", "-"), True),  # three pages: enough (at least 3)
        (("p. 1", "p. 2", "-", "-", "-"), False),  # two: not enough
        (("p. 4", "p. 5", "p. 6", "p. 7"), True),  # the page number + 3 (a cover and two pages uncounted)
        (("p. 5", "p. 6", "p. 7", "p. 8"), False),  # + 4: too far to be the page number
        (("p. 1", "p. 2", "p. 3", "p. 4", "p. 9"), True),  # 4 of 5 follow: 80 %
        (("p. 1", "p. 2", "p. 3", "p. 8", "p. 9"), False),  # 3 of 5: 60 %
    ],
)
def test_a_footer_joins_the_frame_on_enough_pages_following_the_page_number(
    footers: tuple[str, ...], framed: bool
) -> None:
    assert page_frame(_framed(*footers)) == (frozenset({"p. #"}) if framed else frozenset())


def test_the_frame_is_read_on_a_pages_first_and_last_two_lines_only() -> None:
    edge = _pages(*(f"p. {n}\nLe jardin partagé\nUn texte.\nUne phrase.\nUne autre." for n in range(1, 5)))
    assert page_frame(edge) == frozenset({"p. #"})
    third = _pages(*(f"Le jardin\nUn texte.\np. {n}\nUne phrase.\nUne autre." for n in range(1, 5)))
    assert page_frame(third) == frozenset()


# --------------------------------------------------------------------------- parts of numbered sheets


def test_a_numbered_heading_sets_no_part_in_a_report_without_dividers() -> None:
    """'2.1 ...' tells the part only once a divider has opened parts: before, the sheets are intro."""
    assert _sheets("1.1 Le plan vélo\n" + BODY, "2.1 Les jardins partagés\n" + BODY) == [
        ("plan-velo", None, 1, 1, "intro"),
        ("jardins-partages", None, 2, 2, "intro"),
    ]


def test_after_a_divider_a_numbered_heading_moves_to_the_part_it_tells() -> None:
    """'2.1' after 'AXE 1' is in part 2 (its number says so); an unnumbered title stays in part 2."""
    assert _sheets(
        "AXE 1\n",
        "1.1 Le plan vélo\n" + BODY,
        "2.1 Les jardins partagés\n" + BODY,
        "\nLe compostage\n\n" + BODY,
    ) == [
        ("pilier-1", 1, 1, 1, "pilier"),
        ("plan-velo", 1, 2, 2, "action"),
        ("jardins-partages", 2, 3, 3, "action"),
        ("compostage", 2, 4, 4, "action"),
    ]


# --------------------------------------------------------------------------- target blocks


_TARGETS = "Perspectives 2023\nPoser 40 arceaux de plus.\n"
_AFTER = "En 2022, 45 arceaux ont été posés.\n"


@pytest.mark.parametrize(
    ("heading", "closes"),
    [
        ("LES CHIFFRES", False),  # 12 characters: a label in capitals
        ("BILAN CHIFFRÉ", True),  # 13: a heading opening another box
        ("LES CHIFFRES CLÉS", True),  # 17
        ("LES CHIFFRES CLÉS DE L'ANNÉE", True),  # 28
    ],
)
def test_a_capitals_heading_longer_than_twelve_characters_closes_a_target_block(
    heading: str, closes: bool
) -> None:
    text = _TARGETS + heading + "\n" + _AFTER
    start = len("Perspectives 2023")  # the block starts at the end of its heading's line
    end = len(_TARGETS) if closes else len(text)  # closed at the heading's line, else at the page's end
    assert perspective_spans(text, 2022) == ((start, end),)


@pytest.mark.parametrize(
    "closer",
    [
        "Perspectives",  # a bare target heading (printed after its block)
        "2.3 Le plan vélo",  # a numbered heading
        "AXE 2",  # a part divider
        "45\narceaux posés en 2022",  # a key figure: a number alone, a lowercase caption below
    ],
)
def test_other_headings_and_a_key_figure_close_a_target_block(closer: str) -> None:
    text = _TARGETS + closer + "\n" + _AFTER
    assert perspective_spans(text, 2022) == ((len("Perspectives 2023"), len(_TARGETS)),)
    assert text[len("Perspectives 2023") : len(_TARGETS)].strip() == "Poser 40 arceaux de plus."


# --------------------------------------------------------------------------- the summary and page cuts


def test_the_summary_keeps_a_one_page_part_and_drops_a_backwards_range() -> None:
    """'PAGES 3 > 3' is a part of one page; 'PAGES 10 > 9' is misread; a part named twice keeps its first."""
    summary = (
        "PILIER 1 LE CLIMAT PAGES 3 > 3\nPILIER 2 L'EAU PAGES 4 > 9\n"
        "PILIER 3 LES SOLS PAGES 10 > 9\nPILIER 2 BIS PAGES 20 > 22"
    )
    assert read_toc(summary, GENERIC) == {1: (3, 3), 2: (4, 9)}
    assert read_toc("PILIER 4 LES HAIES PAGES 11 > 12", GENERIC) == {4: (11, 12)}


_SHEET_TEXT = "En 2022, 12 dossiers."


def _contents_text(entries: list[tuple[str, int]], *, above: dict[str, str] | None = None) -> list[str]:
    """A contents page, a blank line, then each title (its divider mark above it, if any) and a line."""
    lines = ["Sommaire", *(f"{title} ........ {page}" for title, page in entries), ""]
    for title, _ in entries:
        if above and title in above:
            lines.append(above[title])
        lines += [title, _SHEET_TEXT]
    return lines


def test_two_contents_entries_naming_one_page_cut_one_page() -> None:
    """'Le climat' and 'Les bornes de recharge' both on page 3: one page 3 holding both titles."""
    lines = _contents_text(
        [("Le climat", 3), ("Les bornes de recharge", 3), ("L'eau potable", 4), ("Les rivières", 5)]
    )
    # line 0: 'Sommaire' opens page 2 (the page before the first entry's); titles at lines 6, 8, 10, 12
    assert contents_page_starts(lines, GENERIC) == [(2, 0), (3, 6), (4, 10), (5, 12)]


def test_a_contents_entry_pointing_back_cuts_no_page_and_a_divider_mark_heads_its_page() -> None:
    lines = _contents_text(
        [("Le climat", 3), ("L'eau potable", 5), ("Les bornes de recharge", 4), ("Les rivières", 6)],
        above={"Les rivières": "AXE 2"},
    )
    # 'Les bornes de recharge' (line 10) points back to page 4 after page 5; 'AXE 2' (line 12) heads page 6
    assert contents_page_starts(lines, GENERIC) == [(2, 0), (3, 6), (5, 8), (6, 12)]


def test_a_contents_page_naming_too_few_pages_cuts_nothing() -> None:
    """Three starts (the contents page and two entries) are too few: the text stays uncut."""
    lines = _contents_text([("Le climat", 3), ("Les bornes de recharge", 3), ("L'eau potable", 4)])
    assert contents_page_starts(lines, GENERIC) == []


def test_a_title_block_takes_up_to_three_lowercase_continuation_lines() -> None:
    """A narrow column wraps a title on four lines; a fifth lowercase line is the text, not the title."""
    four = "Le développement\nde la pratique\ndes sports de glisse\nen milieu urbain\n"
    expected = "Le développement de la pratique des sports de glisse en milieu urbain"
    assert find_title(four + "\n" + BODY, GENERIC) == (expected, True)
    assert find_title(four + "et périurbain\n\n" + BODY, GENERIC) == (expected, True)
    three = "Le développement\nde la pratique\ndes sports de glisse\n"
    assert find_title(three + "\n" + BODY, GENERIC) == (
        "Le développement de la pratique des sports de glisse",
        True,
    )
    # a continuation line longer than the title column, or capitalised, ends the block
    assert find_title(
        "Le développement\nde la pratique des sports de glisse urbains\n\n" + BODY, GENERIC
    ) == (
        "Le développement",
        True,
    )


_GOALS = "Objectifs 2023\nDes pistes cyclables sur 12 km.\n"  # 14 + 1 + 31 + 1 = 47 characters
_NEXT_YEAR = "2023\nRénover 3 écoles et créer 5 km de pistes."  # 4 + 1 + 41 = 46 characters


def test_a_year_block_below_a_bare_target_heading_runs_to_the_page_end() -> None:
    """'Perspectives' closes the 'Objectifs 2023' block (0-based 14..48) and heads the '2023' block
    below it, which nothing closes: it runs from after '2023' (offset 66) to the end (108)."""
    text = _GOALS + "\nPerspectives\n\n" + _NEXT_YEAR
    assert len(text) == 108
    assert perspective_spans(text, 2022) == ((14, 48), (66, 108))
    assert text[66:108].strip() == "Rénover 3 écoles et créer 5 km de pistes."


@pytest.mark.parametrize(
    "above",
    [
        "Des pistes cyclables sur 12 km.",  # prose: the year block is not headed
        "Objectifs",  # a dated heading alone heads an action's goals, not next year's targets
    ],
)
def test_a_year_block_nothing_heads_nor_closes_is_no_target_block(above: str) -> None:
    assert perspective_spans(above + "\n\n" + _NEXT_YEAR, 2022) == ()
