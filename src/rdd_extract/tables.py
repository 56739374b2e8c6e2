"""Figure rows -> Arrow tables with an explicit schema, written atomically.

The only module that writes outputs. Tables are first written to a temporary
folder beside the output folder and then moved into place one by one with
`os.replace`, so a failed run leaves the previous outputs as they were and never
a half-written table. Nothing time- or run-dependent goes into the files: the
same input and rules give byte-identical Parquet.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdd_extract.errors import UserError
from rdd_extract.figures import Figure
from rdd_extract.layout import Document

if TYPE_CHECKING:
    import pyarrow as pa

# 2: units m2, km2, l, kw, t_co2e, eur_per_inhabitant, kg_per_inhabitant; figure boxes x0..bottom.
SCHEMA_VERSION = "2"
READABLE_VERSIONS = ("1", SCHEMA_VERSION)  # last year's tables must still diff against this year's
BOX_COLUMNS = ("x0", "top", "x1", "bottom")
FIGURES_FILE, PAGES_FILE, SHEETS_FILE = "figures.parquet", "pages.parquet", "sheets.parquet"


NULLABLE_FIGURE_COLUMNS = (
    "pilier",
    "qualifier",
    *BOX_COLUMNS,
)  # DESIGN: every other column always has a value


def figures_schema() -> pa.Schema:
    import pyarrow as pa

    columns: list[pa.Field[Any]] = [
        pa.field("report", pa.string()),
        pa.field("year", pa.int16()),
        pa.field("pilier", pa.int8()),
        pa.field("sheet_id", pa.string()),
        pa.field("sheet_title", pa.string()),
        pa.field("indicator", pa.string()),
        pa.field("label", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("qualifier", pa.string()),
        pa.field("page", pa.int16()),
        pa.field("raw", pa.string()),
        pa.field("context", pa.string()),
        pa.field("rule", pa.string()),
        pa.field("source", pa.string()),
        *(pa.field(name, pa.float32()) for name in BOX_COLUMNS),
    ]
    return pa.schema(columns)


def pages_schema() -> pa.Schema:
    import pyarrow as pa

    columns: list[pa.Field[Any]] = [
        pa.field("page", pa.int16()),
        pa.field("text", pa.string()),
        pa.field("sheet_id", pa.string()),
        pa.field("inferred", pa.bool_()),
    ]
    return pa.schema(columns)


def sheets_schema() -> pa.Schema:
    import pyarrow as pa

    columns: list[pa.Field[Any]] = [
        pa.field("sheet_id", pa.string()),
        pa.field("title", pa.string()),
        pa.field("pilier", pa.int8()),
        pa.field("first_page", pa.int16()),
        pa.field("last_page", pa.int16()),
        pa.field("n_figures", pa.int32()),
        pa.field("rules_matched", pa.int32()),
        pa.field("rules_missed", pa.int32()),
    ]
    return pa.schema(columns)


def figures_table(figures: Sequence[Figure], metadata: Mapping[str, str]) -> pa.Table:
    names = [field.name for field in fields(Figure)]
    rows = [astuple(figure) for figure in figures]
    return _table(figures_schema(), names, rows, metadata)


def pages_table(document: Document, metadata: Mapping[str, str]) -> pa.Table:
    rows = [
        (page.number, page.text, sheet_id, page.inferred)
        for page, sheet_id in zip(document.pages, document.page_sheet, strict=True)
    ]
    return _table(pages_schema(), ["page", "text", "sheet_id", "inferred"], rows, metadata)


def sheets_table(
    document: Document,
    figures: Sequence[Figure],
    coverage: Mapping[str, tuple[int, int]],
    metadata: Mapping[str, str],
) -> pa.Table:
    """One row per sheet; `coverage` gives (rules matched, rules missed) per sheet_id."""
    counts: dict[str, int] = {}
    for figure in figures:
        counts[figure.sheet_id] = counts.get(figure.sheet_id, 0) + 1
    rows = [
        (
            sheet.sheet_id,
            sheet.title,
            sheet.pilier,
            sheet.first_page,
            sheet.last_page,
            counts.get(sheet.sheet_id, 0),
            *coverage.get(sheet.sheet_id, (0, 0)),
        )
        for sheet in document.sheets
    ]
    names = [field.name for field in sheets_schema()]
    return _table(sheets_schema(), names, rows, metadata)


def _table(
    schema: pa.Schema, names: list[str], rows: Iterable[tuple[object, ...]], metadata: Mapping[str, str]
) -> pa.Table:
    """A typed table from rows.

    Built by pyarrow's JSON reader rather than `pa.array(list)`: converting Python
    lists goes through pyarrow's pandas shim, which imports pandas, a third of the
    run time of `rdd extract`; the JSON reader builds the same typed columns in C++.
    """
    import pyarrow.json as pajson

    lines = [json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) for row in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    meta = {b"rdd_extract.schema_version": SCHEMA_VERSION.encode()}
    meta.update({f"rdd_extract.{key}".encode(): value.encode() for key, value in sorted(metadata.items())})
    if not lines:
        return schema.with_metadata(meta).empty_table()
    table = pajson.read_json(
        io.BytesIO(data),
        read_options=pajson.ReadOptions(use_threads=False, block_size=max(1 << 20, len(data) + 1)),
        parse_options=pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error"),
    )
    return table.select(names).replace_schema_metadata(meta)


def diff_schema() -> pa.Schema:
    import pyarrow as pa

    strings = ("sheet_id", "indicator", "label", "unit")
    numbers = ("old_value", "new_value", "change", "change_pct")
    columns: list[pa.Field[Any]] = [
        *(pa.field(name, pa.string()) for name in strings),
        *(pa.field(name, pa.float64()) for name in numbers),
        pa.field("status", pa.string()),
        pa.field("old_page", pa.int16()),
        pa.field("new_page", pa.int16()),
        pa.field("note", pa.string()),
    ]
    return pa.schema(columns)


def diff_table(rows: Sequence[Mapping[str, object]], metadata: Mapping[str, str]) -> pa.Table:
    names = diff_schema().names
    return _table(diff_schema(), names, [tuple(row[name] for name in names) for row in rows], metadata)


def write_table_file(path: Path, table: pa.Table) -> Path:
    """One table written atomically to `path` (a file)."""
    if path.is_dir():
        raise UserError(f"output {path} is a folder, not a file")
    return write_tables(path.parent, {path.name: table})[0]


def write_tables(outdir: Path, tables: Mapping[str, pa.Table]) -> list[Path]:
    """Write {file name: table} into `outdir`, all or nothing (see write_tree)."""
    write_tree(outdir, tables)
    return [outdir / name for name in tables]


def _staging_beside(target: Path) -> Path:
    """A new hidden folder next to `target`: on its filesystem, so that moving into place is renaming."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise UserError(f"cannot write to {target.parent}: {exc.strerror or exc}") from exc


