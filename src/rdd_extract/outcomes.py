"""How the rules ran, as data: per sheet the rules matched and missed and the figures left to the
generic detector; per rule its matches, or the closest text when it missed.

The command line prints these, the review page draws them: both read the same rows.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from rdd_extract.errors import UserError
from rdd_extract.figures import AUTO_RULE, Extracted, closest_text


@dataclass(frozen=True)
class SheetCoverage:
    sheet_id: str
    title: str
    first_page: int
    last_page: int
    matched: int  # rules that found their figure
    missed: int  # rules that found nothing
    auto: int  # figures of the sheet no rule named


@dataclass(frozen=True)
class RuleReport:
    sheet_id: str
    rule: str
    unit: str
    kind: str
    line: int  # of the rule in its file
    pattern: str  # as written, macros unexpanded
    matches: tuple[tuple[int, str], ...]  # (page, the text the pattern matched)
    error: str | None
    closest: tuple[int, str] | None  # for a rule that missed: (page, the sentence nearest its words)


def coverage(result: Extracted) -> list[SheetCoverage]:
    """One row per sheet that has rules or figures left to the generic detector, in page order."""
    per_sheet = result.coverage()
    auto = Counter(figure.sheet_id for figure in result.figures if figure.rule == AUTO_RULE)
    rows = []
    for sheet in result.document.sheets:
        matched, missed = per_sheet.get(sheet.sheet_id, (0, 0))
        if matched or missed or auto[sheet.sheet_id]:
            rows.append(
                SheetCoverage(
                    sheet.sheet_id, sheet.title, sheet.first_page, sheet.last_page, matched, missed,
                    auto[sheet.sheet_id],
                )
            )  # fmt: skip
    return rows


def rule_reports(
    result: Extracted, sheet_id: str | None = None, indicator: str | None = None
) -> list[RuleReport]:
    """How each rule ran (of one sheet, or one rule of it); `UserError` for an unknown sheet or rule."""
    if sheet_id is not None:
        _check_target(result, sheet_id, indicator)
    reports = []
    for outcome in result.outcomes:
        if (sheet_id is not None and outcome.sheet_id != sheet_id) or (
            indicator and outcome.rule.id != indicator
        ):
            continue
        rule = outcome.rule
        missed = not outcome.matches and not outcome.error
        reports.append(
            RuleReport(
                sheet_id=outcome.sheet_id,
                rule=rule.id,
                unit=rule.unit,
                kind=rule.kind,
                line=rule.line,
                pattern=rule.source,
                matches=tuple((match.page, " ".join(match.text.split())) for match in outcome.matches),
                error=outcome.error,
                closest=closest_text(result.document, outcome.sheet_id, rule) if missed else None,
            )
        )
    return reports


def _check_target(result: Extracted, sheet_id: str, indicator: str | None) -> None:
    known = {sheet.sheet_id for sheet in result.document.sheets}
    if sheet_id not in known:
        unbound = [sheet for sheet in result.unbound if sheet.id == sheet_id]
        if unbound:
            raise UserError(
                f"sheet '{sheet_id}' has rules ({unbound[0].path}) but its title was not found in the report"
            )
        hint = _did_you_mean(sheet_id, known)
        raise UserError(f"no sheet '{sheet_id}' in this report{hint} (see sheets.parquet for the ids)")
    rules = {o.rule.id for o in result.outcomes if o.sheet_id == sheet_id}
    if indicator and indicator not in rules:
        raise UserError(f"no rule '{indicator}' on sheet '{sheet_id}'{_did_you_mean(indicator, rules)}")


def _did_you_mean(typed: str, known: set[str]) -> str:
    close = difflib.get_close_matches(typed, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
