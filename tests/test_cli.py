"""The `rdd` command end to end: help, the happy path, the table contract, and bad inputs.

Most tests run `python -m rdd_extract` in a subprocess, as a user would; a few call
`rdd_extract.cli.main` in-process to reach failures that a subprocess cannot provoke.
Bad inputs are written by the tests into tmp_path; the real-world PDFs are the copies
in tests/fixtures/pdfs (from pdfplumber's test suite, see its README.md).

The contract for a bad input: exit status 2, ONE line on stderr starting with
"rdd: error: ", no traceback, nothing on stdout, and nothing written to the output
folder (no tables, no staging folder left beside it).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import rdd_extract
from rdd_extract import cli
from rdd_extract.pipeline import Extraction

from .conftest import FIXTURES, REFERENCE_TEXT, rdd

PDFS = FIXTURES / "pdfs"
TABLES = ("figures.parquet", "pages.parquet", "sheets.parquet")
PASSWORD = "test"  # password-example.pdf, as in pdfplumber's test suite

FIGURES_COLUMNS = [
    ("report", pa.string()),
    ("year", pa.int16()),
    ("pilier", pa.int8()),
    ("sheet_id", pa.string()),
    ("sheet_title", pa.string()),
    ("indicator", pa.string()),
    ("label", pa.string()),
    ("value", pa.float64()),
    ("unit", pa.string()),
    ("kind", pa.string()),
    ("qualifier", pa.string()),
    ("page", pa.int16()),
    ("raw", pa.string()),
    ("context", pa.string()),
    ("rule", pa.string()),
    ("source", pa.string()),
    ("x0", pa.float32()),
    ("top", pa.float32()),
    ("x1", pa.float32()),
    ("bottom", pa.float32()),
]
PAGES_COLUMNS = ["page", "text", "sheet_id", "inferred"]
SHEETS_COLUMNS = [
    "sheet_id",
    "title",
    "pilier",
    "first_page",
    "last_page",
    "n_figures",
    "rules_matched",
    "rules_missed",
]
NO_SHEET_TEXT = "Bonjour\n12 personnes sont venues.\n"
CP1252_TEXT = "Le Fonds de transition énergétique\n154\ndossiers validés\n"


def flat(text: str) -> str:
    """Whitespace collapsed, so that checks do not depend on where rich wraps lines."""
    return " ".join(text.split())


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one stderr line of a refused run, after checking the contract for a bad input."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {result.stderr!r}"
    assert lines[0].startswith("rdd: error: "), lines[0]
    return lines[0]


def assert_nothing_written(outdir: Path) -> None:
    """No table in `outdir` and nothing else beside it (the staging folder is removed)."""
    if outdir.exists():
        assert sorted(path.name for path in outdir.iterdir()) == []
    if outdir.parent.exists():
        assert [path.name for path in outdir.parent.iterdir() if path != outdir] == []


def assert_tables(outdir: Path) -> None:
    for name in TABLES:
        assert (outdir / name).is_file(), f"{name} missing in {outdir}"


def pages_text(outdir: Path) -> str:
    """The texts of pages.parquet, joined."""
    return "\n".join(str(text) for text in pq.read_table(outdir / "pages.parquet").column("text").to_pylist())


def snapshot(outdir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(outdir.iterdir())}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fixture_pdf(name: str, tmp_path: Path) -> Path:
    """A copy of a bundled PDF in tmp_path (the bundled files are never written to)."""
    copy = tmp_path / "in" / name
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PDFS / name, copy)
    return copy


def write_input(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def image_only_pdf(path: Path, with_image: bool) -> Path:
    """A PDF with drawings (or a bitmap) and no text at all: what a scan looks like."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        canvas.rect(72, 72, 300, 400, fill=1)
        if with_image:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            canvas.drawImage(ImageReader(Image.new("RGB", (60, 30), (200, 30, 30))), 100, 500, 240, 120)
        canvas.showPage()
    canvas.save()
    return path


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A small PDF with a real text layer."""
    from reportlab.pdfgen.canvas import Canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), invariant=1)
    for index, line in enumerate(lines):
        canvas.drawString(72, 760 - 16 * index, line)
    canvas.save()
    return path


# --- help and version ----------------------------------------------------------------------------


def test_help_lists_the_command_and_version_option() -> None:
    result = rdd("--help")
    assert result.returncode == 0, result.stderr
    assert "extract" in result.stdout
    assert "--version" in result.stdout


def test_extract_help_mentions_every_option() -> None:
    result = rdd("extract", "--help")
    assert result.returncode == 0, result.stderr
    for option in ("REPORT", "--output", "-o", "--password", "--report-id", "--quiet", "-q"):
        assert option in result.stdout, option


def test_version() -> None:
    result = rdd("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"rdd {rdd_extract.__version__}"


def test_installed_rdd_script_runs() -> None:
    script = Path(sys.executable).parent / "rdd"
    if not script.exists():
        pytest.skip("no rdd script next to this Python")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"rdd {rdd_extract.__version__}"


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "in.txt", "--no-such-option"], ["no-such-command"]],
    ids=["missing-report", "unknown-option", "unknown-command"],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(NO_SHEET_TEXT, encoding="utf-8")
    result = rdd(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.txt"]


# --- the bundled report: summary, tables, contract, determinism ----------------------------------


@pytest.fixture(scope="module")
def reference_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> list[tuple[subprocess.CompletedProcess[str], Path]]:
    """The bundled 2022 report extracted twice, into two folders."""
    runs = []
    for name in ("first", "second"):
        outdir = tmp_path_factory.mktemp(name) / "cabbalr-out"
        runs.append((rdd("extract", REFERENCE_TEXT, "-o", outdir), outdir))
    return runs


def test_reference_run_succeeds_with_a_summary(
    reference_runs: list[tuple[subprocess.CompletedProcess[str], Path]],
) -> None:
    result, outdir = reference_runs[0]
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert_tables(outdir)
    summary = flat(result.stderr)
    for words in ("59 pages", "5 piliers", "51 action sheets", outdir.name):
        assert words in summary, (words, result.stderr)
    assert "no action sheet was recognised" not in summary


def test_summary_lines_are_not_wrapped_on_a_pipe(tmp_path: Path) -> None:
    outdir = tmp_path / ("a-long-folder-name-" * 4) / "out"
    result = rdd("extract", REFERENCE_TEXT, "-o", outdir)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "51 action sheets" in lines[0]
    assert f"wrote 3 tables to {outdir}/" in lines


def test_figures_table_has_the_contract_columns_and_types(
    reference_runs: list[tuple[subprocess.CompletedProcess[str], Path]],
    reference_extraction: Extraction,
) -> None:
    _, outdir = reference_runs[0]
    schema = pq.read_schema(outdir / "figures.parquet")
    assert [(field.name, field.type) for field in schema] == FIGURES_COLUMNS
    # The file holds every figure the library found, not a sample or the first batch.
    assert pq.read_metadata(outdir / "figures.parquet").num_rows == len(reference_extraction.figures)


def test_pages_and_sheets_tables_have_the_contract_columns(
    reference_runs: list[tuple[subprocess.CompletedProcess[str], Path]],
) -> None:
    _, outdir = reference_runs[0]
    assert pq.read_schema(outdir / "pages.parquet").names == PAGES_COLUMNS
    assert pq.read_schema(outdir / "sheets.parquet").names == SHEETS_COLUMNS
    assert pq.read_metadata(outdir / "pages.parquet").num_rows == 59  # printed pages 2-60: no cover text


@pytest.mark.parametrize("table", TABLES)
def test_tables_carry_schema_tool_and_input_metadata(
    table: str, reference_runs: list[tuple[subprocess.CompletedProcess[str], Path]]
) -> None:
    _, outdir = reference_runs[0]
    from rdd_extract.rules import bundled_rules_root, load_rulepack

    metadata = {
        key.decode(): value.decode()
        for key, value in pq.read_schema(outdir / table).metadata.items()
        if key.startswith(b"rdd_extract.")
    }
    assert metadata == {
        "rdd_extract.schema_version": "2",
        "rdd_extract.tool_version": rdd_extract.__version__,
        "rdd_extract.input_sha256": sha256(REFERENCE_TEXT),
        "rdd_extract.report": "cabbalr-2022",
        "rdd_extract.rules_family": "cabbalr",
        "rdd_extract.rules_digest": load_rulepack(bundled_rules_root() / "cabbalr").digest,
    }  # no time stamp unless --created-at


def test_two_runs_write_byte_identical_tables(
    reference_runs: list[tuple[subprocess.CompletedProcess[str], Path]],
) -> None:
    (first, first_dir), (second, second_dir) = reference_runs
    assert first.returncode == second.returncode == 0
    for name in TABLES:
        assert (first_dir / name).read_bytes() == (second_dir / name).read_bytes(), name


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    result = rdd("extract", report, "-o", tmp_path / "out", "--quiet")
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert_tables(tmp_path / "out")


def test_default_output_folder_is_under_data_processed(tmp_path: Path) -> None:
    report = write_input(tmp_path, "ville-rdd.txt", NO_SHEET_TEXT.encode())
    result = rdd("extract", report, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folders = list((tmp_path / "data" / "processed").iterdir())
    assert [folder.name for folder in folders] == ["ville"]
    assert_tables(folders[0])


# --- text exports --------------------------------------------------------------------------------


def test_text_without_sheets_is_read_and_says_so(tmp_path: Path) -> None:
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    outdir = tmp_path / "out"
    result = rdd("extract", report, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert "no action sheet was recognised" in flat(result.stderr)
    assert 12.0 in pq.read_table(outdir / "figures.parquet").column("value").to_pylist()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_text_exports_in_other_encodings_are_read(tmp_path: Path, encoding: str) -> None:
    report = write_input(tmp_path, "fonds.txt", CP1252_TEXT.encode(encoding))
    outdir = tmp_path / "out"
    result = rdd("extract", report, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert 154.0 in pq.read_table(outdir / "figures.parquet").column("value").to_pylist()
    text = pages_text(outdir)
    assert text.startswith("Le Fonds de transition énergétique") and "validés" in text
    metadata = pq.read_schema(outdir / "figures.parquet").metadata
    assert metadata[b"rdd_extract.input_sha256"].decode() == sha256(report)


# --- bad inputs ----------------------------------------------------------------------------------

InputMaker = Callable[[Path], Path]


def _truncated_pdf(tmp_path: Path) -> Path:
    return write_input(tmp_path, "truncated.pdf", (PDFS / "2023-06-20-PV.pdf").read_bytes()[:1024])


def _random_bytes(tmp_path: Path) -> Path:
    data = hashlib.sha256(b"seed").digest() * 100  # fixed, no %PDF header, no NUL needed
    return write_input(tmp_path, "random.pdf", data)


def _binary_txt(tmp_path: Path) -> Path:
    return write_input(tmp_path, "binary.txt", b"Rapport\x00\x01\x02\x00" * 50)


def _undecodable_txt(tmp_path: Path) -> Path:
    data = b"Rapport 2022\n12 arbres plant\xe9s\n" + b"\x81\x8d\x8f\x90\x9d" * 20 + b"\nfin\n"
    return write_input(tmp_path, "undecodable.txt", data)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in" / "rapport.pdf"
    folder.mkdir(parents=True)
    return folder


BAD_INPUTS: list[tuple[str, InputMaker, list[str], list[str]]] = [
    ("missing", lambda tmp: tmp / "in" / "absent.pdf", [], ["does not exist"]),
    ("folder", _folder, [], ["holds no report"]),
    ("empty-txt", lambda tmp: write_input(tmp, "empty.txt", b""), [], ["is empty"]),
    ("empty-pdf", lambda tmp: fixture_pdf("empty.pdf", tmp), [], ["is empty"]),
    ("whitespace-txt", lambda tmp: write_input(tmp, "blank.txt", b"  \n\n\t \n"), [], ["has no text"]),
    ("random-bytes-pdf", _random_bytes, [], ["not a PDF"]),
    ("text-named-pdf", lambda tmp: write_input(tmp, "notes.pdf", NO_SHEET_TEXT.encode()), [], ["not a PDF"]),
    ("truncated-pdf", _truncated_pdf, [], ["not a readable PDF"]),
    (
        "header-only-pdf",
        lambda tmp: write_input(tmp, "header.pdf", b"%PDF-1.7\n"),
        [],
        ["not a readable PDF"],
    ),
    (
        "encrypted-no-password",
        lambda tmp: fixture_pdf("password-example.pdf", tmp),
        [],
        ["encrypted", "--password"],
    ),
    (
        "encrypted-wrong-password",
        lambda tmp: fixture_pdf("password-example.pdf", tmp),
        ["--password", "wrong"],
        ["encrypted", "password", "does not open"],
    ),
    (
        "image-only-pdf",
        lambda tmp: image_only_pdf(tmp / "in" / "scan.pdf", with_image=False),
        [],
        ["no text layer", "scanned", "OCR"],
    ),
    (
        "bitmap-only-pdf",
        lambda tmp: image_only_pdf(tmp / "in" / "scan.pdf", with_image=True),
        [],
        ["no text layer", "scanned", "OCR"],
    ),
    ("binary-txt", _binary_txt, [], ["not a text file"]),
    ("undecodable-txt", _undecodable_txt, [], ["neither UTF-8 nor Windows-1252"]),
    (
        "broken-utf16-txt",
        lambda tmp: write_input(tmp, "utf16.txt", b"\xff\xfe" + CP1252_TEXT.encode("utf-16-le")[:-1]),
        [],
        ["utf16.txt", "not valid UTF-16"],
    ),
]


@pytest.mark.parametrize(
    ("make", "extra", "words"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_is_refused_with_one_line(
    make: InputMaker, extra: list[str], words: list[str], tmp_path: Path
) -> None:
    report = make(tmp_path)
    outdir = tmp_path / "outputs" / "out"
    result = rdd("extract", report, "-o", outdir, *extra)
    line = error_line(result)
    for word in words:
        assert word in line, (word, line)
    assert report.name in line  # the message names the input
    assert_nothing_written(outdir)


def test_encrypted_pdf_opens_with_its_password(tmp_path: Path) -> None:
    report = fixture_pdf("password-example.pdf", tmp_path)
    outdir = tmp_path / "out"
    result = rdd("extract", report, "-o", outdir, "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    assert_tables(outdir)
    assert pq.read_metadata(outdir / "pages.parquet").num_rows == 4
    metadata = pq.read_schema(outdir / "figures.parquet").metadata
    assert metadata[b"rdd_extract.input_sha256"].decode() == sha256(report)


def test_output_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    target = tmp_path / "out.parquet"
    target.write_bytes(b"not a folder")
    line = error_line(rdd("extract", report, "-o", target))
    assert "exists and is not a folder" in line
    assert target.read_bytes() == b"not a folder"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out.parquet"]


def test_output_path_under_a_file_is_refused(tmp_path: Path) -> None:
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    (tmp_path / "afile").write_bytes(b"x")
    line = error_line(rdd("extract", report, "-o", tmp_path / "afile" / "out"))
    assert "cannot write" in line
    assert sorted(path.name for path in tmp_path.iterdir()) == ["afile", "in"]


def test_pdf_with_no_page_is_refused(tmp_path: Path) -> None:
    import pypdfium2

    path = tmp_path / "in" / "nopage.pdf"
    path.parent.mkdir()
    document = pypdfium2.PdfDocument.new()
    document.save(str(path))
    document.close()
    outdir = tmp_path / "outputs" / "out"
    line = error_line(rdd("extract", path, "-o", outdir))
    assert "nopage.pdf" in line
    assert_nothing_written(outdir)


# --- real-world PDFs (copies from pdfplumber's test suite) ---------------------------------------


@pytest.mark.parametrize(
    ("name", "pages", "figures", "texts"),
    [
        # malformed (pdfplumber issue 932); of its date "2021 3 31" the 3 is read, not the day after it
        ("malformed-from-issue-932.pdf", 1, 1, ["2021 3 31"]),
        # a rotated table page: no "00" cells (leading zeros number things), no "Page 1 of 205"
        ("nics-background-checks-2015-11-rotated.pdf", 1, 1139, ["Alabama"]),
        (
            "2023-06-20-PV.pdf",
            2,
            2,
            ["PROCÈS-VERBAL", "Séance publique"],
        ),  # accents kept; the cost and 43 places (street and file numbers are none)
        ("issue-848.pdf", 8, 8, ["The movie opens"]),  # junk before the %PDF header
    ],
)
def test_real_world_pdfs_are_read(
    tmp_path: Path, name: str, pages: int, figures: int, texts: list[str]
) -> None:
    outdir = tmp_path / "outputs" / "out"
    result = rdd("extract", PDFS / name, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert f"{name}: {_count(pages, 'page')}, year ?, 0 piliers, 0 action sheets" in flat(result.stderr)
    assert "no action sheet was recognised" in flat(result.stderr)
    assert [path.name for path in outdir.parent.iterdir()] == ["out"]  # nothing beside the tables
    assert_tables(outdir)
    assert pq.read_metadata(outdir / "pages.parquet").num_rows == pages
    assert pq.read_metadata(outdir / "figures.parquet").num_rows == figures
    text = pages_text(outdir)
    assert all(snippet in text for snippet in texts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def test_text_pdf_made_here_is_read(tmp_path: Path) -> None:
    report = text_pdf(tmp_path / "in" / "fonds.pdf", ["Le Fonds de transition énergétique", "154 dossiers"])
    outdir = tmp_path / "out"
    result = rdd("extract", report, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert 154.0 in pq.read_table(outdir / "figures.parquet").column("value").to_pylist()


# --- atomicity -----------------------------------------------------------------------------------


@pytest.fixture
def previous_outputs(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding the tables of an earlier good run, and their bytes."""
    report = write_input(tmp_path, "good.txt", NO_SHEET_TEXT.encode())
    outdir = tmp_path / "outputs" / "out"
    result = rdd("extract", report, "-o", outdir)
    assert result.returncode == 0, result.stderr
    before = snapshot(outdir)
    assert sorted(before) == sorted(TABLES)
    return outdir, before


