"""Golden files: rendered output compared exactly with ``tests/golden/``.

A mismatch fails with a unified diff. Files are rewritten only on purpose, with
``python -m pytest tests/render --update-golden``; review the diff before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
OPTION = "--update-golden"


def add_option(parser: pytest.Parser) -> None:
    """Register ``--update-golden`` (called from the root conftest's ``pytest_addoption``)."""
    parser.addoption(
        OPTION,
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/golden/ from the current output",
    )


def check_golden(config: pytest.Config, name: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/<name>``, or rewrite it under ``--update-golden``."""
    path = GOLDEN / name
    if config.getoption(OPTION):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    if not path.exists():
        pytest.fail(
            f"no golden file {path}; create it with: python -m pytest tests/render {OPTION}"
        )
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile="rendered",
            )
        )
        pytest.fail(
            f"rendered output differs from golden/{name} "
            f"(if the change is intended: python -m pytest tests/render {OPTION}):\n{diff}",
            pytrace=False,
        )
