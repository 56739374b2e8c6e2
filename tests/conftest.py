"""Shared fixtures: the bundled reference report and the pipeline run on it once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from rdd_extract.pipeline import Extraction, extract_report

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TEXT = ROOT / "data" / "raw" / "cabbalr-rdd-2022.txt"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference_extraction() -> Extraction:
    """The whole pipeline on the bundled 2022 report text (no form feeds: pages inferred)."""
    return extract_report(REFERENCE_TEXT)
