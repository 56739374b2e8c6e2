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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rdd_extract import __version__
from rdd_extract.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console

    from rdd_extract.pipeline import Extraction

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
    report: Annotated[
        Path, typer.Argument(help="The report: a PDF, or a text export of it (UTF-8 or Windows-1252).")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output folder for the tables [default: data/processed/REPORT-ID]."
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or coverage on stderr.")] = False,
) -> None:
    """Read REPORT and write figures.parquet, pages.parquet and sheets.parquet.

    Example: rdd extract data/raw/cabbalr-rdd-2022.txt -o data/processed/2022
    """
    from rdd_extract.pipeline import extract_report, write_extraction

    console = _stderr()
    with _page_progress(console, quiet) as progress:
        extraction = extract_report(
            report, password=password, report=report_id, progress=progress, rules=rules
        )
    if explain is not None:
        _explain(extraction, explain)
    outdir = output or Path("data/processed") / extraction.report
    written = write_extraction(extraction, outdir)
    if not quiet:
        _print_summary(console, extraction, outdir, len(written))
        _print_coverage(console, extraction)
    missed = sum(missed for _, missed in extraction.result.coverage().values())
    if strict and (missed or extraction.result.unbound):
        unbound = len(extraction.result.unbound)
        console.print(f"--strict: {missed} rules matched nothing, {unbound} sheets not found", markup=False)
        raise typer.Exit(1)


