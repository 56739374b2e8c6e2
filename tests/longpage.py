"""One long page of figures, shared by the robustness test and `make bench` item (h).

Catches work per figure that grows with the page (a page once took 26 s): the test checks
every figure is found, the bench times it.
"""

from __future__ import annotations

LINES = 3000


def long_page(lines: int = LINES) -> str:
    """`lines` sentences of three figures each, on one page (no form feed, no page furniture)."""
    return "\n".join(
        f"La commune a planté {i} arbres et rénové {i % 97} logements, soit {i % 13} % du parc."
        for i in range(lines)
    )