ATOMICITY_INPUTS: list[tuple[str, InputMaker, list[str]]] = [
    ("random-bytes-pdf", _random_bytes, []),
    ("encrypted", lambda tmp: fixture_pdf("password-example.pdf", tmp), []),
    ("encrypted-wrong-password", lambda tmp: fixture_pdf("password-example.pdf", tmp), ["--password", "x"]),
    ("image-only", lambda tmp: image_only_pdf(tmp / "in" / "scan.pdf", with_image=False), []),
    ("undecodable", _undecodable_txt, []),
]


@pytest.mark.parametrize(
    ("make", "extra"), [case[1:] for case in ATOMICITY_INPUTS], ids=[case[0] for case in ATOMICITY_INPUTS]
)
def test_failed_run_leaves_previous_outputs_untouched(
    make: InputMaker, extra: list[str], previous_outputs: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    outdir, before = previous_outputs
    error_line(rdd("extract", make(tmp_path), "-o", outdir, *extra))
    assert snapshot(outdir) == before
    assert [path.name for path in outdir.parent.iterdir()] == ["out"]


def test_new_run_replaces_previous_outputs(
    previous_outputs: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    outdir, before = previous_outputs
    report = write_input(tmp_path, "fonds.txt", CP1252_TEXT.encode("cp1252"))
    result = rdd("extract", report, "-o", outdir)
    assert result.returncode == 0, result.stderr
    after = snapshot(outdir)
    assert sorted(after) == sorted(TABLES)
    assert after["figures.parquet"] != before["figures.parquet"]
    assert [path.name for path in outdir.parent.iterdir()] == ["out"]


# --- in-process: cli.main ------------------------------------------------------------------------


def call_main(monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> int:
    """Run `rdd ARGS` through cli.main in this process; returns the exit status."""
    monkeypatch.setattr(sys, "argv", ["rdd", *map(str, args)])
    monkeypatch.delenv("RDD_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    code = exit_info.value.code
    return code if isinstance(code, int) else (0 if code is None else 1)


def test_main_success_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    assert call_main(monkeypatch, "extract", report, "-o", tmp_path / "out", "-q") == 0
    assert capsys.readouterr().err == ""
    assert_tables(tmp_path / "out")


def test_main_user_error_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert call_main(monkeypatch, "extract", tmp_path / "absent.txt", "-o", tmp_path / "out") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"rdd: error: {tmp_path / 'absent.txt'} does not exist\n"
    assert not (tmp_path / "out").exists()


def test_main_encrypted_pdf_asks_for_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = fixture_pdf("password-example.pdf", tmp_path)
    assert call_main(monkeypatch, "extract", report, "-o", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("rdd: error: ")
    assert "--password" in err


def test_main_internal_error_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import rdd_extract.pipeline

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(rdd_extract.pipeline, "extract_report", boom)
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    assert call_main(monkeypatch, "extract", report, "-o", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("rdd: internal error: RuntimeError: boom")
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_main_interrupt_exits_130_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import rdd_extract.pipeline

    def interrupted(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C sends

    monkeypatch.setattr(rdd_extract.pipeline, "extract_report", interrupted)
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    assert call_main(monkeypatch, "extract", report, "-o", tmp_path / "out") == 130
    assert not (tmp_path / "out").exists()
    assert capsys.readouterr().err.startswith("rdd: interrupted")


def fail_second_call(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, error: OSError) -> None:
    """Make the second call of owner.name raise `error` (the first and later ones go through)."""
    real = getattr(owner, name)
    calls: list[object] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == 2:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)


@pytest.mark.parametrize(
    ("owner", "name", "error"),
    [
        (pq, "write_table", OSError(28, "No space left on device")),  # while the second table is written
        (os, "replace", OSError(5, "Input/output error")),  # while the tables are moved into place
    ],
)
def test_a_failed_write_keeps_previous_outputs(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    previous_outputs: tuple[Path, dict[str, bytes]],
    tmp_path: Path,
    owner: object,
    name: str,
    error: OSError,
) -> None:
    """Exit 2 with one line, the old tables stay whole and no temporary folder is left."""
    outdir, before = previous_outputs
    report = write_input(tmp_path, "fonds.txt", CP1252_TEXT.encode("cp1252"))
    fail_second_call(monkeypatch, owner, name, error)
    assert call_main(monkeypatch, "extract", report, "-o", outdir, "-q") == 2
    err = capsys.readouterr().err
    assert err.startswith("rdd: error: cannot write")
    assert err.count("\n") == 1
    assert snapshot(outdir) == before
    assert [path.name for path in outdir.parent.iterdir()] == ["out"]


# --- paths that look like rich markup ------------------------------------------------------------


def test_summary_prints_the_output_path_literally(tmp_path: Path) -> None:
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    outdir = tmp_path / "[draft]" / "out"
    result = rdd("extract", report, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert f"wrote 3 tables to {outdir}/" in result.stderr.replace("\n", "")  # whatever the wrapping


def test_output_path_with_a_closing_tag_is_not_an_internal_error(tmp_path: Path) -> None:
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    outdir = tmp_path / "o[" / "i]"  # printed as .../o[/i]
    result = rdd("extract", report, "-o", outdir)
    assert "internal error" not in result.stderr
    assert result.returncode == 0, result.stderr


def test_report_name_with_brackets_is_read(tmp_path: Path) -> None:
    report = write_input(tmp_path, "rapport[2022].txt", NO_SHEET_TEXT.encode())
    outdir = tmp_path / "out"
    result = rdd("extract", report, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert_tables(outdir)


# --- the coverage table: which sheets it lists, and which it points to --explain -------------------------


def _rule(word: str) -> str:
    return (
        f'\n[[figure]]\nid = "{word}"\nlabel = "{word}"\npattern = \'{{int:value}} {word}\'\n'
        'unit = "count"\nkind = "actual"\n'
    )


COVERAGE_FAMILY = {
    "_family.toml": '[family]\nid = "cov"\nname = "Cov"\nmatch = \'B[ée]thune\'\n',
    "jardins.toml": '[sheet]\nid = "jardins"\ntitle = "Les jardins partagés"\npilier = 1\n'
    "match = 'jardins partag[ée]s'\n" + _rule("arbres") + _rule("mares") + _rule("ruches"),
    "compost.toml": '[sheet]\nid = "compost"\ntitle = "Le compostage collectif"\npilier = 1\n'
    "match = 'compostage collectif'\n" + _rule("composteurs"),
}
# Page 1 a cover; page 2 'jardins': arbres and mares found, ruches missed, no figure left over;
# pages 3-4 'compost': its one rule found, '250 foyers' and '7 bacs' left to the generic detector.
COVERAGE_REPORT = (
    "Communauté d'agglomération de Béthune-Bruay\n"
    "\fLes jardins partagés\n\nEn 2022, 12 arbres plantés et 3 mares creusées.\n"
    "\fLe compostage collectif\n\nEn 2022, 40 composteurs installés pour 250 foyers.\n"
    "\fSuite du compostage : 7 bacs livrés.\n"
)


def coverage_family(tmp_path: Path) -> Path:
    family = tmp_path / "rules" / "cov"
    if not family.exists():
        family.mkdir(parents=True)
        for name, text in COVERAGE_FAMILY.items():
            (family / name).write_text(text, encoding="utf-8")
    return family


def coverage_run(tmp_path: Path, *args: str, report: str = COVERAGE_REPORT) -> list[str]:
    """The lines `rdd extract` prints after its summary (the coverage part), on the tiny family."""
    family = coverage_family(tmp_path)
    source = write_input(tmp_path, "cov-2022.txt", report.encode())
    outdir = tmp_path / "out"
    result = rdd("extract", source, "-o", outdir, "--rules", family, *args)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    return lines[lines.index(f"wrote 3 tables to {outdir}/") + 1 :]


def test_coverage_points_to_explain_for_a_sheet_whose_rule_missed_not_for_its_auto_figures(
    tmp_path: Path,
) -> None:
    """--coverage lists every sheet with rules or figures; only 'jardins' (1 missed) gets the pointer,
    not 'compost' (none missed, 2 figures left to the generic detector)."""
    assert coverage_run(tmp_path, "--coverage") == [
        "sheet    pages  matched  missed                   auto",
        "jardins  2      2        1  <- --explain jardins  0",
        "compost  3-4    1        0                        2",
        "rules: 3 matched, 1 missed; 2 figures from the generic detector",
    ]


def test_without_coverage_the_table_lists_only_sheets_whose_rule_missed(tmp_path: Path) -> None:
    assert coverage_run(tmp_path) == [
        "sheet    pages  matched  missed                   auto",
        "jardins  2      2        1  <- --explain jardins  0",
        "rules: 3 matched, 1 missed; 2 figures from the generic detector",
    ]


def test_coverage_when_no_rule_missed(tmp_path: Path) -> None:
    """Every rule found: no table unless asked for, and then no sheet is pointed to --explain."""
    report = COVERAGE_REPORT.replace("3 mares creusées.", "3 mares creusées, 9 ruches.")
    assert coverage_run(tmp_path, report=report) == [
        "rules: 4 matched, 0 missed; 2 figures from the generic detector"
    ]
    assert coverage_run(tmp_path, "--coverage", report=report) == [
        "sheet    pages  matched  missed  auto",
        "jardins  2      3        0       0",
        "compost  3-4    1        0       2",
        "rules: 4 matched, 0 missed; 2 figures from the generic detector",
    ]


def _family_with_a_sheet_not_found(tmp_path: Path) -> tuple[str, Path]:
    """The coverage report with '9 ruches' more, and its family with a sheet 'absente' it does not hold."""
    report = COVERAGE_REPORT.replace("3 mares creusées.", "3 mares creusées, 9 ruches.")
    family = coverage_family(tmp_path)
    (family / "absente.toml").write_text(
        '[sheet]\nid = "absente"\ntitle = "Une fiche absente"\nmatch = \'fiche absente\'\n' + _rule("bancs"),
        encoding="utf-8",
    )
    return report, family


def test_coverage_names_a_rule_sheet_not_found(tmp_path: Path) -> None:
    """A sheet not found has no row (none of its rules ran): the totals, then the sheet named."""
    report, family = _family_with_a_sheet_not_found(tmp_path)
    assert coverage_run(tmp_path, report=report) == [
        "rules: 4 matched, 0 missed; 2 figures from the generic detector",
        f"sheet 'absente' ({family / 'absente.toml'}) not found in this report",
    ]


def _rules_root_run(tmp_path: Path, report: str, *args: str) -> tuple[str, list[str]]:
    """`rdd extract` with --rules naming the folder of families (not one family): the report's own text
    picks the family. The summary's first line, then the lines after the summary (the coverage part)."""
    coverage_family(tmp_path)
    source = write_input(tmp_path, "cov-2022.txt", report.encode())
    outdir = tmp_path / "out"
    result = rdd("extract", source, "-o", outdir, "--rules", tmp_path / "rules", *args)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    return lines[0], lines[lines.index(f"wrote 3 tables to {outdir}/") + 1 :]


@pytest.mark.parametrize("args", [[], ["--coverage"]])
def test_coverage_says_nothing_for_a_report_no_rule_family_fits(tmp_path: Path, args: list[str]) -> None:
    """No 'Béthune' in the text: the family 'cov' does not fit, the report has no rules, so there is no
    table and no 'rules:' line, even with --coverage (no '0 matched, 0 missed' for rules never chosen)."""
    report = COVERAGE_REPORT.replace("Béthune", "Valmont")
    first, coverage = _rules_root_run(tmp_path, report, *args)
    assert first == (
        "cov-2022.txt: 4 pages, year 2022, 0 piliers, 0 action sheets, 5 figures (no rules for this report)"
    )
    assert coverage == []


def test_coverage_of_a_family_picked_from_the_folder_of_families(tmp_path: Path) -> None:
    """'Béthune' in the text picks the family 'cov': the same coverage as when --rules names it."""
    first, coverage = _rules_root_run(tmp_path, COVERAGE_REPORT)
    assert first == "cov-2022.txt: 4 pages, year 2022, 0 piliers, 0 action sheets, 5 figures (rules cov)"
    assert coverage == [
        "sheet    pages  matched  missed                   auto",
        "jardins  2      2        1  <- --explain jardins  0",
        "rules: 3 matched, 1 missed; 2 figures from the generic detector",
    ]
    assert _rules_root_run(tmp_path, COVERAGE_REPORT, "--coverage")[1] == [
        "sheet    pages  matched  missed                   auto",
        "jardins  2      2        1  <- --explain jardins  0",
        "compost  3-4    1        0                        2",
        "rules: 3 matched, 1 missed; 2 figures from the generic detector",
    ]


def test_explain_lists_the_rules_then_only_the_generic_detectors_figures(tmp_path: Path) -> None:
    """--explain compost: its rule's match, then the two figures left to the generic detector as
    '(auto)', not '40 composteurs' again, which its rule named; with SHEET/INDICATOR, no '(auto)' lines;
    'jardins' has no auto figure."""
    family = coverage_family(tmp_path)
    source = write_input(tmp_path, "cov-2022.txt", COVERAGE_REPORT.encode())

    def explain(target: str) -> list[str]:
        result = rdd("extract", source, "-o", tmp_path / "out", "--rules", family, "--explain", target)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    rule = "  composteurs [count, actual, line 8] matched on page 3: '40 composteurs'"
    assert explain("compost") == [
        "compost: Le compostage collectif (pages 3-4)",
        rule,
        "  (auto) page 3: '250' count actual - foyers",
        "  (auto) page 4: '7' count actual - bacs livrés",
    ]
    assert explain("compost/composteurs") == ["compost: Le compostage collectif (pages 3-4)", rule]
    assert explain("jardins") == [
        "jardins: Les jardins partagés (pages 2-2)",
        "  arbres [count, actual, line 8] matched on page 2: '12 arbres'",
        "  mares [count, actual, line 15] matched on page 2: '3 mares'",
        "  ruches [count, actual, line 22] MISSED  pattern: {int:value} ruches",
    ]


# --- show -o FILE: the format written -------------------------------------------------------------

SHOW_MARKDOWN = (
    "| sheet_id | indicator | value | unit |\n"
    "|---|---|---|---|\n"
    "| jardins | arbres | 12 | count |\n"
    "| jardins | mares | 3 | count |\n"
)
SHOW_CSV = "sheet_id,indicator,value,unit\njardins,arbres,12,count\njardins,mares,3,count\n"
SHOW_JSON = (
    '[\n {\n  "sheet_id": "jardins",\n  "indicator": "arbres",\n  "value": 12.0,\n  "unit": "count"\n },\n'
    ' {\n  "sheet_id": "jardins",\n  "indicator": "mares",\n  "value": 3.0,\n  "unit": "count"\n }\n]\n'
)


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        # A file has no terminal: '--format table' is written as a markdown table, whatever the suffix.
        ("a.txt", ["--format", "table"], SHOW_MARKDOWN),
        ("a.csv", ["--format", "table"], SHOW_MARKDOWN),
        # No --format: the suffix names it (any case); an unknown suffix down a pipe gives csv.
        ("a.txt", [], SHOW_CSV),
        ("a.md", [], SHOW_MARKDOWN),
        ("a.JSON", [], SHOW_JSON),
        ("a.csv", [], SHOW_CSV),
        # --format beats the suffix.
        ("a.md", ["--format", "csv"], SHOW_CSV),
        ("a.MD", ["--format", "json"], SHOW_JSON),
        ("a.json", ["--format", "markdown"], SHOW_MARKDOWN),
    ],
)
def test_show_to_a_file_writes_the_chosen_format(
    tmp_path: Path, name: str, args: list[str], expected: str
) -> None:
    """The two 'jardins' figures of the coverage report (12 arbres, 3 mares) written to -o FILE:
    nothing on stdout, the file in the format chosen, and the row count on stderr."""
    coverage_run(tmp_path)
    target = tmp_path / name
    result = rdd(
        "show", tmp_path / "out", "--sheet", "jardins", "--columns", "sheet_id,indicator,value,unit",
        "-o", target, *args,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote 2 rows to {target}\n"
    assert target.read_text(encoding="utf-8") == expected


# --- the summary of rdd extract: one row per pilier that has figures or action sheets ---------------


def test_reference_summary_table_counts_every_figure_under_a_pilier_or_intro(
    reference_runs: list[tuple[subprocess.CompletedProcess[str], Path]],
) -> None:
    """The 12 figures before the first pilier (the édito, no action sheet) get their 'intro' row:
    with it the rows add up to the 505 figures and 51 action sheets of the first line."""
    result, outdir = reference_runs[0]
    lines = result.stderr.splitlines()
    start = lines.index("pilier  sheets  figures")
    assert lines[start : start + 8] == [
        "pilier  sheets  figures",
        "intro   0       12",
        "1       7       89",
        "2       9       84",
        "3       8       74",
        "4       16      151",
        "5       11      95",
        f"wrote 3 tables to {outdir}/",
    ]


def test_summary_of_a_text_without_sheets_keeps_its_intro_row(tmp_path: Path) -> None:
    """No pilier and no action sheet: the one figure ('12 personnes') is counted in the intro row."""
    report = write_input(tmp_path, "notes.txt", NO_SHEET_TEXT.encode())
    result = rdd("extract", report, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "notes.txt: 1 page (page breaks inferred), year ?, 0 piliers, 0 action sheets, 1 figure"
        " (no rules for this report)\n"
        "pilier  sheets  figures\n"
        "intro   0       1\n"
        "no action sheet was recognised: figures are listed per page\n"
        f"wrote 3 tables to {tmp_path / 'out'}/\n"
    )


def test_summary_rows_are_the_piliers_with_figures_or_action_sheets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A made-up document: pilier 1 has sheets and figures, pilier 2 an action sheet and no figure,
    pilier 3 figures on its divider and no action sheet (each keeps a row), pilier 4 a divider alone
    and the intro nothing (no row). Divider and intro sheets are not action sheets."""
    from types import SimpleNamespace
    from typing import cast

    from rdd_extract.layout import Page, Sheet

    def sheet(sheet_id: str, pilier: int | None, kind: str) -> Sheet:
        return Sheet(sheet_id, sheet_id, pilier, 1, 1, kind)

    sheets = (
        sheet("edito", None, "intro"),
        sheet("pilier-1", 1, "pilier"),
        sheet("a", 1, "action"),
        sheet("b", 1, "action"),
        sheet("pilier-2", 2, "pilier"),
        sheet("c", 2, "action"),
        sheet("pilier-3", 3, "pilier"),
        sheet("pilier-4", 4, "pilier"),
    )
    document = SimpleNamespace(
        pages=(Page(1, "", False), Page(2, "", True), Page(3, "", False)), year=2022, sheets=sheets
    )
    figures = [SimpleNamespace(pilier=pilier) for pilier in (1, 1, 1, 3, 3)]
    extraction = SimpleNamespace(
        document=document, figures=figures, rules=SimpleNamespace(family="fam"), source=Path("in/r.txt")
    )
    cli._print_summary(cast(Extraction, extraction), Path("out"), 3)
    assert capsys.readouterr().err.splitlines() == [
        "r.txt: 3 pages (page breaks inferred), year 2022, 4 piliers, 3 action sheets, 5 figures (rules fam)",
        "pilier  sheets  figures",
        "1       2       3",
        "2       1       0",
        "3       0       2",
        "wrote 3 tables to out/",
    ]


# --- rdd diff: generic-detector figures that could not be paired -----------------------------------


def _diff_figures_file(path: Path, rules: dict[str, tuple[float, str]]) -> Path:
    """A figures.parquet of one sheet: {indicator: (value, rule)}; rule 'auto' is the generic detector."""
    from dataclasses import replace

    from rdd_extract.figures import Figure
    from rdd_extract.tables import figures_table

    template = Figure(
        "r", 2022, 1, "s", "S", "i", "i", 0.0, "count", "actual", None, 3, "0", "c", "i", "r.txt"
    )
    figures = [
        replace(template, indicator=name, label=name, value=value, raw=str(value), rule=rule)
        for name, (value, rule) in rules.items()
    ]
    pq.write_table(figures_table(figures, {}), path)
    return path


PAIRING = " generic-detector figures could not be paired (no figure of the same label in the other year)"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # an auto figure gone this year is unpaired, as is one new this year
        (
            {"gone": (3, "auto")},
            {},
            "1 indicator compared: 0 changed, 0 unchanged, 0 added, 1 removed; 1" + PAIRING,
        ),
        (
            {},
            {"new": (4, "auto")},
            "1 indicator compared: 0 changed, 0 unchanged, 1 added, 0 removed; 1" + PAIRING,
        ),
        # both, beside a rule figure removed and added (not counted: a rule's key is stable) and an
        # auto figure found both years under its label (paired, changed or not)
        (
            {"gone": (3, "auto"), "kept": (5, "auto"), "moved": (1, "auto"), "r-old": (2, "r-old")},
            {"new": (4, "auto"), "kept": (5, "auto"), "moved": (2, "auto"), "r-new": (2, "r-new")},
            "6 indicators compared: 1 changed, 1 unchanged, 2 added, 2 removed; 2" + PAIRING,
        ),
        # rule figures only: nothing to say about pairing
        (
            {"r-old": (2, "r-old")},
            {"r-new": (2, "r-new")},
            "2 indicators compared: 0 changed, 0 unchanged, 1 added, 1 removed",
        ),
    ],
    ids=["removed", "added", "both", "rules-only"],
)
def test_diff_counts_the_generic_detector_figures_added_or_removed(
    tmp_path: Path, old: dict[str, tuple[float, str]], new: dict[str, tuple[float, str]], message: str
) -> None:
    before = _diff_figures_file(tmp_path / "old.parquet", old)
    after = _diff_figures_file(tmp_path / "new.parquet", new)
    run = rdd("diff", before, after, "--format", "csv")
    assert run.returncode == 0, run.stderr
    assert run.stderr == message + "\n"


@pytest.mark.parametrize(
    ("option", "shown"),
    [(["--status", "changed"], "1 changed, 1 unchanged, 1 added, 1 removed; 1 shown"),
     (["--only-changed"], "1 changed, 1 unchanged, 1 added, 1 removed; 3 shown")],
)  # fmt: skip
def test_diff_counts_what_was_compared_not_what_the_filters_show(
    tmp_path: Path, option: list[str], shown: str
) -> None:
    """The counts are of every row compared: the 'same' row that --only-changed hides is still one
    unchanged, and the two unpaired auto figures are counted whether they are shown or not."""
    old = {"gone": (3.0, "auto"), "moved": (1.0, "r"), "same": (5.0, "s")}
    new = {"new": (4.0, "auto"), "moved": (2.0, "r"), "same": (5.0, "s")}
    before = _diff_figures_file(tmp_path / "old.parquet", old)
    after = _diff_figures_file(tmp_path / "new.parquet", new)
    run = rdd("diff", before, after, "--format", "csv", *option)
    assert run.returncode == 0, run.stderr
    assert run.stderr == f"4 indicators compared: {shown}; 2{PAIRING}\n"


# --- usage errors name the command they are about --------------------------------------------------


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["rules", "check", "--bogus"], "No such option: --bogus (see rdd rules check --help)"),
        (["rules", "list", "--bogus"], "No such option: --bogus (see rdd rules list --help)"),
        (["rules", "init"], "Missing argument 'REPORT' (see rdd rules init --help)"),
        (["rules", "--bogus"], "No such option: --bogus (see rdd rules --help)"),
        (["show"], "Missing argument 'FIGURES' (see rdd show --help)"),
        (["--bogus"], "No such option: --bogus (see rdd --help)"),
        # an option missing its value: click gives no context, the words typed name the command
        (["extract", "r.txt", "-o"], "Option '-o' requires an argument (see rdd extract --help)"),
        (["rules", "init", "r.txt", "-o"], "Option '-o' requires an argument (see rdd rules init --help)"),
        (
            ["diff", "a", "b", "--min-change"],
            "Option '--min-change' requires an argument (see rdd diff --help)",
        ),
    ],
)
def test_a_usage_error_points_to_the_help_of_its_command(args: list[str], line: str) -> None:
    """Nested commands in the order typed ('rdd rules check', not 'rdd check rules')."""
    result = rdd(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"rdd: error: {line}\n")


def test_the_command_of_a_context_is_its_names_from_the_root_down() -> None:
    """Three levels under the root: the root's own name (how Python was started) is not used."""
    from types import SimpleNamespace

    root = SimpleNamespace(info_name="__main__.py", parent=None)
    group = SimpleNamespace(info_name="rules", parent=root)
    middle = SimpleNamespace(info_name="family", parent=group)
    leaf = SimpleNamespace(info_name="check", parent=middle)
    assert cli._command(leaf) == "rdd rules family check"
    assert cli._command(group) == "rdd rules"
    assert cli._command(root) == "rdd"
    assert cli._command(None) == "rdd"  # an error click raised with no context


# --- rdd rules check and rdd rules list on a root of two families ----------------------------------------


def _figure_rule(word: str, extra: str = "") -> str:
    return (
        f'\n[[figure]]\nid = "{word}"\nlabel = "{word}"\npattern = \'{{int:value}} {word}\'\n'
        f'unit = "count"\nkind = "actual"\n{extra}'
    )


def _sheet_head(sheet_id: str, pilier: str = "") -> str:
    return f'[sheet]\nid = "{sheet_id}"\ntitle = "{sheet_id}"\n{pilier}match = \'{sheet_id}\'\n'


def two_families(tmp_path: Path) -> Path:
    """A rules root: 'alpha' holds 3 sheets (eau 1 rule, jardins 3, vide none) and 4 figure rules; 'beta'
    1 sheet (jardins again, 2 rules). Written beta first: folders are read in name order, not in the
    order made; alpha's files a, b, c in name order too."""
    root = tmp_path / "rules"
    files = {
        "beta": {"j.toml": _sheet_head("jardins", "pilier = 2\n") + _figure_rule("ruches")
                 + _figure_rule("mares", 'block = "key"\n')},
        "alpha": {
            "b.toml": _sheet_head("jardins", "pilier = 1\n") + _figure_rule("arbres") + _figure_rule("haies")
            + _figure_rule("mares", 'block = "perspectives"\n'),
            "a.toml": _sheet_head("eau") + _figure_rule("litres"),
            "c.toml": _sheet_head("vide", "pilier = 3\n"),
        },
    }  # fmt: skip
    for family, sheets in files.items():
        folder = root / family
        folder.mkdir(parents=True)
        (folder / "_family.toml").write_text(
            f'[family]\nid = "{family}"\nname = "{family}"\nmatch = \'{family}\'\n', encoding="utf-8"
        )
        for name, text in sheets.items():
            (folder / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("folder", "counts"),
    [
        ("", "2 families, 4 sheets, 6 figure rules"),  # 3 + 1 sheets (one without rules), 4 + 2 rules
        ("alpha", "1 families, 3 sheets, 4 figure rules"),  # a family folder given as it is
        ("beta", "1 families, 1 sheets, 2 figure rules"),
    ],
)
def test_rules_check_counts_families_sheets_and_figure_rules(
    tmp_path: Path, folder: str, counts: str
) -> None:
    """The sheets of every family are added up, not the families counted again; the same for rules."""
    root = two_families(tmp_path) / folder if folder else two_families(tmp_path)
    run = rdd("rules", "check", root)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", f"rules ok: {counts} in {root}\n")


def test_rules_check_of_a_family_without_sheets_counts_none(tmp_path: Path) -> None:
    """One family, no sheet file: '0 sheets', not the one family."""
    folder = tmp_path / "vide"
    folder.mkdir()
    (folder / "_family.toml").write_text(
        '[family]\nid = "vide"\nname = "Vide"\nmatch = \'vide\'\n', encoding="utf-8"
    )
    run = rdd("rules", "check", folder)
    assert (run.returncode, run.stderr) == (
        0,
        f"rules ok: 1 families, 0 sheets, 0 figure rules in {folder}\n",
    )


LIST_HEADER = "family,sheet_id,pilier,indicator,label,unit,kind,block"
ALPHA_JARDINS = [
    "alpha,jardins,1,arbres,arbres,count,actual,any",
    "alpha,jardins,1,haies,haies,count,actual,any",
    "alpha,jardins,1,mares,mares,count,actual,perspectives",
]
BETA_JARDINS = [
    "beta,jardins,2,ruches,ruches,count,actual,any",
    "beta,jardins,2,mares,mares,count,actual,key",
]


def test_rules_list_gives_one_row_per_figure_rule_of_every_family(tmp_path: Path) -> None:
    """Families in name order, their sheets in file name order, the rules in file order; the sheet
    without rules gives no row; 'eau' has no pilier: an empty cell."""
    run = rdd("rules", "list", two_families(tmp_path), "--format", "csv")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        LIST_HEADER,
        "alpha,eau,,litres,litres,count,actual,any",
        *ALPHA_JARDINS,
        *BETA_JARDINS,
    ]


def test_rules_list_of_one_sheet_id_takes_it_from_every_family(tmp_path: Path) -> None:
    """--sheet jardins: alpha's three rules and beta's two; --sheet eau: alpha's one, pilier null in JSON."""
    root = two_families(tmp_path)
    jardins = rdd("rules", "list", root, "--format", "csv", "--sheet", "jardins")
    assert jardins.stdout.splitlines() == [LIST_HEADER, *ALPHA_JARDINS, *BETA_JARDINS]
    eau = rdd("rules", "list", root, "--format", "json", "--sheet", "eau")
    assert json.loads(eau.stdout) == [
        {"family": "alpha", "sheet_id": "eau", "pilier": None, "indicator": "litres", "label": "litres",
         "unit": "count", "kind": "actual", "block": "any"}
    ]  # fmt: skip
    missing = rdd("rules", "list", root, "--sheet", "compost")
    assert (missing.returncode, missing.stdout, missing.stderr) == (
        2, "", f"rdd: error: no sheet 'compost' in {root}\n"
    )  # fmt: skip
    # 'vide' is a sheet that only names its pages: it exists, it has no rule to list
    empty = rdd("rules", "list", root, "--format", "csv", "--sheet", "vide")
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, LIST_HEADER + "\n", "")


# --- --strict on one report: exit 1 on a rule that missed or a sheet not found, counting those only --------


def _strict_run(tmp_path: Path, report: str, *args: str) -> subprocess.CompletedProcess[str]:
    family = coverage_family(tmp_path)
    source = write_input(tmp_path, "cov-2022.txt", report.encode())
    return rdd("extract", source, "-o", tmp_path / "out", "--rules", family, "-q", *args)


def test_strict_on_one_report_counts_the_rules_that_missed_not_those_that_matched(tmp_path: Path) -> None:
    """COVERAGE_REPORT: 3 rules matched, 'ruches' missed: --strict says 1 (not 3) and exits 1; without
    --strict the same run exits 0."""
    failed = _strict_run(tmp_path, COVERAGE_REPORT, "--strict")
    assert (failed.returncode, failed.stderr) == (
        1,
        "--strict: 1 rules matched nothing, 0 sheets not found\n",
    )
    assert (tmp_path / "out" / "figures.parquet").is_file()  # the tables are written all the same
    relaxed = _strict_run(tmp_path, COVERAGE_REPORT)
    assert (relaxed.returncode, relaxed.stderr) == (0, "")


def test_strict_on_one_report_passes_when_every_rule_matched(tmp_path: Path) -> None:
    """'9 ruches' added: 4 matched, 0 missed, every sheet found: --strict exits 0 and says nothing."""
    report = COVERAGE_REPORT.replace("3 mares creusées.", "3 mares creusées, 9 ruches.")
    run = _strict_run(tmp_path, report, "--strict")
    assert (run.returncode, run.stderr) == (0, "")


def test_strict_on_one_report_fails_on_a_sheet_not_found(tmp_path: Path) -> None:
    """Every rule matched but the sheet 'absente' is not in the report: 0 missed, 1 sheet not found."""
    report, _ = _family_with_a_sheet_not_found(tmp_path)
    run = _strict_run(tmp_path, report, "--strict")
    assert (run.returncode, run.stderr) == (1, "--strict: 0 rules matched nothing, 1 sheets not found\n")


# --- rules init's review lines: at most 8 items listed, then how many more --------------------------------

_TWINS_HEAD = (
    "Communauté urbaine de Valmont\nbilan annuel 2022\n\fAXE 1\nUn territoire durable\n"
    "\f1.1 Les jardins partagés\n\n"
)
_TWIN = "Les communes rurales du territoire ont reçu 12 dossiers de particuliers validés. "


def _review_line(tmp_path: Path, twins: int) -> str:
    """`rdd rules init` on one sheet of `twins` identical sentences: the first is occurrence 1, each
    other one a pattern found more than once, listed for review."""
    report = tmp_path / f"rapport-{twins}.txt"
    report.write_text(_TWINS_HEAD + _TWIN * twins + "\n", encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / f"draft-{twins}")
    assert run.returncode == 0, run.stderr
    (line,) = [line for line in run.stderr.splitlines() if line.startswith("review: ")]
    return line


def _occurrences(first: int, last: int) -> str:
    return ", ".join(
        f"jardins-partages/dossiers-particuliers-valides-{n} (occurrence {n})" for n in range(first, last + 1)
    )


def test_rules_init_review_lists_eight_items_in_full(tmp_path: Path) -> None:
    """Nine sentences: occurrences 2 to 9, eight patterns, all listed, no 'and ... more'."""
    assert _review_line(tmp_path, 9) == (
        "review: 8 patterns found more than once on its sheet, an occurrence chosen: " + _occurrences(2, 9)
    )


def test_rules_init_review_lists_eight_items_then_counts_the_rest(tmp_path: Path) -> None:
    """Eleven sentences: ten patterns (occurrences 2 to 11), the first eight listed, 'and 2 more'."""
    assert _review_line(tmp_path, 11) == (
        "review: 10 patterns found more than once on its sheet, an occurrence chosen: "
        + _occurrences(2, 9)
        + " and 2 more"
    )


# --- --explain SHEET/INDICATOR: one rule of the sheet, or one error line -----------------------------


def _explain_run(tmp_path: Path, target: str) -> subprocess.CompletedProcess[str]:
    """`rdd extract` of COVERAGE_REPORT with the tiny family and `--explain TARGET`, in a fresh folder."""
    family = coverage_family(tmp_path)
    source = write_input(tmp_path, "cov-2022.txt", COVERAGE_REPORT.encode())
    outdir = tmp_path / ("out-" + target.replace("/", "_"))
    return rdd("extract", source, "-o", outdir, "--rules", family, "--explain", target)


@pytest.mark.parametrize(
    ("indicator", "line"),
    [
        # each of the three rules of 'jardins' alone (line: where its [[figure]] opens in jardins.toml)
        ("arbres", "  arbres [count, actual, line 8] matched on page 2: '12 arbres'"),
        ("mares", "  mares [count, actual, line 15] matched on page 2: '3 mares'"),
        ("ruches", "  ruches [count, actual, line 22] MISSED  pattern: {int:value} ruches"),
    ],
)
def test_explain_sheet_slash_indicator_shows_that_rule_only(
    tmp_path: Path, indicator: str, line: str
) -> None:
    result = _explain_run(tmp_path, f"jardins/{indicator}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["jardins: Les jardins partagés (pages 2-2)", line]


def test_explain_with_an_empty_indicator_shows_the_whole_sheet(tmp_path: Path) -> None:
    """'compost/' names no rule: every rule of the sheet, then its figures left to the detector."""
    result = _explain_run(tmp_path, "compost/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "compost: Le compostage collectif (pages 3-4)",
        "  composteurs [count, actual, line 8] matched on page 3: '40 composteurs'",
        "  (auto) page 3: '250' count actual - foyers",
        "  (auto) page 4: '7' count actual - bacs livrés",
    ]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("jardins/nope", "no rule 'nope' on sheet 'jardins'"),
        ("jardins/ruche", "no rule 'ruche' on sheet 'jardins' (did you mean 'ruches'?)"),
        # 'arbres' is a rule of 'jardins', not of 'compost'
        ("compost/arbres", "no rule 'arbres' on sheet 'compost'"),
        # an unknown sheet is told first, whatever the indicator
        ("nope/arbres", "no sheet 'nope' in this report (see sheets.parquet for the ids)"),
        ("nope", "no sheet 'nope' in this report (see sheets.parquet for the ids)"),
    ],
)
def test_explain_of_an_unknown_rule_or_sheet_is_one_error_line(
    tmp_path: Path, target: str, message: str
) -> None:
    """A bad input: exit 2, one line on stderr, nothing on stdout and no tables written."""
    result = _explain_run(tmp_path, target)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"rdd: error: {message}\n")
    assert not (tmp_path / ("out-" + target.replace("/", "_"))).exists()


@pytest.mark.parametrize(
    ("args", "usage", "commands"),
    [
        ((), "Usage: rdd [OPTIONS] COMMAND [ARGS]...", ["extract", "show", "diff", "review", "rules"]),
        (("rules",), "Usage: rdd rules [OPTIONS] COMMAND [ARGS]...", ["check", "list", "init"]),
    ],
)
def test_a_group_alone_prints_its_whole_help_not_an_error_line(
    args: tuple[str, ...], usage: str, commands: list[str]
) -> None:
    run = rdd(*args)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.startswith(usage + "\n")
    assert "rdd: error" not in run.stderr
    listed = run.stderr.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed if line.strip()] == commands


# --- rules init on a report with no figure on a sheet: refused, nothing written ---------------------------

_NO_FIGURE_SENTENCE = "Les communes rurales du territoire ont reçu des dossiers de particuliers validés.\n"


@pytest.mark.parametrize(
    "text",
    [
        _TWINS_HEAD + _NO_FIGURE_SENTENCE,  # a sheet, but no figure on it
        "Quelques mots sans chiffre.\n",  # no sheet at all
    ],
    ids=["sheet-without-figure", "no-sheet"],
)
def test_rules_init_refuses_a_report_with_no_sheet_with_figures(tmp_path: Path, text: str) -> None:
    """Nothing to draft is a user error (exit 2, one line), not a folder holding only _family.toml."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(text, encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"rdd: error: {report}: no sheet with figures was found, nothing to draft\n"
    assert not (tmp_path / "draft").exists()


def test_rules_init_drafts_a_report_with_one_figure_on_one_sheet(tmp_path: Path) -> None:
    """The other side: one figure on one sheet is enough; the folder holds the family and that sheet."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(_TWINS_HEAD + _TWIN + "\n", encoding="utf-8")
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert (run.returncode, run.stdout) == (0, "")
    assert run.stderr == (
        f"drafted {tmp_path / 'draft'}: family 'valmont' (match 'Valmont'), 1 sheet, 1 figure rule; "
        "on rapport-2022.txt, 1 of 1 figure now comes from named rules\n"
    )
    assert sorted(path.name for path in (tmp_path / "draft").iterdir()) == [
        "_family.toml",
        "jardins-partages.toml",
    ]


def test_rules_init_leaves_out_a_sheet_without_figures(tmp_path: Path) -> None:
    """Two sheets, a figure on the second only: one sheet file, the empty sheet has none."""
    report = tmp_path / "rapport-2022.txt"
    report.write_text(
        _TWINS_HEAD
        + _NO_FIGURE_SENTENCE
        + "\f1.2 Les ruchers urbains\n\nEnfin 45 ruches installées sur six toits.\n",
        encoding="utf-8",
    )
    run = rdd("rules", "init", report, "-o", tmp_path / "draft")
    assert run.returncode == 0, run.stderr
    assert ", 1 sheet, 1 figure rule;" in run.stderr
    assert sorted(path.name for path in (tmp_path / "draft").iterdir()) == [
        "_family.toml",
        "ruchers-urbains.toml",
    ]
