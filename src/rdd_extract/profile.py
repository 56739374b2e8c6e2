"""A report family's layout conventions, as data: what its parts, contents page, footer and
target blocks look like.

The generic profile knows the common forms (any part word, contents entries with leaders or
`PAGES 5 > 12`, a footer naming the report and its year, blocks headed Perspectives, Objectifs
or Et demain); a family narrows or extends it in the `[layout]` table of its `_family.toml`,
read by `rules`. Layout functions receive a profile: layout.py keeps no family's constants.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import Any

import regex

# The words of a report's top-level parts: the finalités of article L110-1, the axes of a plan...
GENERIC_PART_WORDS = r"pilier|axe|finalit[ée]|orientation|partie|chapitre|th[èe]me|ambition|d[ée]fi|enjeu"
# Footers and running headers name the report: 'RAPPORT DE DÉVELOPPEMENT DURABLE - 2022 6'.
GENERIC_REPORT_NAME = (
    r"rapport\s*(?:de\s*)?d[ée]veloppement\s*durable|rapport\s+(?:annuel|d['’]\s*activit[ée]s?)|RDD"
)
# Headings of a block of targets, alone or with the year they aim at: 'Perspectives', 'Et demain ?'
GENERIC_TARGET_HEADINGS = ("Perspectives", "Et demain", "À venir", "Prochaines étapes")
# Headings that open a block of targets only with a year to come: 'Objectifs 2023' (a bare
# 'Objectifs' heads the goals of an action, followed by what was done for them)
GENERIC_DATED_TARGET_HEADINGS = ("Objectifs", "Objectif", "Projets", "Ambitions", "Cap")


@dataclass(frozen=True)
class LayoutProfile:
    """How one family of reports lays out its pages (all regexes are matched case-insensitively)."""

    part_words: str = GENERIC_PART_WORDS  # alternatives: "pilier", "axe|finalité"
    report_name: str = GENERIC_REPORT_NAME  # what a footer or running header calls the report
    target_headings: tuple[str, ...] = GENERIC_TARGET_HEADINGS  # a heading opening a block of targets
    dated_target_headings: tuple[str, ...] = GENERIC_DATED_TARGET_HEADINGS  # the same, with a year only
    title_max: int = 34  # characters of a title line (a narrow title column wraps titles early)

    @cached_property
    def part_mark(self) -> regex.Pattern[str]:
        """A divider's mark, 'PILIER 2', 'Axe 2', 'Finalité 2 :', with a page number beside it or not."""
        return regex.compile(rf"(?i:{self.part_words})\s*(?P<part>[1-9])\s*[:.–-]?(?:\s+[0-9]{{1,3}})?")

    @cached_property
    def contents_entry(self) -> regex.Pattern[str]:
        """A contents entry for a part with its pages: 'PILIER 2 Le climat PAGES 13 > 22'."""
        return regex.compile(
            rf"(?i:{self.part_words})\s+(?P<part>[1-9])\b(?P<title>(?:(?!(?i:{self.part_words})\s+[0-9]).)"
            r"{0,400}?)(?i:pages?)\s*(?P<first>[0-9]+)\s*>\s*(?P<last>[0-9]+)",
            regex.DOTALL,
        )

    @cached_property
    def footer(self) -> regex.Pattern[str]:
        """The page footer, 'RAPPORT DE DÉVELOPPEMENT DURABLE - 2022 6', 'Valmont · Rapport annuel 2022
        · page 6', '6 | Sarlieu Métropole – RDD 2022': the page number after or before."""
        return regex.compile(
            rf"^(?:(?P<before>[0-9]{{1,3}})\s*[-–|·]?\s*)?(?:[^\n]{{0,60}}?\s[-–|·]\s*)?(?i:{self.report_name})"
            r"\s*[-–|·]?\s*(?P<year>20[0-9][0-9])\s*(?:[-–|·]\s*)?(?:(?i:page|p\.)\s*)?(?P<page>[0-9]{1,3})?\s*$"
        )

    @cached_property
    def target_heading(self) -> regex.Pattern[str]:
        """A line that opens a target block alone: 'Perspectives', 'Objectifs 2023', 'Et demain ?'.

        Group `year` is the year aimed at; group `dated` says the heading needs one to open a block.
        """
        bare = _alternatives(self.target_headings)
        dated = _alternatives(self.dated_target_headings)
        return regex.compile(
            rf"^\s*(?:(?i:{bare})|(?P<dated>(?i:{dated})))\s*[-–:]?\s*(?P<year>20[0-9][0-9])?\s*[:?]?\s*$"
        )


GENERIC = LayoutProfile()


def _alternatives(headings: tuple[str, ...]) -> str:
    return "|".join(_literal(heading) for heading in sorted(headings, key=len, reverse=True)) or "(?!)"


def _literal(heading: str) -> str:
    """`heading` as a pattern where an accented letter also matches its bare letter: capitals often lose
    their accent in print ('A VENIR', 'PROCHAINES ETAPES')."""
    return "".join(_letter(char) for char in heading)


def _letter(char: str) -> str:
    bare = unicodedata.normalize("NFD", char)[0]
    return f"[{char}{bare}]" if bare != char else regex.escape(char)


def _layout_keys() -> dict[str, tuple[type, ...]]:
    """The keys a `[layout]` table may hold, with the TOML types each takes."""
    kinds: dict[str, tuple[type, ...]] = {}
    for field in fields(LayoutProfile):
        value = getattr(GENERIC, field.name)
        kinds[field.name] = (list,) if isinstance(value, tuple) else (type(value),)
    return kinds


def profile_from(table: dict[str, Any]) -> tuple[LayoutProfile, list[str]]:
    """The profile a `[layout]` table describes (the generic one where it says nothing), and its problems."""
    problems: list[str] = []
    changes: dict[str, Any] = {}
    kinds = _layout_keys()
    for key, value in table.items():
        if key not in kinds:
            problems.append(f"unknown layout key '{key}' (one of {', '.join(kinds)})")
        elif not isinstance(value, kinds[key]) or isinstance(value, bool):
            problems.append(f"layout key '{key}' must be a {kinds[key][0].__name__}")
        elif isinstance(value, list):
            if not all(isinstance(item, str) and item.strip() for item in value):
                problems.append(f"layout key '{key}' must be a list of non-empty strings")
            else:
                changes[key] = tuple(value)
        else:
            changes[key] = value
    if isinstance(changes.get("title_max"), int) and not 10 <= changes["title_max"] <= 200:
        problems.append("layout key 'title_max' must be between 10 and 200")
    profile = replace(GENERIC, **changes)
    for name in ("part_mark", "contents_entry", "footer", "target_heading"):
        try:
            getattr(profile, name)
        except regex.error as exc:
            problems.append(f"layout pattern does not compile ({name}): {exc}")
            break  # one bad word spoils every pattern made of it
    return profile, problems
