"""The `rdd` command: a thin Typer layer over the pipeline, and the only place that prints.

Data goes to stdout, messages to stderr. A `UserError` becomes one line on
stderr and exit status 2. Heavy modules are imported inside the commands so that
`rdd --help` stays fast.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rdd_extract import __version__
from rdd_extract.errors import UserError

if TYPE_CHECKING:
    from rdd_extract.pipeline import BatchJob, Extraction
    from rdd_extract.sources import ProgressCallback

app = typer.Typer(
    name="rdd",
    help="Extract the figures of a rapport de développement durable (PDF or text) into Parquet tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rdd {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Extract the figures of a rapport de développement durable (PDF or text) into Parquet tables."""


@app.command()
def extract(
    reports: Annotated[
        list[Path],
        typer.Argument(
            help="Reports: PDFs or text exports (UTF-8, UTF-16 or Windows-1252), or folders of them.",
            show_default=False,
            metavar="REPORT...",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="One report: its output folder [default: data/processed/REPORT-ID]. Several: the folder "
            "receiving one folder per report and the dataset figures/year=YYYY/ [default: data/processed].",
        ),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(
            help="Rules folder: a family folder, or a root of families [default: the bundled rules]."
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            metavar="SHEET_ID[/INDICATOR]", help="Show how the rules of a sheet ran: matches, misses."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Exit with status 1 when a rule matched nothing.")] = False,
    password: Annotated[str | None, typer.Option(help="Password of an encrypted PDF.")] = None,
    report_id: Annotated[
        str | None, typer.Option("--report-id", help="Report id in the tables [default: FAMILY-YEAR].")
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Reports extracted in parallel; 0 for the CPU count."),
    ] = 0,
    created_at: Annotated[
        bool, typer.Option("--created-at", help="Record the time of the run in the tables' metadata.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or coverage on stderr.")] = False,
    coverage: Annotated[
        bool,
        typer.Option(help="The coverage table (rules matched and missed per sheet), even when none missed."),
    ] = False,
    dataset: Annotated[
        bool,
        typer.Option(
            help="One report: write it as a batch does, into -o ROOT/REPORT-ID/ and the dataset "
            "ROOT/figures/year=YYYY/ (the yearly run that keeps the dataset current)."
        ),
    ] = False,
) -> None:
    """Extract the figures of reports into Parquet tables.

    Writes figures.parquet, pages.parquet and sheets.parquet for each report.

    Examples: rdd extract data/raw/cabbalr-rdd-2022.txt -o data/processed/2022;
    rdd extract reports/*.pdf -o data/processed --jobs 2
    """
    from rdd_extract.pipeline import BatchJob, report_inputs
    from rdd_extract.rules import require_slug

    stamp = datetime.now(UTC).isoformat(timespec="seconds") if created_at else None
    require_slug("report id", report_id)
    if len(reports) == 1 and not reports[0].is_dir() and not dataset:
        job = BatchJob(reports[0], password, rules, stamp)
        _extract_one(job, output, explain, strict, report_id, quiet, coverage)
        return
    for option, value in (("--explain", explain), ("--report-id", report_id)):
        if value is not None:
            raise UserError(f"{option} goes with one report, not several nor --dataset")
    inputs, skipped = report_inputs(reports)
    for path in skipped:
        _say(f"rdd: warning: {path} skipped: not a report (.pdf or .txt)")
    batch = [BatchJob(path, password, rules, stamp) for path in inputs]
    _extract_many(batch, output or Path("data/processed"), strict, jobs, quiet)


def _extract_one(
    job: BatchJob,
    output: Path | None,
    explain: str | None,
    strict: bool,
    report_id: str | None,
    quiet: bool,
    coverage: bool = False,
) -> None:
    from rdd_extract.api import Result
    from rdd_extract.pipeline import extract_report

    with _progress("reading pages", quiet) as progress:
        extraction = extract_report(
            job.path, password=job.password, report=report_id, progress=progress, rules=job.rules
        )
    if explain is not None:
        _explain(extraction, explain)
    outdir = output or Path("data/processed") / extraction.report
    written = Result(extraction, job.created_at).write(outdir)  # what rdd_extract.extract(...).write does
    if not quiet:
        _print_summary(extraction, outdir, len(written))
        _print_coverage(extraction, coverage)
    _check_strict(strict, extraction.result.totals()[1], len(extraction.result.unbound))


def _extract_many(batch: list[BatchJob], root: Path, strict: bool, jobs: int, quiet: bool) -> None:
    """Several reports in parallel: one folder each, one progress bar, a summary, exit 1 if any failed."""
    from rdd_extract.pipeline import BatchOutcome, place_outcomes, run_batch, write_batch

    if root.exists() and not root.is_dir():
        raise UserError(f"output {root} exists and is not a folder")
    workers = jobs or os.cpu_count() or 1
    by_index: dict[int, BatchOutcome] = {}
    with _progress("extracting reports", quiet) as progress:
        for index, outcome in run_batch(batch, workers):
            by_index[index] = outcome
            if progress:
                progress(len(by_index), len(batch))
    outcomes = [by_index[index] for index in range(len(batch))]  # in input order, whatever finished first
    placed = place_outcomes(outcomes, root)
    write_batch(outcomes, placed, root)  # all or nothing
    rows: list[list[str]] = []
    failed = missed = unbound = 0
    for outcome, place in zip(outcomes, placed, strict=True):
        seconds = f"{outcome.seconds:.1f}"
        if place is None:
            failed += 1
            rows.append([outcome.path.name, "", "", "", "", seconds, f"FAILED: {outcome.error}"])
            continue
        missed += outcome.rules_missed
        unbound += outcome.sheets_unbound
        rules_cell = f"{outcome.rules_matched}/{outcome.rules_matched + outcome.rules_missed}"
        counts = [str(outcome.pages), str(outcome.figures), rules_cell, seconds]
        note = f" ({place.note})" if place.note else ""
        rows.append([outcome.path.name, outcome.report, *counts, f"{root / place.folder}/{note}"])
    if not quiet:
        _say_table(["report", "id", "pages", "figures", "rules", "seconds", "result"], rows)
        _say(
            f"{len(batch) - failed} of {_count(len(batch), 'report')} extracted into {root}/; "
            f"all figures by year in {root / 'figures'}/"
        )
    if failed:
        raise typer.Exit(1)
    _check_strict(strict, missed, unbound)


def _check_strict(strict: bool, missed: int, unbound: int) -> None:
    """With --strict, exit 1 when a rule matched nothing or a rule sheet was not found."""
    if strict and (missed or unbound):
        _say(f"--strict: {missed} rules matched nothing, {unbound} sheets not found")
        raise typer.Exit(1)


_ROWS_OPTIONS = "Filters take a comma list or the option repeated."


@app.command()
def show(
    figures: Annotated[
        Path,
        typer.Argument(help="A figures.parquet file, or an output folder holding one.", metavar="FIGURES"),
    ],
    sheet: Annotated[list[str] | None, typer.Option(help="Only these sheet ids.")] = None,
    pilier: Annotated[list[str] | None, typer.Option(help="Only these piliers (1, 2...).")] = None,
    indicator: Annotated[list[str] | None, typer.Option(help="Only these indicators.")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="Only these kinds: actual, target, context.")] = None,
    unit: Annotated[list[str] | None, typer.Option(help="Only these units: EUR, count, percent...")] = None,
    sort: Annotated[
        str | None, typer.Option(metavar="COLUMN[,-COLUMN]", help="Sort on these columns (- for descending).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    columns: Annotated[
        str | None,
        typer.Option(help="Comma-separated columns [default: the main ones; 'all' for every one]."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="table, csv, json or markdown [default: table on a terminal, csv]."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Print a figures table as a table, csv, json or markdown. Filters take a comma list or repeat.

    FIGURES is a figures.parquet file or an output folder.

    Example: rdd show data/processed/cabbalr-2022 --kind target --sort -value --limit 10
    """
    from rdd_extract.quantities import UNITS
    from rdd_extract.render import FORMATS
    from rdd_extract.rules import KINDS
    from rdd_extract.selection import Selection, values
    from rdd_extract.tables import read_figures

    chosen_format = _output_format(fmt, FORMATS, output)
    table = read_figures(figures)
    chosen = _columns(columns, table.column_names)
    selection = Selection(
        {
            "sheet_id": values(sheet, "--sheet"),
            "pilier": values(pilier, "--pilier"),
            "indicator": values(indicator, "--indicator"),
            "kind": values(kind, "--kind", KINDS),
            "unit": values(unit, "--unit", UNITS),
        },
        values([sort] if sort else None, "--sort"),
        limit,
    )
    rows = selection.apply(table.to_pylist(), table.column_names)
    _emit_rows(rows, chosen, chosen_format, output)


SHOW_COLUMNS = ["page", "sheet_id", "indicator", "label", "value", "unit", "kind", "qualifier", "raw", "rule"]


def _columns(wanted: str | None, available: list[str]) -> list[str]:
    if wanted is None:
        return [column for column in SHOW_COLUMNS if column in available]
    if wanted == "all":
        return available
    chosen = [column.strip() for column in wanted.split(",") if column.strip()]
    unknown = [column for column in chosen if column not in available]
    if unknown or not chosen:
        named = f"unknown column {unknown[0]!r}" if unknown else "--columns names no column"
        raise UserError(f"{named} (columns: {', '.join(available)})")
    return chosen


def _output_format(fmt: str | None, allowed: tuple[str, ...], output: Path | None = None) -> str:
    """The format asked for; else the one -o FILE's suffix names; else a table on a terminal and csv
    down a pipe."""
    if fmt is None:
        suffix = {".csv": "csv", ".json": "json", ".md": "markdown", ".parquet": "parquet", ".html": "html"}
        named = suffix.get(output.suffix.lower()) if output is not None else None
        if named is not None and named not in allowed:  # 'rdd show -o x.html': never csv in an .html file
            raise UserError(
                f"{output}: this command does not write {named}; give --format (one of {', '.join(allowed)})"
            )
        if named is not None:
            return named
        return "table" if sys.stdout.isatty() and output is None else "csv"
    if fmt not in allowed:
        raise UserError(f"unknown format '{fmt}' (one of {', '.join(allowed)})")
    return fmt


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="Last year's figures.parquet, or its output folder.", metavar="OLD")
    ],
    new: Annotated[
        Path, typer.Argument(help="This year's figures.parquet, or its output folder.", metavar="NEW")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="table, csv, json, markdown or parquet [default: table on a terminal, csv]."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file, not stdout (parquet, html: a file)."),
    ] = None,
    only_changed: Annotated[bool, typer.Option(help="Leave out unchanged indicators.")] = False,
    min_change: Annotated[
        str | None,
        typer.Option(metavar="5%|VALUE", help="Leave out changes smaller than this (percent or value)."),
    ] = None,
    sheet: Annotated[list[str] | None, typer.Option(help="Only these sheet ids.")] = None,
    pilier: Annotated[list[str] | None, typer.Option(help="Only these piliers (1, 2...).")] = None,
    indicator: Annotated[list[str] | None, typer.Option(help="Only these indicators.")] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(help="Only these statuses: changed, unchanged, added, removed."),
    ] = None,
    sort: Annotated[
        str | None, typer.Option(metavar="COLUMN[,-COLUMN]", help="Sort on these columns (- for descending).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fail_on_change: Annotated[
        bool, typer.Option(help="Exit with status 1 when an indicator changed, appeared or disappeared.")
    ] = False,
) -> None:
    """Compare the figures of two years, paired on sheet and indicator. Filters take a comma list or repeat.

    Example: rdd diff data/processed/cabbalr-2021 data/processed/cabbalr-2022 --only-changed
    """
    from rdd_extract.compare import DIFF_COLUMNS, STATUSES, Threshold, diff_figures, select
    from rdd_extract.render import FORMATS
    from rdd_extract.selection import Selection, values
    from rdd_extract.tables import SCHEMA_VERSION, diff_table, read_figures, write_table_file

    chosen = _output_format(fmt, (*FORMATS, "parquet", "html"), output)
    if chosen in ("parquet", "html") and output is None:
        raise UserError(f"--format {chosen} writes a file: give it with -o FILE")
    statuses = values(status, "--status", STATUSES)
    piliers = values(pilier, "--pilier")
    if not all(value.isdigit() for value in piliers):
        raise UserError(f"--pilier takes pilier numbers, not {', '.join(piliers)}")
    try:
        threshold = Threshold.parse(min_change) if min_change is not None else None
    except ValueError as exc:
        raise UserError(
            f"--min-change takes a percentage such as 5% or a value such as 1000, not {min_change!r}"
        ) from exc
    rows = diff_figures(read_figures(old).to_pylist(), read_figures(new).to_pylist())
    kept = select(rows, only_changed=only_changed, threshold=threshold, piliers=[int(p) for p in piliers])
    selection = Selection(
        {
            "sheet_id": values(sheet, "--sheet"),
            "indicator": values(indicator, "--indicator"),
            "status": statuses,
        },
        values([sort] if sort else None, "--sort"),
        limit,
    )
    records = [dict(row) for row in selection.apply([row.as_dict() for row in kept], list(DIFF_COLUMNS))]
    if chosen == "parquet":
        assert output is not None
        write_table_file(output, diff_table(records, {"old": str(old), "new": str(new)}))
    elif chosen == "html":
        assert output is not None
        from rdd_extract.api import write_diff_page

        write_diff_page(records, old, new, output)
    else:
        _emit_rows(records, list(DIFF_COLUMNS), chosen, output)
    counts = Counter(row.status for row in rows)  # what was compared, whatever is shown
    unpaired = sum(1 for row in rows if row.auto and row.status in ("added", "removed"))
    message = f"{_count(len(rows), 'indicator')} compared: " + ", ".join(
        f"{counts[name]} {name}" for name in STATUSES
    )
    if len(records) != len(rows):
        message += f"; {len(records)} shown"
    if unpaired:
        message += (
            f"; {unpaired} generic-detector figures could not be paired (no figure of the same label"
            " in the other year)"
        )
    if chosen == "parquet":
        message += f"; wrote {output} (schema version {SCHEMA_VERSION})"
    elif chosen == "html":
        message += f"; wrote {output}"
    _say(message)
    if fail_on_change and any(row["status"] != "unchanged" for row in records):
        raise typer.Exit(1)


@app.command()
def review(
    folder: Annotated[Path, typer.Argument(help="An output folder of rdd extract.", metavar="FOLDER")],
    pdf: Annotated[
        Path | None, typer.Option(help="The report, when it is not at the path the tables record.")
    ] = None,
    rules: Annotated[Path | None, typer.Option(help="The rules the report was extracted with.")] = None,
    password: Annotated[str | None, typer.Option(help="Password of an encrypted PDF.")] = None,
) -> None:
    """Write FOLDER/review.html: every figure on its page, the rules that missed, the PDF's page images.

    Example: rdd review data/processed/cabbalr-2022 && xdg-open data/processed/cabbalr-2022/review.html
    """
    from rdd_extract.api import review as write_review

    with _progress("drawing pages", quiet=False):
        path = write_review(folder, pdf=pdf, rules=rules, password=password)
    print(path)


rules_app = typer.Typer(help="Check and list the declarative rule files.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(
    folder: Annotated[
        Path | None, typer.Argument(help="Rules folder [default: the bundled rules].", metavar="FOLDER")
    ] = None,
) -> None:
    """Load and validate every rule file: exit 0, or one line per problem and exit 2."""
    from rdd_extract.rules import bundled_rules_root, check_rules, family_dirs, load_rulepack

    root = folder or bundled_rules_root()
    problems = check_rules(root)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise typer.Exit(2)
    packs = [load_rulepack(path) for path in family_dirs(root)]
    n_figures = sum(len(sheet.figures) for pack in packs for sheet in pack.sheets)
    n_sheets = sum(len(pack.sheets) for pack in packs)
    print(
        f"rules ok: {len(packs)} families, {n_sheets} sheets, {n_figures} figure rules in {root}",
        file=sys.stderr,
    )


@rules_app.command("list")
def rules_list(
    folder: Annotated[
        Path | None, typer.Argument(help="Rules folder [default: the bundled rules].", metavar="FOLDER")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Only this sheet id.")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="table, csv or json [default: table on a terminal, csv].")
    ] = None,
) -> None:
    """The sheets and their indicators."""
    from rdd_extract.rules import bundled_rules_root, family_dirs, load_rulepack

    chosen = _output_format(fmt, ("table", "csv", "json"))
    root = folder or bundled_rules_root()
    packs = [load_rulepack(path) for path in family_dirs(root)]
    if sheet is not None and all(rules.id != sheet for pack in packs for rules in pack.sheets):
        raise UserError(f"no sheet '{sheet}' in {root}")  # a sheet that only names its pages lists no row
    rows = [
        {
            "family": pack.family, "sheet_id": rules.id, "pilier": rules.pilier, "indicator": figure.id,
            "label": figure.label, "unit": figure.unit, "kind": figure.kind, "block": figure.block,
        }
        for pack in packs
        for rules in pack.sheets
        if sheet is None or rules.id == sheet
        for figure in rules.figures
    ]  # fmt: skip
    columns = ["family", "sheet_id", "pilier", "indicator", "label", "unit", "kind", "block"]
    _print_rows(rows, columns, chosen)


@rules_app.command("init")
def rules_init(
    report: Annotated[
        Path, typer.Argument(help="The report to draft the rules from (PDF or text).", metavar="REPORT")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="New folder for the drafted family.")],
    family: Annotated[
        str | None, typer.Option(help="Family id (a slug) [default: from the collectivité's name].")
    ] = None,
    password: Annotated[str | None, typer.Option(help="Password of an encrypted PDF.")] = None,
) -> None:
    """Draft a rule family from one report: one rule file per sheet, one rule per figure.

    Example: rdd rules init rapport-2022.pdf -o rules/valmont
    then:    rdd extract rapport-2023.pdf --rules rules/valmont
    """
    from rdd_extract.draft import draft_family, named_count
    from rdd_extract.pipeline import extract_report
    from rdd_extract.rules import check_rules, require_slug
    from rdd_extract.tables import write_text_files

    require_slug("family id", family)
    with _progress("reading", quiet=False) as progress:
        extraction = extract_report(report, password=password, progress=progress, generic_only=True)
    draft = draft_family(extraction.result, family)
    if not draft.sheets:
        raise UserError(f"{report}: no sheet with figures was found, nothing to draft")
    write_text_files(output, draft.files())
    problems = check_rules(output)
    if problems:  # a draft that does not load is a bug of rdd, not the user's
        raise UserError(f"the drafted rules in {output} do not load: {problems[0]}")
    again = extract_report(report, password=password, rules=output).result
    rules = [rule for sheet in draft.sheets for rule in sheet.rules]
    sheets, figures = _count(len(draft.sheets), "sheet"), _count(len(again.figures), "figure")
    named = named_count(again)
    _say(
        f"drafted {output}: family '{draft.family}' (match '{draft.match}'), {sheets}, "
        f"{_count(len(rules), 'figure rule')}; on {report.name}, {named} of "
        f"{figures} now {'comes' if named == 1 else 'come'} from named rules"
    )
    twice = [
        f"{rule.sheet_id}/{rule.id} (occurrence {rule.occurrence})" for rule in rules if rule.occurrence != 1
    ]
    missed = [f"{o.sheet_id}/{o.rule.id}" for o in again.outcomes if not o.matches]
    left = [f"p{figure.page} {figure.raw!r}" for figure in again.figures if figure.rule == "auto"]
    for noun, what, items in (
        ("pattern", "found more than once on its sheet, an occurrence chosen", twice),
        ("rule", "matching nothing on this report", missed),
        ("figure", "left to the generic detector", left),
    ):
        if items:
            shown = ", ".join(items[:8]) + (f" and {len(items) - 8} more" if len(items) > 8 else "")
            _say(f"review: {_count(len(items), noun)} {what}: {shown}")


def _emit_rows(
    rows: Sequence[Mapping[str, object]], columns: list[str], fmt: str, output: Path | None
) -> None:
    """Rows to stdout, or to -o FILE (a table there is written as markdown: a file has no terminal)."""
    if output is None:
        _print_rows(rows, columns, fmt)
        return
    from rdd_extract.render import render
    from rdd_extract.tables import write_text_file

    write_text_file(output, render(rows, columns, "markdown" if fmt == "table" else fmt))
    _say(f"wrote {_count(len(rows), 'row')} to {output}")


def _print_rows(rows: Sequence[Mapping[str, object]], columns: list[str], fmt: str) -> None:
    """Data to stdout: a table drawn by rich, or csv/json/markdown text."""
    if fmt == "table":
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        from rdd_extract.render import cell, rounded

        table = Table(*columns, box=None, pad_edge=False, highlight=False)
        for column in table.columns:
            column.overflow = "fold"  # long ids wrap inside the terminal's width, never cut
        for row in rows:
            table.add_row(*(escape(cell(rounded(row.get(column)))) for column in columns))
        Console(highlight=False).print(table)
        return
    from rdd_extract.render import render

    sys.stdout.write(render(rows, columns, fmt))


def _say(message: str) -> None:
    """A message for the person at the terminal: plain text on stderr."""
    print(message, file=sys.stderr)


def _say_table(header: list[str], rows: list[list[str]]) -> None:
    """A small table on stderr, columns aligned."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in [header, *rows]:
        _say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@contextmanager
def _progress(what: str, quiet: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr when it is a terminal (unless quiet): a callback (done, total)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )  # fmt: skip
    task = progress.add_task(what, total=None)
    with progress:
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _print_summary(extraction: Extraction, outdir: Path, n_tables: int) -> None:
    document, figures = extraction.document, extraction.figures
    inferred = " (page breaks inferred)" if any(page.inferred for page in document.pages) else ""
    piliers = sorted({sheet.pilier for sheet in document.sheets if sheet.pilier is not None})
    actions = [sheet for sheet in document.sheets if sheet.kind == "action"]
    rules = f"rules {extraction.rules.family}" if extraction.rules else "no rules for this report"
    _say(
        f"{extraction.source.name}: {_count(len(document.pages), 'page')}{inferred}, "
        f"year {document.year or '?'}, {_count(len(piliers), 'pilier')}, "
        f"{_count(len(actions), 'action sheet')}, {_count(len(figures), 'figure')} ({rules})"
    )
    per_pilier = Counter(figure.pilier for figure in figures)
    sheets_per_pilier = Counter(sheet.pilier for sheet in actions)
    rows = [
        ["intro" if pilier is None else str(pilier), str(sheets_per_pilier[pilier]), str(per_pilier[pilier])]
        for pilier in [None, *piliers]
        if per_pilier[pilier] or sheets_per_pilier[pilier]
    ]
    _say_table(["pilier", "sheets", "figures"], rows)
    if not actions:
        _say("no action sheet was recognised: figures are listed per page")
    _say(f"wrote {n_tables} tables to {outdir}/")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _print_coverage(extraction: Extraction, every_sheet: bool = False) -> None:
    """Per sheet: rules matched, rules missed, figures left to the generic detector; the table only
    when a rule missed or a rule sheet was not found (or asked for), else the one line of totals."""
    from rdd_extract.outcomes import coverage

    result = extraction.result
    if extraction.rules is None:
        return
    total_matched, total_missed = result.totals()
    if every_sheet or total_missed or result.unbound:
        rows: list[list[str]] = []
        for row in coverage(result):
            if not (every_sheet or row.missed):
                continue
            pages = str(row.first_page) + (f"-{row.last_page}" if row.last_page != row.first_page else "")
            flag = "  <- --explain " + row.sheet_id if row.missed else ""
            rows.append([row.sheet_id, pages, str(row.matched), str(row.missed) + flag, str(row.auto)])
        if rows:
            _say_table(["sheet", "pages", "matched", "missed", "auto"], rows)
    auto = sum(1 for figure in result.figures if figure.rule == "auto")
    _say(f"rules: {total_matched} matched, {total_missed} missed; {auto} figures from the generic detector")
    for missing in result.unbound:
        _say(f"sheet '{missing.id}' ({missing.path}) not found in this report")
    for outcome in result.outcomes:
        if outcome.error:  # not a miss: the rule could not run (a pattern too slow on a page)
            where = f"{outcome.sheet_id}/{outcome.rule.id} (line {outcome.rule.line})"
            _say(f"rule error: {where}: {outcome.error}")


def _explain(extraction: Extraction, target: str) -> None:
    """How the rules of one sheet ran, to stdout: matches with page and text, misses with the closest text."""
    from rdd_extract.figures import AUTO_RULE
    from rdd_extract.outcomes import rule_reports

    sheet_id, _, indicator = target.partition("/")
    result = extraction.result
    reports = rule_reports(result, sheet_id, indicator or None)
    sheet = result.document.sheet(sheet_id)
    print(f"{sheet_id}: {sheet.title} (pages {sheet.first_page}-{sheet.last_page})")
    for report in reports:
        head = f"  {report.rule} [{report.unit}, {report.kind}, line {report.line}]"
        if report.error:
            print(f"{head} ERROR: {report.error}")
        for page, text in report.matches:
            print(f"{head} matched on page {page}: {text!r}")
        if not report.matches and not report.error:
            print(f"{head} MISSED  pattern: {report.pattern}")
            if report.closest:
                print(f"      closest text, page {report.closest[0]}: {report.closest[1]!r}")
    if not indicator:
        for figure in result.figures:
            if figure.sheet_id == sheet_id and figure.rule == AUTO_RULE:
                what = f"{figure.raw!r} {figure.unit} {figure.kind}"
                print(f"  (auto) page {figure.page}: {what} - {figure.label}")


def _click_exceptions() -> Any:
    """The exceptions of the click that typer runs on: vendored as typer._click since typer 0.23."""
    try:
        from typer._click import exceptions
    except ImportError:  # an older typer, on the click package
        from click import exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    return exceptions


def _command(context: Any) -> str:
    """'rdd rules check' for the context of a usage error, however rdd was started (python -m too)."""
    names = []
    while context is not None and context.parent is not None:
        names.append(context.info_name)
        context = context.parent
    return " ".join(["rdd", *reversed(names)])


def _typed_command(words: list[str]) -> str:
    """'rdd rules init' from the words typed, for the usage errors click raises with no context (an
    option missing its value), which would otherwise all point to 'rdd --help'."""
    command: Any = typer.main.get_command(app)
    names = []
    for word in words:
        commands = getattr(command, "commands", {})
        if word not in commands:
            break
        names.append(word)
        command = commands[word]
    return " ".join(["rdd", *names])


def _error_line(message: str) -> None:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")  # a file name may hold a line break
    print(f"rdd: error: {one_line}", file=sys.stderr)
    sys.exit(2)


class _Interrupted(BaseException):
    """Ctrl-C, raised past the command-line library (which would turn it into a silent exit 130)."""


def _interrupt(signum: int, frame: object) -> None:
    raise _Interrupted


def main() -> None:
    """Entry point of the `rdd` script: user errors and usage errors become one line and exit 2."""
    click = _click_exceptions()
    signal.signal(signal.SIGINT, _interrupt)
    try:
        code = app(standalone_mode=False, prog_name="rdd")  # as the error lines say, under python -m too
        sys.exit(code if isinstance(code, int) else 0)
    except UserError as exc:
        _error_line(str(exc))
    except click.UsageError as exc:  # a missing argument, an unknown option or command, a bad value
        if type(exc).__name__ == "NoArgsIsHelpError":  # `rdd` or `rdd rules` alone: the help it asks for
            print(exc.format_message(), file=sys.stderr)
            sys.exit(2)
        command = _command(exc.ctx) if exc.ctx is not None else _typed_command(sys.argv[1:])
        _error_line(exc.format_message().removesuffix(".") + f" (see {command} --help)")
    except click.ClickException as exc:
        _error_line(exc.format_message())
    except typer.Abort:
        print("rdd: interrupted; no output was changed", file=sys.stderr)
        sys.exit(130)
    except (KeyboardInterrupt, _Interrupted):
        print("rdd: interrupted; no output was changed", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("RDD_DEBUG"):
            raise
        print(
            f"rdd: internal error: {type(exc).__name__}: {exc} (set RDD_DEBUG=1 for details)", file=sys.stderr
        )
        sys.exit(1)
