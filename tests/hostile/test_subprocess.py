"""A representative subset in real processes: the outcome from a cold start, peak memory measured.

In-process runs cannot see memory or start-up; these can. Each child maps at most
``ADDRESS_SPACE_LIMIT`` and must peak below ``PEAK_MEMORY_LIMIT``. How long a child takes is not
asserted (a loaded machine would fail it at random); one that hangs meets the per-test timeout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cases import Case, all_cases
from runner import PEAK_MEMORY_LIMIT, assert_outcome, materialise, run_in_child

CASES = [case for case in all_cases() if case.subprocess]


def test_the_subset_covers_the_worst_inputs() -> None:
    ids = {case.id for case in CASES}
    assert len(CASES) >= 10
    assert {
        "problem-file-file-100mb",
        "problem-file-alias-bomb",
        "problem-expression-nested-10k",
        "answer-file-notebook-100mb",
    } <= ids


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_in_a_child_process(case: Case, tmp_path: Path) -> None:
    arguments = materialise(case, tmp_path)
    outcome = run_in_child(arguments, tmp_path)
    assert_outcome(case, outcome, tmp_path)
    assert outcome.peak_bytes is not None
    assert outcome.peak_bytes < PEAK_MEMORY_LIMIT, f"peak memory {outcome.peak_bytes:,} bytes"
