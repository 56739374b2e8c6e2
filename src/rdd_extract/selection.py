"""The filters, sort and limit that `rdd show` and `rdd diff` share, over rows of a table.

One layer for both verbs, so that they take the same options the same way: a comma list or the
option repeated, choices checked against what the contract allows (a typo is an error that lists
the valid values, not an empty table), a sort on any column, a limit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdd_extract.errors import UserError

Row = Mapping[str, object]


def values(given: Sequence[str] | None, option: str, allowed: Sequence[str] = ()) -> tuple[str, ...]:
    """An option's values, given repeated or as a comma list; checked against `allowed` if any."""
    found = tuple(part.strip() for value in given or () for part in value.split(",") if part.strip())
    unknown = [value for value in found if allowed and value not in allowed]
    if unknown:
        raise UserError(f"unknown value '{unknown[0]}' for {option} (one of {', '.join(allowed)})")
    return found


@dataclass(frozen=True)
class Selection:
    """Which rows to keep (each filter: the column's value is one of these; empty: no filter), in
    which order, and how many."""

    filters: Mapping[str, tuple[str, ...]]  # column -> accepted values, as text
    sort: tuple[str, ...] = ()  # columns, '-column' for descending
    limit: int | None = None

    def apply(self, rows: Sequence[Row], columns: Sequence[str]) -> list[Row]:
        for key in self.sort:
            if key.lstrip("-") not in columns:
                raise UserError(
                    f"unknown column '{key.lstrip('-')}' for --sort (one of {', '.join(columns)})"
                )
        kept = [
            row
            for row in rows
            if all(
                not accepted or _text(row.get(column)) in accepted
                for column, accepted in self.filters.items()
            )
        ]
        for key in reversed(self.sort):  # stable sorts, last key first
            column = key.lstrip("-")
            filled = [row for row in kept if row.get(column) is not None]
            filled.sort(key=lambda row: _order(row.get(column)), reverse=key.startswith("-"))
            kept = filled + [row for row in kept if row.get(column) is None]  # empty values last, both ways
        if self.limit is not None:
            if self.limit < 0:
                raise UserError(f"--limit takes a number of rows, not {self.limit}")
            kept = kept[: self.limit]
        return kept


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _order(value: object) -> tuple[float, str]:
    """Numbers by value, text by text."""
    if isinstance(value, int | float):
        return (float(value), "")
    return (0.0, str(value))
