"""rdd-extract: figures of a French rapport de développement durable as tidy Parquet tables.

import rdd_extract
result = rdd_extract.extract("rapport-2022.pdf")
result.figures                                  # a pyarrow Table; result.pages, result.sheets
result.write("data/processed/2022")
rdd_extract.diff("data/processed/2021", "data/processed/2022")
rdd_extract.review("data/processed/2022")       # review.html: every figure on its page
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Result", "UserError", "__version__", "diff", "extract", "review"]

if TYPE_CHECKING:
    from rdd_extract.api import Result, diff, extract, review
    from rdd_extract.errors import UserError


def __getattr__(name: str) -> Any:
    """The API, imported when first used: `rdd --help` does not pay for the pipeline's imports."""
    if name in ("Result", "diff", "extract", "review"):
        from rdd_extract import api

        return getattr(api, name)
    if name == "UserError":
        from rdd_extract.errors import UserError

        return UserError
    raise AttributeError(f"module 'rdd_extract' has no attribute {name!r}")