rules_app = typer.Typer(help="Check and list the declarative rule files.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(
    folder: Annotated[Path | None, typer.Argument(help="Rules folder [default: the bundled rules].")] = None,
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
    folder: Annotated[Path | None, typer.Argument(help="Rules folder [default: the bundled rules].")] = None,
    sheet: Annotated[str | None, typer.Option(help="Only this sheet id.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """The sheets and their indicators."""
    from rdd_extract.rules import bundled_rules_root, family_dirs, load_rulepack

    _check_format(fmt, ("table", "csv", "json"))
    root = folder or bundled_rules_root()
    if not root.is_dir():
        raise UserError(f"rules folder {root} does not exist")
    rows = [
        {
            "family": pack.family, "sheet_id": rules.id, "pilier": rules.pilier, "indicator": figure.id,
            "label": figure.label, "unit": figure.unit, "kind": figure.kind, "block": figure.block,
        }
        for pack in (load_rulepack(path) for path in family_dirs(root))
        for rules in pack.sheets
        if sheet is None or rules.id == sheet
        for figure in rules.figures
    ]  # fmt: skip
    if sheet is not None and not rows:
        raise UserError(f"no sheet '{sheet}' in {root}")
    columns = ["family", "sheet_id", "pilier", "indicator", "label", "unit", "kind", "block"]
    _print_rows(rows, columns, fmt)


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise UserError(f"unknown format '{fmt}' (one of {', '.join(allowed)})")


def _print_rows(rows: Sequence[Mapping[str, object]], columns: list[str], fmt: str) -> None:
    """Data to stdout: a table drawn by rich, or csv/json/markdown text."""
    if fmt == "table":
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        from rdd_extract.render import cell

        table = Table(*columns, box=None, pad_edge=False, highlight=False)
        for row in rows:
            table.add_row(*(escape(cell(row.get(column))) for column in columns))
        Console(highlight=False).print(table)
        return
    from rdd_extract.render import render

    sys.stdout.write(render(rows, columns, fmt))


def _stderr() -> Console:
    from rich.console import Console

    # soft_wrap: a summary line piped to a log stays one line, whatever the width
    return Console(stderr=True, highlight=False, soft_wrap=True)


class _page_progress:
    """A progress bar on stderr while PDF pages are read (nothing for a text input or when quiet)."""

    def __init__(self, console: Console, quiet: bool) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("reading pages"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=quiet or not console.is_terminal,
        )
        self._task = self._progress.add_task("pages", total=None)

    def __enter__(self) -> _page_progress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total)


def _print_summary(console: Console, extraction: Extraction, outdir: Path, n_tables: int) -> None:
    from rich.table import Table

    document, figures = extraction.document, extraction.figures
    inferred = " (page breaks inferred)" if any(page.inferred for page in document.pages) else ""
    piliers = sorted({sheet.pilier for sheet in document.sheets if sheet.pilier is not None})
    actions = [sheet for sheet in document.sheets if sheet.kind == "action"]
    rules = f"rules {extraction.rules.family}" if extraction.rules else "no rules for this report"
    console.print(
        f"{extraction.source.name}: {_count(len(document.pages), 'page')}{inferred}, "
        f"year {document.year or '?'}, "
        f"{_count(len(piliers), 'pilier')}, {_count(len(actions), 'action sheet')}, "
        f"{_count(len(figures), 'figure')} ({rules})",
        markup=False,
    )
    per_pilier = Counter(figure.pilier for figure in figures)
    sheets_per_pilier = Counter(sheet.pilier for sheet in actions)
    table = Table("pilier", "sheets", "figures", box=None, pad_edge=False)
    for pilier in [None, *piliers]:
        if per_pilier.get(pilier) or sheets_per_pilier.get(pilier):
            name = "intro" if pilier is None else str(pilier)
            table.add_row(name, str(sheets_per_pilier.get(pilier, 0)), str(per_pilier.get(pilier, 0)))
    console.print(table)
    if not actions:
        console.print("no action sheet was recognised: figures are listed per page", style="yellow")
    console.print(f"wrote {n_tables} tables to {outdir}/", markup=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _print_coverage(console: Console, extraction: Extraction) -> None:
    """Per sheet: rules matched, rules missed, figures left to the generic detector."""
    from rich.markup import escape
    from rich.table import Table

    result = extraction.result
    if extraction.rules is None:
        return
    coverage = result.coverage()
    auto = Counter(figure.sheet_id for figure in result.figures if figure.rule == "auto")
    table = Table("sheet", "pages", "matched", "missed", "auto", box=None, pad_edge=False)
    for sheet in result.document.sheets:
        matched, missed = coverage.get(sheet.sheet_id, (0, 0))
        if matched or missed or auto.get(sheet.sheet_id):
            pages = (
                str(sheet.first_page)
                if sheet.first_page == sheet.last_page
                else f"{sheet.first_page}-{sheet.last_page}"
            )
            style = "red" if missed else ""
            table.add_row(
                escape(sheet.sheet_id),
                pages,
                str(matched),
                str(missed),
                str(auto.get(sheet.sheet_id, 0)),
                style=style,
            )
    console.print(table)
    total_matched = sum(m for m, _ in coverage.values())
    total_missed = sum(m for _, m in coverage.values())
    n_auto = sum(auto.values())
    console.print(
        f"rules: {total_matched} matched, {total_missed} missed; {n_auto} figures from the generic detector",
        markup=False,
    )
    for missing in result.unbound:
        console.print(
            f"sheet '{missing.id}' ({missing.path}) not found in this report", style="yellow", markup=False
        )


def _explain(extraction: Extraction, target: str) -> None:
    """How the rules of one sheet ran, to stdout: matches with page and text, misses with the closest text."""
    from rdd_extract.extract import closest_text

    sheet_id, _, indicator = target.partition("/")
    result = extraction.result
    known = {sheet.sheet_id for sheet in result.document.sheets}
    if sheet_id not in known:
        unbound = [sheet for sheet in result.unbound if sheet.id == sheet_id]
        if unbound:
            raise UserError(
                f"sheet '{sheet_id}' has rules ({unbound[0].path}) but its title was not found in the report"
            )
        raise UserError(f"no sheet '{sheet_id}' in this report (see sheets.parquet for the ids)")
    outcomes = [
        o for o in result.outcomes if o.sheet_id == sheet_id and (not indicator or o.rule.id == indicator)
    ]
    if indicator and not outcomes:
        raise UserError(f"no rule '{indicator}' on sheet '{sheet_id}'")
    sheet = result.document.sheet(sheet_id)
    print(f"{sheet_id}: {sheet.title} (pages {sheet.first_page}-{sheet.last_page})")
    for outcome in outcomes:
        rule = outcome.rule
        head = f"  {rule.id} [{rule.unit}, {rule.kind}, line {rule.line}]"
        if outcome.error:
            print(f"{head} ERROR: {outcome.error}")
        for match in outcome.matches:
            print(f"{head} matched on page {match.page}: {' '.join(match.text.split())!r}")
        if not outcome.matches and not outcome.error:
            print(f"{head} MISSED  pattern: {rule.source}")
            closest = closest_text(result.document, sheet_id, rule)
            if closest:
                print(f"      closest text, page {closest[0]}: {closest[1]!r}")
    if not indicator:
        for figure in result.figures:
            if figure.sheet_id == sheet_id and figure.rule == "auto":
                what = f"{figure.raw!r} {figure.unit} {figure.kind}"
                print(f"  (auto) page {figure.page}: {what} - {figure.label}")


class _Interrupted(BaseException):
    """Ctrl-C, raised past the command-line library (which would turn it into a silent exit 130)."""


def _interrupt(signum: int, frame: object) -> None:
    raise _Interrupted


def main() -> None:
    """Entry point of the `rdd` script: user errors become one line and exit status 2."""
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except UserError as exc:
        print(f"rdd: error: {exc}", file=sys.stderr)
        sys.exit(2)
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
