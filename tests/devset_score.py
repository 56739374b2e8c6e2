"""Scoring of the development sets (tests/devset/README.md): shared by `test_devset.py` and
`python -m tests.devset_score`, which prints every miss for a person to read.

A gold figure is found when an extracted figure of its passage has the same value (relative
tolerance 1e-6); matching is one-to-one and prefers the same unit and kind, as in the
reference report's scorer.
"""

from __future__ import annotations

import csv
import math
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdd_extract.figures import Figure
from rdd_extract.pipeline import extract_report

DEVSET = Path(__file__).resolve().parent / "devset"
# passages/: the development set; holdout/: a second set written later by another hand, from
# organisations the first does not hold, first scored without any change made for it
SETS = (DEVSET / "passages", DEVSET / "holdout")


@dataclass(frozen=True)
class Gold:
    value: float
    unit: str
    raw: str
    kind: str
    required: bool
    label: str


@dataclass(frozen=True)
class Score:
    required: int
    found: int
    extracted: int
    matched: int
    unit_ok: int
    kind_ok: int
    misses: tuple[str, ...]  # one line per missed gold figure, extra row, wrong unit or kind

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_ok / self.matched if self.matched else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.matched if self.matched else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.required + other.required,
            self.found + other.found,
            self.extracted + other.extracted,
            self.matched + other.matched,
            self.unit_ok + other.unit_ok,
            self.kind_ok + other.kind_ok,
            self.misses + other.misses,
        )


def passages(folder: Path = SETS[0]) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def read_gold(passage: Path) -> list[Gold]:
    with passage.with_suffix(".csv").open(encoding="utf-8", newline="") as handle:
        return [
            Gold(
                float(row["value"]),
                row["unit"],
                row["raw"],
                row["kind"],
                row["required"] == "yes",
                row["label"],
            )
            for row in csv.DictReader(handle)
        ]


def page_text(passage: Path) -> str:
    """The page as printed: the passage without its first line, which names its source."""
    return passage.read_text(encoding="utf-8").split("\n", 1)[1]


def extract_passage(passage: Path) -> tuple[Figure, ...]:
    """The generic detector alone on one passage: an empty rules folder, so no family applies."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / f"{passage.stem}.txt"
        report.write_text(page_text(passage), encoding="utf-8")
        rules = Path(folder) / "rules"
        rules.mkdir()
        return extract_report(report, rules=rules).figures


def score_passage(passage: Path) -> Score:
    gold = read_gold(passage)
    figures = extract_passage(passage)
    pairs = _match(gold, figures)
    required = [i for i, g in enumerate(gold) if g.required]
    found = [i for i in required if i in pairs]
    misses = [f"{passage.stem}: missed {gold[i].raw!r} {gold[i].unit}" for i in required if i not in pairs]
    taken = set(pairs.values())
    misses += [
        f"{passage.stem}: extra {f.raw!r} {f.value:g} {f.unit} | {f.context[:90]}"
        for j, f in enumerate(figures)
        if j not in taken
    ]
    for i, j in pairs.items():
        if (figures[j].unit, figures[j].kind) != (gold[i].unit, gold[i].kind):
            misses.append(
                f"{passage.stem}: {gold[i].raw!r} gold {gold[i].unit}/{gold[i].kind} "
                f"got {figures[j].unit}/{figures[j].kind} | {figures[j].context[:90]}"
            )
    return Score(
        required=len(required),
        found=len(found),
        extracted=len(figures),
        matched=len(pairs),
        unit_ok=sum(figures[j].unit == gold[i].unit for i, j in pairs.items()),
        kind_ok=sum(figures[j].kind == gold[i].kind for i, j in pairs.items()),
        misses=tuple(misses),
    )


def _match(gold: list[Gold], figures: tuple[Figure, ...]) -> dict[int, int]:
    """{gold index: figure index}, one-to-one, the closest candidates first."""
    candidates = sorted(
        (-(2 * (f.unit == g.unit) + (f.kind == g.kind) + 0.5 * (f.raw == g.raw)), not g.required, i, j)
        for i, g in enumerate(gold)
        for j, f in enumerate(figures)
        if math.isclose(f.value, g.value, rel_tol=1e-6, abs_tol=1e-9)
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in candidates:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


@dataclass(frozen=True)
class NumberCase:
    text: str
    value: float | None  # None: the sentence holds no figure
    unit: str
    note: str


def number_cases(path: Path = DEVSET / "numbers.csv") -> Iterator[NumberCase]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            value = float(row["value"]) if row["value"] else None
            yield NumberCase(row["text"], value, row["unit"], row["note"])


def score_set(folder: Path) -> Score:
    total = Score(0, 0, 0, 0, 0, 0, ())
    for passage in passages(folder):
        total += score_passage(passage)
    return total


def main() -> None:
    for folder in SETS:
        total = score_set(folder)
        print("\n".join(total.misses))
        print(
            f"{folder.name}: passages={len(passages(folder))} required={total.required} "
            f"extracted={total.extracted} recall={total.recall:.3f} precision={total.precision:.3f} "
            f"unit_acc={total.unit_accuracy:.3f} kind_acc={total.kind_accuracy:.3f}"
        )


if __name__ == "__main__":
    main()