def write_text_files(folder: Path, files: Mapping[str, str]) -> list[Path]:
    """A new folder of text files (a drafted rule family), all or nothing: staged beside it, then
    renamed into place. An existing folder with files in it is refused, never overwritten."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UserError(f"{folder} exists and is not an empty folder: give a new folder with -o")
    staging = _staging_beside(folder)
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        if folder.exists():
            folder.rmdir()  # empty: checked above
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private
        os.replace(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UserError(f"cannot write to {folder}: {exc.strerror or exc}") from exc
    return [folder / name for name in files]


def write_tree(root: Path, files: Mapping[str, pa.Table]) -> None:
    """Tables at paths under `root` ('report/figures.parquet', 'figures/year=2022/report.parquet'),
    all or nothing: written into a staging folder beside `root` (the same filesystem, so that moving
    is renaming), then moved into place; if any move fails, the ones made are undone and `root` is
    as it was."""
    import pyarrow.parquet as pq

    if root.exists() and not root.is_dir():
        raise UserError(f"output {root} exists and is not a folder")
    staging = _staging_beside(root)
    created_root = not root.exists()
    moved: list[tuple[Path, Path | None]] = []  # (target, where its previous version was put)
    try:
        for name, table in files.items():
            (staging / "new" / name).parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, staging / "new" / name, compression="snappy")
        for index, name in enumerate(files):
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            previous = None
            if target.exists():
                previous = staging / "old" / str(index)
                previous.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, previous)
            moved.append((target, previous))
            os.replace(staging / "new" / name, target)
    except OSError as exc:
        _undo(moved, root, created_root)
        raise UserError(f"cannot write to {root}: {exc.strerror or exc}; nothing was changed") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _undo(moved: list[tuple[Path, Path | None]], root: Path, created_root: bool) -> None:
    """Put back what `write_tree` replaced and remove what it added (folders it made, emptied)."""
    for target, previous in reversed(moved):
        if target.exists():
            target.unlink()
        if previous is not None:
            os.replace(previous, target)
        parent = target.parent
        while parent != root.parent and parent.exists() and not any(parent.iterdir()):
            if parent == root and not created_root:
                break
            parent.rmdir()
            parent = parent.parent


def write_text_file(path: Path, text: str) -> Path:
    """One text file (a review page) written atomically: a temporary file beside it, then renamed."""
    if path.is_dir():
        raise UserError(f"output {path} is a folder, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a page is to be shared
        os.replace(temporary, path)
    except OSError as exc:
        raise UserError(f"cannot write to {path}: {exc.strerror or exc}") from exc
    return path


def table_metadata(path: Path) -> dict[str, str]:
    """The rdd_extract.* metadata of a Parquet table, keys without their prefix."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise UserError(f"{path} is not a readable Parquet file ({exc})") from exc
    return {
        key.decode().removeprefix("rdd_extract."): value.decode(errors="replace")
        for key, value in metadata.items()
        if key.startswith(b"rdd_extract.")
    }


