"""Rows -> text in the formats the commands print: csv, json, markdown (tables are drawn by the CLI).

Plain functions returning strings, so the CLI stays the only place that prints.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping, Sequence

FORMATS = ("table", "csv", "json", "markdown")  # what `show` and `diff` print (diff also writes parquet)
Row = Mapping[str, object]


def render(rows: Sequence[Row], columns: Sequence[str], fmt: str) -> str:
    """`rows` as csv, json (a list of objects) or markdown; the columns in the order given."""
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "json":
        return (
            json.dumps(
                [{column: _json_value(row.get(column)) for column in columns} for row in rows],
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    if fmt == "markdown":
        return to_markdown(rows, columns)
    raise ValueError(f"unknown format {fmt!r}")


def to_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def to_markdown(rows: Sequence[Row], columns: Sequence[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in rows:
        lines.append(
            "| " + " | ".join(cell(row.get(column)).replace("|", "\\|") for column in columns) + " |"
        )
    return "\n".join(lines) + "\n"


def cell(value: object) -> str:
    """A value as one line of text: no 'None', no '.0' on whole numbers."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return " ".join(str(value).split())


def rounded(value: object) -> object:
    """A number as a person reads it on a terminal: two decimals at most (csv, json and Parquet keep
    every digit)."""
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        return round(value, 2)
    return value


def _json_value(value: object) -> object:
    """JSON has no NaN nor Infinity (a table from elsewhere may hold them): null instead."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
