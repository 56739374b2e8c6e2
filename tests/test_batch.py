"""`rdd extract` on several reports: one folder each, a partitioned dataset, failures isolated."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from rdd_extract.pipeline import BatchJob, run_job

from .conftest import REFERENCE_TEXT, rdd
from .nextyear import next_year_edition


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the 2022 text, its 2023 edition and a file that is no PDF."""
    folder = tmp_path_factory.mktemp("reports")
    shutil.copyfile(REFERENCE_TEXT, folder / "cabbalr-rdd-2022.txt")
    (folder / "cabbalr-rdd-2023.txt").write_text(next_year_edition(REFERENCE_TEXT).text, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"not a pdf at all")
    (folder / "notes.md").write_text("ignored: not a report", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def batch(
    reports: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("batch") / "processed"
    return out, rdd("extract", reports, "-o", out, "--jobs", "2")


def test_one_folder_per_report_and_failures_reported(
    batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, run = batch
    assert run.returncode == 1  # scan.pdf failed, the others went on
    assert sorted(path.name for path in out.iterdir()) == ["cabbalr-2022", "cabbalr-2023", "figures"]
    for report in ("cabbalr-2022", "cabbalr-2023"):
        assert sorted(path.name for path in (out / report).iterdir()) == [
            "figures.parquet",
            "pages.parquet",
            "sheets.parquet",
        ]
    assert "scan.pdf is not a PDF (it has no %PDF header)" in run.stderr
    assert "2 of 3 reports extracted into" in run.stderr
    assert "Traceback" not in run.stderr


def test_partitioned_dataset_reads_as_one_table(batch: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = batch
    files = sorted(str(path.relative_to(out)) for path in (out / "figures").rglob("*.parquet"))
    assert files == ["figures/year=2022/cabbalr-2022.parquet", "figures/year=2023/cabbalr-2023.parquet"]
    rows = {
        year: pq.read_metadata(out / f"cabbalr-{year}" / "figures.parquet").num_rows for year in (2022, 2023)
    }
    assert rows[2022] == 505  # the bundled report's 497 rule figures and 8 of the generic detector
    table = ds.dataset(out / "figures", format="parquet", partitioning="hive").to_table()
    years = table.column("year").to_pylist()
    assert (years.count(2022), years.count(2023)) == (rows[2022], rows[2023])
    frame = pd.read_parquet(out / "figures")
    assert len(frame) == rows[2022] + rows[2023]
    assert sorted(frame["year"].astype(int).unique()) == [2022, 2023]
    dossiers = frame[frame.indicator == "dossiers_valides"]
    assert dict(zip(dossiers["year"].astype(int), dossiers["value"], strict=True)) == {
        2022: 154.0,
        2023: 161.0,
    }


def test_batch_tables_equal_single_runs(
    batch: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    out, _ = batch
    single = tmp_path / "single"
    assert rdd("extract", REFERENCE_TEXT, "-o", single, "-q").returncode == 0
    for name in ("figures.parquet", "pages.parquet", "sheets.parquet"):
        assert (out / "cabbalr-2022" / name).read_bytes() == (single / name).read_bytes()


def test_jobs_one_and_two_give_the_same_files(reports: Path, tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    for name in ("cabbalr-rdd-2022.txt", "cabbalr-rdd-2023.txt"):
        shutil.copyfile(reports / name, good / name)
    one, two = tmp_path / "one", tmp_path / "two"
    assert rdd("extract", good, "-o", one, "--jobs", "1", "-q").returncode == 0
    assert (
        rdd(
            "extract", good / "cabbalr-rdd-2022.txt", good / "cabbalr-rdd-2023.txt", "-o", two, "-j", "2"
        ).returncode
        == 0
    )
    files = sorted(path.relative_to(one) for path in one.rglob("*.parquet"))
    assert files == sorted(path.relative_to(two) for path in two.rglob("*.parquet"))
    assert len(files) == 8
    assert all((one / path).read_bytes() == (two / path).read_bytes() for path in files)


def test_the_same_report_twice_is_an_error_naming_both_files(tmp_path: Path) -> None:
    copy = tmp_path / "copie-rdd-2022.txt"
    shutil.copyfile(REFERENCE_TEXT, copy)
    out = tmp_path / "out"
    run = rdd("extract", REFERENCE_TEXT, copy, "-o", out, "-j", "1", "-q")
    assert run.returncode == 2
    assert run.stderr == f"rdd: error: {REFERENCE_TEXT} and {copy} are the same report: give it once\n"
    assert not out.exists()


def test_two_reports_of_the_same_id_get_two_folders(tmp_path: Path) -> None:
    edited = tmp_path / "copie-rdd-2022.txt"
    edited.write_text(REFERENCE_TEXT.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # another file
    out = tmp_path / "out"
    run = rdd("extract", REFERENCE_TEXT, edited, "-o", out, "-j", "1", "-q")
    assert run.returncode == 0, run.stderr
    assert sorted(path.name for path in out.iterdir()) == [
        "cabbalr-2022",
        "cabbalr-2022-copie-rdd-2022",
        "figures",
    ]
    partition = sorted(path.name for path in (out / "figures" / "year=2022").iterdir())
    assert partition == ["cabbalr-2022-copie-rdd-2022.parquet", "cabbalr-2022.parquet"]
    assert pq.read_table(out / "figures" / "year=2022" / "cabbalr-2022.parquet").schema.names[:2] == [
        "report",
        "pilier",
    ]  # the year is the partition's


def test_a_report_named_figures_leaves_the_dataset_folder_alone(tmp_path: Path) -> None:
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "figures.txt").write_text("Bilan : 40 arbres plantés.\n", encoding="utf-8")  # id 'figures'
    (reports / "notes.txt").write_text("Bilan 2022 : 7 ruches installées.\n", encoding="utf-8")
    out = tmp_path / "out"
    run = rdd("extract", reports, "-o", out, "-j", "1")
    assert run.returncode == 0, run.stderr
    assert sorted(path.name for path in out.iterdir()) == ["figures", "figures-figures", "notes-2022"]
    assert sorted(path.name for path in (out / "figures").iterdir()) == ["year=2022"]  # no year=0
    assert "(year unknown: left out of the dataset)" in " ".join(run.stderr.split())
    dataset = pd.read_parquet(out / "figures")
    assert sorted(zip(dataset["report"], dataset["value"], strict=True)) == [("notes-2022", 7.0)]


def test_strict_batch_fails_on_a_rule_sheet_not_found(tmp_path: Path) -> None:
    family = tmp_path / "rules" / "test"
    family.mkdir(parents=True)
    (family / "_family.toml").write_text(
        '[family]\nid = "test"\nname = "Test"\nmatch = \'B[ée]thune\'\n', encoding="utf-8"
    )
    (family / "absente.toml").write_text(
        '[sheet]\nid = "absente"\ntitle = "Une fiche absente"\npilier = 1\nmatch = \'fiche absente\'\n\n'
        '[[figure]]\nid = "arbres"\nlabel = "Arbres"\npattern = \'{int:value} arbres\'\n'
        'unit = "count"\nkind = "actual"\n',
        encoding="utf-8",
    )
    small = tmp_path / "petit-2022.txt"
    small.write_text("Communauté d'agglomération de Béthune-Bruay\nEn 2022, 12 arbres plantés.\n", "utf-8")
    args = ("--rules", family, "--strict", "-q")
    single = rdd("extract", small, "-o", tmp_path / "one", *args)
    other = tmp_path / "autre-2022.txt"
    other.write_text(small.read_text(encoding="utf-8") + "En 2022, 3 mares.\n", "utf-8")
    batch = rdd("extract", small, other, "-o", tmp_path / "two", "-j", "1", *args)
    assert (single.returncode, batch.returncode) == (1, 1)
    assert single.stderr.strip() == "--strict: 0 rules matched nothing, 1 sheets not found"
    assert batch.stderr.strip() == "--strict: 0 rules matched nothing, 2 sheets not found"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--explain", "fonds-transition-energetique"],
            "--explain goes with one report, not several nor --dataset",
        ),
        (["--report-id", "x"], "--report-id goes with one report, not several nor --dataset"),
    ],
)
def test_single_report_options_are_refused(
    reports: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    run = rdd("extract", reports, "-o", tmp_path / "out", *args)
    assert run.returncode == 2
    assert run.stderr.strip() == f"rdd: error: {message}"
    assert not (tmp_path / "out").exists()


def test_folder_without_reports(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("rien", encoding="utf-8")
    run = rdd("extract", empty, "-o", tmp_path / "out")
    assert run.returncode == 2
    assert run.stderr.strip() == f"rdd: error: {empty} holds no report (no .pdf or .txt file)"
    assert not (tmp_path / "out").exists()


# --- the rules column and --strict of a batch, on a tiny family (rules matched, missed) ------------------

TINY_FAMILY = {
    "_family.toml": '[family]\nid = "tiny"\nname = "Tiny"\nmatch = \'B[ée]thune\'\n',
    "jardins.toml": '[sheet]\nid = "jardins"\ntitle = "Les jardins partagés"\npilier = 1\n'
    "match = 'jardins partag[ée]s'\n"
    + "".join(
        f'\n[[figure]]\nid = "{word}"\nlabel = "{word}"\npattern = \'{{int:value}} {word}\'\n'
        'unit = "count"\nkind = "actual"\n'
        for word in ("arbres", "mares", "ruches")
    ),
}
# Two pages (a cover, then the sheet); 'arbres' and 'mares' are found, 'ruches' is not: 2 of 3 rules.
TINY_REPORT = (
    "Communauté d'agglomération de Béthune-Bruay\n\fLes jardins partagés\n\n"
    "En 2022, 12 arbres plantés et 3 mares creusées.\n"
)


def tiny_family(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in TINY_FAMILY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The tiny family; a report where 2 of its 3 rules match; another where all 3 do."""
    family = tiny_family(tmp_path / "rules" / "tiny")
    partial = tmp_path / "partiel-2022.txt"
    partial.write_text(TINY_REPORT, encoding="utf-8")
    full = tmp_path / "complet-2022.txt"
    full.write_text(TINY_REPORT + "Et 9 ruches installées.\n", encoding="utf-8")
    return family, partial, full


def summary_rows(stderr: str) -> list[list[str]]:
    """The batch summary table's rows, split on runs of spaces, without the seconds column (timing)."""
    lines = stderr.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("report "))
    rows = []
    for line in lines[start : start + 3]:
        cells = line.split()
        rows.append(cells[:5] + cells[6:])
    return rows


def test_batch_rules_column_is_matched_over_all_rules(tiny: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """2 of 3 rules matched on one report, 3 of 3 on the other: '2/3' and '3/3', not matched/missed
    ('2/1', '3/0') nor missed/all ('1/3', '0/3')."""
    family, partial, full = tiny
    out = tmp_path / "out"
    run = rdd("extract", partial, full, "-o", out, "--rules", family, "-j", "1")
    assert run.returncode == 0, run.stderr
    assert summary_rows(run.stderr) == [
        ["report", "id", "pages", "figures", "rules", "result"],
        ["partiel-2022.txt", "tiny-2022", "2", "2", "2/3", f"{out / 'tiny-2022'}/"],
        ["complet-2022.txt", "tiny-2022", "2", "3", "3/3", f"{out / 'tiny-2022-complet-2022'}/"],
    ]
    assert run.stderr.splitlines()[-1] == (
        f"2 of 2 reports extracted into {out}/; all figures by year in {out / 'figures'}/"
    )


def test_strict_batch_counts_the_rules_that_missed(tiny: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """One rule ('ruches') missed on one report: --strict says 1, not the 5 that matched; without a miss
    --strict passes."""
    family, partial, full = tiny
    failed = rdd("extract", partial, full, "-o", tmp_path / "one", "--rules", family, "-j", "1", "--strict")
    assert failed.returncode == 1
    assert failed.stderr.splitlines()[-1] == "--strict: 1 rules matched nothing, 0 sheets not found"
    assert (tmp_path / "one" / "tiny-2022" / "figures.parquet").is_file()  # written before the verdict
    passed = rdd("extract", full, "-o", tmp_path / "two", "--rules", family, "--dataset", "--strict", "-q")
    assert (passed.returncode, passed.stderr) == (0, "")


def test_run_job_counts_rules_matched_and_missed(tiny: tuple[Path, Path, Path], tmp_path: Path) -> None:
    family, partial, full = tiny
    outcome = run_job(BatchJob(partial, None, family))
    assert outcome.error is None
    assert (outcome.report, outcome.year, outcome.pages, outcome.figures) == ("tiny-2022", 2022, 2, 2)
    assert (outcome.rules_matched, outcome.rules_missed, outcome.sheets_unbound) == (2, 1, 0)
    complete = run_job(BatchJob(full, None, family))
    assert (complete.rules_matched, complete.rules_missed, complete.figures) == (3, 0, 3)
    (family / "absente.toml").write_text(
        '[sheet]\nid = "absente"\ntitle = "Une fiche absente"\npilier = 1\nmatch = \'fiche absente\'\n\n'
        '[[figure]]\nid = "bancs"\nlabel = "Bancs"\npattern = \'{int:value} bancs\'\n'
        'unit = "count"\nkind = "actual"\n',
        encoding="utf-8",
    )
    unbound = run_job(BatchJob(partial, None, family))
    # the rule of a sheet not found is not run: neither matched nor missed
    assert (unbound.rules_matched, unbound.rules_missed, unbound.sheets_unbound) == (2, 1, 1)


def test_run_job_turns_a_bad_report_into_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"not a pdf at all")
    outcome = run_job(BatchJob(bad, None, None))
    assert outcome.error == f"{bad} is not a PDF (it has no %PDF header)"
    assert (outcome.tables, outcome.rules_matched, outcome.rules_missed, outcome.report) == (None, 0, 0, "")


# Four pages and two sheets (the cover, then 'jardins' running over pages 2-4): the pages column counts
# pages, the figures column every figure (3 rule figures and '4 bancs' of the generic detector).
LONG_REPORT = TINY_REPORT + "\fSuite des jardins : 4 bancs posés.\n\fEt 9 ruches installées.\n"


def test_run_job_counts_the_pages_not_the_sheets(tiny: tuple[Path, Path, Path], tmp_path: Path) -> None:
    family, _, _ = tiny
    long = tmp_path / "long-2022.txt"
    long.write_text(LONG_REPORT, encoding="utf-8")
    outcome = run_job(BatchJob(long, None, family))
    assert outcome.error is None
    assert (outcome.report, outcome.year, outcome.pages, outcome.figures) == ("tiny-2022", 2022, 4, 4)
    assert (outcome.rules_matched, outcome.rules_missed, outcome.sheets_unbound) == (3, 0, 0)


def test_batch_pages_column_counts_every_page(tiny: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """The two-page report beside the four-page one: 2 and 4 pages, though both have two sheets."""
    family, partial, _ = tiny
    long = tmp_path / "long-2022.txt"
    long.write_text(LONG_REPORT, encoding="utf-8")
    out = tmp_path / "out"
    run = rdd("extract", partial, long, "-o", out, "--rules", family, "-j", "1")
    assert run.returncode == 0, run.stderr
    assert summary_rows(run.stderr) == [
        ["report", "id", "pages", "figures", "rules", "result"],
        ["partiel-2022.txt", "tiny-2022", "2", "2", "2/3", f"{out / 'tiny-2022'}/"],
        ["long-2022.txt", "tiny-2022", "4", "4", "3/3", f"{out / 'tiny-2022-long-2022'}/"],
    ]
