"""The fuzz suite imports its helpers (profiles.py, vocabulary.py) from this folder.

Under ``HYPOTHESIS_PROFILE=fuzz`` each test runs ``FUZZ_FACTOR`` times as many examples, so its
per-test timeout (a hang detector, pyproject.toml) grows by the same factor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FOLDER = Path(__file__).parent
sys.path.insert(0, str(FOLDER))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from profiles import FUZZ_FACTOR, PROFILE

    if PROFILE != "fuzz":
        return
    timeout = float(config.getini("timeout")) * FUZZ_FACTOR
    for item in items:
        if FOLDER in item.path.parents:
            item.add_marker(pytest.mark.timeout(timeout))
