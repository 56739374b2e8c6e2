"""The `rdd` command: a thin Typer layer over the pipeline, and the only place that prints.

Data goes to stdout, messages to stderr. A `UserError` becomes one line on
stderr and exit status 2. Heavy modules are imported inside the commands so that
`rdd --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
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
    password: Annotated[str | None, typer.Option(help="Password of an encrypted PDF.")] = None,
    report_id: Annotated[
        str | None,
        typer.Option("--report-id", help="Report id in the tables [default: from the file name and year]."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Read REPORT and write figures.parquet, pages.parquet and sheets.parquet.

    Example: rdd extract data/raw/cabbalr-rdd-2022.txt -o data/processed/2022
    """
    from rdd_extract.pipeline import extract_report, write_extraction

    console = _stderr()
    with _page_progress(console, quiet) as progress:
        extraction = extract_report(report, password=password, report=report_id, progress=progress)
    outdir = output or Path("data/processed") / extraction.report
    written = write_extraction(extraction, outdir)
    if not quiet:
        _print_summary(console, extraction, outdir, len(written))


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


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

    document = extraction.document
    inferred = " (page breaks inferred)" if any(page.inferred for page in document.pages) else ""
    piliers = sorted({sheet.pilier for sheet in document.sheets if sheet.pilier is not None})
    actions = [sheet for sheet in document.sheets if sheet.kind == "action"]
    console.print(
        f"{extraction.source.name}: {len(document.pages)} pages{inferred}, year {document.year or '?'}, "
        f"{len(piliers)} piliers, {len(actions)} action sheets, {len(extraction.figures)} figures"
    )
    per_pilier = Counter(figure.pilier for figure in extraction.figures)
    sheets_per_pilier = Counter(sheet.pilier for sheet in actions)
    table = Table("pilier", "sheets", "figures", box=None, pad_edge=False)
    for pilier in [None, *piliers]:
        if per_pilier.get(pilier) or sheets_per_pilier.get(pilier):
            table.add_row(
                "intro" if pilier is None else str(pilier),
                str(sheets_per_pilier.get(pilier, 0)),
                str(per_pilier.get(pilier, 0)),
            )
    console.print(table)
    if not actions:
        console.print("[yellow]no action sheet was recognised: figures are listed per page[/yellow]")
    console.print(f"wrote {n_tables} tables to {outdir}/")


def main() -> None:
    """Entry point of the `rdd` script: user errors become one line and exit status 2."""
    try:
        app()
    except UserError as exc:
        print(f"rdd: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("rdd: interrupted; no output was changed", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("RDD_DEBUG"):
            raise
        print(
            f"rdd: internal error: {type(exc).__name__}: {exc} (set RDD_DEBUG=1 for details)", file=sys.stderr
        )
        sys.exit(1)
