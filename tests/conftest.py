"""Shared test set-up: the tests folder is importable (for strategies.py and golden.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` (see golden.py); options must be registered at the tests' root."""
    import golden

    golden.add_option(parser)
