"""Shared test set-up: the tests folder is importable (for strategies.py and golden.py)."""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` (see golden.py); options must be registered at the tests' root."""
    import golden

    golden.add_option(parser)


def pytest_configure(config: pytest.Config) -> None:
    """Compile symderive to bytecode once, before any worker starts: the workers and the many
    ``python -m symderive`` children the tests start then load it instead of compiling every
    module again (with PYTHONDONTWRITEBYTECODE set, as on CI, nothing else would write it)."""
    if not hasattr(config, "workerinput"):  # the main process, before xdist starts workers
        compileall.compile_dir(TESTS.parent / "symderive", quiet=1)
