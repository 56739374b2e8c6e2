"""Two figures tables -> one row per indicator: old value, new value, change and status.

Figures are paired on (sheet_id, indicator). An indicator repeated on a sheet (the
same label twice) is paired in order of appearance. Rule indicators are stable by
construction; a figure of the generic detector pairs when its label (so its slug)
is the same both years.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from rdd_extract.figures import AUTO_RULE

STATUSES = ("changed", "unchanged", "added", "removed")
DIFF_COLUMNS = (
    "sheet_id", "indicator", "label", "unit", "old_value", "new_value", "change", "change_pct",
    "status", "old_page", "new_page", "note",
)  # fmt: skip

Row = Mapping[str, object]


@dataclass(frozen=True)
class DiffRow:
    pilier: int | None
    sheet_id: str
    indicator: str
    label: str
    unit: str
    old_value: float | None
    new_value: float | None
    change: float | None
    change_pct: float | None
    status: str
    old_page: int | None
    new_page: int | None
    note: str | None
    auto: bool  # a generic-detector figure (its pairing rests on its label)

    def as_dict(self) -> dict[str, object]:
        return {column: getattr(self, column) for column in DIFF_COLUMNS}


@dataclass(frozen=True)
class Threshold:
    """`--min-change`: a percentage ('5%') or an absolute value ('1000')."""

    value: float
    percent: bool

    @classmethod
    def parse(cls, text: str) -> Threshold:
        stripped = text.strip().replace(",", ".")
        percent = stripped.endswith("%")
        number = float(stripped.rstrip("% "))  # ValueError for a person's typo: the CLI says so
        if number < 0 or math.isnan(number):
            raise ValueError(text)
        return cls(number, percent)

    def reached_by(self, row: DiffRow) -> bool:
        if row.status != "changed":
            return True
        if self.percent:
            return row.change_pct is None or abs(row.change_pct) >= self.value
        return row.change is not None and abs(row.change) >= self.value


def diff_figures(old: Sequence[Row], new: Sequence[Row]) -> list[DiffRow]:
    """Every indicator of either table, paired, sorted by pilier, sheet and indicator."""
    old_groups = _grouped(old)
    new_groups = _grouped(new)
    rows: list[DiffRow] = []
    for key in old_groups.keys() | new_groups.keys():
        olds, news = old_groups.get(key, []), new_groups.get(key, [])
        rows.extend(_row(old_row, new_row) for old_row, new_row in zip_longest(olds, news))
    return sorted(rows, key=_order)


def _grouped(rows: Iterable[Row]) -> dict[tuple[str, str], list[Row]]:
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        groups.setdefault((str(row["sheet_id"]), str(row["indicator"])), []).append(row)
    return groups


def _row(old: Row | None, new: Row | None) -> DiffRow:
    current = new if new is not None else old
    assert current is not None
    old_value = _number(old["value"]) if old is not None else None
    new_value = _number(new["value"]) if new is not None else None
    change = new_value - old_value if old_value is not None and new_value is not None else None
    percent = change / abs(old_value) * 100 if change is not None and old_value else None
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    else:
        status = "unchanged" if change is not None and math.isclose(change, 0.0, abs_tol=1e-9) else "changed"
    return DiffRow(
        pilier=_int(current.get("pilier")),
        sheet_id=str(current["sheet_id"]),
        indicator=str(current["indicator"]),
        label=str(current.get("label") or ""),
        unit=str(current["unit"]),
        old_value=old_value,
        new_value=new_value,
        change=_rounded(change),
        change_pct=_rounded(percent),
        status=status,
        old_page=_int(old["page"]) if old is not None else None,
        new_page=_int(new["page"]) if new is not None else None,
        note=_note(old, new),
        auto=str(current.get("rule")) == AUTO_RULE,
    )


def _note(old: Row | None, new: Row | None) -> str | None:
    if old is None or new is None:
        return None
    notes = [f"{what} {old[what]} -> {new[what]}" for what in ("unit", "kind") if old[what] != new[what]]
    return "; ".join(notes) or None


def _order(row: DiffRow) -> tuple[int, str, str]:
    """Pilier, sheet, indicator; the sort is stable, so repeated indicators keep their pairing order."""
    return (row.pilier if row.pilier is not None else -1), row.sheet_id, row.indicator


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def select(
    rows: Iterable[DiffRow],
    *,
    only_changed: bool = False,
    threshold: Threshold | None = None,
    piliers: Sequence[int] = (),
) -> list[DiffRow]:
    """The rows the diff's own filters keep (sheets, indicators and statuses are `Selection`'s, shared
    with `rdd show`)."""
    return [
        row
        for row in rows
        if (not only_changed or row.status != "unchanged")
        and (threshold is None or threshold.reached_by(row))
        and (not piliers or row.pilier in piliers)
    ]