def read_figures(path: Path) -> pa.Table:
    """A figures table from a file or an output folder, checked against the contract."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    file = path / FIGURES_FILE if path.is_dir() else path
    if not file.exists():
        raise UserError(f"{file} does not exist")
    try:
        table = pq.read_table(file)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise UserError(f"{file} is not a readable Parquet file ({exc})") from exc
    missing = [name for name in figures_schema().names if name not in (*table.column_names, *BOX_COLUMNS)]
    if missing:
        raise UserError(f"{file} is not a figures table (missing columns: {', '.join(missing)})")
    version = (table.schema.metadata or {}).get(b"rdd_extract.schema_version", b"?").decode(errors="replace")
    if version.isdigit() and int(version) > int(SCHEMA_VERSION):
        raise UserError(
            f"{file} was written by a newer rdd (figures schema version {version}; this rdd reads up to "
            f"{SCHEMA_VERSION}): upgrade rdd-extract to read it"
        )
    if version not in READABLE_VERSIONS:
        readable = ", ".join(READABLE_VERSIONS)
        raise UserError(f"{file} has figures schema version {version}, this rdd reads versions {readable}")
    if version == "1":
        table = _from_schema_1(table)
    missing = [name for name in figures_schema().names if name not in table.column_names]
    if missing:
        raise UserError(f"{file} is not a figures table (missing columns: {', '.join(missing)})")
    for field in figures_schema():
        found = table.schema.field(field.name).type
        if found != field.type:
            raise UserError(
                f"{file} is not a figures table (column {field.name} is {found}, not {field.type})"
            )
        if field.name not in NULLABLE_FIGURE_COLUMNS and table.column(field.name).null_count:
            raise UserError(f"{file} is not a figures table (column {field.name} has empty values)")
    if pc.any(pc.invert(pc.is_finite(table.column("value")))).as_py():
        raise UserError(f"{file} is not a figures table (column value holds NaN or infinity)")
    return table.select(figures_schema().names)


def _from_schema_1(table: pa.Table) -> pa.Table:
    """A schema-1 figures table in schema 2: empty boxes, and the units schema 2 split out of
    `other`, `count`, `t` and `kg` ('305 m²', '3 MWc', '12 tCO2e') read again from the raw text,
    so that last year's table diffs against this year's figure for figure."""
    import pyarrow as pa

    from rdd_extract.quantities import SCHEMA_2_UNITS, read_quantity

    units = table.column("unit").to_pylist() if "unit" in table.column_names else []
    values = table.column("value").to_pylist() if "value" in table.column_names else []
    raws = table.column("raw").to_pylist() if "raw" in table.column_names else []
    for index, (unit, raw) in enumerate(zip(units, raws, strict=True)):
        quantity = read_quantity(raw) if unit in ("other", "count", "t", "kg") and raw else None
        if quantity is not None and quantity.unit in SCHEMA_2_UNITS:
            units[index], values[index] = quantity.unit, quantity.value
    if units:
        table = table.set_column(table.column_names.index("unit"), "unit", pa.array(units, pa.string()))
        table = table.set_column(table.column_names.index("value"), "value", pa.array(values, pa.float64()))
    for name in BOX_COLUMNS:
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(table.num_rows, pa.float32()))
    return table


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
